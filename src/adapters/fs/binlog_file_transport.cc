#include "adapters/fs/binlog_file_transport.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "adapters/fs/posix_file.h"
#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"

namespace binlake::adapters {
namespace {

constexpr uint64_t kFirstEventOffset = io::kBinlogMagic.size();

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Reads exactly `n` bytes at `offset` into `out` (the file size is known, so a short read is an
// error: the file shrank under us).
Status ReadAt(int fd, const std::string& path, uint64_t offset, char* out, size_t n) {
  while (n > 0) {
    const ssize_t got = pread(fd, out, n, static_cast<off_t>(offset));
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return ErrnoStatus("read", path, errno);
    }
    if (got == 0) {
      return UnavailableError(fmt::format(
          "read {}: the file ended at offset {} while reading (it shrank?)", path, offset));
    }
    out += got;
    n -= static_cast<size_t>(got);
    offset += static_cast<uint64_t>(got);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<BinlogFileTransport>> BinlogFileTransport::Open(const std::string& path,
                                                                       uint64_t start_position) {
  if (start_position < kFirstEventOffset) {
    return InvalidArgumentError(
        fmt::format("file {}: start position {} is inside the file header (events start at {})",
                    path, start_position, kFirstEventOffset));
  }
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return ErrnoStatus("open", path, errno);
  }
  std::unique_ptr<BinlogFileTransport> transport(
      new BinlogFileTransport(fd, path, 0, start_position));
  struct stat info {};
  if (fstat(fd, &info) != 0) {
    return ErrnoStatus("stat", path, errno);
  }
  transport->file_size_ = static_cast<uint64_t>(info.st_size);
  if (transport->file_size_ < kFirstEventOffset) {
    return CorruptionError(
        fmt::format("file {}: not a binlog file ({} bytes, shorter than the "
                    "magic)",
                    path, transport->file_size_));
  }
  ASSIGN_OR_RETURN(const char* magic, transport->Fill(0, kFirstEventOffset));
  if (std::string_view(magic, kFirstEventOffset) != io::kBinlogMagic) {
    return CorruptionError(fmt::format("file {}: not a binlog file (bad magic)", path));
  }
  if (start_position > transport->file_size_) {
    return InvalidArgumentError(fmt::format("file {}: start position {} is past the end ({})", path,
                                            start_position, transport->file_size_));
  }
  return transport;
}

BinlogFileTransport::BinlogFileTransport(int fd, std::string path, uint64_t file_size,
                                         uint64_t start_position)
    : fd_(fd),
      path_(std::move(path)),
      name_(BaseName(path_)),
      file_size_(file_size),
      start_position_(start_position) {}

BinlogFileTransport::~BinlogFileTransport() {
  if (fd_ >= 0) {
    close(fd_);
  }
}

Result<const char*> BinlogFileTransport::Refill(uint64_t offset, size_t n) {
  // Keep the buffered bytes from `offset` on, then read at least a chunk more.
  size_t kept = 0;
  if (offset >= buffer_offset_ && offset < buffer_offset_ + buffered_) {
    kept = buffered_ - static_cast<size_t>(offset - buffer_offset_);
    std::memmove(buffer_.get(), buffer_.get() + (offset - buffer_offset_), kept);
  }
  const size_t wanted = std::max(n, kept + kChunkBytes);
  if (wanted > capacity_) {
    auto grown = std::make_unique_for_overwrite<char[]>(wanted);
    if (kept > 0) {
      std::memcpy(grown.get(), buffer_.get(), kept);
    }
    buffer_ = std::move(grown);
    capacity_ = wanted;
  }
  buffer_offset_ = offset;
  buffered_ = kept;
  const uint64_t read_from = offset + kept;
  const uint64_t available = file_size_ - std::min(file_size_, read_from);
  const auto to_read = static_cast<size_t>(std::min<uint64_t>(capacity_ - kept, available));
  RETURN_IF_ERROR(ReadAt(fd_, path_, read_from, buffer_.get() + kept, to_read));
  buffered_ += to_read;
  if (n > buffered_) {
    return InternalError(
        fmt::format("file {}: {} bytes at offset {} are not in the file", path_, n, offset));
  }
  return buffer_.get();
}

Status BinlogFileTransport::TruncatedError(uint64_t offset, std::string_view detail) const {
  return CorruptionError(
      fmt::format("file {}: truncated event at offset {}: {}", path_, offset, detail));
}

Result<std::optional<io::RawBinlogEvent>> BinlogFileTransport::ReadNext() {
  const uint64_t offset = next_offset_;
  if (offset == file_size_) {
    return std::optional<io::RawBinlogEvent>();
  }
  const uint64_t left = file_size_ - offset;
  if (left < io::kMinBinlogEventLength) {
    return TruncatedError(offset, fmt::format("{} bytes left, shorter than an event header", left));
  }
  ASSIGN_OR_RETURN(const char* header, Fill(offset, io::kMinBinlogEventLength));
  const auto length =
      static_cast<uint32_t>(internal::LoadLe<4>(header + io::kBinlogEventLengthOffset));
  if (length < io::kMinBinlogEventLength || length > kMaxEventBytes) {
    return CorruptionError(fmt::format("file {}: bad event length {} at offset {} (must be {}..{})",
                                       path_, length, offset, io::kMinBinlogEventLength,
                                       kMaxEventBytes));
  }
  if (length > left) {
    return TruncatedError(offset,
                          fmt::format("event length {} but only {} bytes left", length, left));
  }
  ASSIGN_OR_RETURN(const char* event, Fill(offset, length));
  next_offset_ = offset + length;
  return std::optional<io::RawBinlogEvent>(
      io::RawBinlogEvent{std::string_view(event, length), name_, offset});
}

Result<std::optional<io::RawBinlogEvent>> BinlogFileTransport::Next() {
  if (sticky_error_) {
    return *sticky_error_;
  }
  Result<std::optional<io::RawBinlogEvent>> event = ReadNext();
  if (!event.ok()) {
    sticky_error_ = event.status();
    return event;
  }
  // After the file's first event (its format description), jump to the start position.
  if (!first_event_done_) {
    first_event_done_ = true;
    if (next_offset_ < start_position_) {
      next_offset_ = start_position_;
    }
  }
  return event;
}

}  // namespace binlake::adapters
