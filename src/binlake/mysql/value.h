// One decoded MySQL/MariaDB cell value, exact: nothing is rounded, clamped or reinterpreted on the
// way from the binlog (or a SELECT) to this type. Producers: binlog/ (row images) and the full
// load. Consumers: the type mapping to Parquet (parquet/type_mapping.h) and the CLI dumps.
//
// Conventions every producer keeps:
//   - Integers: int64_t for signed columns, uint64_t for unsigned ones (signedness from TABLE_MAP
//     optional metadata or the table schema). FLOAT is float, DOUBLE is double. YEAR is Year.
//   - Decimal text is "[-]I[.F]" with exactly `scale` digits in F, no '+' and no exponent; I has
//     no leading zeros except a single "0". Up to 65 digits in all.
//   - Dates keep zero and partial-zero parts as stored (0000-00-00, 2024-00-15); a consumer
//     decides what a lake type does with them.
//   - Time spans -838:59:59.000000 .. 838:59:59.000000 (hours up to 838), sign separate.
//   - DateTime is a local wall-clock value without a zone; Timestamp is an instant (seconds since
//     1970-01-01 UTC); a stored zero TIMESTAMP ('0000-00-00 00:00:00') is seconds == 0 and
//     micros == 0, which a consumer tells apart from the epoch by the column being TIMESTAMP.
//   - Text is UTF-8 (converted from the column's charset); Binary is the raw bytes.
//   - Json is canonical JSON text (MySQL's own rendering of its binary JSON).
//   - Enum/Set carry both the stored number and the labels (Set labels comma-joined in member
//     order); labels are empty when no member list was known.
//   - Geometry is the SRID and the WKB; Vector is n IEEE-754 float32 values, little-endian.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace binlake::mysql {

struct Null {
  bool operator==(const Null&) const = default;
};
struct Decimal {
  std::string text;
  bool operator==(const Decimal&) const = default;
};
struct Date {
  uint16_t year = 0;
  uint8_t month = 0;
  uint8_t day = 0;
  bool operator==(const Date&) const = default;
};
struct Time {
  bool negative = false;
  uint16_t hours = 0;
  uint8_t minutes = 0;
  uint8_t seconds = 0;
  uint32_t micros = 0;
  bool operator==(const Time&) const = default;
};
struct DateTime {
  uint16_t year = 0;
  uint8_t month = 0;
  uint8_t day = 0;
  uint8_t hour = 0;
  uint8_t minute = 0;
  uint8_t second = 0;
  uint32_t micros = 0;
  bool operator==(const DateTime&) const = default;
};
struct Timestamp {
  int64_t seconds = 0;
  uint32_t micros = 0;
  bool operator==(const Timestamp&) const = default;
};
struct Year {
  uint16_t year = 0;  // 0 is the zero year, otherwise 1901..2155
  bool operator==(const Year&) const = default;
};
struct Text {
  std::string utf8;
  bool operator==(const Text&) const = default;
};
struct Binary {
  std::string bytes;
  bool operator==(const Binary&) const = default;
};
struct Json {
  std::string text;
  bool operator==(const Json&) const = default;
};
struct Enum {
  uint16_t index = 0;  // 1-based member number; 0 is the empty "error" value
  std::string label;
  bool operator==(const Enum&) const = default;
};
struct Set {
  uint64_t bits = 0;
  std::string labels;  // comma-joined members, in member order
  bool operator==(const Set&) const = default;
};
struct Bit {
  uint64_t bits = 0;
  uint8_t width = 1;  // declared BIT(width), 1..64
  bool operator==(const Bit&) const = default;
};
struct Geometry {
  uint32_t srid = 0;
  std::string wkb;
  bool operator==(const Geometry&) const = default;
};
struct Vector {
  std::string float32_le;  // 4 bytes per dimension
  bool operator==(const Vector&) const = default;
};

using Value = std::variant<Null, int64_t, uint64_t, float, double, Decimal, Date, Time, DateTime,
                           Timestamp, Year, Text, Binary, Json, Enum, Set, Bit, Geometry, Vector>;

inline bool IsNull(const Value& value) {
  return std::holds_alternative<Null>(value);
}

}  // namespace binlake::mysql
