// The flat Parquet schema binlake writes and reads: one leaf column per ColumnSpec under the
// root group (no nesting; the reader refuses nested file schemas with Unimplemented).
//
// A ColumnSpec names the physical type, the repetition (required or optional), the Iceberg
// field id and the logical type (metadata.h's LogicalType). The legacy converted type is not
// chosen by the caller: the writer derives it (LegacyConvertedType), because the format says
// writers must write both. The reader fills `converted_type` from the file, and
// `logical_type` from the file's LogicalType or, for old files with only a converted type,
// from that (UTF8 -> STRING, INT_8 -> INT(8,signed), DECIMAL -> DECIMAL(p,s), ...).
//
// Logical types the writer accepts, with their physical types (ValidateColumn):
//   STRING, JSON, ENUM           BYTE_ARRAY                           UTF8 / JSON / ENUM
//   INT(8|16|32, signed?)        INT32                                INT_8.. / UINT_8..
//   INT(64, signed?)             INT64                                INT_64 / UINT_64
//   DECIMAL(p, s)                INT32 (p <= 9), INT64 (p <= 18), FLBA of n bytes
//                                (p <= MaxDecimalPrecision(n))        DECIMAL
//   DATE                         INT32                                DATE
//   TIME(MILLIS)                 INT32                                TIME_MILLIS
//   TIME(MICROS | NANOS)         INT64                                TIME_MICROS / none
//   TIMESTAMP(MILLIS|MICROS|NANOS) INT64                TIMESTAMP_MILLIS / _MICROS / none
//   UUID                         FLBA(16)                             none
//   none                         BOOLEAN, INT32, INT64, FLOAT, DOUBLE, BYTE_ARRAY (plain
//                                binary), FLBA; never INT96 (read-only legacy timestamps)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "binlake/base/status.h"
#include "binlake/parquet/metadata.h"

namespace binlake::parquet {

struct ColumnSpec {
  std::string name;
  // The Iceberg field id. Required (>= 0) by the writer; nullopt when a read file has none.
  std::optional<int32_t> field_id;
  PhysicalType physical_type = PhysicalType::kByteArray;
  Repetition repetition = Repetition::kOptional;
  // FIXED_LEN_BYTE_ARRAY only: the width of every value in bytes (> 0).
  int32_t type_length = 0;
  std::optional<LogicalType> logical_type;
  // Derived by the writer from logical_type (the caller's value is ignored); set by the reader.
  std::optional<ConvertedType> converted_type;

  bool optional() const { return repetition == Repetition::kOptional; }
  bool operator==(const ColumnSpec&) const = default;
};

// A column spec with the given fields (a convenience for callers and tests).
ColumnSpec MakeColumn(std::string name, int32_t field_id, PhysicalType physical_type,
                      Repetition repetition, std::optional<LogicalType> logical_type = {},
                      int32_t type_length = 0);

// The largest decimal precision whose unscaled values all fit `byte_length` bytes of two's
// complement (1 -> 2, 4 -> 9, 8 -> 18, 9 -> 21, 16 -> 38; capped at 76 digits).
int MaxDecimalPrecision(int32_t byte_length);

// The largest decimal precision a column of `physical_type` holds: 9 for INT32, 18 for INT64,
// MaxDecimalPrecision(type_length) for FIXED_LEN_BYTE_ARRAY, 76 for BYTE_ARRAY (which the reader
// accepts and the writer does not produce); 0 for types that cannot hold a decimal.
int MaxDecimalPrecision(PhysicalType physical_type, int32_t type_length);

// The converted type the format pairs with the column's logical type, or nullopt when there is
// none (no logical type, nanosecond units, UUID). Assumes ValidateColumn passed.
std::optional<ConvertedType> LegacyConvertedType(const ColumnSpec& column);

// OK when the column can be written: a non-empty name, a field id >= 0, not repeated, not
// INT96, a type_length > 0 exactly for FLBA, and a logical type that annotates the physical
// type (table above) with parameters in range. InvalidArgument naming the column.
Status ValidateColumn(const ColumnSpec& column);

// ValidateColumn for every column, plus: at least one column, distinct names and field ids.
Status ValidateSchema(std::span<const ColumnSpec> columns);

}  // namespace binlake::parquet
