// Change files: what one staging file holds, and how binlake writes and reads one
// (docs/formats/staging.md is the reader's contract).
//
// Columns, in order:
//   Op                    CDC files (and LOAD files with include_op_for_full_load): "I", "U"
//                         or "D". UPDATE rows carry the after image, DELETE rows the before
//                         image, as AWS DMS writes them.
//   <table columns>       in ordinal order, typed by parquet/type_mapping.h.
//   _binlake_change_seq   CDC: strictly increasing per capture, INT64; LOAD: NULL.
//   _binlake_commit_ts    CDC: the source commit time (timestamptz, micros); LOAD: NULL.
//   _binlake_txn          CDC: the transaction id (GTID, or binlog file:offset); LOAD: NULL.
//   _binlake_before_<key column>, one per key column: on U rows the key before the update
//                         (so a key change is never ambiguous); NULL on other rows.
//
// Parquet: field ids 1..n in column order, the codec of options.compression, row groups of at
// most 32 MiB uncompressed. CSV (csv.h): RFC 4180 with the DMS defaults, each value in its
// canonical text (cell_text.h), gzip for FileCompression::kGzip. GEOMETRY columns hold the WKB
// only (the SRID is not kept). ReadChangeFile (change_file_reader.h) reads either back.
//
// Thread-safety: a writer or reader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/byte_sink.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"
#include "binlake/staging/staging_options.h"

namespace binlake::staging {

inline constexpr std::string_view kOpColumn = "Op";
inline constexpr std::string_view kChangeSeqColumn = "_binlake_change_seq";
inline constexpr std::string_view kCommitTsColumn = "_binlake_commit_ts";
inline constexpr std::string_view kTxnColumn = "_binlake_txn";
inline constexpr std::string_view kBeforeKeyPrefix = "_binlake_before_";

enum class ChangeOp : char { kInsert = 'I', kUpdate = 'U', kDelete = 'D' };

enum class FileKind : uint8_t { kLoad, kCdc };

// binlake's metadata of one CDC change.
struct ChangeMeta {
  int64_t change_seq = 0;
  int64_t commit_micros = 0;  // UTC
  std::string_view txn_id;
  // kUpdate: the key before the update, one value per key column (table.primary_key order).
  std::span<const mysql::Value> before_key;
};

// What a finished file holds.
struct ChangeFileStats {
  uint64_t rows = 0;
  uint64_t inserts = 0;  // LOAD rows count as inserts
  uint64_t updates = 0;
  uint64_t deletes = 0;
  uint64_t bytes = 0;  // file size
};

// Writes one change file to a ByteSink, streaming: memory is bounded by one Parquet row group
// (sized in bytes) or one CSV row, whatever the file's row count.
class ChangeFileWriter {
 public:
  virtual ~ChangeFileWriter() = default;

  // `table.primary_key` names the key columns (empty: keyless table, no before-key columns).
  static Result<std::unique_ptr<ChangeFileWriter>> Make(const mysql::TableSchema& table,
                                                        FileKind kind,
                                                        const StagingFileOptions& options,
                                                        io::ByteSink* sink);

  // LOAD files: one row as the source holds it (one value per table column).
  virtual Status AppendLoadRow(std::span<const mysql::Value> row) = 0;
  // CDC files: one change. InvalidArgument on a LOAD file, or for a U without one before-key
  // value per key column. A value that does not convert is InvalidArgument naming the column;
  // the row is not added, except that a bad before-key value leaves the writer unusable.
  virtual Status AppendChange(ChangeOp op, std::span<const mysql::Value> row,
                              const ChangeMeta& meta) = 0;
  // Bytes written to the sink so far plus those buffered (to close files by size); the rows not
  // yet encoded (at most a few thousand) count uncompressed, so this is an overestimate.
  virtual uint64_t EstimatedBytes() const = 0;
  // Writes the rest (Parquet footer, gzip trailer); the sink then holds the whole file. Any
  // call after Finish, or after a sink error, is FailedPrecondition.
  virtual Result<ChangeFileStats> Finish() = 0;
};

}  // namespace binlake::staging
