#include "binlake/parquet/type_mapping.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "binlake/base/macros.h"
#include "binlake/base/utf8.h"
#include "binlake/parquet/mysql_conversions.h"

namespace binlake::parquet {
namespace {

using mysql::ColumnKind;
using enum LakeType;

constexpr uint32_t kAnyLength = std::numeric_limits<uint32_t>::max();

// Rows for kinds without a length range.
constexpr MappingRow Row(std::string_view name, ColumnKind kind, Signedness signedness,
                         LakeType exact, LakeType dms) {
  return {name, kind, signedness, 0, kAnyLength, exact, dms};
}
constexpr MappingRow Row(std::string_view name, ColumnKind kind, LakeType exact, LakeType dms) {
  return Row(name, kind, Signedness::kAny, exact, dms);
}
constexpr MappingRow Ranged(std::string_view name, ColumnKind kind, uint32_t min, uint32_t max,
                            LakeType exact, LakeType dms) {
  return {name, kind, Signedness::kAny, min, max, exact, dms};
}

constexpr Signedness kSigned = Signedness::kSigned;
constexpr Signedness kUnsigned = Signedness::kUnsigned;

// THE mapping. docs/formats/types.md shows these rows in this order (type_mapping_doc_test).
constexpr MappingRow kMappingTable[] = {
    Row("TINYINT", ColumnKind::kTinyInt, kSigned, kInt8, kInt8),
    Row("TINYINT UNSIGNED", ColumnKind::kTinyInt, kUnsigned, kInt16, kUint8),
    Row("SMALLINT", ColumnKind::kSmallInt, kSigned, kInt16, kInt16),
    Row("SMALLINT UNSIGNED", ColumnKind::kSmallInt, kUnsigned, kInt32, kUint16),
    Row("MEDIUMINT", ColumnKind::kMediumInt, kSigned, kInt32, kInt32),
    Row("MEDIUMINT UNSIGNED", ColumnKind::kMediumInt, kUnsigned, kInt32, kUint32),
    Row("INT", ColumnKind::kInt, kSigned, kInt32, kInt32),
    Row("INT UNSIGNED", ColumnKind::kInt, kUnsigned, kInt64, kUint32),
    Row("BIGINT", ColumnKind::kBigInt, kSigned, kInt64, kInt64),
    Row("BIGINT UNSIGNED", ColumnKind::kBigInt, kUnsigned, kDecimal20, kUint64),
    Ranged("DECIMAL(p,s), p ≤ 38", ColumnKind::kDecimal, 1, 38, kDecimal, kDecimal),
    Ranged("DECIMAL(p,s), p > 38", ColumnKind::kDecimal, 39, 65, kDecimalText, kDecimalText),
    Row("FLOAT", ColumnKind::kFloat, kFloat, kDouble),
    Row("DOUBLE", ColumnKind::kDouble, kDouble, kDouble),
    Ranged("BIT(1)", ColumnKind::kBit, 1, 1, kInt64, kBoolean),
    Ranged("BIT(n), 2 ≤ n ≤ 63", ColumnKind::kBit, 2, 63, kInt64, kBitBytes),
    Ranged("BIT(64)", ColumnKind::kBit, 64, 64, kDecimal20, kBitBytes),
    Row("YEAR", ColumnKind::kYear, kInt32, kInt16),
    Row("DATE", ColumnKind::kDate, kDate, kDate),
    Row("TIME(fsp)", ColumnKind::kTime, kTimeText, kTimeText),
    Row("DATETIME(fsp)", ColumnKind::kDateTime, kTimestampLocal, kTimestampLocal),
    Row("TIMESTAMP(fsp)", ColumnKind::kTimestamp, kTimestampUtc, kTimestampUtc),
    Row("CHAR", ColumnKind::kChar, kString, kString),
    Row("VARCHAR", ColumnKind::kVarchar, kString, kString),
    Row("TEXT", ColumnKind::kText, kString, kString),
    Row("BINARY", ColumnKind::kBinary, kBinary, kBinary),
    Row("VARBINARY", ColumnKind::kVarbinary, kBinary, kBinary),
    Row("BLOB", ColumnKind::kBlob, kBinary, kBinary),
    Row("ENUM", ColumnKind::kEnum, kString, kString),
    Row("SET", ColumnKind::kSet, kString, kString),
    Row("JSON", ColumnKind::kJson, kJson, kString),
    Row("GEOMETRY", ColumnKind::kGeometry, kWkb, kWkb),
    Row("VECTOR(n)", ColumnKind::kVector, kBinary, kBinary),
    Row("UUID", ColumnKind::kUuid, kString, kString),
    Row("INET4", ColumnKind::kInet4, kString, kString),
    Row("INET6", ColumnKind::kInet6, kString, kString),
};

// Facts about each LakeType, indexed by its value.
struct LakeTypeInfo {
  std::string_view parquet;
  std::string_view iceberg;
};

constexpr LakeTypeInfo kLakeTypes[] = {
    {"INT32 INT(8, signed)", "int"},      // kInt8
    {"INT32 INT(16, signed)", "int"},     // kInt16
    {"INT32", "int"},                     // kInt32
    {"INT64", "long"},                    // kInt64
    {"INT32 INT(8, unsigned)", "int"},    // kUint8
    {"INT32 INT(16, unsigned)", "int"},   // kUint16
    {"INT32 INT(32, unsigned)", "long"},  // kUint32
    {"INT64 INT(64, unsigned)", "none"},  // kUint64
    {"DECIMAL(p,s): INT32 p ≤ 9, INT64 p ≤ 18, else FIXED_LEN_BYTE_ARRAY", "decimal(p,s)"},
    {"FIXED_LEN_BYTE_ARRAY(9) DECIMAL(20,0)", "decimal(20,0)"},  // kDecimal20
    {"BYTE_ARRAY STRING, exact decimal text", "string"},         // kDecimalText
    {"FLOAT", "float"},                                          // kFloat
    {"DOUBLE", "double"},                                        // kDouble
    {"BOOLEAN", "boolean"},                                      // kBoolean
    {"BYTE_ARRAY, big-endian bits", "binary"},                   // kBitBytes
    {"INT32 DATE", "date"},                                      // kDate
    {"INT64 TIMESTAMP(MICROS, local)", "timestamp"},             // kTimestampLocal
    {"INT64 TIMESTAMP(MICROS, UTC)", "timestamptz"},             // kTimestampUtc
    {"BYTE_ARRAY STRING, [-]HH:MM:SS[.f]", "string"},            // kTimeText
    {"BYTE_ARRAY STRING", "string"},                             // kString
    {"BYTE_ARRAY JSON", "string"},                               // kJson
    {"BYTE_ARRAY", "binary"},                                    // kBinary
    {"BYTE_ARRAY, WKB", "binary"},                               // kWkb
};
static_assert(std::size(kLakeTypes) == static_cast<size_t>(kWkb) + 1);

const LakeTypeInfo& InfoOf(LakeType type) {
  return kLakeTypes[static_cast<size_t>(type)];
}

bool IsDateLike(LakeType type) {
  return type == kDate || type == kTimestampLocal || type == kTimestampUtc;
}

bool Matches(const MappingRow& row, const mysql::ColumnType& type) {
  if (row.kind != type.kind) {
    return false;
  }
  if ((row.signedness == kSigned && type.is_unsigned) ||
      (row.signedness == kUnsigned && !type.is_unsigned)) {
    return false;
  }
  return row.max_length == kAnyLength ||
         (type.length >= row.min_length && type.length <= row.max_length);
}

std::string TypeText(const mysql::ColumnType& type) {
  return fmt::format("kind {} (length {}, scale {}{})", static_cast<int>(type.kind), type.length,
                     type.scale, type.is_unsigned ? ", unsigned" : "");
}

// The FIXED_LEN_BYTE_ARRAY width Parquet and Iceberg require for a decimal of `precision`
// digits: the fewest bytes that hold it.
int32_t DecimalByteLength(uint32_t precision) {
  int32_t length = 1;
  while (static_cast<uint32_t>(MaxDecimalPrecision(length)) < precision) {
    ++length;
  }
  return length;
}

// The decimal physical type Iceberg requires: INT32 up to 9 digits, INT64 up to 18, else FLBA.
ColumnSpec DecimalSpec(std::string name, int32_t field_id, Repetition repetition,
                       uint32_t precision, uint32_t scale) {
  LogicalType logical = DecimalType{.scale = static_cast<int32_t>(scale),
                                    .precision = static_cast<int32_t>(precision)};
  if (precision <= 9) {
    return MakeColumn(std::move(name), field_id, PhysicalType::kInt32, repetition, logical);
  }
  if (precision <= 18) {
    return MakeColumn(std::move(name), field_id, PhysicalType::kInt64, repetition, logical);
  }
  return MakeColumn(std::move(name), field_id, PhysicalType::kFixedLenByteArray, repetition,
                    logical, DecimalByteLength(precision));
}

ColumnSpec SpecFor(LakeType lake_type, const mysql::ColumnType& type, std::string name,
                   int32_t field_id, Repetition repetition) {
  auto make = [&](PhysicalType physical, std::optional<LogicalType> logical = {}) {
    return MakeColumn(std::move(name), field_id, physical, repetition, logical);
  };
  auto int_type = [](int bits, bool is_signed) {
    return IntType{.bit_width = static_cast<int8_t>(bits), .is_signed = is_signed};
  };
  switch (lake_type) {
    case kInt8:
      return make(PhysicalType::kInt32, int_type(8, true));
    case kInt16:
      return make(PhysicalType::kInt32, int_type(16, true));
    case kInt32:
      return make(PhysicalType::kInt32);
    case kInt64:
      return make(PhysicalType::kInt64);
    case kUint8:
      return make(PhysicalType::kInt32, int_type(8, false));
    case kUint16:
      return make(PhysicalType::kInt32, int_type(16, false));
    case kUint32:
      return make(PhysicalType::kInt32, int_type(32, false));
    case kUint64:
      return make(PhysicalType::kInt64, int_type(64, false));
    case kDecimal:
      return DecimalSpec(std::move(name), field_id, repetition, type.length, type.scale);
    case kDecimal20:
      return DecimalSpec(std::move(name), field_id, repetition, 20, 0);
    case kFloat:
      return make(PhysicalType::kFloat);
    case kDouble:
      return make(PhysicalType::kDouble);
    case kBoolean:
      return make(PhysicalType::kBoolean);
    case kDate:
      return make(PhysicalType::kInt32, DateType{});
    case kTimestampLocal:
      return make(PhysicalType::kInt64,
                  TimestampType{.is_adjusted_to_utc = false, .unit = TimeUnit::kMicros});
    case kTimestampUtc:
      return make(PhysicalType::kInt64,
                  TimestampType{.is_adjusted_to_utc = true, .unit = TimeUnit::kMicros});
    case kDecimalText:
    case kTimeText:
    case kString:
      return make(PhysicalType::kByteArray, StringType{});
    case kJson:
      return make(PhysicalType::kByteArray, JsonType{});
    case kBitBytes:
    case kBinary:
    case kWkb:
      break;
  }
  return make(PhysicalType::kByteArray);
}

// ---- value conversion ---------------------------------------------------------------------

constexpr std::array<std::string_view, std::variant_size_v<mysql::Value>> kValueKindNames = {
    "NULL", "int64",    "uint64",    "float",    "double", "Decimal", "Date",
    "Time", "DateTime", "Timestamp", "Year",     "Text",   "Binary",  "Json",
    "Enum", "Set",      "Bit",       "Geometry", "Vector"};

std::string_view ValueKindName(const mysql::Value& value) {
  return kValueKindNames[value.index()];
}

// The integer in an int64_t, uint64_t, Year or Bit value.
Result<Int128> IntegerOf(const mysql::Value& value) {
  if (const auto* v = std::get_if<int64_t>(&value)) {
    return Int128{*v};
  }
  if (const auto* v = std::get_if<uint64_t>(&value)) {
    return Int128{*v};
  }
  if (const auto* v = std::get_if<mysql::Year>(&value)) {
    return Int128{v->year};
  }
  if (const auto* v = std::get_if<mysql::Bit>(&value)) {
    if (v->width == 0 || v->width > 64 || (v->width < 64 && (v->bits >> v->width) != 0)) {
      return InvalidArgumentError(
          fmt::format("BIT value {:#x} does not fit BIT({})", v->bits, static_cast<int>(v->width)));
    }
    return Int128{v->bits};
  }
  return InvalidArgumentError(
      fmt::format("expected an integer value, got {}", ValueKindName(value)));
}

struct IntegerRange {
  Int128 min;
  Int128 max;
};

IntegerRange RangeOf(LakeType type) {
  constexpr Int128 kInt64Min = std::numeric_limits<int64_t>::min();
  constexpr Int128 kInt64Max = std::numeric_limits<int64_t>::max();
  constexpr Int128 kUint64Max = std::numeric_limits<uint64_t>::max();
  switch (type) {
    case kInt8:
      return {-128, 127};
    case kInt16:
      return {-32768, 32767};
    case kInt32:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    case kUint8:
      return {0, 255};
    case kUint16:
      return {0, 65535};
    case kUint32:
      return {0, std::numeric_limits<uint32_t>::max()};
    case kUint64:
      return {0, kUint64Max};
    case kDecimal20:
      return {kInt64Min, kUint64Max};
    default:
      return {kInt64Min, kInt64Max};
  }
}

// The values the source column's declared type holds (integer kinds, YEAR and BIT); the
// widest range for the others.
IntegerRange SourceRange(const mysql::ColumnType& type) {
  auto bits = [&](int width) -> IntegerRange {
    Int128 span = Int128{1} << (type.is_unsigned ? width : width - 1);
    return type.is_unsigned ? IntegerRange{0, span - 1} : IntegerRange{-span, span - 1};
  };
  switch (type.kind) {
    case ColumnKind::kTinyInt:
      return bits(8);
    case ColumnKind::kSmallInt:
      return bits(16);
    case ColumnKind::kMediumInt:
      return bits(24);
    case ColumnKind::kInt:
      return bits(32);
    case ColumnKind::kBigInt:
      return bits(64);
    case ColumnKind::kYear:
      return {0, 2155};
    case ColumnKind::kBit:
      return {0, (Int128{1} << std::min(type.length, 64u)) - 1};
    default:
      return RangeOf(kDecimal20);
  }
}

std::string Int128Text(Int128 value) {
  if (value < 0) {
    return "-" + Int128Text(-value);
  }
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  return digits;
}

// The labels of a SET value: its own, or the members its bits select.
Result<std::string> SetLabels(const mysql::Set& value, const mysql::ColumnType& type) {
  if (!value.labels.empty() || value.bits == 0) {
    return value.labels;
  }
  std::string labels;
  for (size_t bit = 0; bit < 64; ++bit) {
    if ((value.bits >> bit & 1u) == 0) {
      continue;
    }
    if (bit >= type.elements.size()) {
      return InvalidArgumentError(fmt::format("SET bits {:#x} name member {} of {}", value.bits,
                                              bit + 1, type.elements.size()));
    }
    labels += labels.empty() ? "" : ",";
    labels += type.elements[bit];
  }
  return labels;
}

// The label of an ENUM value: its own, or the member its index names (index 0 is '').
Result<std::string> EnumLabel(const mysql::Enum& value, const mysql::ColumnType& type) {
  if (!value.label.empty() || value.index == 0) {
    return value.label;
  }
  if (value.index > type.elements.size()) {
    return InvalidArgumentError(
        fmt::format("ENUM index {} names no member of {}", value.index, type.elements.size()));
  }
  return type.elements[value.index - 1u];
}

}  // namespace

std::span<const MappingRow> TypeMappingTable() {
  return kMappingTable;
}

Result<const MappingRow*> FindMappingRow(const mysql::ColumnType& type) {
  for (const MappingRow& row : kMappingTable) {
    if (Matches(row, type)) {
      return &row;
    }
  }
  return InvalidArgumentError("no Parquet type for MySQL " + TypeText(type));
}

Result<LakeType> LakeTypeFor(const mysql::ColumnType& type, TypeMappingMode mode) {
  ASSIGN_OR_RETURN(const MappingRow* row, FindMappingRow(type));
  return mode == TypeMappingMode::kExact ? row->exact : row->dms;
}

std::string_view ParquetTypeText(LakeType type) {
  return InfoOf(type).parquet;
}

std::string_view IcebergTypeText(LakeType type) {
  return InfoOf(type).iceberg;
}

Result<std::string> IcebergType(const mysql::ColumnType& type) {
  ASSIGN_OR_RETURN(LakeType lake_type, LakeTypeFor(type, TypeMappingMode::kExact));
  if (lake_type == kDecimal) {
    return fmt::format("decimal({},{})", type.length, type.scale);
  }
  return std::string(IcebergTypeText(lake_type));
}

Result<ColumnSpec> MapColumn(const mysql::ColumnSchema& column, int32_t field_id,
                             const TypeMappingOptions& options) {
  Result<LakeType> lake_type = LakeTypeFor(column.type, options.mode);
  if (!lake_type.ok()) {
    return lake_type.status().WithContext(fmt::format("column `{}`", column.name));
  }
  bool zero_dates_are_null = options.zero_dates == ZeroDatePolicy::kNull && IsDateLike(*lake_type);
  Repetition repetition =
      column.nullable || zero_dates_are_null ? Repetition::kOptional : Repetition::kRequired;
  return SpecFor(*lake_type, column.type, column.name, field_id, repetition);
}

// ---- RowConverter ----------------------------------------------------------------------------

RowConverter::RowConverter(std::vector<Column> columns, std::vector<ColumnSpec> schema,
                           ZeroDatePolicy zero_dates)
    : columns_(std::move(columns)),
      schema_(std::move(schema)),
      zero_date_policy_(zero_dates),
      cells_(columns_.size()) {}

Result<RowConverter> RowConverter::Make(const mysql::TableSchema& table,
                                        std::span<const int32_t> field_ids,
                                        const TypeMappingOptions& options) {
  if (field_ids.size() != table.columns.size()) {
    return InvalidArgumentError(fmt::format("table `{}`.`{}`: {} field ids for {} columns",
                                            table.database, table.table, field_ids.size(),
                                            table.columns.size()));
  }
  std::vector<Column> columns;
  std::vector<ColumnSpec> schema;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const mysql::ColumnSchema& source = table.columns[i];
    ASSIGN_OR_RETURN(ColumnSpec spec, MapColumn(source, field_ids[i], options));
    ASSIGN_OR_RETURN(LakeType lake_type, LakeTypeFor(source.type, options.mode));
    columns.push_back(Column{source.name, source.type, lake_type, spec});
    schema.push_back(std::move(spec));
  }
  RETURN_IF_ERROR(ValidateSchema(schema));
  return RowConverter(std::move(columns), std::move(schema), options.zero_dates);
}

