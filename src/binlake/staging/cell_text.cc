#include "binlake/staging/cell_text.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <string_view>

#include "binlake/base/macros.h"
#include "binlake/parquet/mysql_conversions.h"
#include "binlake/staging/utc_time.h"

namespace binlake::staging {
namespace {

using parquet::ColumnValues;
using parquet::Int128;
using parquet::LakeType;
using parquet::PhysicalType;

constexpr std::string_view kHexDigits = "0123456789ABCDEF";
constexpr int64_t kMicrosPerDay = 86'400'000'000;
// Days of 0000-01-01 and 9999-12-31: the years MySQL temporals can hold.
constexpr int64_t kFirstDay = -719'528;
constexpr int64_t kLastDay = 2'932'896;

template <typename T>
void AppendNumber(T value, std::string* out) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out->append(buffer.data(), result.ptr);
}

void AppendDate(const UtcTime& time, std::string* out) {
  AppendPaddedDigits(time.year, 4, out);
  out->push_back('-');
  AppendPaddedDigits(time.month, 2, out);
  out->push_back('-');
  AppendPaddedDigits(time.day, 2, out);
}

// The unscaled value as decimal text with `scale` fraction digits.
void AppendScaled(Int128 unscaled, uint32_t scale, std::string* out) {
  const bool negative = unscaled < 0;
  // Digits of the magnitude, least significant first (unsigned: the minimum has no negation).
  __extension__ using Uint128 = unsigned __int128;
  Uint128 magnitude =
      negative ? Uint128{0} - static_cast<Uint128>(unscaled) : static_cast<Uint128>(unscaled);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  digits.append(digits.size() <= scale ? scale + 1 - digits.size() : 0, '0');
  if (negative) {
    out->push_back('-');
  }
  for (size_t i = digits.size(); i > 0; --i) {
    if (i == scale && scale > 0) {
      out->push_back('.');
    }
    out->push_back(digits[i - 1]);
  }
}

Result<Int128> BigEndianValue(std::string_view bytes, bool is_signed) {
  if (bytes.empty() || bytes.size() > 16) {
    return CorruptionError("a big-endian integer of " + std::to_string(bytes.size()) + " bytes");
  }
  const bool negative = is_signed && (static_cast<unsigned char>(bytes[0]) & 0x80) != 0;
  __extension__ using Uint128 = unsigned __int128;
  Uint128 value = negative ? ~Uint128{0} : Uint128{0};
  for (const char c : bytes) {
    value = (value << 8) | static_cast<unsigned char>(c);
  }
  return static_cast<Int128>(value);
}

// The unscaled decimal (or a kDecimal20 / kBitBytes integer) of value i.
Result<Int128> IntegerValue(const ColumnValues& values, size_t i, bool is_signed) {
  switch (values.physical_type()) {
    case PhysicalType::kInt32:
      return Int128{values.int32s()[i]};
    case PhysicalType::kInt64:
      return Int128{values.int64s()[i]};
    case PhysicalType::kFixedLenByteArray:
    case PhysicalType::kByteArray:
      return BigEndianValue(values.BytesValue(i), is_signed);
    default:
      return CorruptionError("an integer in a column of another physical type");
  }
}

Status AppendInteger(LakeType lake_type, const ColumnValues& values, size_t i, std::string* out) {
  const bool is_int32 = values.physical_type() == PhysicalType::kInt32;
  const bool is_int64 = values.physical_type() == PhysicalType::kInt64;
  switch (lake_type) {
    case LakeType::kUint8:
    case LakeType::kUint16:
    case LakeType::kUint32:
      if (!is_int32) {
        return CorruptionError("an unsigned 32-bit integer not stored as INT32");
      }
      AppendNumber(static_cast<uint32_t>(values.int32s()[i]), out);
      return Status::Ok();
    case LakeType::kUint64:
      if (!is_int64) {
        return CorruptionError("an unsigned 64-bit integer not stored as INT64");
      }
      AppendNumber(static_cast<uint64_t>(values.int64s()[i]), out);
      return Status::Ok();
    default:
      if (is_int32) {
        AppendNumber(values.int32s()[i], out);
      } else if (is_int64) {
        AppendNumber(values.int64s()[i], out);
      } else {
        return CorruptionError("an integer not stored as INT32 or INT64");
      }
      return Status::Ok();
  }
}

Status AppendReal(const mysql::ColumnType& type, const ColumnValues& values, size_t i,
                  std::string* out) {
  if (values.physical_type() == PhysicalType::kFloat) {
    AppendNumber(values.floats()[i], out);
  } else if (values.physical_type() == PhysicalType::kDouble) {
    // A FLOAT column widened to DOUBLE (DMS mapping) reads as the float it was.
    if (type.kind == mysql::ColumnKind::kFloat) {
      AppendNumber(static_cast<float>(values.doubles()[i]), out);
    } else {
      AppendNumber(values.doubles()[i], out);
    }
  } else {
    return CorruptionError("a real number not stored as FLOAT or DOUBLE");
  }
  return Status::Ok();
}

Status AppendBytesAs(LakeType lake_type, const ColumnValues& values, size_t i, std::string* out) {
  if (values.physical_type() != PhysicalType::kByteArray) {
    return CorruptionError("text or bytes not stored as BYTE_ARRAY");
  }
  if (lake_type == LakeType::kBinary || lake_type == LakeType::kWkb) {
    AppendHex(values.BytesValue(i), out);
  } else {
    out->append(values.BytesValue(i));
  }
  return Status::Ok();
}

Status AppendTemporal(const mysql::ColumnType& type, LakeType lake_type, const ColumnValues& values,
                      size_t i, std::string* out) {
  const bool is_date = lake_type == LakeType::kDate;
  if (values.physical_type() != (is_date ? PhysicalType::kInt32 : PhysicalType::kInt64)) {
    return CorruptionError(is_date ? "a DATE not stored as INT32"
                                   : "a timestamp not stored as INT64");
  }
  const int64_t value = is_date ? values.int32s()[i] : values.int64s()[i];
  const int64_t day = is_date ? value : value / kMicrosPerDay;
  if (day < kFirstDay || day > kLastDay) {
    return CorruptionError("a date or time outside the years 0000..9999");
  }
  if (is_date) {
    AppendDate(SplitMicros(value * kMicrosPerDay), out);
  } else {
    AppendDateTimeText(value, type.scale, out);
  }
  return Status::Ok();
}

}  // namespace

