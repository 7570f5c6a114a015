// Exact conversions of MySQL/MariaDB cell values (mysql/value.h) into the numbers and texts the
// Parquet type mapping (type_mapping.h) stores. Pure functions: nothing is rounded, clamped or
// shifted; a value that does not fit its target is an InvalidArgument error saying why (the
// caller adds the column name).
//
//   Decimal text "[-]I[.F]"   -> unscaled integer (precision <= 38), as int64 or big-endian
//                                two's complement bytes of a fixed width
//   Date / DateTime           -> days / microseconds since 1970-01-01 (proleptic Gregorian)
//   Time                      -> text "[-]HH:MM:SS[.f...]" (hours up to 838)
//
// Thread-safety: plain functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/mysql/value.h"

namespace binlake::parquet {

// 128-bit integers hold every unscaled decimal of precision <= 38 (10^38 < 2^127).
__extension__ using Int128 = __int128;

// The largest decimal precision stored as a Parquet/Iceberg decimal.
inline constexpr uint32_t kMaxDecimalPrecision = 38;

// Checks that `text` is decimal text "[-]I[.F]" as mysql::Decimal promises (digits only, F has
// exactly `scale` digits, at most `precision` digits in all) and returns the unscaled value
// (the digits without the point, with the sign). InvalidArgument otherwise, or when precision
// exceeds kMaxDecimalPrecision.
Result<Int128> ParseUnscaledDecimal(std::string_view text, uint32_t precision, uint32_t scale);

// Checks `text` like ParseUnscaledDecimal for any precision up to 65 (MySQL's maximum) and
// returns it unchanged: the exact text stored for DECIMAL(p > 38).
Result<std::string> CheckDecimalText(std::string_view text, uint32_t precision, uint32_t scale);

// `value` as `width` bytes of big-endian two's complement (1 <= width <= 16; the value must fit,
// which schema.h's DecimalByteLength(precision) guarantees for a checked decimal).
std::string BigEndianTwosComplement(Int128 value, uint32_t width);

// True when the date has a zero part (0000-00-00, 2024-00-15, 2024-05-00) or names a day that
// does not exist (2023-02-29, stored under ALLOW_INVALID_DATES): such dates have no lake value.
bool IsZeroOrInvalidDate(uint16_t year, uint8_t month, uint8_t day);

// Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar (negative before).
int32_t DaysSinceEpoch(uint16_t year, uint8_t month, uint8_t day);

// Microseconds from 1970-01-01 00:00:00 to a valid local date-time (its wall clock read as UTC,
// as Parquet's isAdjustedToUTC=false timestamps are). InvalidArgument when a time part is out
// of range (hour > 23, minute or second > 59, micros > 999999) or the date is zero or invalid.
Result<int64_t> DateTimeMicros(const mysql::DateTime& value);

// Microseconds since the epoch of a TIMESTAMP instant. InvalidArgument when micros > 999999.
Result<int64_t> TimestampMicros(const mysql::Timestamp& value);

// "[-]HH:MM:SS" plus "." and `fsp` fraction digits when fsp > 0, as MySQL prints TIME(fsp): hours
// have at least two digits ("-838:59:59.000000", "00:00:01"). InvalidArgument when a part is
// out of range (hours > 838, minutes or seconds > 59, micros > 999999) or the micros have
// digits beyond `fsp` (they would be lost).
Result<std::string> FormatTime(const mysql::Time& value, uint32_t fsp);

}  // namespace binlake::parquet
