#include "binlake/capture/progress.h"

#include <fmt/format.h>

#include <cmath>

namespace binlake::capture {

std::string GroupThousands(uint64_t number) {
  std::string digits = std::to_string(number);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      grouped.push_back(',');
    }
    grouped.push_back(digits[i]);
  }
  return grouped;
}

std::string FormatDuration(uint64_t seconds) {
  return fmt::format("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

double ProgressMeter::Rate(const TableProgress& table, int64_t now) {
  auto& samples = samples_[table.table];
  samples.emplace_back(now, table.rows);
  while (samples.size() > 2 && now - samples[1].first >= kWindowMicros) {
    samples.pop_front();
  }
  const auto& [first_micros, first_rows] = samples.front();
  if (now <= first_micros || table.rows < first_rows) {
    return -1;
  }
  return static_cast<double>(table.rows - first_rows) * 1e6 /
         static_cast<double>(now - first_micros);
}

std::vector<std::string> ProgressMeter::Lines(const std::vector<TableProgress>& tables) {
  int64_t now = clock_.MonotonicMicros();
  std::vector<std::string> lines;
  for (const TableProgress& table : tables) {
    double rate = Rate(table, now);
    std::string chunks = fmt::format("chunks {}/{}", table.chunks_done, table.chunks_planned);
    if (table.done) {
      lines.push_back(
          fmt::format("{}  {} rows  done  {}", table.table, GroupThousands(table.rows), chunks));
      continue;
    }
    std::string eta = "?";
    if (rate > 0 && table.estimated_rows > table.rows) {
      double seconds = static_cast<double>(table.estimated_rows - table.rows) / rate;
      eta = FormatDuration(static_cast<uint64_t>(std::ceil(seconds)));
    }
    std::string speed = rate < 0 ? "?" : GroupThousands(static_cast<uint64_t>(rate));
    lines.push_back(fmt::format("{}  {} / ~{} rows  {} rows/s  ETA {}  {}", table.table,
                                GroupThousands(table.rows), GroupThousands(table.estimated_rows),
                                speed, eta, chunks));
  }
  return lines;
}

}  // namespace binlake::capture
