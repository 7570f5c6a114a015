#include "adapters/fs/binlog_file_transport.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "adapters/fs/errno_status.h"
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
  RETURN_IF_ERROR(transport->Fill(0, kFirstEventOffset));
  if (std::string_view(transport->buffer_).substr(0, kFirstEventOffset) != io::kBinlogMagic) {
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

Status BinlogFileTransport::Fill(uint64_t offset, size_t n) {
  const uint64_t buffered_end = buffer_offset_ + buffer_.size();
  if (offset >= buffer_offset_ && offset + n <= buffered_end) {
    return Status::Ok();
  }
  // Keep the bytes from `offset` on, if buffered, and read the rest: at least a chunk.
  if (offset >= buffer_offset_ && offset < buffered_end) {
    buffer_.erase(0, offset - buffer_offset_);
  } else {
    buffer_.clear();
  }
  buffer_offset_ = offset;
  const uint64_t read_from = offset + buffer_.size();
  const uint64_t want = std::max<uint64_t>(n - buffer_.size(), kChunkBytes);
  const uint64_t available = file_size_ - std::min(file_size_, read_from);
  const auto to_read = static_cast<size_t>(std::min(want, available));
  const size_t old_size = buffer_.size();
  buffer_.resize(old_size + to_read);
  return ReadAt(fd_, path_, read_from, buffer_.data() + old_size, to_read);
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
  RETURN_IF_ERROR(Fill(offset, io::kMinBinlogEventLength));
  const std::string_view header =
      std::string_view(buffer_).substr(offset - buffer_offset_, io::kMinBinlogEventLength);
  ByteReader length_reader(header.substr(io::kBinlogEventLengthOffset, 4),
                           offset + io::kBinlogEventLengthOffset);
  ASSIGN_OR_RETURN(uint32_t length, length_reader.ReadU32Le("event length"));
  if (length < io::kMinBinlogEventLength || length > kMaxEventBytes) {
    return CorruptionError(fmt::format("file {}: bad event length {} at offset {} (must be {}..{})",
                                       path_, length, offset, io::kMinBinlogEventLength,
                                       kMaxEventBytes));
  }
  if (length > left) {
    return TruncatedError(offset,
                          fmt::format("event length {} but only {} bytes left", length, left));
  }
  RETURN_IF_ERROR(Fill(offset, length));
  next_offset_ = offset + length;
  return std::optional<io::RawBinlogEvent>(io::RawBinlogEvent{
      std::string_view(buffer_).substr(offset - buffer_offset_, length), name_, offset});
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
