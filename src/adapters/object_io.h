// An ObjectStore as the Parquet writer's ByteSink and the reader's RandomAccessSource, so a file
// is streamed into, or read in ranges out of, any store backend (local, S3, memory).
//
// ObjectWriterSink: forwards Append to an io::ObjectWriter (which uploads in parts as bytes
// arrive). Completing the object is the owner's business: after the Parquet writer's Finish,
// call writer.Close(); on any error, Abort() it (no object appears).
// ObjectStoreSource: Size() is the object's size from Head at Open; ReadAt is one GetRange,
// checked against that size before the request and against the length of the reply after it
// (an object replaced by a shorter one while being read gives Corruption naming the key).
// Errors: the store's codes (NotFound, Unavailable, ...) with the key in the message.
// Thread-safety: one thread at a time per object; the writer and the store must outlive them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/byte_sink.h"
#include "binlake/io/object_store.h"
#include "binlake/io/random_access_source.h"

namespace binlake::adapters {

class ObjectWriterSink final : public io::ByteSink {
 public:
  explicit ObjectWriterSink(io::ObjectWriter* writer) : writer_(writer) {}
  Status Append(std::string_view bytes) override { return writer_->Append(bytes); }

 private:
  io::ObjectWriter* writer_;
};

class ObjectStoreSource final : public io::RandomAccessSource {
 public:
  // Heads `key` in `store` (which must outlive the source).
  static Result<std::unique_ptr<ObjectStoreSource>> Open(io::ObjectStore* store,
                                                         std::string_view key);

  Result<uint64_t> Size() override { return size_; }
  Result<std::string> ReadAt(uint64_t offset, uint64_t length) override;
  // "<store URI>/<key>".
  std::string Describe() const override;

 private:
  ObjectStoreSource(io::ObjectStore* store, std::string key, uint64_t size)
      : store_(store), key_(std::move(key)), size_(size) {}

  io::ObjectStore* store_;
  std::string key_;
  uint64_t size_;
};

}  // namespace binlake::adapters
