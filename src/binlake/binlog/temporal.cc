#include "binlake/binlog/temporal.h"

#include <array>

#include "binlake/base/macros.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

constexpr uint32_t kMaxFsp = 6;
constexpr int64_t kTime2IntOffset = 0x800000;
constexpr int64_t kTime2Offset = 0x800000000000;
constexpr int64_t kDateTime2IntOffset = 0x8000000000;
constexpr uint32_t kMicrosPerSecond = 1000000;

int64_t MakePacked(int64_t integer_part, int64_t fraction) {
  return static_cast<int64_t>(static_cast<uint64_t>(integer_part) << 24) + fraction;
}

Status CheckFsp(uint32_t fsp) {
  if (fsp > kMaxFsp) {
    return InvalidArgumentError(
        fmt::format("fractional-second precision {} is above 6 in the TABLE_MAP metadata", fsp));
  }
  return Status::Ok();
}

// The signed fraction of DATETIME2/TIMESTAMP2 in microseconds.
Result<int64_t> ReadSignedFraction(ByteReader& reader, uint32_t fsp) {
  switch ((fsp + 1) / 2) {
    case 0:
      return int64_t{0};
    case 1: {
      ASSIGN_OR_RETURN(const int8_t f, reader.ReadI8("fraction"));
      return int64_t{f} * 10000;
    }
    case 2: {
      ASSIGN_OR_RETURN(const int16_t f, reader.ReadI16Be("fraction"));
      return int64_t{f} * 100;
    }
    default: {
      ASSIGN_OR_RETURN(const int32_t f, reader.ReadI24Be("fraction"));
      return int64_t{f};
    }
  }
}

Status CheckMicros(int64_t micros, std::string_view type) {
  if (micros < 0 || micros >= kMicrosPerSecond) {
    return CorruptionError(
        fmt::format("{} fraction {} is outside 0..999999 microseconds", type, micros));
  }
  return Status::Ok();
}

}  // namespace

Result<mysql::Date> ReadDate(ByteReader& reader) {
  ASSIGN_OR_RETURN(const uint32_t v, reader.ReadU24Le("DATE"));
  return mysql::Date{.year = static_cast<uint16_t>(v >> 9),
                     .month = static_cast<uint8_t>((v >> 5) & 15),
                     .day = static_cast<uint8_t>(v & 31)};
}

Result<mysql::Time> ReadTime(ByteReader& reader) {
  ASSIGN_OR_RETURN(const int32_t v, reader.ReadI24Le("TIME"));
  const uint32_t magnitude = v < 0 ? static_cast<uint32_t>(-v) : static_cast<uint32_t>(v);
  return mysql::Time{.negative = v < 0,
                     .hours = static_cast<uint16_t>(magnitude / 10000),
                     .minutes = static_cast<uint8_t>(magnitude / 100 % 100),
                     .seconds = static_cast<uint8_t>(magnitude % 100),
                     .micros = 0};
}

Result<mysql::DateTime> ReadDateTime(ByteReader& reader) {
  ASSIGN_OR_RETURN(const uint64_t v, reader.ReadU64Le("DATETIME"));
  const uint64_t date = v / 1000000;
  const uint64_t time = v % 1000000;
  if (date / 10000 > 9999) {
    return CorruptionError(fmt::format("DATETIME value {} has a year above 9999", v));
  }
  return mysql::DateTime{.year = static_cast<uint16_t>(date / 10000),
                         .month = static_cast<uint8_t>(date / 100 % 100),
                         .day = static_cast<uint8_t>(date % 100),
                         .hour = static_cast<uint8_t>(time / 10000),
                         .minute = static_cast<uint8_t>(time / 100 % 100),
                         .second = static_cast<uint8_t>(time % 100),
                         .micros = 0};
}

Result<mysql::Timestamp> ReadTimestamp(ByteReader& reader) {
  ASSIGN_OR_RETURN(const uint32_t seconds, reader.ReadU32Le("TIMESTAMP"));
  return mysql::Timestamp{.seconds = seconds, .micros = 0};
}

