#include "adapters/mysql/binary_row_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "adapters/mysql/select_values.h"
#include "binlake/base/macros.h"

namespace binlake::adapters {
namespace {

using mysql::ColumnKind;

// MySQL 9's VECTOR, which libmariadb 3.3 does not name.
constexpr int kWireVector = 242;

template <typename T>
T& Emplace(mysql::Value* value) {
  if (auto* existing = std::get_if<T>(value))
    return *existing;
  return value->emplace<T>();
}

bool IsIntegerWire(enum_field_types wire) {
  return wire == MYSQL_TYPE_TINY || wire == MYSQL_TYPE_SHORT || wire == MYSQL_TYPE_INT24 ||
         wire == MYSQL_TYPE_LONG || wire == MYSQL_TYPE_LONGLONG;
}

bool IsStringWire(enum_field_types wire) {
  switch (wire) {
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_ENUM:
    case MYSQL_TYPE_SET:
    case MYSQL_TYPE_JSON:
    case MYSQL_TYPE_GEOMETRY:
      return true;
    default:
      return static_cast<int>(wire) == kWireVector;
  }
}

// True when the server may send a column of `kind` as `wire`.
bool WireFits(ColumnKind kind, enum_field_types wire) {
  switch (kind) {
    case ColumnKind::kTinyInt:
    case ColumnKind::kSmallInt:
    case ColumnKind::kMediumInt:
    case ColumnKind::kInt:
    case ColumnKind::kBigInt:
      return IsIntegerWire(wire);
    case ColumnKind::kFloat:
      return wire == MYSQL_TYPE_FLOAT;
    case ColumnKind::kDouble:
      return wire == MYSQL_TYPE_DOUBLE;
    case ColumnKind::kDecimal:
      return wire == MYSQL_TYPE_NEWDECIMAL || wire == MYSQL_TYPE_DECIMAL;
    case ColumnKind::kBit:
      return wire == MYSQL_TYPE_BIT;
    case ColumnKind::kYear:
      return wire == MYSQL_TYPE_YEAR;
    case ColumnKind::kDate:
      return wire == MYSQL_TYPE_DATE || wire == MYSQL_TYPE_NEWDATE;
    case ColumnKind::kTime:
      return wire == MYSQL_TYPE_TIME;
    case ColumnKind::kDateTime:
      return wire == MYSQL_TYPE_DATETIME;
    case ColumnKind::kTimestamp:
      return wire == MYSQL_TYPE_TIMESTAMP;
    default:
      return IsStringWire(wire);
  }
}

enum_field_types WireForBind(enum_field_types wire) {
  return wire == MYSQL_TYPE_NEWDATE ? MYSQL_TYPE_DATE : wire;
}

// A first buffer size for a variable-length column: its declared maximum when small.
size_t InitialBytes(const mysql::ColumnType& type) {
  constexpr size_t kDefault = 256;
  constexpr size_t kMax = 16 * 1024;
  switch (type.kind) {
    case ColumnKind::kChar:
    case ColumnKind::kVarchar:
      return std::min<size_t>(std::max<size_t>(type.length * 4, 1), kMax);
    case ColumnKind::kBinary:
    case ColumnKind::kVarbinary:
      return std::min<size_t>(std::max<size_t>(type.length, 1), kMax);
    case ColumnKind::kDecimal:
      return 72;
    default:
      return kDefault;
  }
}

template <typename Signed, typename Unsigned>
mysql::Value IntegerValue(const unsigned char* bytes, bool is_unsigned) {
  if (is_unsigned) {
    Unsigned value;
    std::memcpy(&value, bytes, sizeof value);
    return uint64_t{value};
  }
  Signed value;
  std::memcpy(&value, bytes, sizeof value);
  return int64_t{value};
}

mysql::Value DecodeInteger(enum_field_types wire, const unsigned char* bytes, bool is_unsigned) {
  switch (wire) {
    case MYSQL_TYPE_TINY:
      return IntegerValue<int8_t, uint8_t>(bytes, is_unsigned);
    case MYSQL_TYPE_SHORT:
      return IntegerValue<int16_t, uint16_t>(bytes, is_unsigned);
    case MYSQL_TYPE_LONGLONG:
      return IntegerValue<int64_t, uint64_t>(bytes, is_unsigned);
    default:  // LONG and INT24 arrive as 4 bytes
      return IntegerValue<int32_t, uint32_t>(bytes, is_unsigned);
  }
}

mysql::DateTime DateTimeOf(const MYSQL_TIME& time) {
  return mysql::DateTime{static_cast<uint16_t>(time.year),       static_cast<uint8_t>(time.month),
                         static_cast<uint8_t>(time.day),         static_cast<uint8_t>(time.hour),
                         static_cast<uint8_t>(time.minute),      static_cast<uint8_t>(time.second),
                         static_cast<uint32_t>(time.second_part)};
}

mysql::Value TemporalValue(ColumnKind kind, const MYSQL_TIME& time) {
  switch (kind) {
    case ColumnKind::kDate:
      return mysql::Date{static_cast<uint16_t>(time.year), static_cast<uint8_t>(time.month),
                         static_cast<uint8_t>(time.day)};
    case ColumnKind::kTime:
      return mysql::Time{time.neg != 0, static_cast<uint16_t>(time.day * 24 + time.hour),
                         static_cast<uint8_t>(time.minute), static_cast<uint8_t>(time.second),
                         static_cast<uint32_t>(time.second_part)};
    case ColumnKind::kTimestamp:
      return TimestampFromUtc(DateTimeOf(time));
    default:
      return DateTimeOf(time);
  }
}

}  // namespace

BinaryRowReader::Storage BinaryRowReader::StorageFor(ColumnKind kind, enum_field_types wire) {
  if (IsIntegerWire(wire) || wire == MYSQL_TYPE_YEAR)
    return Storage::kInteger;
  if (wire == MYSQL_TYPE_FLOAT)
    return Storage::kFloat;
  if (wire == MYSQL_TYPE_DOUBLE)
    return Storage::kDouble;
  if (kind == ColumnKind::kDate || kind == ColumnKind::kTime || kind == ColumnKind::kDateTime ||
      kind == ColumnKind::kTimestamp) {
    return Storage::kTime;
  }
  return Storage::kBytes;
}

Result<std::unique_ptr<BinaryRowReader>> BinaryRowReader::Create(
    MYSQL_STMT* stmt, std::span<const mysql::ColumnSchema> columns) {
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> metadata(
      mysql_stmt_result_metadata(stmt), &mysql_free_result);
  if (metadata == nullptr) {
    return InvalidArgumentError("the statement returns no result set");
  }
  const unsigned count = mysql_num_fields(metadata.get());
  if (count != columns.size()) {
    return InvalidArgumentError(
        fmt::format("the statement returns {} columns, {} were declared", count, columns.size()));
  }
  const MYSQL_FIELD* fields = mysql_fetch_fields(metadata.get());
  std::unique_ptr<BinaryRowReader> reader(new BinaryRowReader(stmt, columns.size()));
  for (size_t i = 0; i < columns.size(); ++i) {
    RETURN_IF_ERROR(reader->Bind(i, columns[i], fields[i]));
  }
  return reader;
}

BinaryRowReader::BinaryRowReader(MYSQL_STMT* stmt, size_t column_count)
    : stmt_(stmt), slots_(column_count), binds_(column_count) {}

Status BinaryRowReader::Bind(size_t index, const mysql::ColumnSchema& column,
                             const MYSQL_FIELD& field) {
  if (!WireFits(column.type.kind, field.type)) {
    return CorruptionError(fmt::format("column {}: the server sends wire type {} for it",
                                       column.name, static_cast<int>(field.type)));
  }
  Slot& slot = slots_[index];
  slot.column = &column;
  slot.wire = field.type;
  slot.storage = StorageFor(column.type.kind, field.type);
  MYSQL_BIND& bind = binds_[index];
  std::memset(&bind, 0, sizeof bind);
  bind.buffer_type = WireForBind(field.type);
  bind.length = &slot.length;
  bind.is_null = &slot.is_null;
  bind.error = &slot.error;
  bind.is_unsigned = column.type.is_unsigned ? 1 : 0;
  switch (slot.storage) {
    case Storage::kTime:
      bind.buffer = &slot.time;
      bind.buffer_length = sizeof slot.time;
      break;
    case Storage::kBytes:
      bind.buffer_type = MYSQL_TYPE_BLOB;
      slot.bytes.resize(InitialBytes(column.type));
      bind.buffer = slot.bytes.data();
      bind.buffer_length = slot.bytes.size();
      break;
    default:
      bind.buffer = slot.fixed;
      bind.buffer_length = sizeof slot.fixed;
      break;
  }
  return Status::Ok();
}

Status BinaryRowReader::PrepareFetch() {
  if (!rebind_)
    return Status::Ok();
  if (mysql_stmt_bind_result(stmt_, binds_.data()) != 0) {
    return InternalError(fmt::format("binding the result columns: {}", mysql_stmt_error(stmt_)));
  }
  rebind_ = false;
  return Status::Ok();
}

Status BinaryRowReader::FetchWhole(size_t index) {
  Slot& slot = slots_[index];
  MYSQL_BIND& bind = binds_[index];
  slot.bytes.resize(slot.length);
  bind.buffer = slot.bytes.data();
  bind.buffer_length = slot.bytes.size();
  rebind_ = true;
  if (mysql_stmt_fetch_column(stmt_, &bind, static_cast<unsigned>(index), 0) != 0) {
    return InternalError(fmt::format("column {}: fetching a value of {} bytes: {}",
                                     slot.column->name, slot.length, mysql_stmt_error(stmt_)));
  }
  return Status::Ok();
}

Status BinaryRowReader::Decode(std::span<mysql::Value> row) {
  for (size_t i = 0; i < slots_.size(); ++i) {
    const Slot& slot = slots_[i];
    if (slot.is_null != 0) {
      row[i] = mysql::Null{};
      continue;
    }
    if (slot.storage == Storage::kBytes && slot.length > slot.bytes.size()) {
      RETURN_IF_ERROR(FetchWhole(i));
    }
    RETURN_IF_ERROR(
        DecodeSlot(slot, &row[i]).WithContext(fmt::format("column {}", slot.column->name)));
  }
  return Status::Ok();
}

Status BinaryRowReader::DecodeSlot(const Slot& slot, mysql::Value* out) const {
  const mysql::ColumnType& type = slot.column->type;
  switch (slot.storage) {
    case Storage::kInteger:
      if (slot.wire == MYSQL_TYPE_YEAR) {
        uint16_t year;
        std::memcpy(&year, slot.fixed, sizeof year);
        *out = mysql::Year{year};
      } else {
        *out = DecodeInteger(slot.wire, slot.fixed, type.is_unsigned);
      }
      return Status::Ok();
    case Storage::kFloat: {
      float value;
      std::memcpy(&value, slot.fixed, sizeof value);
      *out = value;
      return Status::Ok();
    }
    case Storage::kDouble: {
      double value;
      std::memcpy(&value, slot.fixed, sizeof value);
      *out = value;
      return Status::Ok();
    }
    case Storage::kTime:
      *out = TemporalValue(type.kind, slot.time);
      return Status::Ok();
    case Storage::kBytes:
      return DecodeBytes(slot, std::string_view(slot.bytes.data(), slot.length), out);
  }
  return Status::Ok();
}

Status BinaryRowReader::DecodeBytes(const Slot& slot, std::string_view bytes,
                                    mysql::Value* out) const {
  const mysql::ColumnType& type = slot.column->type;
  switch (type.kind) {
    case ColumnKind::kDecimal:
      return NormalizeDecimal(bytes, type.scale, &Emplace<mysql::Decimal>(out).text);
    case ColumnKind::kBit: {
      ASSIGN_OR_RETURN(*out, BitFromBytes(bytes, type.length));
      return Status::Ok();
    }
    case ColumnKind::kEnum:
      return EnumFromLabel(bytes, type.elements, &Emplace<mysql::Enum>(out));
    case ColumnKind::kSet:
      return SetFromLabels(bytes, type.elements, &Emplace<mysql::Set>(out));
    case ColumnKind::kGeometry:
      return GeometryFromBytes(bytes, &Emplace<mysql::Geometry>(out));
    case ColumnKind::kJson:
      Emplace<mysql::Json>(out).text.assign(bytes);
      return Status::Ok();
    case ColumnKind::kVector:
      Emplace<mysql::Vector>(out).float32_le.assign(bytes);
      return Status::Ok();
    case ColumnKind::kBinary:
    case ColumnKind::kVarbinary:
    case ColumnKind::kBlob:
      Emplace<mysql::Binary>(out).bytes.assign(bytes);
      return Status::Ok();
    default:  // CHAR, VARCHAR, TEXT (the session character set is utf8mb4); UUID, INET4 and
              // INET6 as the server prints them (docs/formats/types.md)
      Emplace<mysql::Text>(out).utf8.assign(bytes);
      return Status::Ok();
  }
}

}  // namespace binlake::adapters
