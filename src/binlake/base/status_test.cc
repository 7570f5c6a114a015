#include "binlake/base/status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "binlake/base/macros.h"
#include "binlake/base/result.h"
#include "testing/status_matchers.h"

namespace binlake {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.ToString(), "OK");
  EXPECT_FALSE(status.retryable());
}

TEST(StatusTest, OkCodeDropsMessageAndRetryable) {
  Status status(StatusCode::kOk, "ignored", true);
  EXPECT_EQ(status, Status::Ok());
}

TEST(StatusTest, ConstructorsSetCodeAndRetryableDefault) {
  EXPECT_THAT(InvalidArgumentError("m"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(NotFoundError("m"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(AlreadyExistsError("m"), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(FailedPreconditionError("m"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(PermissionDeniedError("m"), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(CorruptionError("m"), StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(UnimplementedError("m"), StatusIs(StatusCode::kUnimplemented));
  EXPECT_THAT(AbortedError("m"), StatusIs(StatusCode::kAborted));
  EXPECT_THAT(InternalError("m"), StatusIs(StatusCode::kInternal));
  EXPECT_TRUE(UnavailableError("m").retryable());
  EXPECT_TRUE(DeadlineExceededError("m").retryable());
  EXPECT_FALSE(CorruptionError("m").retryable());
}

TEST(StatusTest, WithContextPrefixesAndKeepsCodeAndBit) {
  Status status = UnavailableError("connection reset").WithContext("GET s3://b/k");
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable, "GET s3://b/k: connection reset"));
  EXPECT_TRUE(status.retryable());
  EXPECT_EQ(Status::Ok().WithContext("ignored"), Status::Ok());
}

TEST(StatusTest, WithRetryableOverridesTheBit) {
  EXPECT_TRUE(InternalError("m").WithRetryable(true).retryable());
  EXPECT_FALSE(UnavailableError("m").WithRetryable(false).retryable());
  EXPECT_FALSE(Status::Ok().WithRetryable(true).retryable());
}

TEST(StatusTest, ToStringNamesCodeMessageAndBit) {
  EXPECT_EQ(CorruptionError("bad crc at offset 120").ToString(),
            "Corruption: bad crc at offset 120");
  EXPECT_EQ(UnavailableError("503 SlowDown").ToString(), "Unavailable: 503 SlowDown [retryable]");
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> value(42);
  EXPECT_THAT(value, IsOkAndHolds(42));
  Result<int> error(NotFoundError("no such key"));
  EXPECT_THAT(error, StatusIs(StatusCode::kNotFound, "no such key"));
}

TEST(ResultTest, OkStatusWithoutValueBecomesInternal) {
  Result<int> result{Status::Ok()};
  EXPECT_THAT(result, StatusIs(StatusCode::kInternal));
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> result(std::make_unique<int>(7));
  ASSERT_THAT(result, IsOk());
  std::unique_ptr<int> owned = std::move(result).value();
  EXPECT_EQ(*owned, 7);
}

TEST(ResultTest, ConvertsFromCompatibleValue) {
  Result<std::string> result("text");
  EXPECT_THAT(result, IsOkAndHolds("text"));
}

Status FailsWhenNegative(int x) {
  if (x < 0) {
    return InvalidArgumentError("negative");
  }
  return Status::Ok();
}

Result<int> Doubled(int x) {
  RETURN_IF_ERROR(FailsWhenNegative(x));
  return 2 * x;
}

Result<int> Quadrupled(int x) {
  ASSIGN_OR_RETURN(int doubled, Doubled(x));
  ASSIGN_OR_RETURN(doubled, Doubled(doubled));
  return doubled;
}

Status CheckQuadrupled(int x) {
  RETURN_IF_ERROR(Quadrupled(x));
  return Status::Ok();
}

TEST(MacrosTest, PropagateErrorsAndValues) {
  EXPECT_THAT(Quadrupled(3), IsOkAndHolds(12));
  EXPECT_THAT(Quadrupled(-1), StatusIs(StatusCode::kInvalidArgument, "negative"));
  EXPECT_THAT(CheckQuadrupled(1), IsOk());
  EXPECT_THAT(CheckQuadrupled(-1), StatusIs(StatusCode::kInvalidArgument, HasSubstr("neg")));
}

}  // namespace
}  // namespace binlake
