// The MySQL/MariaDB column types binlake understands, in one vocabulary shared by the binlog
// decoder (binlog/), schema discovery from information_schema (capture), and the mapping to
// Parquet and Iceberg types (parquet/type_mapping.h).
//
// Two enums on purpose:
//   FieldType  the wire code a server writes in a TABLE_MAP event (MYSQL_TYPE_* in the server's
//              sources; the numbers are the protocol's and must not change).
//   ColumnKind the SQL type a user declared (what information_schema.COLUMNS.DATA_TYPE says). The
//              wire code alone is ambiguous: MYSQL_TYPE_STRING carries CHAR, BINARY, ENUM and SET;
//              MYSQL_TYPE_BLOB carries TEXT and BLOB. ColumnType resolves that with the extra
//              attributes (charset, enum/set members, length).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace binlake::mysql {

enum class FieldType : uint8_t {
  kDecimal = 0,  // old DECIMAL (before 5.0.3), stored as text
  kTiny = 1,
  kShort = 2,
  kLong = 3,
  kFloat = 4,
  kDouble = 5,
  kNull = 6,
  kTimestamp = 7,
  kLongLong = 8,
  kInt24 = 9,
  kDate = 10,
  kTime = 11,
  kDateTime = 12,
  kYear = 13,
  kNewDate = 14,
  kVarchar = 15,
  kBit = 16,
  kTimestamp2 = 17,
  kDateTime2 = 18,
  kTime2 = 19,
  kTypedArray = 20,
  kVector = 242,  // MySQL 9
  kJson = 245,
  kNewDecimal = 246,
  kEnum = 247,
  kSet = 248,
  kTinyBlob = 249,
  kMediumBlob = 250,
  kLongBlob = 251,
  kBlob = 252,
  kVarString = 253,
  kString = 254,
  kGeometry = 255,
};

// The declared SQL type.
enum class ColumnKind : uint8_t {
  kTinyInt,
  kSmallInt,
  kMediumInt,
  kInt,
  kBigInt,
  kFloat,
  kDouble,
  kDecimal,  // DECIMAL/NUMERIC(precision, scale)
  kBit,      // BIT(length), 1..64
  kYear,
  kDate,
  kTime,       // TIME(fsp)
  kDateTime,   // DATETIME(fsp)
  kTimestamp,  // TIMESTAMP(fsp)
  kChar,       // CHAR(length) with a character set
  kVarchar,    // VARCHAR(length) with a character set
  kText,       // TINYTEXT..LONGTEXT with a character set
  kBinary,     // BINARY(length)
  kVarbinary,  // VARBINARY(length)
  kBlob,       // TINYBLOB..LONGBLOB
  kEnum,
  kSet,
  kJson,      // MySQL JSON (binary in the binlog); MariaDB JSON is LONGTEXT and is kText
  kGeometry,  // any spatial type
  kVector,    // MySQL 9 VECTOR(n): n float32 values
  kUuid,      // MariaDB 10.7+ UUID
  kInet4,     // MariaDB 10.10+ INET4
  kInet6,     // MariaDB 10.5+ INET6
};

struct ColumnType {
  ColumnKind kind = ColumnKind::kInt;
  bool is_unsigned = false;
  // DECIMAL precision (1..65); BIT length (1..64); CHAR/VARCHAR/BINARY/VARBINARY length in
  // characters (bytes for binary); VECTOR dimension. 0 when not applicable or unknown.
  uint32_t length = 0;
  // DECIMAL scale (0..30); fractional-second precision of TIME/DATETIME/TIMESTAMP (0..6).
  uint32_t scale = 0;
  // Character set name as the server spells it ("utf8mb4", "latin1", "binary", ...) for text
  // kinds; empty for the others.
  std::string charset;
  // ENUM/SET members in declaration order (ENUM index 1 is elements[0]; SET bit 0 is
  // elements[0]).
  std::vector<std::string> elements;
};

struct ColumnSchema {
  std::string name;
  ColumnType type;
  bool nullable = true;
};

// A table as the source declares it: columns in ordinal order and the primary-key column
// positions (0-based indexes into columns, in key order; empty for a keyless table).
struct TableSchema {
  std::string database;
  std::string table;
  std::vector<ColumnSchema> columns;
  std::vector<uint32_t> primary_key;
};

}  // namespace binlake::mysql
