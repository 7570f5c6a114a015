// FileReader: reads Parquet files of a flat schema from a RandomAccessSource.
//
//   ASSIGN_OR_RETURN(auto reader, FileReader::Open(&source));
//   reader->schema();                                 // ColumnSpecs, with field ids
//   ASSIGN_OR_RETURN(auto batches, reader->ReadBatches({0, 2}, 10000));
//   RowBatch batch;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, batches->Next(&batch));  // batch has columns 0 and 2
//     if (!more) break;
//   }
//
// Open() reads the footer: the file must end in "PAR1" with a footer length that fits the file
// and `max_footer_size`; the FileMetaData is decoded and checked (a flat schema of leaves under
// one root group; row-group column chunks matching the schema, with offsets and sizes inside the
// file). Nested schemas give Unimplemented naming the column; encrypted files ("PARE")
// Unimplemented.
//
// Pages read: DATA_PAGE (v1) and DATA_PAGE_V2 (levels stored uncompressed before the values,
// values compressed unless is_compressed is false), DICTIONARY_PAGE; index pages are skipped.
// Level encodings RLE (hybrid) and BIT_PACKED; value encodings PLAIN, PLAIN_DICTIONARY,
// RLE_DICTIONARY, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY,
// BYTE_STREAM_SPLIT; every codec of compression.h. INT96 columns are returned raw (Int96).
//
// Robustness: every length and count taken from the file is checked before use (page sizes
// against the column chunk, the chunk against the file, value counts against the page,
// dictionary indices against the dictionary, bit widths against the type), so a corrupt or
// truncated file gives Corruption naming the source, the file offset and the column — never a
// crash, and never an allocation larger than the checked page, chunk or footer size.
//
// Thread-safety: one thread at a time per reader (and per BatchReader).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/random_access_source.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/metadata.h"
#include "binlake/parquet/schema.h"

namespace binlake::parquet {

struct ReaderOptions {
  // Largest footer (FileMetaData) accepted.
  uint64_t max_footer_size = 64 << 20;
  // Largest page (compressed or uncompressed) accepted.
  uint64_t max_page_size = 256 << 20;
};

// Reads batches of rows across all row groups, for a set of columns.
class BatchReader {
 public:
  virtual ~BatchReader() = default;
  // Replaces `*batch` with the next up-to-batch_rows rows (never 0 rows) and returns true, or
  // returns false at the end of the file. Batch column j is the j-th projected column.
  virtual Result<bool> Next(RowBatch* batch) = 0;
};

class FileReader {
 public:
  // Reads and validates the footer of `source` (which must outlive the reader and every
  // BatchReader made from it).
  static Result<std::unique_ptr<FileReader>> Open(io::RandomAccessSource* source,
                                                  ReaderOptions options = {});

  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  // One ColumnSpec per leaf, in file order.
  const std::vector<ColumnSpec>& schema() const;
  // The decoded footer (row groups, column chunk metadata, statistics, key-value metadata).
  const FileMetaData& metadata() const;
  int64_t num_rows() const;
  size_t num_row_groups() const;

  // All rows of row group `index` for the columns `columns` (indices into schema(), each at
  // most once, in the order wanted; empty = every column).
  Result<RowBatch> ReadRowGroup(size_t index, std::span<const size_t> columns = {});

  // A streaming reader over every row group, `batch_rows` (> 0) rows at a time; memory is the
  // compressed chunks of the projected columns of one row group, one decompressed page per
  // projected column and the batch.
  Result<std::unique_ptr<BatchReader>> ReadBatches(std::span<const size_t> columns = {},
                                                   size_t batch_rows = 65536);

 private:
  class Impl;
  explicit FileReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace binlake::parquet
