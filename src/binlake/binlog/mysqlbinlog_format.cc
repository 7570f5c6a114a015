#include "binlake/binlog/mysqlbinlog_format.h"

#include <fmt/format.h>

#include <optional>
#include <type_traits>
#include <variant>

#include "binlake/base/macros.h"
#include "binlake/binlog/charset.h"

namespace binlake::binlog {
namespace {

using mysql::FieldType;

// The type a MYSQL_TYPE_STRING column really has (CHAR, ENUM or SET) and its byte length: the
// TABLE_MAP packs both into the two metadata bytes, with bits 4-5 of the first byte holding
// the inverted high bits of a CHAR length above 255 (utf8mb4 CHAR(255) is 1020 bytes).
struct StringRealType {
  FieldType type;
  uint32_t length;
};

StringRealType ResolveStringType(uint16_t metadata) {
  if (metadata < 256) {
    return {FieldType::kString, metadata};
  }
  const uint32_t byte0 = metadata >> 8;
  const uint32_t byte1 = metadata & 0xFFu;
  if ((byte0 & 0x30u) != 0x30u) {
    return {static_cast<FieldType>(byte0 | 0x30u), byte1 | (((byte0 & 0x30u) ^ 0x30u) << 4)};
  }
  return {static_cast<FieldType>(byte0), byte1};
}

// The wire type mysqlbinlog dispatches on.
FieldType EffectiveType(const MysqlbinlogColumn& column) {
  if (column.wire_type == FieldType::kString) {
    return ResolveStringType(column.metadata).type;
  }
  return column.wire_type;
}

Status KindMismatch(const MysqlbinlogColumn& column, const mysql::Value& value) {
  return InvalidArgumentError(fmt::format("value of kind #{} does not fit column type {}",
                                          value.index(), MysqlbinlogTypeName(column)));
}

std::string FormatInteger(uint64_t raw, unsigned bits) {
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  const uint64_t unsigned_value = raw & mask;
  const bool negative = (unsigned_value >> (bits - 1)) & 1u;
  if (!negative) {
    return fmt::format("{}", unsigned_value);
  }
  // Two's complement: the signed reading is -(2^bits - value).
  const uint64_t magnitude = ((~unsigned_value) & mask) + 1;
  return fmt::format("-{} ({})", magnitude, unsigned_value);
}

std::optional<uint64_t> IntegerBits(const mysql::Value& value) {
  if (const auto* s = std::get_if<int64_t>(&value)) {
    return static_cast<uint64_t>(*s);
  }
  if (const auto* u = std::get_if<uint64_t>(&value)) {
    return *u;
  }
  return std::nullopt;
}

unsigned IntegerWidth(FieldType type) {
  switch (type) {
    case FieldType::kTiny:
      return 8;
    case FieldType::kShort:
      return 16;
    case FieldType::kInt24:
      return 24;
    case FieldType::kLong:
      return 32;
    default:
      return 64;
  }
}

std::string BitString(uint64_t bits, unsigned width) {
  std::string out = "b'";
  for (unsigned i = width; i > 0; --i) {
    out.push_back(((bits >> (i - 1)) & 1u) != 0 ? '1' : '0');
  }
  out.push_back('\'');
  return out;
}

// mysqlbinlog prints a SET's stored bytes in storage order, which is little-endian, each byte
// most significant bit first: member 63 of a 64-member SET prints as b'0...0 10000000'.
std::string SetBitString(uint64_t bits, unsigned bytes) {
  std::string out = "b'";
  for (unsigned i = 0; i < bytes; ++i) {
    const std::string byte = BitString((bits >> (8 * i)) & 0xFFu, 8);
    out += byte.substr(2, 8);
  }
  out.push_back('\'');
  return out;
}

// The bytes the server stored for `utf8` in a column of `charset`. Text in a charset the core
// cannot encode (gbk, ...), or of an unknown charset, is returned as UTF-8.
std::string EncodeForCharset(std::string_view utf8, std::string_view charset) {
  std::string stored;
  if (charset.empty() || !ConvertFromUtf8(EncodingForCharsetName(charset), utf8, &stored).ok()) {
    return std::string(utf8);
  }
  return stored;
}

std::string Quote(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 2);
  out.push_back('\'');
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x1F) {
      out.push_back(c);
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
  }
  out.push_back('\'');
  return out;
}

