// BinlogFileTransport: a BinlogTransport (io/binlog_transport.h) over one binlog file on disk.
//
// Contract:
//   - Reads the file in chunks (kChunkBytes): memory is one chunk plus the largest event, never
//     the whole file, so a 1 GB binlog streams.
//   - Open checks the magic ("\xfe" "bin"): anything else is Corruption "file X: not a binlog
//     file (bad magic)"; a file shorter than the magic is Corruption too.
//   - Framing: each event's event_length (header bytes 9..12) must be >= 13 (the shortest header),
//     <= kMaxEventBytes and fit in the bytes left in the file; otherwise Corruption
//     "file X: truncated event at offset N: ..." (or "bad event length" for the first two). A
//     file that ends inside the 13-byte header is the same truncation error; a file that ends
//     exactly after an event is a clean end of stream.
//   - Start position: with start_position > 4, the first event of the file (the
//     FORMAT_DESCRIPTION or START_EVENT_V3, which the decoder needs to read anything) is
//     delivered first, then events from start_position on. start_position must be 4 (the
//     default) or point at an event boundary the caller knows (e.g. a saved end_offset); a
//     position inside the file header (< 4) is InvalidArgument; one past the end of the file is
//     InvalidArgument.
//   - source in every event is the file's base name (what ROTATE events and SHOW BINARY LOGS
//     call it).
//   - I/O errors: Unavailable (EIO, ...) / NotFound / PermissionDenied naming the path and
//     strerror.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "binlake/base/result.h"
#include "binlake/io/binlog_transport.h"

namespace binlake::adapters {

class BinlogFileTransport final : public io::BinlogTransport {
 public:
  static constexpr size_t kChunkBytes = size_t{1} << 20;
  static constexpr uint32_t kMaxEventBytes = uint32_t{1} << 30;

  static Result<std::unique_ptr<BinlogFileTransport>> Open(const std::string& path,
                                                           uint64_t start_position = 4);
  ~BinlogFileTransport() override;

  Result<std::optional<io::RawBinlogEvent>> Next() override;

  uint64_t file_size() const { return file_size_; }

 private:
  BinlogFileTransport(int fd, std::string path, uint64_t file_size, uint64_t start_position);

  Result<std::optional<io::RawBinlogEvent>> ReadNext();
  // Makes file bytes [offset, offset + n) available in the buffer and returns a pointer to the
  // first (reading, compacting or growing as needed).
  Result<const char*> Fill(uint64_t offset, size_t n) {
    if (offset >= buffer_offset_ && offset + n <= buffer_offset_ + buffered_) [[likely]] {
      return buffer_.get() + (offset - buffer_offset_);
    }
    return Refill(offset, n);
  }
  Result<const char*> Refill(uint64_t offset, size_t n);
  Status TruncatedError(uint64_t offset, std::string_view detail) const;

  int fd_ = -1;
  std::string path_;
  std::string name_;  // base name, reported as source
  uint64_t file_size_ = 0;
  uint64_t start_position_ = 4;
  uint64_t next_offset_ = 4;  // position of the next event to deliver
  bool first_event_done_ = false;
  // File bytes [buffer_offset_, buffer_offset_ + buffered_) in buffer_[0, buffered_).
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t buffered_ = 0;
  uint64_t buffer_offset_ = 0;
  std::optional<Status> sticky_error_;
};

}  // namespace binlake::adapters
