#include "binlake/s3/retry_policy.h"

#include <gtest/gtest.h>

namespace binlake::s3 {
namespace {

RetryOptions Options() {
  RetryOptions options;
  options.max_attempts = 4;
  options.initial_backoff_ms = 100;
  options.max_backoff_ms = 1000;
  return options;
}

TEST(RetryPolicyTest, RetriesOnlyRetryableErrorsAndOnlyUpToMaxAttempts) {
  RetryPolicy policy(Options(), 1);
  EXPECT_TRUE(policy.ShouldRetry(UnavailableError("503"), 1));
  EXPECT_TRUE(policy.ShouldRetry(DeadlineExceededError("timeout"), 3));
  EXPECT_FALSE(policy.ShouldRetry(UnavailableError("503"), 4));
  EXPECT_FALSE(policy.ShouldRetry(PermissionDeniedError("403"), 1));
  EXPECT_FALSE(policy.ShouldRetry(NotFoundError("404"), 1));
  EXPECT_FALSE(policy.ShouldRetry(InvalidArgumentError("400"), 1));
  EXPECT_FALSE(policy.ShouldRetry(Status::Ok(), 1));
  EXPECT_TRUE(policy.ShouldRetry(InternalError("x").WithRetryable(true), 1));
}

TEST(RetryPolicyTest, BoundsDoubleUpToTheCap) {
  RetryPolicy policy(Options(), 1);
  EXPECT_EQ(policy.MaxDelayMicros(1), 100'000);
  EXPECT_EQ(policy.MaxDelayMicros(2), 200'000);
  EXPECT_EQ(policy.MaxDelayMicros(4), 800'000);
  EXPECT_EQ(policy.MaxDelayMicros(5), 1'000'000);
  EXPECT_EQ(policy.MaxDelayMicros(60), 1'000'000);
}

TEST(RetryPolicyTest, DelaysStayWithinBoundsAndAreSpread) {
  RetryPolicy policy(Options(), 42);
  int64_t sum = 0;
  for (int i = 0; i < 1000; ++i) {
    int retry = 1 + i % 6;
    int64_t delay = policy.NextDelayMicros(retry);
    ASSERT_GE(delay, 0);
    ASSERT_LE(delay, policy.MaxDelayMicros(retry));
    sum += delay;
  }
  // Full jitter averages about half of the bound; a constant delay would not.
  EXPECT_GT(sum, 1000 * 100'000 / 4);
  EXPECT_LT(sum, 1000 * 1'000'000 / 2);
}

TEST(RetryPolicyTest, SameSeedSameSequence) {
  RetryPolicy a(Options(), 7);
  RetryPolicy b(Options(), 7);
  RetryPolicy c(Options(), 8);
  bool differs = false;
  for (int retry = 1; retry < 8; ++retry) {
    int64_t da = a.NextDelayMicros(retry);
    EXPECT_EQ(da, b.NextDelayMicros(retry));
    differs = differs || da != c.NextDelayMicros(retry);
  }
  EXPECT_TRUE(differs);
}

TEST(RetryPolicyTest, ZeroBackoffNeverSleeps) {
  RetryOptions options = Options();
  options.initial_backoff_ms = 0;
  RetryPolicy policy(options, 3);
  EXPECT_EQ(policy.NextDelayMicros(1), 0);
  EXPECT_EQ(policy.NextDelayMicros(9), 0);
}

}  // namespace
}  // namespace binlake::s3