Status RowConverter::AppendRow(std::span<const mysql::Value> row, RowBatch* batch) {
  if (row.size() != columns_.size() || batch->num_columns() != columns_.size()) {
    return InvalidArgumentError(fmt::format("row of {} values for {} columns (batch of {})",
                                            row.size(), columns_.size(), batch->num_columns()));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    Status converted = Convert(columns_[i], row[i], &cells_[i]);
    if (!converted.ok()) {
      return converted.WithContext(fmt::format("column `{}`", columns_[i].name));
    }
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Cell& cell = cells_[i];
    ColumnValues& out = batch->column(i);
    switch (cell.kind) {
      case Cell::Kind::kNull:
        out.AppendNull();
        break;
      case Cell::Kind::kBool:
        out.AppendBool(cell.integer != 0);
        break;
      case Cell::Kind::kInt32:
        out.AppendInt32(static_cast<int32_t>(cell.integer));
        break;
      case Cell::Kind::kInt64:
        out.AppendInt64(cell.integer);
        break;
      case Cell::Kind::kFloat:
        out.AppendFloat(cell.single);
        break;
      case Cell::Kind::kDouble:
        out.AppendDouble(cell.real);
        break;
      case Cell::Kind::kBytes:
        out.AppendBytes(cell.bytes);
        break;
    }
    zero_dates_ += cell.zero_date ? 1 : 0;
    if (cell.srid.has_value()) {
      std::vector<uint32_t>& seen = srids_[columns_[i].name];
      auto at = std::lower_bound(seen.begin(), seen.end(), *cell.srid);
      if (at == seen.end() || *at != *cell.srid) {
        seen.insert(at, *cell.srid);
      }
    }
  }
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> RowConverter::KeyValueMetadata() const {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& [name, srids] : srids_) {
    entries.emplace_back("binlake.geometry.srid." + name, fmt::format("{}", fmt::join(srids, ",")));
  }
  return entries;
}

