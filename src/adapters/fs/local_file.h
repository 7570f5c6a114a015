// Local files as the Parquet writer's ByteSink and the reader's RandomAccessSource
// (io/byte_sink.h, io/random_access_source.h), for the CLI, benchmarks and tests.
//
// LocalFileSource: reads with pread(2) at any offset. Size() is the size when opened (files
// being read are not expected to change; one that shrinks gives Internal). ReadAt checks the
// range against that size before allocating, so a length decoded from a corrupt file cannot
// make it allocate more than the file holds.
// LocalFileSink: creates or truncates the file and appends with write(2), unbuffered (callers
// append whole pages). Close() flushes to the disk (fsync) and reports close()'s error;
// destroying an unclosed sink closes the file without fsync and leaves what was appended.
// Errors: posix_file.h's ErrnoStatus codes, naming the operation and the path.
// Thread-safety: one thread at a time per object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/fs/posix_file.h"
#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/byte_sink.h"
#include "binlake/io/random_access_source.h"

namespace binlake::adapters {

class LocalFileSource final : public io::RandomAccessSource {
 public:
  // Opens `path` for reading. NotFound, PermissionDenied, ...; FailedPrecondition when it is not
  // a regular file.
  static Result<std::unique_ptr<LocalFileSource>> Open(const std::string& path);

  Result<uint64_t> Size() override { return size_; }
  Result<std::string> ReadAt(uint64_t offset, uint64_t length) override;
  std::string Describe() const override { return path_; }

 private:
  LocalFileSource(std::string path, UniqueFd fd, uint64_t size)
      : path_(std::move(path)), fd_(std::move(fd)), size_(size) {}

  std::string path_;
  UniqueFd fd_;
  uint64_t size_;
};

class LocalFileSink final : public io::ByteSink {
 public:
  // Creates `path` (mode 0644 before umask) or truncates it.
  static Result<std::unique_ptr<LocalFileSink>> Create(const std::string& path);

  Status Append(std::string_view bytes) override;
  // fsync and close; later Appends and Closes return FailedPrecondition.
  Status Close();
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  LocalFileSink(std::string path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}

  std::string path_;
  UniqueFd fd_;
  uint64_t bytes_written_ = 0;
};

}  // namespace binlake::adapters
