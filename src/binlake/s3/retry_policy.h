// RetryPolicy: when and how long to wait before repeating a failed S3 request.
//
// Only errors whose Status is retryable (transport failures, timeouts, 5xx, 503 SlowDown) are
// repeated; a 4xx maps to a non-retryable code and is never repeated. At most
// RetryOptions::max_attempts tries are made in total. The delay before retry n (n = 1, 2, ...)
// is "full jitter": uniform in [0, min(max_backoff, initial_backoff * 2^(n-1))], drawn from a
// small deterministic PRNG seeded by the caller, so tests can predict the exact sequence.
// The policy does not sleep; the caller sleeps through io::Clock.
// Thread-safety: one RetryPolicy per request loop; not safe for concurrent use.
#pragma once

#include <cstdint>

#include "binlake/base/status.h"
#include "binlake/s3/s3_options.h"

namespace binlake::s3 {

class RetryPolicy {
 public:
  RetryPolicy(const RetryOptions& options, uint64_t seed) : options_(options), state_(seed) {}

  // True if a request that has failed with `status` after `attempts_made` tries (>= 1) should
  // be tried again.
  bool ShouldRetry(const Status& status, int attempts_made) const;

  // The delay in microseconds before retry number `retry` (1 for the first retry). Advances
  // the PRNG.
  int64_t NextDelayMicros(int retry);

  // The upper bound of NextDelayMicros(retry), for tests and logs.
  int64_t MaxDelayMicros(int retry) const;

 private:
  uint64_t NextRandom();

  RetryOptions options_;
  uint64_t state_;
};

}  // namespace binlake::s3
