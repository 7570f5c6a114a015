// Status: the outcome of a fallible operation, as a value.
//
// binlake has one error regime: functions that can fail return Status or Result<T> (result.h),
// both [[nodiscard]]. A Status carries a canonical code (what kind of failure, the only thing
// callers branch on), a message for humans (what and where: file, offset, table, key), and a
// retryable bit (true when repeating the same call may succeed: a timeout, a throttle, a 5xx).
// Code never branches on message text. Status is a small value type; copying it copies the
// message. Thread-safety: like any value type (distinct objects may be used concurrently).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace binlake {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller passed something malformed (bad key, bad config value)
  kNotFound,            // the object, table or position does not exist
  kAlreadyExists,       // a create-if-absent found the target present
  kFailedPrecondition,  // the system is not in a state where this can work (server config)
  kPermissionDenied,    // authentication or authorisation refused
  kCorruption,          // bytes that do not decode: truncated, bad checksum, impossible value
  kUnavailable,         // the peer could not be reached or asked us to back off
  kDeadlineExceeded,    // the operation did not finish in time
  kUnimplemented,       // a feature binlake does not (yet) handle; never silently skipped
  kAborted,             // a concurrent change won (a commit conflict); re-read and retry
  kInternal,            // a broken invariant: a bug in binlake or in a peer
};

// The canonical name of a code, e.g. "Corruption". Never empty.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  // A status with `code`. An OK code ignores `message` and `retryable`.
  Status(StatusCode code, std::string message, bool retryable = false);

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool retryable() const { return retryable_; }

  // Returns a copy whose message is "context: message". OK statuses are returned unchanged.
  Status WithContext(std::string_view context) const;
  // Returns a copy with the retryable bit set to `retryable`. OK statuses are unchanged.
  Status WithRetryable(bool retryable) const;

  // "Corruption: message" (or "OK"), with " [retryable]" when the bit is set.
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_ && a.retryable_ == b.retryable_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  bool retryable_ = false;
};

std::ostream& operator<<(std::ostream& os, const Status& status);
std::ostream& operator<<(std::ostream& os, StatusCode code);

// Constructors for each canonical code. Unavailable and DeadlineExceeded are retryable by
// default; every other code is not (use WithRetryable to override).
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status PermissionDeniedError(std::string message);
Status CorruptionError(std::string message);
Status UnavailableError(std::string message);
Status DeadlineExceededError(std::string message);
Status UnimplementedError(std::string message);
Status AbortedError(std::string message);
Status InternalError(std::string message);

}  // namespace binlake
