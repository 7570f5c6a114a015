// The MySQL/MariaDB -> Parquet type mapping, as one table (TypeMappingTable) that both the code
// and docs/formats/types.md follow (type_mapping_doc_test checks the page against the table).
//
// Each row matches a declared column type (kind, signedness, a DECIMAL precision or BIT width
// range) and names a LakeType for each mode (type_mapping_options.h): exact (the default, never
// lossy) and DMS-compatible (what AWS DMS writes). A LakeType fixes the Parquet physical and
// logical type, the Iceberg type and how a mysql::Value is converted:
//
//   MapColumn     ColumnSchema + field id -> ColumnSpec (parquet/schema.h)
//   IcebergType   the Iceberg type name of the exact mapping ("decimal(20,0)", "timestamptz")
//   RowConverter  rows of mysql::Value -> a RowBatch for the mapped schema, with exact
//                 conversions (decimal text -> unscaled two's complement, DATE -> days since
//                 1970-01-01, DATETIME -> local micros, TIME -> text, ...). A value of the
//                 wrong kind or outside the mapped type's range is InvalidArgument naming the
//                 column: nothing is clamped or rounded.
//
// Thread-safety: the table is immutable; a RowConverter is used by one thread at a time.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/schema.h"
#include "binlake/parquet/type_mapping_options.h"

namespace binlake::parquet {

// Where a column lands in Parquet. The comment gives physical + logical type <- accepted values.
enum class LakeType : uint8_t {
  kInt8,            // INT32 INT(8, signed)     <- int64_t, uint64_t in range
  kInt16,           // INT32 INT(16, signed)    <- int64_t, uint64_t, Year in range
  kInt32,           // INT32                    <- int64_t, uint64_t, Year in range
  kInt64,           // INT64                    <- int64_t, uint64_t <= INT64_MAX, Bit (n <= 63)
  kUint8,           // INT32 INT(8, unsigned)   <- uint64_t in range (DMS mode)
  kUint16,          // INT32 INT(16, unsigned)
  kUint32,          // INT32 INT(32, unsigned)  (values >= 2^31 stored as their bit pattern)
  kUint64,          // INT64 INT(64, unsigned)
  kDecimal,         // decimal(p,s) on INT32/INT64/FLBA by p <= 38 <- Decimal text
  kDecimal20,       // FLBA(9) decimal(20,0)    <- uint64_t, int64_t, Bit
  kDecimalText,     // BYTE_ARRAY STRING, the exact decimal text <- Decimal text (p > 38)
  kFloat,           // FLOAT                    <- float
  kDouble,          // DOUBLE                   <- double, float (exactly widened)
  kBoolean,         // BOOLEAN                  <- Bit (BIT(1), DMS mode)
  kBitBytes,        // BYTE_ARRAY, ceil(n/8) big-endian bytes <- Bit (DMS mode)
  kDate,            // INT32 DATE               <- Date
  kTimestampLocal,  // INT64 TIMESTAMP(micros, not adjusted to UTC) <- DateTime
  kTimestampUtc,    // INT64 TIMESTAMP(micros, adjusted to UTC)     <- Timestamp
  kTimeText,        // BYTE_ARRAY STRING "[-]HH:MM:SS[.f]" <- Time
  kString,          // BYTE_ARRAY STRING        <- Text (valid UTF-8), Enum, Set, Json
  kJson,            // BYTE_ARRAY JSON          <- Json
  kBinary,          // BYTE_ARRAY               <- Binary, Vector
  kWkb,             // BYTE_ARRAY, WKB (SRID kept in key-value metadata) <- Geometry
};

enum class Signedness : uint8_t { kAny, kSigned, kUnsigned };

// One row of the mapping table.
struct MappingRow {
  std::string_view mysql;  // the source type as docs/formats/types.md spells it
  mysql::ColumnKind kind;
  Signedness signedness;
  // DECIMAL precision or BIT width range the row covers (inclusive); other kinds ignore it.
  uint32_t min_length;
  uint32_t max_length;
  LakeType exact;
  LakeType dms;
};

// Every row, in the order of docs/formats/types.md. Each valid ColumnType matches one row.
std::span<const MappingRow> TypeMappingTable();

// The row for `type`; InvalidArgument when none matches (e.g. BIT(0), DECIMAL(70,0)).
Result<const MappingRow*> FindMappingRow(const mysql::ColumnType& type);

// The LakeType `type` maps to in `mode`.
Result<LakeType> LakeTypeFor(const mysql::ColumnType& type, TypeMappingMode mode);

// Physical and logical type as docs/formats/types.md writes them ("INT32 INT(8, signed)",
// "FIXED_LEN_BYTE_ARRAY(9) DECIMAL(20,0)").
std::string_view ParquetTypeText(LakeType type);

// The Iceberg type of the exact mapping, as docs/formats/types.md writes it: decimals with
// "(p,s)" literally ("decimal(p,s)").
std::string_view IcebergTypeText(LakeType type);

// The Iceberg type name of `type` under the exact mapping, with decimal parameters filled in
// ("decimal(10,2)", "timestamptz", "string"). The Iceberg tables always use the exact mapping.
Result<std::string> IcebergType(const mysql::ColumnType& type);

// The Parquet column for `column`: the table's LakeType for options.mode, named like the
// column, optional when the column is nullable or (with ZeroDatePolicy::kNull) a DATE,
// DATETIME or TIMESTAMP that may hold zero dates. InvalidArgument naming the column when its
// type has no row.
Result<ColumnSpec> MapColumn(const mysql::ColumnSchema& column, int32_t field_id,
                             const TypeMappingOptions& options);

// Appends rows of one table, as mysql::Value, to RowBatches of the mapped schema.
class RowConverter {
 public:
  // Maps every column of `table`; `field_ids` holds one Iceberg field id per column.
  static Result<RowConverter> Make(const mysql::TableSchema& table,
                                   std::span<const int32_t> field_ids,
                                   const TypeMappingOptions& options);