Status RowConverter::ConvertDate(const Column& column, const mysql::Value& value, Cell* cell) {
  bool zero = false;
  Result<int64_t> number =
      InvalidArgumentError(fmt::format("expected a {} value, got {}",
                                       column.lake_type == kDate           ? "Date"
                                       : column.lake_type == kTimestampUtc ? "Timestamp"
                                                                           : "DateTime",
                                       ValueKindName(value)));
  if (const auto* date = std::get_if<mysql::Date>(&value); date && column.lake_type == kDate) {
    zero = IsZeroOrInvalidDate(date->year, date->month, date->day);
    number = zero ? 0 : DaysSinceEpoch(date->year, date->month, date->day);
  } else if (const auto* local = std::get_if<mysql::DateTime>(&value);
             local && column.lake_type == kTimestampLocal) {
    zero = IsZeroOrInvalidDate(local->year, local->month, local->day);
    number = zero ? Result<int64_t>(0) : DateTimeMicros(*local);
  } else if (const auto* instant = std::get_if<mysql::Timestamp>(&value);
             instant && column.lake_type == kTimestampUtc) {
    zero = instant->seconds == 0 && instant->micros == 0;
    number = TimestampMicros(*instant);
  }
  RETURN_IF_ERROR(number);
  if (zero && zero_date_policy_ == ZeroDatePolicy::kError) {
    return InvalidArgumentError("zero or invalid date (staging.zero_dates: error)");
  }
  cell->kind = zero ? Cell::Kind::kNull
                    : (column.lake_type == kDate ? Cell::Kind::kInt32 : Cell::Kind::kInt64);
  cell->integer = *number;
  cell->zero_date = zero;
  return Status::Ok();
}

