// RandomAccessSource: a read-only byte range of known size read at arbitrary offsets (the
// Parquet reader's only input: it reads the footer first, then column chunks).
//
// Contract:
//   Size()             the total size in bytes; constant for the life of the source.
//   ReadAt(off, len)   exactly `len` bytes starting at `off`. InvalidArgument when
//                      off + len > Size() (callers check ranges decoded from a file against
//                      Size() first and report Corruption themselves); an empty string when
//                      len == 0. I/O failures keep their codes (Unavailable, NotFound, ...).
//   Describe()         a name for error messages (a path or object URI; never a secret).
//
// StringSource is the in-memory implementation used by tests; adapters wrap local files and
// ObjectStore::GetRange.
//
// Thread-safety: implementations may be used from one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::io {

class RandomAccessSource {
 public:
  virtual ~RandomAccessSource() = default;
  virtual Result<uint64_t> Size() = 0;
  virtual Result<std::string> ReadAt(uint64_t offset, uint64_t length) = 0;
  virtual std::string Describe() const = 0;
};

// Serves reads from bytes held in memory.
class StringSource final : public RandomAccessSource {
 public:
  explicit StringSource(std::string bytes, std::string name = "memory")
      : bytes_(std::move(bytes)), name_(std::move(name)) {}

  Result<uint64_t> Size() override { return uint64_t{bytes_.size()}; }
  Result<std::string> ReadAt(uint64_t offset, uint64_t length) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      return InvalidArgumentError("read past the end of " + name_);
    }
    return bytes_.substr(offset, length);
  }
  std::string Describe() const override { return name_; }

 private:
  std::string bytes_;
  std::string name_;
};

}  // namespace binlake::io
