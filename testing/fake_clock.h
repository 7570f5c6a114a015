// FakeClock: a Clock whose time moves only when a test advances it (or when code under test
// sleeps, which advances it instantly). Records every sleep so tests can assert back-off delays.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "binlake/io/clock.h"

namespace binlake::testing {

class FakeClock : public io::Clock {
 public:
  explicit FakeClock(int64_t start_micros = 1'700'000'000'000'000) : now_micros_(start_micros) {}

  int64_t NowMicros() override {
    std::lock_guard lock(mutex_);
    return now_micros_;
  }
  int64_t MonotonicMicros() override { return NowMicros(); }
  void SleepForMicros(int64_t micros) override {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(micros);
    now_micros_ += micros;
  }

  void AdvanceMicros(int64_t micros) {
    std::lock_guard lock(mutex_);
    now_micros_ += micros;
  }
  std::vector<int64_t> Sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  int64_t now_micros_;
  std::vector<int64_t> sleeps_;
};

}  // namespace binlake::testing
