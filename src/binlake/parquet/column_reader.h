// ColumnChunkReader: decodes the pages of one column chunk into ColumnValues, a requested
// number of rows at a time (internal to the FileReader; see reader.h for what is supported).
//
// The chunk's bytes are held compressed; one page at a time is decompressed (bounded by
// ReaderOptions::max_page_size). Definition levels of a page are decoded when the page is
// loaded; PLAIN and dictionary-encoded values are decoded as rows are requested, the DELTA_*
// and BYTE_STREAM_SPLIT encodings for the whole page at load. Errors are Corruption (or
// Unimplemented for an encoding or codec not supported) naming the file offset of the page.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/compression.h"
#include "binlake/parquet/metadata.h"
#include "binlake/parquet/reader.h"
#include "binlake/parquet/rle_bit_packed.h"
#include "binlake/parquet/schema.h"

namespace binlake::parquet {

class ColumnChunkReader {
 public:
  // `chunk` holds the chunk's bytes, the first of which is at file offset `chunk_offset`.
  // `compressor` must outlive the reader.
  ColumnChunkReader(const ColumnSpec& spec, Codec codec, std::string chunk, uint64_t chunk_offset,
                    const ReaderOptions& options, Compressor* compressor);
  ColumnChunkReader(const ColumnChunkReader&) = delete;
  ColumnChunkReader& operator=(const ColumnChunkReader&) = delete;

  // Appends exactly `rows` rows to `*out` (shaped like the column); Corruption when the chunk
  // holds fewer.
  Status Read(size_t rows, ColumnValues* out);

 private:
  enum class ValueMode { kPlain, kDictionary, kRleBooleans, kMaterialized };

  Status NextPage();
  Status LoadDictionary(const PageHeader& header, std::string_view payload);
  Status LoadDataPageV1(const PageHeader& header, std::string_view payload);
  Status LoadDataPageV2(const PageHeader& header, std::string_view payload);
  Status Decompress(std::string_view payload, int32_t uncompressed_size);
  Status CheckPageValues(int32_t num_values, int32_t uncompressed_size);
  Status DecodeLevels(ByteReader levels, size_t count);
  Status StartValues(Encoding encoding, ByteReader values);
  Status ReadValues(size_t count, ColumnValues* out);

  ColumnSpec spec_;
  Codec codec_;
  ReaderOptions options_;
  Compressor* compressor_;
  std::string chunk_;
  ByteReader pages_;
  uint64_t rows_read_ = 0;

  ColumnValues dictionary_;
  bool has_dictionary_ = false;

  // The loaded data page.
  uint64_t page_offset_ = 0;
  std::string page_;
  std::vector<uint8_t> levels_;
  size_t level_pos_ = 0;
  size_t page_rows_left_ = 0;
  ValueMode mode_ = ValueMode::kPlain;
  ByteReader values_;
  RleBitPackedDecoder indices_{ByteReader(), 0};
  ColumnValues materialized_;
  size_t materialized_pos_ = 0;
  std::vector<uint32_t> index_scratch_;
};

}  // namespace binlake::parquet
