#include "binlake/parquet/mysql_conversions.h"

#include <fmt/format.h>

#include <limits>

#include "binlake/base/macros.h"

namespace binlake::parquet {
namespace {

constexpr uint32_t kMaxMysqlDecimalPrecision = 65;
constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) {
      return false;
    }
  }
  return true;
}

// The parts of checked decimal text: the digits before and after the point.
struct DecimalParts {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
};

Result<DecimalParts> SplitDecimal(std::string_view text, uint32_t precision, uint32_t scale) {
  auto bad = [&](std::string_view why) {
    return InvalidArgumentError(
        fmt::format("decimal \"{}\" does not fit DECIMAL({},{}): {}", text, precision, scale, why));
  };
  if (precision == 0 || precision > kMaxMysqlDecimalPrecision || scale > precision) {
    return InvalidArgumentError(
        fmt::format("DECIMAL({},{}) is not a valid type", precision, scale));
  }
  DecimalParts parts;
  std::string_view rest = text;
  if (rest.starts_with('-')) {
    parts.negative = true;
    rest.remove_prefix(1);
  }
  size_t point = rest.find('.');
  parts.integer = rest.substr(0, point);
  parts.fraction = point == std::string_view::npos ? std::string_view() : rest.substr(point + 1);
  if (parts.integer.empty() || !AllDigits(parts.integer) || !AllDigits(parts.fraction)) {
    return bad("not decimal text [-]I[.F]");
  }
  if (parts.integer.size() > 1 && parts.integer.front() == '0') {
    return bad("leading zero");
  }
  if (parts.fraction.size() != scale || (scale == 0 && point != std::string_view::npos)) {
    return bad(fmt::format("expected exactly {} fraction digits", scale));
  }
  size_t integer_digits = parts.integer == "0" ? 0 : parts.integer.size();
  if (integer_digits > precision - scale) {
    return bad(fmt::format("more than {} integer digits", precision - scale));
  }
  return parts;
}

uint32_t PowerOfTen(uint32_t exponent) {
  uint32_t power = 1;
  for (uint32_t i = 0; i < exponent; ++i) {
    power *= 10;
  }
  return power;
}

constexpr bool IsLeapYear(uint32_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

uint8_t DaysInMonth(uint16_t year, uint8_t month) {
  constexpr uint8_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

Result<Int128> ParseUnscaledDecimal(std::string_view text, uint32_t precision, uint32_t scale) {
  if (precision > kMaxDecimalPrecision) {
    return InvalidArgumentError(
        fmt::format("DECIMAL({},{}) exceeds the largest Parquet decimal precision {}", precision,
                    scale, kMaxDecimalPrecision));
  }
  ASSIGN_OR_RETURN(DecimalParts parts, SplitDecimal(text, precision, scale));
  Int128 unscaled = 0;
  for (std::string_view digits : {parts.integer, parts.fraction}) {
    for (char c : digits) {
      unscaled = unscaled * 10 + (c - '0');
    }
  }
  return parts.negative ? -unscaled : unscaled;
}

Result<std::string> CheckDecimalText(std::string_view text, uint32_t precision, uint32_t scale) {
  RETURN_IF_ERROR(SplitDecimal(text, precision, scale));
  return std::string(text);
}

std::string BigEndianTwosComplement(Int128 value, uint32_t width) {
  std::string bytes(width, '\0');
  for (uint32_t i = width; i > 0; --i) {
    bytes[i - 1] = static_cast<char>(static_cast<uint8_t>(value & 0xff));
    value >>= 8;  // arithmetic: keeps the sign for the higher bytes
  }
  return bytes;
}

bool IsZeroOrInvalidDate(uint16_t year, uint8_t month, uint8_t day) {
  return month == 0 || day == 0 || month > 12 || day > DaysInMonth(year, month);
}

int32_t DaysSinceEpoch(uint16_t year, uint8_t month, uint8_t day) {
  // Count in years that start on March 1st, so the leap day is the last day of a year, and in
  // 400-year eras of 146097 days. 719468 is the day number of 1970-01-01 in that count.
  int64_t march_year = int64_t{year} - (month <= 2 ? 1 : 0);
  int64_t era = (march_year >= 0 ? march_year : march_year - 399) / 400;
  int64_t year_of_era = march_year - era * 400;
  int64_t month_from_march = month > 2 ? month - 3 : month + 9;
  int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int32_t>(era * 146097 + day_of_era - 719468);
}

Result<int64_t> DateTimeMicros(const mysql::DateTime& value) {
  if (IsZeroOrInvalidDate(value.year, value.month, value.day)) {
    return InvalidArgumentError(fmt::format("{:04}-{:02}-{:02} is a zero or invalid date",
                                            value.year, value.month, value.day));
  }
  if (value.hour > 23 || value.minute > 59 || value.second > 59 || value.micros > 999'999) {
    return InvalidArgumentError(fmt::format("{:02}:{:02}:{:02}.{:06} is not a time of day",
                                            value.hour, value.minute, value.second, value.micros));
  }
  int64_t seconds_of_day = (int64_t{value.hour} * 60 + value.minute) * 60 + value.second;
  return DaysSinceEpoch(value.year, value.month, value.day) * kMicrosPerDay +
         seconds_of_day * kMicrosPerSecond + value.micros;
}

Result<int64_t> TimestampMicros(const mysql::Timestamp& value) {
  constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / kMicrosPerSecond - 1;
  if (value.micros > 999'999 || value.seconds > kLimit || value.seconds < -kLimit) {
    return InvalidArgumentError(
        fmt::format("timestamp {}.{:06} is out of range", value.seconds, value.micros));
  }
  return value.seconds * kMicrosPerSecond + value.micros;
}

Result<std::string> FormatTime(const mysql::Time& value, uint32_t fsp) {
  if (value.hours > 838 || value.minutes > 59 || value.seconds > 59 || value.micros > 999'999 ||
      fsp > 6) {
    return InvalidArgumentError(fmt::format("TIME {}{}:{:02}:{:02}.{:06} is out of range",
                                            value.negative ? "-" : "", value.hours, value.minutes,
                                            value.seconds, value.micros));
  }
  std::string text = fmt::format("{}{:02}:{:02}:{:02}", value.negative ? "-" : "", value.hours,
                                 value.minutes, value.seconds);
  if (fsp == 0 && value.micros == 0) {
    return text;
  }
  uint32_t divisor = PowerOfTen(6 - fsp);
  if (value.micros % divisor != 0) {
    return InvalidArgumentError(fmt::format("TIME {}.{:06} has more fraction digits than TIME({})",
                                            text, value.micros, fsp));
  }
  return fmt::format("{}.{:0{}}", text, value.micros / divisor, fsp);
}

}  // namespace binlake::parquet