std::string FractionDigits(uint32_t micros, uint16_t precision) {
  if (precision == 0) {
    return "";
  }
  const std::string six = fmt::format("{:06}", micros);
  return "." + six.substr(0, std::min<size_t>(precision, 6));
}

// FLOAT prints as C's "%-20g" (6 significant digits, left-aligned in 20 columns), DOUBLE as
// "%-.20g" (20 significant digits), as mysqlbinlog formats them; fmt's 'g' follows the same
// rules.
std::string FormatFloat(float value) {
  return fmt::format("{:<20g}", static_cast<double>(value));
}

std::string FormatDouble(double value) {
  return fmt::format("{:.20g}", value);
}

// The string bytes of a Text/Binary/Json value as stored, or nullopt for another kind.
std::optional<std::string> StoredBytes(const MysqlbinlogColumn& column, const mysql::Value& value) {
  if (const auto* text = std::get_if<mysql::Text>(&value)) {
    return EncodeForCharset(text->utf8, column.charset);
  }
  if (const auto* binary = std::get_if<mysql::Binary>(&value)) {
    return binary->bytes;
  }
  if (const auto* json = std::get_if<mysql::Json>(&value)) {
    return json->text;
  }
  return std::nullopt;
}

Result<std::string> FormatFixedString(const MysqlbinlogColumn& column, const mysql::Value& value) {
  std::optional<std::string> bytes = StoredBytes(column, value);
  if (!bytes.has_value()) {
    return KindMismatch(column, value);
  }
  const char pad = std::holds_alternative<mysql::Binary>(value) ? '\0' : ' ';
  const size_t end = bytes->find_last_not_of(pad);
  bytes->resize(end == std::string::npos ? 0 : end + 1);
  return Quote(*bytes);
}

Result<std::string> FormatQuotedString(const MysqlbinlogColumn& column, const mysql::Value& value) {
  std::optional<std::string> bytes = StoredBytes(column, value);
  if (!bytes.has_value()) {
    return KindMismatch(column, value);
  }
  return Quote(*bytes);
}

Result<std::string> FormatTemporal(const MysqlbinlogColumn& column, FieldType type,
                                   const mysql::Value& value) {
  const auto precision = static_cast<uint16_t>(
      type == FieldType::kTimestamp2 || type == FieldType::kDateTime2 || type == FieldType::kTime2
          ? column.metadata
          : 0);
  if (const auto* date = std::get_if<mysql::Date>(&value)) {
    return fmt::format("'{:04}:{:02}:{:02}'", date->year, date->month, date->day);
  }
  if (const auto* ts = std::get_if<mysql::Timestamp>(&value)) {
    return fmt::format("{}{}", ts->seconds, FractionDigits(ts->micros, precision));
  }
  if (const auto* dt = std::get_if<mysql::DateTime>(&value)) {
    return fmt::format("'{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}'", dt->year, dt->month, dt->day,
                       dt->hour, dt->minute, dt->second, FractionDigits(dt->micros, precision));
  }
  if (const auto* time = std::get_if<mysql::Time>(&value)) {
    return fmt::format("'{}{:02}:{:02}:{:02}{}'", time->negative ? "-" : "", time->hours,
                       time->minutes, time->seconds, FractionDigits(time->micros, precision));
  }
  if (const auto* year = std::get_if<mysql::Year>(&value)) {
    return fmt::format("{:04}", year->year == 0 ? 1900 : year->year);
  }
  return KindMismatch(column, value);
}

