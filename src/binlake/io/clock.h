// Clock: the only way core code learns the time or waits.
//
// Core code never reads the system clock; it receives a Clock& (adapters/sys/system_clock.h in
// production, testing/fake_clock.h in tests, where time moves only when the test says so).
// Thread-safety: implementations are safe to call from several threads.
#pragma once

#include <cstdint>

namespace binlake::io {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, microseconds since the Unix epoch (UTC). May jump.
  virtual int64_t NowMicros() = 0;
  // A monotonic reading in microseconds, for measuring durations. Never goes back.
  virtual int64_t MonotonicMicros() = 0;
  // Blocks the calling thread for `micros` (a fake clock advances itself instead).
  virtual void SleepForMicros(int64_t micros) = 0;
};

}  // namespace binlake::io
