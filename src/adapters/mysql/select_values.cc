#include "adapters/mysql/select_values.h"

#include <fmt/format.h>

#include <algorithm>

#include "binlake/parquet/mysql_conversions.h"

namespace binlake::adapters {
namespace {

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 1-based position of `label` in `members`, 0 when absent.
size_t MemberNumber(std::string_view label, const std::vector<std::string>& members) {
  const auto it = std::find(members.begin(), members.end(), label);
  return it == members.end() ? 0 : static_cast<size_t>(it - members.begin()) + 1;
}

}  // namespace

Status NormalizeDecimal(std::string_view text, uint32_t scale, std::string* out) {
  std::string_view rest = text;
  const bool negative = !rest.empty() && rest.front() == '-';
  if (negative)
    rest.remove_prefix(1);
  const size_t dot = rest.find('.');
  std::string_view integer = rest.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  if (integer.empty() || !AllDigits(integer) || !AllDigits(fraction) || fraction.size() > scale) {
    return CorruptionError(fmt::format("DECIMAL text '{}' does not fit scale {}", text, scale));
  }
  while (integer.size() > 1 && integer.front() == '0')
    integer.remove_prefix(1);
  const bool zero = integer == "0" && fraction.find_first_not_of('0') == std::string_view::npos;
  out->clear();
  if (negative && !zero)
    out->push_back('-');
  out->append(integer);
  if (scale > 0) {
    out->push_back('.');
    out->append(fraction);
    out->append(scale - fraction.size(), '0');
  }
  return Status::Ok();
}

Status EnumFromLabel(std::string_view label, const std::vector<std::string>& members,
                     mysql::Enum* out) {
  const size_t number = MemberNumber(label, members);
  if (number == 0 && !label.empty()) {
    return CorruptionError(
        fmt::format("ENUM label '{}' is not one of the {} members", label, members.size()));
  }
  out->index = static_cast<uint16_t>(number);
  out->label.assign(label);
  return Status::Ok();
}

Status SetFromLabels(std::string_view labels, const std::vector<std::string>& members,
                     mysql::Set* out) {
  out->bits = 0;
  size_t start = 0;
  while (start < labels.size()) {
    const size_t end = std::min(labels.find(',', start), labels.size());
    const std::string_view label = labels.substr(start, end - start);
    const size_t number = MemberNumber(label, members);
    if (number == 0 || number > 64) {
      return CorruptionError(
          fmt::format("SET label '{}' is not one of the {} members", label, members.size()));
    }
    out->bits |= uint64_t{1} << (number - 1);
    start = end + 1;
  }
  out->labels.assign(labels);
  return Status::Ok();
}

Result<mysql::Bit> BitFromBytes(std::string_view big_endian, uint32_t width) {
  if (width < 1 || width > 64 || big_endian.size() > 8) {
    return CorruptionError(fmt::format("{} bytes for a BIT({}) value", big_endian.size(), width));
  }
  uint64_t bits = 0;
  for (char byte : big_endian)
    bits = (bits << 8) | static_cast<uint8_t>(byte);
  if (width < 64 && (bits >> width) != 0) {
    return CorruptionError(fmt::format("BIT value 0x{:x} wider than BIT({})", bits, width));
  }
  return mysql::Bit{bits, static_cast<uint8_t>(width)};
}

Status GeometryFromBytes(std::string_view srid_and_wkb, mysql::Geometry* out) {
  if (srid_and_wkb.size() < 4) {
    return CorruptionError(
        fmt::format("GEOMETRY value of {} bytes, shorter than its SRID", srid_and_wkb.size()));
  }
  uint32_t srid = 0;
  for (size_t i = 0; i < 4; ++i)
    srid |= uint32_t{static_cast<uint8_t>(srid_and_wkb[i])} << (8 * i);
  out->srid = srid;
  out->wkb.assign(srid_and_wkb.substr(4));
  return Status::Ok();
}

mysql::Timestamp TimestampFromUtc(const mysql::DateTime& utc) {
  if (utc.year == 0 && utc.month == 0 && utc.day == 0)
    return mysql::Timestamp{0, 0};
  const int64_t days = parquet::DaysSinceEpoch(utc.year, utc.month, utc.day);
  return mysql::Timestamp{days * 86400 + utc.hour * 3600 + utc.minute * 60 + utc.second,
                          utc.micros};
}

}  // namespace binlake::adapters
