// SystemClock: the production io::Clock, backed by the operating system's clocks.
//
// NowMicros reads std::chrono::system_clock (wall time, may jump when the system time is set),
// MonotonicMicros reads std::chrono::steady_clock (never goes back; its epoch is unspecified, so
// only differences are meaningful), and SleepForMicros blocks the calling thread.
// Thread-safety: stateless; safe to share between threads.
#pragma once

#include <cstdint>

#include "binlake/io/clock.h"

namespace binlake::adapters {

class SystemClock final : public io::Clock {
 public:
  int64_t NowMicros() override;
  int64_t MonotonicMicros() override;
  // Returns at once when `micros` <= 0.
  void SleepForMicros(int64_t micros) override;
};

}  // namespace binlake::adapters
