// BYTE_STREAM_SPLIT (Parquet Encodings.md): for N values of K bytes, K streams of N bytes;
// stream k holds byte k (little-endian order) of every value. Used for FLOAT, DOUBLE, INT32,
// INT64 and FIXED_LEN_BYTE_ARRAY by DuckDB's and parquet-java's newer writers.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>

#include "binlake/base/byte_reader.h"
#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"

namespace binlake::parquet {

// Decodes `count` values of `out`'s physical type from the rest of `data` (which must hold
// exactly count * width bytes: Corruption otherwise) and appends them to its value vector.
Status DecodeByteStreamSplit(ByteReader& data, size_t count, ColumnValues* out);

}  // namespace binlake::parquet