Result<mysql::Time> ReadTime2(ByteReader& reader, uint32_t fsp) {
  RETURN_IF_ERROR(CheckFsp(fsp));
  const uint32_t fraction_bytes = (fsp + 1) / 2;
  if (fraction_bytes == 3) {
    ASSIGN_OR_RETURN(const uint64_t v, reader.ReadU48Be("TIME2"));
    return TimeFromPacked(static_cast<int64_t>(v) - kTime2Offset);
  }
  ASSIGN_OR_RETURN(const uint32_t raw_integer, reader.ReadU24Be("TIME2"));
  int64_t integer_part = int64_t{raw_integer} - kTime2IntOffset;
  int64_t fraction = 0;
  int64_t fraction_unit = 1;
  int64_t fraction_range = 1;
  if (fraction_bytes == 1) {
    ASSIGN_OR_RETURN(const uint8_t f, reader.ReadU8("TIME2 fraction"));
    fraction = f;
    fraction_unit = 10000;
    fraction_range = 0x100;
  } else if (fraction_bytes == 2) {
    ASSIGN_OR_RETURN(const uint16_t f, reader.ReadU16Be("TIME2 fraction"));
    fraction = f;
    fraction_unit = 100;
    fraction_range = 0x10000;
  }
  if (integer_part < 0 && fraction != 0) {
    // Negative values store the fraction counted down from the next integer.
    ++integer_part;
    fraction -= fraction_range;
  }
  return TimeFromPacked(MakePacked(integer_part, fraction * fraction_unit));
}

Result<mysql::DateTime> ReadDateTime2(ByteReader& reader, uint32_t fsp) {
  RETURN_IF_ERROR(CheckFsp(fsp));
  ASSIGN_OR_RETURN(const uint8_t high, reader.ReadU8("DATETIME2"));
  ASSIGN_OR_RETURN(const uint32_t low, reader.ReadU32Be("DATETIME2"));
  const int64_t integer_part =
      static_cast<int64_t>((uint64_t{high} << 32) | low) - kDateTime2IntOffset;
  ASSIGN_OR_RETURN(const int64_t micros, ReadSignedFraction(reader, fsp));
  if (integer_part < 0) {
    return CorruptionError(fmt::format("DATETIME2 value is negative ({})", integer_part));
  }
  RETURN_IF_ERROR(CheckMicros(micros, "DATETIME2"));
  return DateTimeFromPacked(MakePacked(integer_part, micros));
}

Result<mysql::Timestamp> ReadTimestamp2(ByteReader& reader, uint32_t fsp) {
  RETURN_IF_ERROR(CheckFsp(fsp));
  ASSIGN_OR_RETURN(const uint32_t seconds, reader.ReadU32Be("TIMESTAMP2"));
  ASSIGN_OR_RETURN(const int64_t micros, ReadSignedFraction(reader, fsp));
  RETURN_IF_ERROR(CheckMicros(micros, "TIMESTAMP2"));
  return mysql::Timestamp{.seconds = seconds, .micros = static_cast<uint32_t>(micros)};
}

namespace {

constexpr std::array<uint32_t, 7> kTimeHiresBytes = {3, 4, 4, 5, 5, 5, 6};
constexpr std::array<uint32_t, 7> kDateTimeHiresBytes = {5, 6, 6, 7, 7, 7, 8};
constexpr std::array<uint64_t, 7> kPowersOfTen = {1, 10, 100, 1000, 10000, 100000, 1000000};
constexpr uint64_t kTimeMaxSeconds = 838 * 3600 + 59 * 60 + 59;

Status CheckHiresFsp(uint32_t fsp) {
  if (fsp < 1 || fsp > kMaxFsp) {
    return InvalidArgumentError(
        fmt::format("MariaDB hires temporal precision {} is not 1..6", fsp));
  }
  return Status::Ok();
}

Result<uint64_t> ReadBigEndian(ByteReader& reader, uint32_t bytes, std::string_view what) {
  ASSIGN_OR_RETURN(const std::string_view raw, reader.ReadBytes(bytes, what));
  uint64_t v = 0;
  for (const char b : raw) {
    v = (v << 8) | static_cast<uint8_t>(b);
  }
  return v;
}

}  // namespace

