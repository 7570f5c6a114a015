// ByteSink: an append-only destination for the bytes of one file (the Parquet writer's only
// output).
//
// Semantics follow io::ObjectWriter::Append: bytes are appended in order, nothing is ever
// rewritten, and a failed Append leaves the sink unusable (the writer stops and returns that
// error). Completing or abandoning the file (ObjectWriter::Close/Abort) is the owner's business,
// not the sink's, so a writer never publishes a half-written object.
//
// StringSink is the in-memory implementation used by tests and by callers that upload whole
// files; adapters wrap an ObjectWriter or a local file.
//
// Thread-safety: a sink is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "binlake/base/status.h"

namespace binlake::io {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Appends `bytes` after everything appended before.
  virtual Status Append(std::string_view bytes) = 0;
};

// Collects the bytes in a string.
class StringSink final : public ByteSink {
 public:
  Status Append(std::string_view bytes) override {
    data_.append(bytes);
    return Status::Ok();
  }
  const std::string& data() const { return data_; }
  // Moves the collected bytes out and leaves the sink empty.
  std::string Release() { return std::exchange(data_, {}); }

 private:
  std::string data_;
};

}  // namespace binlake::io
