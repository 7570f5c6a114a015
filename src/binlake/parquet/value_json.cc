#include "binlake/parquet/value_json.h"

#include <fmt/format.h>

#include <cmath>
#include <variant>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/base/utf8.h"
#include "binlake/parquet/mysql_conversions.h"

namespace binlake::parquet {
namespace {

// One value as stored, whatever the physical type.
struct Raw {
  bool boolean = false;
  int64_t integer = 0;  // INT32, INT64
  double real = 0;      // FLOAT (widened), DOUBLE
  Int96 int96;
  std::string_view bytes;  // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
};

template <typename... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <typename... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};

// The inverse of DaysSinceEpoch: proleptic Gregorian date of a day count from 1970-01-01.
CivilDate CivilFromDays(int64_t days) {
  int64_t shifted = days + 719468;  // days since 0000-03-01
  int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  int64_t day_of_era = shifted - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_from_march = (5 * day_of_year + 2) / 153;
  auto day = static_cast<unsigned>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  auto month =
      static_cast<unsigned>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int64_t UnitsPerSecond(TimeUnit unit) {
  return unit == TimeUnit::kMillis ? 1000 : unit == TimeUnit::kMicros ? 1000000 : 1000000000;
}

int FractionDigits(TimeUnit unit) {
  return unit == TimeUnit::kMillis ? 3 : unit == TimeUnit::kMicros ? 6 : 9;
}

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

std::string DateText(int64_t days) {
  CivilDate date = CivilFromDays(days);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

// "HH:MM:SS.f..." of `units` since midnight (0 <= units < one day).
std::string TimeOfDayText(int64_t units, TimeUnit unit) {
  int64_t per_second = UnitsPerSecond(unit);
  int64_t seconds = units / per_second;
  return fmt::format("{:02}:{:02}:{:02}.{:0{}}", seconds / 3600, seconds / 60 % 60, seconds % 60,
                     units % per_second, FractionDigits(unit));
}

std::string TimestampText(int64_t value, TimeUnit unit, bool utc) {
  int64_t per_day = UnitsPerSecond(unit) * 86400;
  // Floor division without forming days * per_day, which can overflow near INT64_MIN.
  bool before_midnight = value % per_day < 0;
  int64_t days = value / per_day - (before_midnight ? 1 : 0);
  int64_t of_day = value % per_day + (before_midnight ? per_day : 0);
  return fmt::format("\"{}T{}{}\"", DateText(days), TimeOfDayText(of_day, unit), utc ? "Z" : "");
}

// Decimal digits of a big-endian two's complement integer of any length, with the sign.
std::string BigEndianDecimalDigits(std::string_view bytes) {
  std::vector<uint8_t> magnitude(bytes.begin(), bytes.end());
  bool negative = !magnitude.empty() && (magnitude.front() & 0x80) != 0;
  if (negative) {  // two's complement negation: invert, add one
    for (uint8_t& byte : magnitude) {
      byte = static_cast<uint8_t>(~byte);
    }
    for (size_t i = magnitude.size(); i > 0; --i) {
      if (++magnitude[i - 1] != 0) {
        break;
      }
    }
  }
  std::string digits;
  bool zero = false;
  while (!zero) {  // divide by 10 until nothing is left
    unsigned remainder = 0;
    zero = true;
    for (uint8_t& byte : magnitude) {
      unsigned current = remainder * 256 + byte;
      byte = static_cast<uint8_t>(current / 10);
      remainder = current % 10;
      zero = zero && byte == 0;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
  }
  return negative ? "-" + digits : digits;
}

// Inserts the decimal point `scale` digits from the right of signed digits "[-]D...".
std::string DecimalText(std::string_view digits, int32_t scale) {
  bool negative = digits.starts_with('-');
  if (negative) {
    digits.remove_prefix(1);
  }
  auto fraction = static_cast<size_t>(scale);
  std::string padded(digits.size() <= fraction ? fraction + 1 - digits.size() : 0, '0');
  padded.append(digits);
  std::string_view whole = padded;
  return Quoted(fmt::format("{}{}{}{}", negative ? "-" : "",
                            whole.substr(0, whole.size() - fraction), fraction > 0 ? "." : "",
                            whole.substr(whole.size() - fraction)));
}

std::string UuidText(std::string_view bytes) {
  std::string hex;
  for (size_t i = 0; i < bytes.size(); ++i) {
    hex += (i == 4 || i == 6 || i == 8 || i == 10) ? "-" : "";
    hex += fmt::format("{:02x}", static_cast<uint8_t>(bytes[i]));
  }
  return Quoted(hex);
}

std::string RealText(double value) {
  if (std::isnan(value)) {
    return "\"NaN\"";
  }
  if (std::isinf(value)) {
    return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  }
  return fmt::format("{}", value);
}

std::string FloatText(float value) {
  if (std::isnan(value) || std::isinf(value)) {
    return RealText(double{value});
  }
  return fmt::format("{}", value);  // the shortest text that reads back as this float
}

std::string Int96Text(Int96 value) {
  constexpr int64_t kJulianDayOfEpoch = 2440588;
  int64_t nanos_of_day =
      static_cast<int64_t>(uint64_t{value.words[0]} | uint64_t{value.words[1]} << 32);
  int64_t days = int64_t{value.words[2]} - kJulianDayOfEpoch;
  return fmt::format("\"{}T{}\"", DateText(days), TimeOfDayText(nanos_of_day, TimeUnit::kNanos));
}

// The physical rendering, for columns without a logical type this file knows.
std::string PhysicalText(const ColumnSpec& column, const Raw& raw) {
  switch (column.physical_type) {
    case PhysicalType::kBoolean:
      return raw.boolean ? "true" : "false";
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
      return fmt::format("{}", raw.integer);
    case PhysicalType::kFloat:
      return FloatText(static_cast<float>(raw.real));
    case PhysicalType::kDouble:
      return RealText(raw.real);
    case PhysicalType::kInt96:
      return Int96Text(raw.int96);
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      break;
  }
  return Quoted(Base64(raw.bytes));
}

// The largest scale rendered as a decimal; a file claiming more (or a negative scale) is
// rendered by its physical type.
constexpr int32_t kMaxRenderedScale = 76;

std::string DecimalValueText(const ColumnSpec& column, const Raw& raw, int32_t scale) {
  if (scale < 0 || scale > kMaxRenderedScale) {
    return PhysicalText(column, raw);
  }
  bool integer =
      column.physical_type == PhysicalType::kInt32 || column.physical_type == PhysicalType::kInt64;
  return DecimalText(integer ? fmt::format("{}", raw.integer) : BigEndianDecimalDigits(raw.bytes),
                     scale);
}

std::string Render(const ColumnSpec& column, const Raw& raw) {
  if (!column.logical_type.has_value()) {
    return PhysicalText(column, raw);
  }
  return std::visit(
      Overloaded{
          [&](const StringType&) { return Quoted(raw.bytes); },
          [&](const EnumType&) { return Quoted(raw.bytes); },
          [&](const JsonType&) { return Quoted(raw.bytes); },
          [&](const DecimalType& decimal) { return DecimalValueText(column, raw, decimal.scale); },
          [&](const DateType&) { return Quoted(DateText(raw.integer)); },
          [&](const TimeType& time) { return Quoted(TimeOfDayText(raw.integer, time.unit)); },
          [&](const TimestampType& timestamp) {
            return TimestampText(raw.integer, timestamp.unit, timestamp.is_adjusted_to_utc);
          },
          [&](const IntType& type) {
            if (type.is_signed) {
              return fmt::format("{}", raw.integer);
            }
            return type.bit_width == 64 ? fmt::format("{}", static_cast<uint64_t>(raw.integer))
                                        : fmt::format("{}", static_cast<uint32_t>(raw.integer));
          },
          [&](const UuidType&) {
            return raw.bytes.size() == 16 ? UuidText(raw.bytes) : PhysicalText(column, raw);
          },
          [&](const auto&) { return PhysicalText(column, raw); },
      },
      *column.logical_type);
}

Result<Raw> DecodePlain(const ColumnSpec& column, std::string_view plain) {
  ByteReader reader(plain);
  Raw raw;
  switch (column.physical_type) {
    case PhysicalType::kBoolean: {
      ASSIGN_OR_RETURN(uint8_t byte, reader.ReadU8("boolean"));
      raw.boolean = byte != 0;
      break;
    }
    case PhysicalType::kInt32: {
      ASSIGN_OR_RETURN(int32_t value, reader.ReadI32Le("int32"));
      raw.integer = value;
      break;
    }
    case PhysicalType::kInt64: {
      ASSIGN_OR_RETURN(raw.integer, reader.ReadI64Le("int64"));
      break;
    }
    case PhysicalType::kFloat: {
      ASSIGN_OR_RETURN(float value, reader.ReadFloatLe("float"));
      raw.real = double{value};
      break;
    }
    case PhysicalType::kDouble: {
      ASSIGN_OR_RETURN(raw.real, reader.ReadDoubleLe("double"));
      break;
    }
    case PhysicalType::kInt96:
      for (uint32_t& word : raw.int96.words) {
        ASSIGN_OR_RETURN(word, reader.ReadU32Le("int96"));
      }
      break;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      raw.bytes = plain;
      return raw;
  }
  if (reader.remaining() != 0) {
    return CorruptionError(fmt::format("statistic of {} bytes for a {} column", plain.size(),
                                       PhysicalTypeName(column.physical_type)));
  }
  return raw;
}

}  // namespace

std::string ValueJson(const ColumnSpec& column, const ColumnValues& values, size_t value_index) {
  Raw raw;
  switch (values.physical_type()) {
    case PhysicalType::kBoolean:
      raw.boolean = values.bools()[value_index] != 0;
      break;
    case PhysicalType::kInt32:
      raw.integer = values.int32s()[value_index];
      break;
    case PhysicalType::kInt64:
      raw.integer = values.int64s()[value_index];
      break;
    case PhysicalType::kFloat:
      raw.real = double{values.floats()[value_index]};
      break;
    case PhysicalType::kDouble:
      raw.real = values.doubles()[value_index];
      break;
    case PhysicalType::kInt96:
      raw.int96 = values.int96s()[value_index];
      break;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      raw.bytes = values.BytesValue(value_index);
      break;
  }
  return Render(column, raw);
}

Result<std::string> StatisticJson(const ColumnSpec& column, std::string_view plain) {
  ASSIGN_OR_RETURN(Raw raw, DecodePlain(column, plain));
  return Render(column, raw);
}

void AppendJsonString(std::string_view text, std::string* out) {
  bool valid = IsValidUtf8(text);
  out->push_back('"');
  for (char c : text) {
    auto byte = static_cast<uint8_t>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (byte < 0x20) {
      fmt::format_to(std::back_inserter(*out), "\\u{:04x}", byte);
    } else if (byte >= 0x80 && !valid) {
      out->append("\\ufffd");
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

std::string Base64(std::string_view bytes) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t group = 0;
    for (size_t k = 0; k < 3; ++k) {
      group = group << 8 | (k < n ? static_cast<uint8_t>(bytes[i + k]) : 0u);
    }
    for (size_t k = 0; k < 4; ++k) {
      out.push_back(k <= n ? kAlphabet[group >> (18 - 6 * k) & 0x3f] : '=');
    }
  }
  return out;
}

}  // namespace binlake::parquet
