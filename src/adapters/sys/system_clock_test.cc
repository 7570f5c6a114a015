#include "adapters/sys/system_clock.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace binlake::adapters {
namespace {

TEST(SystemClockTest, WallClockIsMicrosSinceTheEpoch) {
  SystemClock clock;
  const int64_t now = clock.NowMicros();
  EXPECT_GT(now, int64_t{1'600'000'000'000'000});  // after September 2020
  EXPECT_LT(now, int64_t{4'100'000'000'000'000});  // before 2100
}

TEST(SystemClockTest, MonotonicClockNeverGoesBack) {
  SystemClock clock;
  int64_t previous = clock.MonotonicMicros();
  for (int i = 0; i < 1000; ++i) {
    const int64_t now = clock.MonotonicMicros();
    ASSERT_GE(now, previous);
    previous = now;
  }
}

TEST(SystemClockTest, SleepWaitsAtLeastTheRequestedTime) {
  SystemClock clock;
  const int64_t start = clock.MonotonicMicros();
  clock.SleepForMicros(2000);
  EXPECT_GE(clock.MonotonicMicros() - start, 2000);
  // Zero and negative durations return at once.
  clock.SleepForMicros(0);
  clock.SleepForMicros(-5);
}

}  // namespace
}  // namespace binlake::adapters