namespace {

Status WrongKind(std::string_view expected, const mysql::Value& value) {
  return InvalidArgumentError(
      fmt::format("expected a {} value, got {}", expected, ValueKindName(value)));
}

}  // namespace

void RowConverter::Cell::SetBytes(std::string_view value) {
  kind = Kind::kBytes;
  bytes = value;
}

void RowConverter::Cell::SetOwned(std::string value) {
  kind = Kind::kBytes;
  owned = std::move(value);
  bytes = owned;
}

Status RowConverter::ConvertInteger(const Column& column, const mysql::Value& value, Cell* cell) {
  ASSIGN_OR_RETURN(Int128 integer, IntegerOf(value));
  IntegerRange source = SourceRange(column.type);
  if (integer < source.min || integer > source.max) {
    return InvalidArgumentError(
        fmt::format("{} is outside the range of the column's type", Int128Text(integer)));
  }
  IntegerRange target = RangeOf(column.lake_type);
  if (integer < target.min || integer > target.max) {
    return InvalidArgumentError(fmt::format("{} is outside the range of {}", Int128Text(integer),
                                            ParquetTypeText(column.lake_type)));
  }
  if (column.lake_type == kDecimal20) {
    cell->SetOwned(
        BigEndianTwosComplement(integer, static_cast<uint32_t>(column.spec.type_length)));
    return Status::Ok();
  }
  bool wide = column.spec.physical_type == PhysicalType::kInt64;
  cell->kind = wide ? Cell::Kind::kInt64 : Cell::Kind::kInt32;
  // Unsigned types keep their bit pattern in the signed physical type.
  cell->integer = wide ? static_cast<int64_t>(static_cast<uint64_t>(integer))
                       : static_cast<int32_t>(static_cast<uint32_t>(integer));
  return Status::Ok();
}

