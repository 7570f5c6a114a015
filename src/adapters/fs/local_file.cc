#include "adapters/fs/local_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "binlake/base/macros.h"

namespace binlake::adapters {

Result<std::unique_ptr<LocalFileSource>> LocalFileSource::Open(const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFd(path, O_RDONLY));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return ErrnoStatus("stat", path, errno);
  }
  if (!S_ISREG(info.st_mode)) {
    return FailedPreconditionError(fmt::format("{} is not a regular file", path));
  }
  return std::unique_ptr<LocalFileSource>(
      new LocalFileSource(path, std::move(fd), static_cast<uint64_t>(info.st_size)));
}

Result<std::string> LocalFileSource::ReadAt(uint64_t offset, uint64_t length) {
  if (offset > size_ || length > size_ - offset) {
    return InvalidArgumentError(
        fmt::format("read of {} bytes at offset {} is past the end of {} "
                    "({} bytes)",
                    length, offset, path_, size_));
  }
  return PreadAll(fd_.get(), offset, length, path_);
}

Result<std::unique_ptr<LocalFileSink>> LocalFileSink::Create(const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFd(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
  return std::unique_ptr<LocalFileSink>(new LocalFileSink(path, std::move(fd)));
}

Status LocalFileSink::Append(std::string_view bytes) {
  if (!fd_.valid()) {
    return FailedPreconditionError(fmt::format("append to {} after Close", path_));
  }
  RETURN_IF_ERROR(WriteAll(fd_.get(), bytes, path_));
  bytes_written_ += bytes.size();
  return Status::Ok();
}

Status LocalFileSink::Close() {
  if (!fd_.valid()) {
    return FailedPreconditionError(fmt::format("{} is already closed", path_));
  }
  if (::fsync(fd_.get()) != 0) {
    Status failed = ErrnoStatus("fsync", path_, errno);
    fd_.Reset();
    return failed;
  }
  return fd_.Close(path_);
}

}  // namespace binlake::adapters
