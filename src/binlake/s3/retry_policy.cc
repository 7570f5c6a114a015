#include "binlake/s3/retry_policy.h"

#include <algorithm>

namespace binlake::s3 {

bool RetryPolicy::ShouldRetry(const Status& status, int attempts_made) const {
  return !status.ok() && status.retryable() && attempts_made < options_.max_attempts;
}

int64_t RetryPolicy::MaxDelayMicros(int retry) const {
  int64_t cap_ms = std::max<int64_t>(options_.max_backoff_ms, 0);
  int64_t delay_ms = std::max<int64_t>(options_.initial_backoff_ms, 0);
  for (int i = 1; i < retry && delay_ms < cap_ms; ++i) {
    delay_ms *= 2;
  }
  return std::min(delay_ms, cap_ms) * 1000;
}

int64_t RetryPolicy::NextDelayMicros(int retry) {
  int64_t bound = MaxDelayMicros(retry);
  if (bound <= 0) {
    return 0;
  }
  return static_cast<int64_t>(NextRandom() % (static_cast<uint64_t>(bound) + 1));
}

// splitmix64: tiny, fast and good enough to spread retries.
uint64_t RetryPolicy::NextRandom() {
  state_ += 0x9E3779B97F4A7C15ull;
  uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace binlake::s3
