// FileWriter: writes one Parquet file of a flat schema to a ByteSink, streaming.
//
//   ASSIGN_OR_RETURN(auto writer, FileWriter::Open(schema, WriterOptions{}, &sink));
//   RETURN_IF_ERROR(writer->Write(batch));          // any number of times
//   ASSIGN_OR_RETURN(FileSummary summary, writer->Finish());
//
// Layout: "PAR1", then row groups, each a column chunk per column (an optional dictionary page,
// then data pages v1), then the FileMetaData footer (Thrift compact), its 4-byte length and
// "PAR1". Bytes reach the sink as each row group is flushed; memory is bounded by the
// row-group size plus one page per column, not by the file size.
//
// Encodings: definition levels of optional columns as the RLE/bit-packed hybrid (length-
// prefixed, page v1). Values RLE_DICTIONARY with a PLAIN dictionary page first, per column
// chunk, while the dictionary stays under `dictionary_page_limit` bytes (PLAIN encoded); once
// it would grow past that the chunk's remaining pages are PLAIN (the pages already written
// keep the dictionary). Booleans are always PLAIN.
//
// Metadata written: every SchemaElement with field_id, logical type and the matching converted
// type; ColumnMetaData with exact offsets (dictionary_page_offset when there is a dictionary
// page, data_page_offset = the first data page after it), exact total sizes (page headers
// included), encodings and encoding_stats; statistics per column chunk and per page:
// null_count and min_value/max_value exact in the column's sort order (signed or unsigned
// integers by logical type, unsigned byte-wise for binary/strings/FLBA, decimals signed; NaN
// never a bound, a float max of -0.0 is written as +0.0 and a min of +0.0 as -0.0 as the format
// asks; legacy min/max only for types whose legacy order is the same: signed ints, floats,
// booleans, dates, timestamps, signed-int decimals), column_orders TYPE_ORDER per column,
// RowGroup.file_offset/total_compressed_size, key-value metadata and created_by.
//
// Output bytes depend only on the schema, the options and the rows (not on how the rows were
// split into Write calls): identical input gives an identical file.
//
// Errors: InvalidArgument for a bad schema/options (Open) or a batch that does not match the
// schema (Write: naming the column; nothing of that batch is written and the writer stays
// usable). Sink and encoding errors are returned as they are and leave the writer unusable
// (every later call returns FailedPrecondition), as does any call after Finish.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/byte_sink.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/compression.h"
#include "binlake/parquet/schema.h"

namespace binlake::parquet {

// "binlake version <version> (build <build>)": matches parquet-java's created_by pattern
// `(.*) version ((.*) )?\(build ?(.*)\)`, so readers trust our binary statistics.
std::string MakeCreatedBy(std::string_view version, std::string_view build);

struct WriterOptions {
  Codec codec = Codec::kZstd;
  // Codec levels (ZSTD 3 and GZIP 6 by default).
  CompressorOptions compression;
  // Dictionary-encode columns (except booleans) until their dictionary page would exceed
  // dictionary_page_limit bytes.
  bool dictionary = true;
  uint64_t dictionary_page_limit = 1 << 20;
  // A data page is cut once its encoded values reach this many bytes (before compression).
  uint64_t data_page_size = 1 << 20;
  // A row group is flushed once the uncompressed size of its encoded pages (an estimate while
  // it is open) reaches this many bytes. The size is checked every 1024 rows, or sooner after
  // 1 MiB of BYTE_ARRAY values, so a group overshoots by at most that much (plus one row).
  uint64_t row_group_size = 128 << 20;
  // Footer key-value metadata, in this order.
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  std::string created_by = MakeCreatedBy("0.1.0", "unknown");
};

// The per-column metrics of an Iceberg manifest entry (data_file.* fields), keyed by field id.
struct ColumnMetrics {
  int32_t field_id = 0;
  // Compressed bytes of the column's chunks, page headers included.
  int64_t column_size = 0;
  // Values including NULLs (= rows for a flat column).
  int64_t value_count = 0;
  int64_t null_value_count = 0;
  // FLOAT/DOUBLE columns only: NaN values (not counted in the bounds).
  std::optional<int64_t> nan_value_count;
  // Iceberg single-value serialization of the smallest and largest non-null, non-NaN value;
  // absent when there is none, or for types Iceberg cannot compare (unsigned 64-bit ints,
  // INT96). Ints/floats little-endian (INT32 4 bytes, INT64 8 bytes, unsigned 32-bit ints as an
  // 8-byte long since their Iceberg type is long), decimals big-endian two's-complement
  // unscaled bytes (minimal length), booleans one byte, strings UTF-8 and binary raw bytes.
  // Strings and binary are truncated like Iceberg's default metrics mode truncate(16): the
  // lower bound to its first 16 code points (bytes for binary), the upper bound to 16 with the
  // last one incremented (absent when no such increment exists), so bounds still bound.
  std::optional<std::string> lower_bound;
  std::optional<std::string> upper_bound;
};

struct FileSummary {
  int64_t record_count = 0;
  // Exact file size in bytes (everything appended to the sink).
  uint64_t file_size = 0;
  // One entry per column, in schema order.
  std::vector<ColumnMetrics> columns;
  // File offset of each row group's first page, ascending (Iceberg split_offsets).
  std::vector<int64_t> split_offsets;
};

class FileWriter {
 public:
  // Validates `schema` (ValidateSchema) and `options` (page/row-group sizes > 0, a codec that
  // compression.h implements) and writes the leading magic to `sink`, which must outlive the
  // writer.
  static Result<std::unique_ptr<FileWriter>> Open(std::vector<ColumnSpec> schema,
                                                  WriterOptions options, io::ByteSink* sink);

  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // Appends the rows of `batch`, whose columns must match the schema (count, physical type,
  // optionality, FLBA width). May flush a row group to the sink.
  Status Write(const RowBatch& batch);

  // Flushes the open row group (if it has rows), writes the footer and returns the summary.
  // A file with no rows is valid (no row groups).
  Result<FileSummary> Finish();

  // Bytes appended to the sink so far.
  uint64_t bytes_written() const;
  // bytes_written() plus an estimate of the open row group's compressed size, for callers
  // that roll over to a new file at a target size.
  uint64_t EstimatedFileSize() const;

 private:
  class Impl;
  explicit FileWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace binlake::parquet
