#include "adapters/sys/system_clock.h"

#include <chrono>
#include <thread>

namespace binlake::adapters {

int64_t SystemClock::NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t SystemClock::MonotonicMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void SystemClock::SleepForMicros(int64_t micros) {
  if (micros <= 0) {
    return;
  }
  std::this_thread::sleep_for(std::chrono::microseconds(micros));
}

}  // namespace binlake::adapters