Result<std::string> FormatNonNull(const MysqlbinlogColumn& column, const mysql::Value& value) {
  const FieldType type = EffectiveType(column);
  switch (type) {
    case FieldType::kTiny:
    case FieldType::kShort:
    case FieldType::kInt24:
    case FieldType::kLong:
    case FieldType::kLongLong: {
      const std::optional<uint64_t> bits = IntegerBits(value);
      if (!bits.has_value()) {
        return KindMismatch(column, value);
      }
      return FormatInteger(*bits, IntegerWidth(type));
    }
    case FieldType::kFloat:
      if (const auto* f = std::get_if<float>(&value)) {
        return FormatFloat(*f);
      }
      return KindMismatch(column, value);
    case FieldType::kDouble:
      if (const auto* d = std::get_if<double>(&value)) {
        return FormatDouble(*d);
      }
      return KindMismatch(column, value);
    case FieldType::kDecimal:
    case FieldType::kNewDecimal:
      if (const auto* decimal = std::get_if<mysql::Decimal>(&value)) {
        return decimal->text;
      }
      return KindMismatch(column, value);
    case FieldType::kBit:
      if (const auto* bit = std::get_if<mysql::Bit>(&value)) {
        return BitString(bit->bits, ((column.metadata >> 8) * 8u) + (column.metadata & 0xFFu));
      }
      return KindMismatch(column, value);
    case FieldType::kSet:
      if (const auto* set = std::get_if<mysql::Set>(&value)) {
        return SetBitString(set->bits, column.metadata & 0xFFu);
      }
      return KindMismatch(column, value);
    case FieldType::kEnum:
      if (const auto* e = std::get_if<mysql::Enum>(&value)) {
        return fmt::format("{}", e->index);
      }
      return KindMismatch(column, value);
    case FieldType::kTimestamp:
    case FieldType::kTimestamp2:
    case FieldType::kDateTime:
    case FieldType::kDateTime2:
    case FieldType::kTime:
    case FieldType::kTime2:
    case FieldType::kDate:
    case FieldType::kNewDate:
    case FieldType::kYear:
      return FormatTemporal(column, type, value);
    case FieldType::kString:
      return FormatFixedString(column, value);
    case FieldType::kGeometry:
      if (const auto* geometry = std::get_if<mysql::Geometry>(&value)) {
        std::string stored(4, '\0');
        for (size_t i = 0; i < 4; ++i) {
          stored[i] = static_cast<char>((geometry->srid >> (8 * i)) & 0xFFu);
        }
        return Quote(stored + geometry->wkb);
      }
      return KindMismatch(column, value);
    case FieldType::kVector:
      if (const auto* vector = std::get_if<mysql::Vector>(&value)) {
        return Quote(vector->float32_le);
      }
      return KindMismatch(column, value);
    default:
      return FormatQuotedString(column, value);
  }
}

}  // namespace

MysqlbinlogColumn MysqlbinlogColumnOf(const TableMap& map, size_t index,
                                      const mysql::ColumnType& type) {
  MysqlbinlogColumn column;
  column.wire_type = map.column_types[index];
  column.metadata = index < map.column_metadata.size() ? map.column_metadata[index] : 0;
  column.nullable = index < map.nullable.size() && map.nullable[index];
  column.charset = type.charset;
  return column;
}

std::string MysqlbinlogTypeName(const MysqlbinlogColumn& column) {
  const uint16_t meta = column.metadata;
  switch (EffectiveType(column)) {
    case FieldType::kTiny:
      return "TINYINT";
    case FieldType::kShort:
      return "SHORTINT";
    case FieldType::kInt24:
      return "MEDIUMINT";
    case FieldType::kLong:
      return "INT";
    case FieldType::kLongLong:
      return "LONGINT";
    case FieldType::kFloat:
      return "FLOAT";
    case FieldType::kDouble:
      return "DOUBLE";
    case FieldType::kDecimal:
      return "DECIMAL";
    case FieldType::kNewDecimal:
      return fmt::format("DECIMAL({},{})", meta >> 8, meta & 0xFFu);
    case FieldType::kBit:
      return fmt::format("BIT({})", ((meta >> 8) * 8u) + (meta & 0xFFu));
    case FieldType::kTimestamp:
      return "TIMESTAMP";
    case FieldType::kTimestamp2:
      return fmt::format("TIMESTAMP({})", meta);
    case FieldType::kDateTime:
      return "DATETIME";
    case FieldType::kDateTime2:
      return fmt::format("DATETIME({})", meta);
    case FieldType::kTime:
      return "TIME";
    case FieldType::kTime2:
      return fmt::format("TIME({})", meta);
    case FieldType::kDate:
    case FieldType::kNewDate:
      return "DATE";
    case FieldType::kYear:
      return "YEAR";
    case FieldType::kEnum:
      return (meta & 0xFFu) == 1 ? std::string("ENUM(1 byte)")
                                 : fmt::format("ENUM({} bytes)", meta & 0xFFu);
    case FieldType::kSet:
      return fmt::format("SET({} bytes)", meta & 0xFFu);
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kBlob:
      switch (meta) {
        case 1:
          return "TINYBLOB/TINYTEXT";
        case 2:
          return "BLOB/TEXT";
        case 3:
          return "MEDIUMBLOB/MEDIUMTEXT";
        default:
          return "LONGBLOB/LONGTEXT";
      }
    case FieldType::kVarchar:
    case FieldType::kVarString:
      return fmt::format("VARSTRING({})", meta);
    case FieldType::kString:
      return fmt::format("STRING({})", ResolveStringType(meta).length);
    case FieldType::kGeometry:
      return "GEOMETRY";
    case FieldType::kJson:
      return "JSON";
    case FieldType::kVector:
      return fmt::format("VECTOR({})", meta);
    default:
      return fmt::format("TYPE{}", static_cast<unsigned>(column.wire_type));
  }
}