  // The Parquet schema, one ColumnSpec per table column.
  const std::vector<ColumnSpec>& schema() const { return schema_; }

  // Converts `row` (one value per table column) and appends it to `batch` (shaped like
  // schema()). All or nothing: on error (InvalidArgument "column `name`: ...") `batch` is
  // unchanged.
  Status AppendRow(std::span<const mysql::Value> row, RowBatch* batch);

  // Zero, partial-zero and invalid dates stored as NULL so far.
  int64_t zero_dates() const { return zero_dates_; }

  // Key-value metadata describing what the rows carried that the columns do not: for each
  // GEOMETRY column with values, "binlake.geometry.srid.<column>" = the distinct SRIDs seen,
  // ascending and comma-separated.
  std::vector<std::pair<std::string, std::string>> KeyValueMetadata() const;

 private:
  // One converted cell, held until the whole row has converted.
  struct Cell {
    enum class Kind : uint8_t { kNull, kBool, kInt32, kInt64, kFloat, kDouble, kBytes };
    Kind kind = Kind::kNull;
    int64_t integer = 0;  // kBool (0/1), kInt32, kInt64
    double real = 0;      // kDouble
    float single = 0;     // kFloat
    // kBytes: the value; points into `owned` or into the row being appended.
    std::string_view bytes;
    std::string owned;
    bool zero_date = false;        // a zero/invalid date stored as NULL
    std::optional<uint32_t> srid;  // a GEOMETRY value's SRID

    void SetBytes(std::string_view value);  // bytes that live until the row is appended
    void SetOwned(std::string value);
  };
  struct Column {
    std::string name;
    mysql::ColumnType type;
    LakeType lake_type;
    ColumnSpec spec;
  };

  RowConverter(std::vector<Column> columns, std::vector<ColumnSpec> schema,
               ZeroDatePolicy zero_dates);
  // Convert dispatches on the column's LakeType to one of the Convert* helpers.
  Status Convert(const Column& column, const mysql::Value& value, Cell* cell);
  Status ConvertDate(const Column& column, const mysql::Value& value, Cell* cell);
  static Status ConvertInteger(const Column& column, const mysql::Value& value, Cell* cell);
  static Status ConvertDecimal(const Column& column, const mysql::Value& value, Cell* cell);
  static Status ConvertReal(const Column& column, const mysql::Value& value, Cell* cell);
  static Status ConvertBits(const Column& column, const mysql::Value& value, Cell* cell);
  static Status ConvertText(const Column& column, const mysql::Value& value, Cell* cell);
  static Status ConvertBinary(const Column& column, const mysql::Value& value, Cell* cell);

  std::vector<Column> columns_;
  std::vector<ColumnSpec> schema_;
  ZeroDatePolicy zero_date_policy_;
  std::vector<Cell> cells_;  // scratch, one per column
  int64_t zero_dates_ = 0;
  std::map<std::string, std::vector<uint32_t>> srids_;  // column name -> SRIDs seen (sorted)
};

}  // namespace binlake::parquet
