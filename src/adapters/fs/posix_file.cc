#include "adapters/fs/posix_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace binlake::adapters {

Status ErrnoStatus(std::string_view op, std::string_view path, int err) {
  std::string message =
      fmt::format("{} {}: {}", op, path, std::error_code(err, std::generic_category()).message());
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return NotFoundError(std::move(message));
    case EACCES:
    case EPERM:
    case EROFS:
      return PermissionDeniedError(std::move(message));
    case EEXIST:
      return AlreadyExistsError(std::move(message));
    case ENAMETOOLONG:
      return InvalidArgumentError(std::move(message));
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EMFILE:
    case ENFILE:
    case ENOMEM:
    case EAGAIN:
    case EBUSY:
    case EINTR:
    case ETIMEDOUT:
      return UnavailableError(std::move(message));
    default:
      return InternalError(std::move(message));
  }
}

Status UniqueFd::Close(std::string_view path) {
  int rc = ::close(std::exchange(fd_, -1));
  return rc == 0 ? Status::Ok() : ErrnoStatus("close", path, errno);
}

void UniqueFd::Reset() {
  if (fd_ >= 0) {
    ::close(std::exchange(fd_, -1));
  }
}

Result<UniqueFd> OpenFd(const std::string& path, int flags, mode_t mode) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  if (fd < 0) {
    return ErrnoStatus("open", path, errno);
  }
  return UniqueFd(fd);
}

Status WriteAll(int fd, std::string_view bytes, std::string_view path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return ErrnoStatus("write", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Result<std::string> PreadAll(int fd, uint64_t offset, uint64_t length, std::string_view path) {
  std::string out(static_cast<size_t>(length), '\0');
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n =
        ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return ErrnoStatus("read", path, errno);
    }
    if (n == 0) {
      // binlake never shrinks a file it reads, so only outside tampering gets here.
      return InternalError(fmt::format("read {}: file shrank while being read", path));
    }
    done += static_cast<size_t>(n);
  }
  return out;
}

}  // namespace binlake::adapters
