// Small POSIX file helpers shared by the file-backed adapters (LocalObjectStore, LocalFileSource,
// LocalFileSink): errno to Status, an owning file descriptor, and whole-buffer write/pread that
// retry on EINTR and short transfers.
//
// Errors: ErrnoStatus maps ENOENT/ENOTDIR → NotFound, EACCES/EPERM/EROFS → PermissionDenied,
// EEXIST → AlreadyExists, ENAMETOOLONG → InvalidArgument, ENOSPC/EDQUOT/EIO and resource
// exhaustion → Unavailable, anything else → Internal; the message is "<op> <path>: <strerror>".
// Thread-safety: plain functions; a UniqueFd is owned by one thread at a time.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::adapters {

Status ErrnoStatus(std::string_view op, std::string_view path, int err);

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    Reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now, reporting close()'s error (which may be a delayed write error).
  Status Close(std::string_view path);
  void Reset();

 private:
  int fd_ = -1;
};

// open(2) with O_CLOEXEC added.
Result<UniqueFd> OpenFd(const std::string& path, int flags, mode_t mode = 0);

// Writes all of `bytes`.
Status WriteAll(int fd, std::string_view bytes, std::string_view path);

// Reads exactly `length` bytes at `offset`; Internal when the file ends first.
Result<std::string> PreadAll(int fd, uint64_t offset, uint64_t length, std::string_view path);

}  // namespace binlake::adapters
