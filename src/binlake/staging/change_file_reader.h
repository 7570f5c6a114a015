// Reading change files back: the rows of one file as canonical text (cell_text.h), the same
// text whichever format the file is in.
//
// A reader needs the table's schema as the file was written (the capture's schema history
// keeps it): CSV files have no header, and the cell text of a Parquet value depends on the
// source type (a DATETIME(3) prints three fraction digits). The file must have the columns
// change_file.h lists for that schema. CDC files must have Op; whether a LOAD file has it, and
// which type mapping mode wrote the file (exact or DMS), is read from the file (Parquet: its
// schema; CSV: its field count).
//
// Thread-safety: plain functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/io/random_access_source.h"
#include "binlake/mysql/column_type.h"
#include "binlake/staging/change_file.h"
#include "binlake/staging/staging_options.h"

namespace binlake::staging {

using Cell = std::optional<std::string>;

struct StagedRow {
  ChangeOp op = ChangeOp::kInsert;  // LOAD rows without Op are inserts
  std::vector<Cell> cells;          // one per table column
  std::optional<int64_t> change_seq;
  std::optional<int64_t> commit_micros;
  std::optional<std::string> txn;
  std::vector<Cell> before_key;  // one per key column; all NULL except on U rows
};

// Every row of the file, in file order (held in memory: this is the test reader's and the
// fold's entry point, not a streaming one; a CSV file is read whole, then parsed). `source` is the
// file; `format` and `compression` come from its name (ParseStagingKey). Corruption naming the file
// (and, for CSV, the line and field) when the bytes or the columns are not a change file of
// `table`: an unterminated quote, a wrong field count, an Op other than I/U/D, a change sequence or
// commit time that does not parse, a Parquet column of another name or type.
Result<std::vector<StagedRow>> ReadChangeFile(const mysql::TableSchema& table, FileKind kind,
                                              FileFormat format, FileCompression compression,
                                              io::RandomAccessSource* source);

// Largest decompressed `.csv.gz` file accepted (a bound against gzip bombs).
inline constexpr uint64_t kMaxCsvBytes = uint64_t{16} << 30;

}  // namespace binlake::staging
