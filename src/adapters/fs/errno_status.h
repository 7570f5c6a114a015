// Maps an errno value from a file-system call to a binlake Status whose message names the
// operation and the path: ENOENT/ENOTDIR → NotFound, EACCES/EPERM/EROFS → PermissionDenied,
// EEXIST → AlreadyExists, ENAMETOOLONG → InvalidArgument, resource exhaustion and transient
// errors (ENOSPC, EIO, EMFILE, EINTR, ...) → Unavailable (retryable), anything else → Internal.
#pragma once

#include <string_view>

#include "binlake/base/status.h"

namespace binlake::adapters {

Status ErrnoStatus(std::string_view op, std::string_view path, int err);

}  // namespace binlake::adapters
