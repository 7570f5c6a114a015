#include "binlake/staging/utc_time.h"

#include <array>
#include <charconv>
#include <chrono>

namespace binlake::staging {

UtcTime SplitMicros(int64_t micros) {
  const std::chrono::microseconds since_epoch{micros};
  const auto day = std::chrono::floor<std::chrono::days>(since_epoch);
  const std::chrono::year_month_day date{std::chrono::sys_days{day}};
  const int64_t of_day = (since_epoch - day).count();
  return UtcTime{
      .year = int{date.year()},
      .month = unsigned{date.month()},
      .day = unsigned{date.day()},
      .hour = of_day / 3'600'000'000,
      .minute = of_day / 60'000'000 % 60,
      .second = of_day / 1'000'000 % 60,
      .micros = of_day % 1'000'000,
  };
}

std::optional<int64_t> JoinMicros(const UtcTime& time) {
  if (time.year < -32767 || time.year > 32767 || time.month < 1 || time.month > 12 ||
      time.day < 1 || time.day > 31) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(time.year)},
                                         std::chrono::month{static_cast<unsigned>(time.month)},
                                         std::chrono::day{static_cast<unsigned>(time.day)}};
  if (!date.ok() || time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59 ||
      time.second < 0 || time.second > 59 || time.micros < 0 || time.micros > 999'999) {
    return std::nullopt;
  }
  const int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  return ((days * 24 + time.hour) * 60 + time.minute) * 60'000'000 + time.second * 1'000'000 +
         time.micros;
}

void AppendPaddedDigits(int64_t value, size_t width, std::string* out) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  const auto length = static_cast<size_t>(result.ptr - buffer.data());
  out->append(width > length ? width - length : 0, '0');
  out->append(buffer.data(), length);
}

}  // namespace binlake::staging
