// Result<T>: either a value of type T or a non-OK Status.
//
// The companion of Status for functions that produce a value. Constructing a Result from an OK
// Status is a bug and yields an Internal error instead, so a Result never holds neither.
// value() on an error Result aborts the process (a programming error, not an input error):
// check ok() first, or use ASSIGN_OR_RETURN (macros.h).
#pragma once

#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>

#include "binlake/base/status.h"

namespace binlake {

template <typename T>
class [[nodiscard]] Result {
 public:
  // Implicit on purpose, so `return value;` and `return SomeError(...);` both read naturally.
  Result(const T& value) : value_(value) {}             // NOLINT(google-explicit-constructor)
  Result(T&& value) : value_(std::move(value)) {}       // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) {
      status_ = InternalError("Result constructed from an OK status without a value");
    }
  }
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status>>>
  Result(U&& value) : value_(T(std::forward<U>(value))) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }
  // OK when a value is held, otherwise the error.
  const Status& status() const { return status_; }

  const T& value() const& {
    CheckHasValue();
    return *value_;
  }
  T& value() & {
    CheckHasValue();
    return *value_;
  }
  T&& value() && {
    CheckHasValue();
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  void CheckHasValue() const {
    if (!value_.has_value()) {
      std::abort();  // A programming error: the caller did not check ok().
    }
  }

  Status status_;
  std::optional<T> value_;
};

}  // namespace binlake
