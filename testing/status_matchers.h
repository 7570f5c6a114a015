// gMock matchers for Status and Result<T> (the shape of Abseil's status matchers).
//
//   EXPECT_THAT(store.Put(k, v), IsOk());
//   EXPECT_THAT(store.PutIfAbsent(k, v), StatusIs(StatusCode::kAlreadyExists));
//   EXPECT_THAT(store.Get(k), StatusIs(StatusCode::kNotFound, HasSubstr("missing")));
//   EXPECT_THAT(store.Get(k), IsOkAndHolds("bytes"));
//   ASSERT_OK_AND_ASSIGN(auto bytes, store.Get(k));
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake {

// gtest prints a Result as its status (and "OK" when it holds a value) instead of raw bytes.
template <typename T>
void PrintTo(const Result<T>& result, std::ostream* os) {
  *os << result.status().ToString();
}

}  // namespace binlake

namespace binlake::testing {

inline const Status& GetStatus(const Status& status) {
  return status;
}
template <typename T>
const Status& GetStatus(const Result<T>& result) {
  return result.status();
}

MATCHER(IsOk, "is OK") {
  const Status& status = ::binlake::testing::GetStatus(arg);
  if (!status.ok()) {
    *result_listener << "which is " << status.ToString();
  }
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + std::string(StatusCodeName(code))) {
  const Status& status = ::binlake::testing::GetStatus(arg);
  *result_listener << "which is " << status.ToString();
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + std::string(StatusCodeName(code)) + " and a message that " +
               ::testing::DescribeMatcher<std::string>(message_matcher)) {
  const Status& status = ::binlake::testing::GetStatus(arg);
  *result_listener << "which is " << status.ToString();
  return status.code() == code &&
         ::testing::Matches(::testing::Matcher<std::string>(message_matcher))(status.message());
}

MATCHER_P(IsOkAndHolds, value_matcher,
          "is OK and holds a value that matches " + ::testing::PrintToString(value_matcher)) {
  if (!arg.ok()) {
    *result_listener << "which is " << arg.status().ToString();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

MATCHER(IsRetryable, "is a retryable error") {
  const Status& status = ::binlake::testing::GetStatus(arg);
  *result_listener << "which is " << status.ToString();
  return !status.ok() && status.retryable();
}

}  // namespace binlake::testing

#define BINLAKE_TESTING_CONCAT_INNER(a, b) a##b
#define BINLAKE_TESTING_CONCAT(a, b) BINLAKE_TESTING_CONCAT_INNER(a, b)

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::binlake::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::binlake::testing::IsOk())

// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` may be a declaration.
#define BINLAKE_ASSERT_OK_AND_ASSIGN_IMPL(result, lhs, expr) \
  auto result = (expr);                                      \
  ASSERT_TRUE(result.ok()) << result.status().ToString();    \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#define ASSERT_OK_AND_ASSIGN(lhs, expr)                                                          \
  BINLAKE_ASSERT_OK_AND_ASSIGN_IMPL(BINLAKE_TESTING_CONCAT(binlake_test_result_, __LINE__), lhs, \
                                    expr)