Result<std::string> FormatMysqlbinlogValue(const MysqlbinlogColumn& column,
                                           const mysql::Value& value) {
  if (mysql::IsNull(value)) {
    return std::string("NULL");
  }
  return FormatNonNull(column, value);
}

Result<std::string> FormatMysqlbinlogColumnLine(const MysqlbinlogColumn& column, size_t index,
                                                const mysql::Value& value,
                                                MysqlbinlogVerbosity verbosity) {
  Result<std::string> text = FormatMysqlbinlogValue(column, value);
  if (!text.ok()) {
    return text.status().WithContext(fmt::format("column @{}", index + 1));
  }
  std::string line = fmt::format("@{}={}", index + 1, *text);
  if (verbosity == MysqlbinlogVerbosity::kVeryVerbose) {
    line += fmt::format(" /* {} meta={} nullable={} is_null={} */", MysqlbinlogTypeName(column),
                        column.metadata, column.nullable ? 1 : 0, mysql::IsNull(value) ? 1 : 0);
  }
  return line;
}

namespace {

Status AppendImage(std::string_view heading, const RowImage& image, const TableMap& map,
                   std::span<const mysql::ColumnType> types, MysqlbinlogVerbosity verbosity,
                   std::string& out) {
  out += fmt::format("### {}\n", heading);
  for (size_t i = 0; i < image.values.size(); ++i) {
    if (i < image.present.size() && !image.present[i]) {
      continue;
    }
    if (i >= map.column_types.size() || i >= types.size()) {
      return InvalidArgumentError(fmt::format("row image has column @{} but table `{}`.`{}` has {}",
                                              i + 1, map.database, map.table,
                                              map.column_types.size()));
    }
    ASSIGN_OR_RETURN(std::string line,
                     FormatMysqlbinlogColumnLine(MysqlbinlogColumnOf(map, i, types[i]), i,
                                                 image.values[i], verbosity));
    out += fmt::format("###   {}\n", line);
  }
  return Status::Ok();
}

}  // namespace

std::string_view MysqlbinlogStatement(RowOp op) {
  switch (op) {
    case RowOp::kInsert:
      return "INSERT INTO";
    case RowOp::kUpdate:
      return "UPDATE";
    case RowOp::kDelete:
      return "DELETE FROM";
  }
  return "";
}

Result<std::string> FormatMysqlbinlogRows(const RowsEvent& event, const TableMap& map,
                                          std::span<const mysql::ColumnType> types,
                                          MysqlbinlogVerbosity verbosity) {
  std::string out;
  for (const RowChange& row : event.rows) {
    out += fmt::format("### {} `{}`.`{}`\n", MysqlbinlogStatement(row.op), map.database, map.table);
    if (row.op != RowOp::kInsert) {
      RETURN_IF_ERROR(AppendImage("WHERE", row.before, map, types, verbosity, out));
    }
    if (row.op != RowOp::kDelete) {
      RETURN_IF_ERROR(AppendImage("SET", row.after, map, types, verbosity, out));
    }
  }
  return out;
}

}  // namespace binlake::binlog
