// ProgressMeter: turns successive full-load progress samples (FullLoad::Progress) into one
// display line per table, with rows, rows/s over the last few seconds and an ETA from the row
// estimate. Time comes from the Clock given, so tests control it. Pure formatting: the caller
// prints (a redrawn block on a terminal, or log lines).
//
//   shop.orders  1,234,567 / ~2,000,000 rows  812,345 rows/s  ETA 0:00:01  chunks 12/20
//   shop.items   300 rows  done  chunks 1/1
//
// The ETA is "?" while the rate is unknown or the table has already passed its estimate
// (information_schema estimates can be low).
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "binlake/capture/full_load.h"
#include "binlake/io/clock.h"

namespace binlake::capture {

class ProgressMeter {
 public:
  // The window rows/s is measured over.
  static constexpr int64_t kWindowMicros = 5'000'000;

  explicit ProgressMeter(io::Clock& clock) : clock_(clock) {}

  // Records `tables` as the sample at the clock's current time and returns their lines.
  std::vector<std::string> Lines(const std::vector<TableProgress>& tables);

 private:
  // Rows/s of `table` over the window, or a negative number when unknown.
  double Rate(const TableProgress& table, int64_t now);

  io::Clock& clock_;
  std::map<std::string, std::deque<std::pair<int64_t, uint64_t>>> samples_;  // (micros, rows)
};

// 1234567 -> "1,234,567".
std::string GroupThousands(uint64_t number);

// Seconds as "H:MM:SS".
std::string FormatDuration(uint64_t seconds);

}  // namespace binlake::capture