Result<mysql::Time> ReadMariaDbTimeHires(ByteReader& reader, uint32_t fsp) {
  RETURN_IF_ERROR(CheckHiresFsp(fsp));
  ASSIGN_OR_RETURN(const uint64_t stored, ReadBigEndian(reader, kTimeHiresBytes[fsp], "TIME(n)"));
  const uint64_t scale = kPowersOfTen[kMaxFsp - fsp];
  const uint64_t zero = (kTimeMaxSeconds + 1) * kMicrosPerSecond / scale;
  const bool negative = stored < zero;
  const uint64_t micros = (negative ? zero - stored : stored - zero) * scale;
  const uint64_t seconds = micros / kMicrosPerSecond;
  if (seconds / 3600 > 1023) {
    return CorruptionError(fmt::format("TIME({}) value {} is out of range", fsp, stored));
  }
  return mysql::Time{.negative = negative,
                     .hours = static_cast<uint16_t>(seconds / 3600),
                     .minutes = static_cast<uint8_t>(seconds / 60 % 60),
                     .seconds = static_cast<uint8_t>(seconds % 60),
                     .micros = static_cast<uint32_t>(micros % kMicrosPerSecond)};
}

Result<mysql::DateTime> ReadMariaDbDateTimeHires(ByteReader& reader, uint32_t fsp) {
  RETURN_IF_ERROR(CheckHiresFsp(fsp));
  ASSIGN_OR_RETURN(const uint64_t stored,
                   ReadBigEndian(reader, kDateTimeHiresBytes[fsp], "DATETIME(n)"));
  uint64_t v = stored * kPowersOfTen[kMaxFsp - fsp];
  const auto take = [&v](uint64_t radix) {
    const uint64_t part = v % radix;
    v /= radix;
    return part;
  };
  mysql::DateTime dt;
  dt.micros = static_cast<uint32_t>(take(kMicrosPerSecond));
  dt.second = static_cast<uint8_t>(take(60));
  dt.minute = static_cast<uint8_t>(take(60));
  dt.hour = static_cast<uint8_t>(take(24));
  dt.day = static_cast<uint8_t>(take(32));
  dt.month = static_cast<uint8_t>(take(13));
  if (v > 9999) {
    return CorruptionError(fmt::format("DATETIME({}) value {} has a year above 9999", fsp, stored));
  }
  dt.year = static_cast<uint16_t>(v);
  return dt;
}

Result<mysql::Timestamp> ReadMariaDbTimestampHires(ByteReader& reader, uint32_t fsp) {
  RETURN_IF_ERROR(CheckHiresFsp(fsp));
  ASSIGN_OR_RETURN(const uint32_t seconds, reader.ReadU32Be("TIMESTAMP(n)"));
  ASSIGN_OR_RETURN(const uint64_t fraction,
                   ReadBigEndian(reader, (fsp + 1) / 2, "TIMESTAMP(n) fraction"));
  const uint64_t micros = fraction * kPowersOfTen[kMaxFsp - fsp];
  RETURN_IF_ERROR(CheckMicros(static_cast<int64_t>(micros), "TIMESTAMP(n)"));
  return mysql::Timestamp{.seconds = seconds, .micros = static_cast<uint32_t>(micros)};
}

mysql::Time TimeFromPacked(int64_t packed) {
  const bool negative = packed < 0;
  const uint64_t magnitude =
      negative ? uint64_t{0} - static_cast<uint64_t>(packed) : static_cast<uint64_t>(packed);
  const uint64_t hms = magnitude >> 24;
  return mysql::Time{.negative = negative,
                     .hours = static_cast<uint16_t>((hms >> 12) % (1U << 10)),
                     .minutes = static_cast<uint8_t>((hms >> 6) % (1U << 6)),
                     .seconds = static_cast<uint8_t>(hms % (1U << 6)),
                     .micros = static_cast<uint32_t>(magnitude % (1U << 24))};
}

mysql::DateTime DateTimeFromPacked(int64_t packed) {
  const uint64_t magnitude =
      packed < 0 ? uint64_t{0} - static_cast<uint64_t>(packed) : static_cast<uint64_t>(packed);
  const uint64_t ymdhms = magnitude >> 24;
  const uint64_t ymd = ymdhms >> 17;
  const uint64_t year_month = ymd >> 5;
  const uint64_t hms = ymdhms % (1U << 17);
  return mysql::DateTime{.year = static_cast<uint16_t>(year_month / 13),
                         .month = static_cast<uint8_t>(year_month % 13),
                         .day = static_cast<uint8_t>(ymd % (1U << 5)),
                         .hour = static_cast<uint8_t>(hms >> 12),
                         .minute = static_cast<uint8_t>((hms >> 6) % (1U << 6)),
                         .second = static_cast<uint8_t>(hms % (1U << 6)),
                         .micros = static_cast<uint32_t>(magnitude % (1U << 24))};
}

}  // namespace binlake::binlog
