// TABLE_MAP events: the description of a table that precedes its row events in the binlog.
//
// Contract:
//   DecodeTableMap parses a TABLE_MAP event body (after the common header, before the checksum)
//   including every optional-metadata field MySQL 8/9 and MariaDB 10.5+ write
//   (binlog_row_metadata=MINIMAL|FULL). Unknown optional-metadata field types are skipped by
//   their length (the format is TLV, so skipping is safe). Truncated or inconsistent input gives
//   Corruption naming the field and the offset within the event.
//   ResolveColumnType combines the wire type, its metadata, the optional metadata and, when the
//   caller has it, the table's declared schema into a mysql::ColumnType. The declared schema
//   wins for what the binlog does not carry (signedness and ENUM/SET members without optional
//   metadata); a column whose wire type contradicts the declared schema is FailedPrecondition
//   naming the table and column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/mysql/column_type.h"

namespace binlake::binlog {

struct TableMap {
  uint64_t table_id = 0;
  uint16_t flags = 0;
  std::string database;
  std::string table;
  std::vector<mysql::FieldType> column_types;  // wire types, one per column
  std::vector<uint16_t> column_metadata;       // per-column TABLE_MAP metadata (meaning by type)
  std::vector<bool> nullable;

  // Optional metadata; each is empty when the server did not send it.
  std::vector<bool> is_unsigned;                       // per column (false for non-numeric columns)
  std::vector<uint32_t> collation_ids;                 // per column; 0 for non-character columns
  std::vector<std::string> column_names;               // per column
  std::vector<std::vector<std::string>> enum_members;  // per column (empty when not ENUM)
  std::vector<std::vector<std::string>> set_members;   // per column (empty when not SET)
  std::vector<uint32_t> geometry_types;                // per column (0 when not GEOMETRY)
  std::vector<uint32_t> primary_key;                   // column positions, in key order
  std::vector<uint32_t> primary_key_prefix;            // per primary_key entry; 0 = whole column
  std::vector<bool> visible;                           // per column (MySQL 8.0.23+)
  std::vector<uint32_t> vector_dimensions;             // per column (MySQL 9; 0 when not VECTOR)
  bool has_signedness = false;
};

// Which server wrote the event: MariaDB counts GEOMETRY columns among the character columns
// that the charset optional metadata covers, MySQL does not. Pass kMariaDb when the
// FORMAT_DESCRIPTION server version contains "MariaDB".
enum class TableMapFlavor : uint8_t { kMySql, kMariaDb };

// `post_header_length` is the TABLE_MAP entry of the FORMAT_DESCRIPTION event (6 in binlog v1-3
// servers, 8 otherwise).
//
// Conventions of the decoded fields:
//   column_metadata  one uint16 per column: STRING/ENUM/SET and NEWDECIMAL keep their two wire
//                    bytes first-byte-high ((real_type << 8) | length for STRING, (precision << 8)
//                    | scale for NEWDECIMAL); VARCHAR/VAR_STRING the max length; BIT the LE pair
//                    (bits in the last byte | whole bytes << 8); one-byte metadata as is (length
//                    bytes of BLOB/JSON/GEOMETRY/VECTOR, FLOAT/DOUBLE size, fsp of the *2 types).
//   is_unsigned      the SIGNEDNESS bitmap (MSB first) covers the numeric columns only (TINY,
//                    SHORT, INT24, LONG, LONGLONG, FLOAT, DOUBLE, DECIMAL, NEWDECIMAL, YEAR), in
//                    column order; the same for the charset lists over character columns
//                    (CHAR/BINARY, VARCHAR, BLOB/TEXT; plus GEOMETRY for MariaDB) and over
//                    ENUM/SET columns, which also land in collation_ids.
//   enum_members/set_members  labels converted to UTF-8 when their charset is a built-in one.
Result<TableMap> DecodeTableMap(std::string_view body, uint8_t post_header_length,
                                TableMapFlavor flavor = TableMapFlavor::kMySql);

// The declared type of column `index`. `schema` may be null.
Result<mysql::ColumnType> ResolveColumnType(const TableMap& map, size_t index,
                                            const mysql::TableSchema* schema);

}  // namespace binlake::binlog
