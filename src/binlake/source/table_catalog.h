// The tables capture reads: selection by include/exclude patterns, schema discovery from
// information_schema, and the key that identifies a row.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/capture/capture_options.h"
#include "binlake/io/sql_connection.h"
#include "binlake/mysql/column_type.h"

namespace binlake::source {

// Compiled capture.include / capture.exclude patterns.
class TableFilter {
 public:
  // InvalidArgument naming the pattern when one is not `schema.table` (after unescaping).
  static Result<TableFilter> Make(std::string_view include, std::string_view exclude);
  // True when `schema.table` matches an include pattern and no exclude pattern, and `schema`
  // is not a system schema (mysql, information_schema, performance_schema, sys).
  bool Selects(std::string_view schema, std::string_view table) const;

 private:
  // One pattern split at its first unescaped '.', each side still escaped.
  struct Pattern {
    std::string schema;
    std::string table;
  };
  static bool AnyMatches(const std::vector<Pattern>& patterns, std::string_view schema,
                         std::string_view table);

  std::vector<Pattern> include_;
  std::vector<Pattern> exclude_;
};

// How rows of a table are identified (and chunked by the full load).
enum class KeySource : uint8_t {
  kPrimaryKey,
  kUniqueKey,  // named in capture.unique_keys
  kFullRow,    // capture.keyless_tables=full_row: no key; every column identifies the row
};

struct CapturedTable {
  // Columns in ordinal order with exact types (ENUM/SET members, charsets, unsignedness,
  // precision/scale, fsp); `primary_key` holds the identifying key's column positions (the PK,
  // or the configured unique key), empty for kFullRow.
  mysql::TableSchema schema;
  KeySource key_source = KeySource::kPrimaryKey;
};

// Lists the base tables `filter` selects, in (schema, table) byte order, with their schemas
// (empty when none is selected). Three queries in all, whatever the table count: one each on
// information_schema TABLES, COLUMNS and STATISTICS (UNIQUE indexes).
// A selected table without a primary key takes its key from capture.unique_keys
// ("schema.table=col1,col2;..."; a backslash escapes '.', ',', ';' or '=' in a name), whose
// columns must exist (else InvalidArgument) and form a UNIQUE index of NOT NULL columns (else
// FailedPrecondition with the DDL that fixes it); else it follows capture.keyless_tables:
// kRefuse is FailedPrecondition naming every such table (with a usable unique index where it
// has one) and both ways out. A unique_keys entry for a table that is not selected, does not
// exist or has a primary key is InvalidArgument. Columns of a type binlake cannot map are
// InvalidArgument naming the column.
Result<std::vector<CapturedTable>> DiscoverTables(io::SqlConnection& connection,
                                                  const TableFilter& filter,
                                                  const capture::CaptureOptions& options);

// DiscoverTables for capture.include/capture.exclude; an empty selection is FailedPrecondition
// naming the patterns and `who` (the user and server the tables were looked for as).
Result<std::vector<CapturedTable>> DiscoverSelectedTables(io::SqlConnection& connection,
                                                          const capture::CaptureOptions& options,
                                                          std::string_view who);

// The schema of one table (same rules as DiscoverTables, keys from the primary key only);
// NotFound when the table does not exist.
Result<mysql::TableSchema> DescribeTable(io::SqlConnection& connection, std::string_view schema,
                                         std::string_view table);

}  // namespace binlake::source