Status RowConverter::ConvertDecimal(const Column& column, const mysql::Value& value, Cell* cell) {
  const auto* decimal = std::get_if<mysql::Decimal>(&value);
  if (decimal == nullptr) {
    return WrongKind("Decimal", value);
  }
  if (column.lake_type == kDecimalText) {
    RETURN_IF_ERROR(CheckDecimalText(decimal->text, column.type.length, column.type.scale));
    cell->SetBytes(decimal->text);
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(Int128 unscaled,
                   ParseUnscaledDecimal(decimal->text, column.type.length, column.type.scale));
  if (column.spec.physical_type == PhysicalType::kFixedLenByteArray) {
    cell->SetOwned(
        BigEndianTwosComplement(unscaled, static_cast<uint32_t>(column.spec.type_length)));
    return Status::Ok();
  }
  cell->kind =
      column.spec.physical_type == PhysicalType::kInt32 ? Cell::Kind::kInt32 : Cell::Kind::kInt64;
  cell->integer = static_cast<int64_t>(unscaled);
  return Status::Ok();
}

Status RowConverter::ConvertReal(const Column& column, const mysql::Value& value, Cell* cell) {
  const auto* single = std::get_if<float>(&value);
  const auto* real = std::get_if<double>(&value);
  if (column.lake_type == kFloat && single != nullptr) {
    cell->kind = Cell::Kind::kFloat;
    cell->single = *single;
    return Status::Ok();
  }
  if (column.lake_type == kDouble && (single != nullptr || real != nullptr)) {
    cell->kind = Cell::Kind::kDouble;
    cell->real = single != nullptr ? double{*single} : *real;
    return Status::Ok();
  }
  return WrongKind(column.lake_type == kFloat ? "float" : "double", value);
}

Status RowConverter::ConvertBits(const Column& column, const mysql::Value& value, Cell* cell) {
  if (!std::holds_alternative<mysql::Bit>(value)) {
    return WrongKind("Bit", value);
  }
  ASSIGN_OR_RETURN(Int128 bits, IntegerOf(value));
  if (column.lake_type == kBoolean) {
    cell->kind = Cell::Kind::kBool;
    cell->integer = bits != 0 ? 1 : 0;
    return Status::Ok();
  }
  cell->SetOwned(BigEndianTwosComplement(bits, (column.type.length + 7) / 8));
  return Status::Ok();
}

Status RowConverter::ConvertText(const Column& column, const mysql::Value& value, Cell* cell) {
  if (const auto* time = std::get_if<mysql::Time>(&value); time && column.lake_type == kTimeText) {
    ASSIGN_OR_RETURN(std::string text, FormatTime(*time, column.type.scale));
    cell->SetOwned(std::move(text));
    return Status::Ok();
  }
  bool any_text = column.lake_type == kString;
  if (const auto* json = std::get_if<mysql::Json>(&value); json && column.lake_type != kTimeText) {
    cell->SetBytes(json->text);
  } else if (const auto* text = std::get_if<mysql::Text>(&value); text && any_text) {
    cell->SetBytes(text->utf8);
  } else if (const auto* member = std::get_if<mysql::Enum>(&value); member && any_text) {
    ASSIGN_OR_RETURN(std::string label, EnumLabel(*member, column.type));
    cell->SetOwned(std::move(label));
  } else if (const auto* set = std::get_if<mysql::Set>(&value); set && any_text) {
    ASSIGN_OR_RETURN(std::string labels, SetLabels(*set, column.type));
    cell->SetOwned(std::move(labels));
  } else {
    return WrongKind(column.lake_type == kJson       ? "Json"
                     : column.lake_type == kTimeText ? "Time"
                                                     : "Text, Json, Enum or Set",
                     value);
  }
  if (!IsValidUtf8(cell->bytes)) {
    return InvalidArgumentError("text is not valid UTF-8");
  }
  return Status::Ok();
}

Status RowConverter::ConvertBinary(const Column& column, const mysql::Value& value, Cell* cell) {
  if (const auto* geometry = std::get_if<mysql::Geometry>(&value);
      geometry && column.lake_type == kWkb) {
    cell->SetBytes(geometry->wkb);
    cell->srid = geometry->srid;
  } else if (const auto* binary = std::get_if<mysql::Binary>(&value);
             binary && column.lake_type == kBinary) {
    cell->SetBytes(binary->bytes);
  } else if (const auto* vector = std::get_if<mysql::Vector>(&value);
             vector && column.lake_type == kBinary) {
    cell->SetBytes(vector->float32_le);
  } else {
    return WrongKind(column.lake_type == kWkb ? "Geometry" : "Binary or Vector", value);
  }
  return Status::Ok();
}

Status RowConverter::Convert(const Column& column, const mysql::Value& value, Cell* cell) {
  cell->zero_date = false;
  cell->srid.reset();
  if (mysql::IsNull(value)) {
    if (!column.spec.optional()) {
      return InvalidArgumentError("NULL in a NOT NULL column");
    }
    cell->kind = Cell::Kind::kNull;
    return Status::Ok();
  }
  switch (column.lake_type) {
    case kInt8:
    case kInt16:
    case kInt32:
    case kInt64:
    case kUint8:
    case kUint16:
    case kUint32:
    case kUint64:
    case kDecimal20:
      return ConvertInteger(column, value, cell);
    case kDecimal:
    case kDecimalText:
      return ConvertDecimal(column, value, cell);
    case kFloat:
    case kDouble:
      return ConvertReal(column, value, cell);
    case kBoolean:
    case kBitBytes:
      return ConvertBits(column, value, cell);
    case kDate:
    case kTimestampLocal:
    case kTimestampUtc:
      return ConvertDate(column, value, cell);
    case kTimeText:
    case kString:
    case kJson:
      return ConvertText(column, value, cell);
    case kBinary:
    case kWkb:
      return ConvertBinary(column, value, cell);
  }
  return InternalError("unhandled lake type");
}

}  // namespace binlake::parquet
