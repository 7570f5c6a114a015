// MySQL/MariaDB temporal values as row images store them, decoded into mysql::Value types.
//
// Formats (all read through a bounds-checked ByteReader; a short input is Corruption):
//   DATE (3 bytes LE)          day | month << 5 | year << 9
//   TIME (3 bytes LE, signed)  [-]HHMMSS as a decimal integer (before MySQL 5.6.4)
//   DATETIME (8 bytes LE)      YYYYMMDDhhmmss as a decimal integer (before MySQL 5.6.4)
//   TIMESTAMP (4 bytes LE)     seconds since the epoch
//   TIME2 (3 bytes BE + frac)  offset-binary packed time; negative values keep the fraction
//                              "reversed" for sort order, so the fraction borrows from the
//                              integer part (-00:00:00.5 is integer part -1, fraction 0.5)
//   DATETIME2 (5 bytes BE + frac)  sign bit, year*13+month (17 bits), day (5), h (5), m (6), s (6)
//   TIMESTAMP2 (4 bytes BE + frac) seconds since the epoch
// The fraction of the *2 types takes (fsp + 1) / 2 bytes, big-endian, in units of 1/100 s
// (fsp 1-2), 1/10000 s (fsp 3-4) or microseconds (fsp 5-6).
//
// The "packed" forms (TimeFromPacked, DateTimeFromPacked) are the 64-bit integers MySQL uses in
// memory and in JSON opaque values: (integer part << 24) + microseconds, sign over the whole.
#pragma once

#include <cstdint>

#include "binlake/base/byte_reader.h"
#include "binlake/base/result.h"
#include "binlake/mysql/value.h"

namespace binlake::binlog {

Result<mysql::Date> ReadDate(ByteReader& reader);
Result<mysql::Time> ReadTime(ByteReader& reader);
Result<mysql::DateTime> ReadDateTime(ByteReader& reader);
Result<mysql::Timestamp> ReadTimestamp(ByteReader& reader);
// `fsp` is the column's fractional-second precision (0..6) from the TABLE_MAP metadata;
// InvalidArgument when above 6.
Result<mysql::Time> ReadTime2(ByteReader& reader, uint32_t fsp);
Result<mysql::DateTime> ReadDateTime2(ByteReader& reader, uint32_t fsp);
Result<mysql::Timestamp> ReadTimestamp2(ByteReader& reader, uint32_t fsp);

// MariaDB 5.3 "hires" TIME(n)/DATETIME(n)/TIMESTAMP(n), n = 1..6 (mysql56_temporal_format=OFF).
// The TABLE_MAP gives these the old type codes with no metadata, so `fsp` comes from the
// declared schema. TIME: big-endian, 3-6 bytes, microseconds since -838:59:59 scaled down to
// `fsp` digits (offset so that the stored number is unsigned); DATETIME: big-endian, 5-8 bytes,
// ((((year*13+month)*32+day)*24+hour)*60+minute)*60+second, then the scaled fraction;
// TIMESTAMP: 4 bytes big-endian seconds, then the scaled fraction in 1-3 bytes.
Result<mysql::Time> ReadMariaDbTimeHires(ByteReader& reader, uint32_t fsp);
Result<mysql::DateTime> ReadMariaDbDateTimeHires(ByteReader& reader, uint32_t fsp);
Result<mysql::Timestamp> ReadMariaDbTimestampHires(ByteReader& reader, uint32_t fsp);

mysql::Time TimeFromPacked(int64_t packed);
// Negative packed datetimes do not occur; the magnitude is used.
mysql::DateTime DateTimeFromPacked(int64_t packed);

}  // namespace binlake::binlog
