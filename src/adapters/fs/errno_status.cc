#include "adapters/fs/errno_status.h"

#include <fmt/format.h>

#include <cerrno>
#include <string>
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

}  // namespace binlake::adapters
