#include "testing/status_matchers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace binlake::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(StatusMatchersTest, IsOkMatchesOkStatusAndResult) {
  EXPECT_THAT(Status::Ok(), IsOk());
  EXPECT_THAT(Result<int>(3), IsOk());
  EXPECT_THAT(NotFoundError("x"), Not(IsOk()));
}

TEST(StatusMatchersTest, StatusIsComparesCodeAndMessage) {
  Status status = CorruptionError("bad checksum at offset 4");
  EXPECT_THAT(status, StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(status, StatusIs(StatusCode::kCorruption, HasSubstr("offset 4")));
  EXPECT_THAT(status, Not(StatusIs(StatusCode::kNotFound)));
  EXPECT_THAT(status, Not(StatusIs(StatusCode::kCorruption, HasSubstr("offset 5"))));
}

TEST(StatusMatchersTest, IsOkAndHoldsChecksTheValue) {
  EXPECT_THAT(Result<std::string>("abc"), IsOkAndHolds("abc"));
  EXPECT_THAT(Result<std::string>("abc"), Not(IsOkAndHolds("abd")));
  EXPECT_THAT(Result<std::string>(NotFoundError("x")), Not(IsOkAndHolds("abc")));
}

TEST(StatusMatchersTest, IsRetryableReadsTheBit) {
  EXPECT_THAT(UnavailableError("503"), IsRetryable());
  EXPECT_THAT(NotFoundError("404"), Not(IsRetryable()));
  EXPECT_THAT(Status::Ok(), Not(IsRetryable()));
}

TEST(StatusMatchersTest, AssertOkAndAssignMovesTheValue) {
  ASSERT_OK_AND_ASSIGN(auto value, Result<std::string>("moved"));
  EXPECT_EQ(value, "moved");
}

}  // namespace
}  // namespace binlake::testing
