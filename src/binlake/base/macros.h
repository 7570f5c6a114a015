// Propagation macros for Status and Result<T>.
//
//   RETURN_IF_ERROR(expr);            // expr is a Status or a Result<T>; returns its error.
//   ASSIGN_OR_RETURN(lhs, expr);      // expr is a Result<T>; on success moves the value into
//                                     // lhs (which may be a declaration: `auto x`), otherwise
//                                     // returns the error from the enclosing function.
// Both work in functions returning Status or Result<U>.
#pragma once

#include <utility>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::internal {
inline const Status& ToStatus(const Status& status) {
  return status;
}
template <typename T>
const Status& ToStatus(const Result<T>& result) {
  return result.status();
}
}  // namespace binlake::internal

#define BINLAKE_CONCAT_INNER(a, b) a##b
#define BINLAKE_CONCAT(a, b) BINLAKE_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                                      \
  do {                                                             \
    const auto& binlake_status_or_ = (expr);                       \
    if (!::binlake::internal::ToStatus(binlake_status_or_).ok()) { \
      return ::binlake::internal::ToStatus(binlake_status_or_);    \
    }                                                              \
  } while (false)

// `result` is a generated identifier and `lhs` may be a declaration, so neither can be
// parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define BINLAKE_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                                  \
  if (!result.ok()) {                                    \
    return result.status();                              \
  }                                                      \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#define ASSIGN_OR_RETURN(lhs, expr) \
  BINLAKE_ASSIGN_OR_RETURN_IMPL(BINLAKE_CONCAT(binlake_result_, __LINE__), lhs, expr)
