// SQL text builders for the statements capture sends: identifiers and literals quoted safely
// (a table named "a`b" or a key value "O'Brien\" cannot break out), key-range predicates for
// single and composite keys, and the chunk queries of the full load.
//
// Literals render a mysql::Value as the server reads it back to the same value in the column's
// type and collation: integers and decimals as digits, strings as _utf8mb4'...' with quotes and
// backslashes escaped (coercible, so the column's collation decides comparisons), binary
// strings as X'..', temporals as quoted text with their fractional digits, BIT as b'...'.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::source {

// `name` in backticks, inner backticks doubled.
std::string QuoteIdentifier(std::string_view name);

// `schema`.`table`.
std::string QuoteTable(std::string_view schema, std::string_view table);

// `text` (UTF-8) as a string literal _utf8mb4'...', with backslash escapes for backslash,
// quote, NUL, LF, CR and Ctrl-Z.
std::string QuoteString(std::string_view text);

// `value` as a literal of `column`'s type; NULL as NULL. InvalidArgument when the value's kind
// does not fit the column.
Result<std::string> SqlLiteral(const mysql::Value& value, const mysql::ColumnSchema& column);

// A half-open range of key tuples in key order: lower < key <= upper; a missing bound is
// unbounded. `lower` and `upper`, when present, hold one value per key column.
struct KeyRange {
  std::optional<std::vector<mysql::Value>> lower;  // exclusive
  std::optional<std::vector<mysql::Value>> upper;  // inclusive
};

// The WHERE condition of `range` on `table`'s key columns (table.primary_key), expanded for
// composite keys ((a > 1) OR (a = 1 AND b > 'x')) so the server uses the index; "TRUE" for an
// unbounded range.
Result<std::string> KeyRangePredicate(const mysql::TableSchema& table, const KeyRange& range);

// SELECT of every column of `table`, in ordinal order, for the rows in `range`, ordered by key.
Result<std::string> ChunkSelectSql(const mysql::TableSchema& table, const KeyRange& range);

// The key of the `rows`-th row after `after` (exclusive; nullopt = from the start) in key order,
// read from the index only: the upper bound of the next chunk of `rows` rows.
Result<std::string> NextChunkBoundarySql(const mysql::TableSchema& table,
                                         const std::optional<std::vector<mysql::Value>>& after,
                                         int64_t rows);

// MIN and MAX of `table`'s key column (two index dives), for cutting an integer key into chunks
// arithmetically. InvalidArgument unless the key has exactly one column.
Result<std::string> KeyMinMaxSql(const mysql::TableSchema& table);

// The key columns of `table` as ColumnSchemas, in key order (for StreamRows of boundaries).
std::vector<mysql::ColumnSchema> KeyColumns(const mysql::TableSchema& table);

}  // namespace binlake::source
