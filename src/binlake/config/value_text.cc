#include "binlake/config/value_text.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <limits>
#include <utility>

namespace binlake::config {
namespace {

struct Unit {
  std::string_view name;  // lower case
  uint64_t factor;
};

constexpr std::array<Unit, 9> kByteUnits = {{
    {"b", 1},
    {"kb", 1000},
    {"mb", 1000ull * 1000},
    {"gb", 1000ull * 1000 * 1000},
    {"tb", 1000ull * 1000 * 1000 * 1000},
    {"kib", 1ull << 10},
    {"mib", 1ull << 20},
    {"gib", 1ull << 30},
    {"tib", 1ull << 40},
}};

constexpr std::array<Unit, 4> kDurationUnits = {{
    {"ms", 1},
    {"s", 1000},
    {"m", 60ull * 1000},
    {"h", 60ull * 60 * 1000},
}};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits "16 MiB" into its leading digits and the (trimmed) rest.
std::pair<std::string_view, std::string_view> SplitNumber(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
    ++digits;
  }
  return {text.substr(0, digits), Trim(text.substr(digits))};
}

// Parses unsigned decimal digits; InvalidArgument when the number exceeds `limit`.
Result<uint64_t> ParseDigits(std::string_view digits, std::string_view original, uint64_t limit) {
  if (digits.empty()) {
    return InvalidArgumentError(fmt::format("\"{}\" is not a whole number", original));
  }
  uint64_t value = 0;
  for (char c : digits) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (limit - digit) / 10) {
      return InvalidArgumentError(fmt::format("\"{}\" is too large", original));
    }
    value = value * 10 + digit;
  }
  return value;
}

template <size_t N>
Result<uint64_t> ParseWithUnit(std::string_view text, const std::array<Unit, N>& units,
                               bool unit_required, std::string_view unit_list) {
  std::string_view trimmed = Trim(text);
  auto [digits, unit_text] = SplitNumber(trimmed);
  if (digits.empty() || unit_text.starts_with('.')) {
    return InvalidArgumentError(
        fmt::format("\"{}\" is not a whole number with a unit ({})", text, unit_list));
  }
  uint64_t factor = 0;
  if (unit_text.empty() && !unit_required) {
    factor = 1;
  }
  std::string unit = Lower(unit_text);
  for (const Unit& candidate : units) {
    if (candidate.name == unit) {
      factor = candidate.factor;
    }
  }
  if (factor == 0) {
    return InvalidArgumentError(fmt::format("\"{}\" needs one of the units {}", text, unit_list));
  }
  constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  Result<uint64_t> number = ParseDigits(digits, text, kLimit / factor);
  if (!number.ok()) {
    return number.status();
  }
  return *number * factor;
}

template <size_t N>
std::string FormatWithLargestUnit(uint64_t value, const std::array<Unit, N>& units,
                                  std::string_view (*display)(std::string_view)) {
  for (size_t i = N; i-- > 0;) {
    const Unit& unit = units[i];
    if (value != 0 && unit.factor > 1 && value % unit.factor == 0) {
      return fmt::format("{}{}", value / unit.factor, display(unit.name));
    }
  }
  return fmt::format("{}{}", value, display(units[0].name));
}

std::string_view DisplayByteUnit(std::string_view lower) {
  if (lower == "kib") {
    return "KiB";
  }
  if (lower == "mib") {
    return "MiB";
  }
  if (lower == "gib") {
    return "GiB";
  }
  if (lower == "tib") {
    return "TiB";
  }
  return "";  // plain bytes
}

std::string_view DisplayDurationUnit(std::string_view lower) {
  return lower;
}

// Only the IEC units are used when printing: a size is shown in the units S3 limits use.
constexpr std::array<Unit, 5> kPrintedByteUnits = {
    {kByteUnits[0], kByteUnits[5], kByteUnits[6], kByteUnits[7], kByteUnits[8]}};

}  // namespace

Result<bool> ParseBool(std::string_view text) {
  std::string lower = Lower(Trim(text));
  if (lower == "true" || lower == "yes" || lower == "on") {
    return true;
  }
  if (lower == "false" || lower == "no" || lower == "off") {
    return false;
  }
  return InvalidArgumentError(fmt::format("\"{}\" is not a boolean (true or false)", text));
}

Result<int64_t> ParseInteger(std::string_view text) {
  std::string_view trimmed = Trim(text);
  bool negative = trimmed.starts_with('-');
  if (negative || trimmed.starts_with('+')) {
    trimmed.remove_prefix(1);
  }
  auto [digits, rest] = SplitNumber(trimmed);
  if (digits.empty() || !rest.empty()) {
    return InvalidArgumentError(fmt::format("\"{}\" is not an integer", text));
  }
  constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  Result<uint64_t> magnitude = ParseDigits(digits, text, kLimit);
  if (!magnitude.ok()) {
    return magnitude.status();
  }
  int64_t value = static_cast<int64_t>(*magnitude);
  return negative ? -value : value;
}

Result<uint64_t> ParseByteSize(std::string_view text) {
  return ParseWithUnit(text, kByteUnits, /*unit_required=*/false,
                       "B, KB, MB, GB, TB, KiB, MiB, GiB, TiB");
}

Result<int64_t> ParseDurationMillis(std::string_view text) {
  Result<uint64_t> millis =
      ParseWithUnit(text, kDurationUnits, /*unit_required=*/true, "ms, s, m, h");
  if (!millis.ok()) {
    return millis.status();
  }
  return static_cast<int64_t>(*millis);
}

std::string FormatByteSize(uint64_t bytes) {
  return FormatWithLargestUnit(bytes, kPrintedByteUnits, DisplayByteUnit);
}

std::string FormatDurationMillis(int64_t millis) {
  if (millis < 0) {
    return fmt::format("-{}", FormatDurationMillis(-millis));
  }
  return FormatWithLargestUnit(static_cast<uint64_t>(millis), kDurationUnits, DisplayDurationUnit);
}

}  // namespace binlake::config
