// ColumnChunkWriter: encodes one column of a file, row group by row group (internal to the
// FileWriter; see writer.h for the file format choices).
//
// Rows are fed in order with Write; the writer cuts data pages (v1) by size, keeps a bounded
// dictionary per chunk with PLAIN fallback, and buffers the chunk's compressed pages until
// FlushChunk, which emits the dictionary page (if any) followed by the data pages and fills the
// ColumnChunk metadata with offsets relative to the given file offset. Statistics are kept per
// page, per chunk and per file (for the Iceberg metrics).
//
// Output is a pure function of the rows fed and the options: where pages are cut depends only on
// the values, never on how they were split across Write calls.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/compression.h"
#include "binlake/parquet/metadata.h"
#include "binlake/parquet/schema.h"
#include "binlake/parquet/writer.h"

namespace binlake::parquet {

class ColumnChunkWriter {
 public:
  virtual ~ColumnChunkWriter() = default;

  // Encodes rows [row_begin, row_end) of `values`; *value_cursor is the index of the first
  // dense value of row_begin and is advanced past the values consumed.
  virtual Status Write(const ColumnValues& values, size_t row_begin, size_t row_end,
                       size_t* value_cursor) = 0;

  // Uncompressed bytes buffered for the open chunk (pages, the open page and the dictionary).
  virtual uint64_t BufferedSize() const = 0;
  // Compressed bytes buffered for the open chunk (the open page counted uncompressed).
  virtual uint64_t BufferedCompressedSize() const = 0;

  // Ends the open chunk: appends its pages to `*out` (the chunk will start at `file_offset`)
  // and describes them in `*chunk`. Resets the chunk state (the dictionary starts afresh).
  virtual Status FlushChunk(int64_t file_offset, std::string* out, ColumnChunk* chunk) = 0;

  // The Iceberg metrics of every chunk flushed so far.
  virtual ColumnMetrics Metrics() const = 0;
};

// A writer for `spec` (validated). `compressor` must outlive it.
std::unique_ptr<ColumnChunkWriter> MakeColumnChunkWriter(const ColumnSpec& spec,
                                                         const WriterOptions& options,
                                                         Compressor* compressor);

}  // namespace binlake::parquet