void AppendHex(std::string_view bytes, std::string* out) {
  out->reserve(out->size() + 2 * bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out->push_back(kHexDigits[byte >> 4]);
    out->push_back(kHexDigits[byte & 0xF]);
  }
}

void AppendDateTimeText(int64_t micros, uint32_t fsp, std::string* out) {
  const UtcTime time = SplitMicros(micros);
  AppendDate(time, out);
  out->push_back(' ');
  AppendPaddedDigits(time.hour, 2, out);
  out->push_back(':');
  AppendPaddedDigits(time.minute, 2, out);
  out->push_back(':');
  AppendPaddedDigits(time.second, 2, out);
  if (fsp > 0) {
    std::string fraction;
    AppendPaddedDigits(time.micros, 6, &fraction);
    out->push_back('.');
    out->append(fraction, 0, fsp > 6 ? 6 : fsp);
  }
}

Status AppendCellText(const mysql::ColumnType& type, LakeType lake_type, const ColumnValues& values,
                      size_t value_index, std::string* out) {
  switch (lake_type) {
    case LakeType::kInt8:
    case LakeType::kInt16:
    case LakeType::kInt32:
    case LakeType::kInt64:
    case LakeType::kUint8:
    case LakeType::kUint16:
    case LakeType::kUint32:
    case LakeType::kUint64:
      return AppendInteger(lake_type, values, value_index, out);
    case LakeType::kDecimal: {
      ASSIGN_OR_RETURN(const Int128 unscaled, IntegerValue(values, value_index, true));
      AppendScaled(unscaled, type.scale, out);
      return Status::Ok();
    }
    case LakeType::kDecimal20:
    case LakeType::kBitBytes: {
      ASSIGN_OR_RETURN(const Int128 number,
                       IntegerValue(values, value_index, lake_type == LakeType::kDecimal20));
      AppendScaled(number, 0, out);
      return Status::Ok();
    }
    case LakeType::kBoolean:
      if (values.physical_type() != PhysicalType::kBoolean) {
        return CorruptionError("a BIT(1) not stored as BOOLEAN");
      }
      out->push_back(values.bools()[value_index] != 0 ? '1' : '0');
      return Status::Ok();
    case LakeType::kFloat:
    case LakeType::kDouble:
      return AppendReal(type, values, value_index, out);
    case LakeType::kDate:
    case LakeType::kTimestampLocal:
    case LakeType::kTimestampUtc:
      return AppendTemporal(type, lake_type, values, value_index, out);
    case LakeType::kDecimalText:
    case LakeType::kTimeText:
    case LakeType::kString:
    case LakeType::kJson:
    case LakeType::kBinary:
    case LakeType::kWkb:
      return AppendBytesAs(lake_type, values, value_index, out);
  }
  return InternalError("unhandled lake type");
}

}  // namespace binlake::staging
