#include "binlake/parquet/schema.h"

#include <fmt/format.h>

#include <set>
#include <utility>
#include <variant>

#include "binlake/base/macros.h"

namespace binlake::parquet {

namespace {

// Helpers for std::visit over LogicalType.
template <typename... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <typename... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

Status ColumnError(const ColumnSpec& column, std::string_view problem) {
  return InvalidArgumentError(fmt::format("parquet column '{}': {}", column.name, problem));
}

Status CheckPhysical(const ColumnSpec& column, std::string_view logical, PhysicalType wanted) {
  if (column.physical_type != wanted) {
    return ColumnError(
        column, fmt::format("{} needs physical type {}, not {}", logical, PhysicalTypeName(wanted),
                            PhysicalTypeName(column.physical_type)));
  }
  return Status::Ok();
}

Status CheckDecimal(const ColumnSpec& column, const DecimalType& decimal) {
  const int max_precision = column.physical_type == PhysicalType::kByteArray
                                ? 0
                                : MaxDecimalPrecision(column.physical_type, column.type_length);
  if (max_precision == 0 && column.physical_type != PhysicalType::kFixedLenByteArray) {
    return ColumnError(column, "DECIMAL needs physical type INT32, INT64 or FIXED_LEN_BYTE_ARRAY");
  }
  if (decimal.precision < 1 || decimal.precision > max_precision) {
    return ColumnError(column,
                       fmt::format("DECIMAL precision {} is not 1..{} for {}", decimal.precision,
                                   max_precision, PhysicalTypeName(column.physical_type)));
  }
  if (decimal.scale < 0 || decimal.scale > decimal.precision) {
    return ColumnError(
        column, fmt::format("DECIMAL scale {} is not 0..{}", decimal.scale, decimal.precision));
  }
  return Status::Ok();
}

Status CheckInt(const ColumnSpec& column, const IntType& type) {
  switch (type.bit_width) {
    case 8:
    case 16:
    case 32:
      return CheckPhysical(column, "INT(8|16|32)", PhysicalType::kInt32);
    case 64:
      return CheckPhysical(column, "INT(64)", PhysicalType::kInt64);
    default:
      return ColumnError(column, fmt::format("INT bit width {} is not 8, 16, 32 or 64",
                                             static_cast<int>(type.bit_width)));
  }
}

Status CheckTime(const ColumnSpec& column, const TimeType& type) {
  return CheckPhysical(
      column, "TIME", type.unit == TimeUnit::kMillis ? PhysicalType::kInt32 : PhysicalType::kInt64);
}

Status CheckLogicalType(const ColumnSpec& column, const LogicalType& logical) {
  return std::visit(
      Overloaded{
          [&](const StringType&) {
            return CheckPhysical(column, "STRING", PhysicalType::kByteArray);
          },
          [&](const JsonType&) { return CheckPhysical(column, "JSON", PhysicalType::kByteArray); },
          [&](const EnumType&) { return CheckPhysical(column, "ENUM", PhysicalType::kByteArray); },
          [&](const IntType& type) { return CheckInt(column, type); },
          [&](const DecimalType& type) { return CheckDecimal(column, type); },
          [&](const DateType&) { return CheckPhysical(column, "DATE", PhysicalType::kInt32); },
          [&](const TimeType& type) { return CheckTime(column, type); },
          [&](const TimestampType&) {
            return CheckPhysical(column, "TIMESTAMP", PhysicalType::kInt64);
          },
          [&](const UuidType&) -> Status {
            RETURN_IF_ERROR(CheckPhysical(column, "UUID", PhysicalType::kFixedLenByteArray));
            if (column.type_length != 16) {
              return ColumnError(column, "UUID needs FIXED_LEN_BYTE_ARRAY(16)");
            }
            return Status::Ok();
          },
          [&](const auto&) {
            return ColumnError(
                column, fmt::format("logical type {} is not written", LogicalTypeName(logical)));
          },
      },
      logical);
}

std::optional<ConvertedType> IntConvertedType(const IntType& type) {
  switch (type.bit_width) {
    case 8:
      return type.is_signed ? ConvertedType::kInt8 : ConvertedType::kUint8;
    case 16:
      return type.is_signed ? ConvertedType::kInt16 : ConvertedType::kUint16;
    case 32:
      return type.is_signed ? ConvertedType::kInt32 : ConvertedType::kUint32;
    default:
      return type.is_signed ? ConvertedType::kInt64 : ConvertedType::kUint64;
  }
}

std::optional<ConvertedType> UnitConvertedType(TimeUnit unit, ConvertedType millis,
                                               ConvertedType micros) {
  switch (unit) {
    case TimeUnit::kMillis:
      return millis;
    case TimeUnit::kMicros:
      return micros;
    default:
      return std::nullopt;
  }
}

}  // namespace

ColumnSpec MakeColumn(std::string name, int32_t field_id, PhysicalType physical_type,
                      Repetition repetition, std::optional<LogicalType> logical_type,
                      int32_t type_length) {
  ColumnSpec column;
  column.name = std::move(name);
  column.field_id = field_id;
  column.physical_type = physical_type;
  column.repetition = repetition;
  column.type_length = type_length;
  column.logical_type = std::move(logical_type);
  column.converted_type = LegacyConvertedType(column);
  return column;
}

int MaxDecimalPrecision(int32_t byte_length) {
  if (byte_length <= 0) {
    return 0;
  }
  // floor(log10(2^(8n-1) - 1)) = floor((8n - 1) * log10(2)), capped at 76 digits.
  const double digits = (8.0 * byte_length - 1.0) * 0.30102999566398120;
  return digits >= 76 ? 76 : static_cast<int>(digits);
}

int MaxDecimalPrecision(PhysicalType physical_type, int32_t type_length) {
  switch (physical_type) {
    case PhysicalType::kInt32:
      return 9;
    case PhysicalType::kInt64:
      return 18;
    case PhysicalType::kFixedLenByteArray:
      return MaxDecimalPrecision(type_length);
    case PhysicalType::kByteArray:
      return 76;
    default:
      return 0;
  }
}

std::optional<ConvertedType> LegacyConvertedType(const ColumnSpec& column) {
  if (!column.logical_type.has_value()) {
    return std::nullopt;
  }
  return std::visit(
      Overloaded{
          [](const StringType&) -> std::optional<ConvertedType> { return ConvertedType::kUtf8; },
          [](const JsonType&) -> std::optional<ConvertedType> { return ConvertedType::kJson; },
          [](const EnumType&) -> std::optional<ConvertedType> { return ConvertedType::kEnum; },
          [](const IntType& type) { return IntConvertedType(type); },
          [](const DecimalType&) -> std::optional<ConvertedType> {
            return ConvertedType::kDecimal;
          },
          [](const DateType&) -> std::optional<ConvertedType> { return ConvertedType::kDate; },
          [](const TimeType& type) {
            return UnitConvertedType(type.unit, ConvertedType::kTimeMillis,
                                     ConvertedType::kTimeMicros);
          },
          [](const TimestampType& type) {
            return UnitConvertedType(type.unit, ConvertedType::kTimestampMillis,
                                     ConvertedType::kTimestampMicros);
          },
          [](const auto&) -> std::optional<ConvertedType> { return std::nullopt; },
      },
      *column.logical_type);
}

Status ValidateColumn(const ColumnSpec& column) {
  if (column.name.empty()) {
    return ColumnError(column, "the name is empty");
  }
  if (!column.field_id.has_value() || *column.field_id < 0) {
    return ColumnError(column, "a field id >= 0 is required");
  }
  if (column.repetition != Repetition::kRequired && column.repetition != Repetition::kOptional) {
    return ColumnError(column, "only required and optional columns are written");
  }
  if (column.physical_type < PhysicalType::kBoolean ||
      column.physical_type > PhysicalType::kFixedLenByteArray) {
    return ColumnError(column, "unknown physical type");
  }
  if (column.physical_type == PhysicalType::kInt96) {
    return ColumnError(column, "INT96 is read-only; write TIMESTAMP on INT64");
  }
  const bool flba = column.physical_type == PhysicalType::kFixedLenByteArray;
  if (flba != (column.type_length > 0) || column.type_length < 0) {
    return ColumnError(column, "type_length must be > 0 exactly for FIXED_LEN_BYTE_ARRAY");
  }
  if (column.logical_type.has_value()) {
    return CheckLogicalType(column, *column.logical_type);
  }
  return Status::Ok();
}

Status ValidateSchema(std::span<const ColumnSpec> columns) {
  if (columns.empty()) {
    return InvalidArgumentError("a parquet schema needs at least one column");
  }
  std::set<std::string_view> names;
  std::set<int32_t> field_ids;
  for (const ColumnSpec& column : columns) {
    RETURN_IF_ERROR(ValidateColumn(column));
    if (!names.insert(column.name).second) {
      return ColumnError(column, "the name is used twice");
    }
    if (!field_ids.insert(*column.field_id).second) {
      return ColumnError(column, fmt::format("field id {} is used twice", *column.field_id));
    }
  }
  return Status::Ok();
}

}  // namespace binlake::parquet
