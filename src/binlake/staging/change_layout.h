// The columns of a change file (change_file.h lists them): one description shared by the
// writer, the reader and the CSV text, so every file of a table has the same columns in the
// same order whichever format it is in.
#pragma once

#include <cstddef>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/mysql/column_type.h"
#include "binlake/parquet/schema.h"
#include "binlake/parquet/type_mapping.h"
#include "binlake/staging/change_file.h"
#include "binlake/staging/staging_options.h"

namespace binlake::staging {

struct LayoutColumn {
  parquet::ColumnSpec spec;  // field ids 1..n in column order
  // The source type the cell text follows (cell_text.h); binlake's own columns as BIGINT,
  // TIMESTAMP(6) and VARCHAR, Op as CHAR.
  mysql::ColumnType type;
  parquet::LakeType lake_type = parquet::LakeType::kString;
};

struct ChangeFileLayout {
  bool has_op = false;
  std::vector<LayoutColumn> columns;
  size_t first_table_column = 0;   // 1 with Op, else 0
  size_t first_meta_column = 0;    // _binlake_change_seq, _binlake_commit_ts, _binlake_txn
  size_t first_before_column = 0;  // _binlake_before_<key column>...
  // The key columns renamed _binlake_before_<name> and nullable (RowConverter input).
  mysql::TableSchema before_key_table;

  std::vector<parquet::ColumnSpec> Schema() const;
  size_t num_table_columns() const { return first_meta_column - first_table_column; }
  size_t num_key_columns() const { return columns.size() - first_before_column; }
};

// The layout of a `kind` file of `table` under `options` (Op present in CDC files, and in LOAD
// files with include_op_for_full_load). InvalidArgument naming the column when a type has no
// mapping or a key position is out of range.
Result<ChangeFileLayout> MakeChangeFileLayout(const mysql::TableSchema& table, FileKind kind,
                                              const StagingFileOptions& options);

}  // namespace binlake::staging
