// Decoders for the DELTA encodings of Parquet Encodings.md, which DuckDB's and parquet-java's
// v2 writers emit (binlake's writer does not):
//
//   DELTA_BINARY_PACKED      INT32/INT64: header <block size> <miniblocks per block> <value
//                            count> <first value (zigzag)>, then blocks of <min delta (zigzag)>
//                            <one bit-width byte per miniblock> <bit-packed miniblocks>.
//   DELTA_LENGTH_BYTE_ARRAY  BYTE_ARRAY: the lengths DELTA_BINARY_PACKED, then all the bytes.
//   DELTA_BYTE_ARRAY         BYTE_ARRAY/FLBA: prefix lengths and suffix lengths (both
//                            DELTA_BINARY_PACKED), then the suffixes; value i is the first
//                            prefix[i] bytes of value i-1 followed by suffix i.
//
// Every count, length and bit width read is checked: a value count above `max_values`, a block
// size that is not a multiple of 128 or miniblocks not a multiple of 32 values, a bit width
// above 64, a negative length, a prefix longer than the previous value, lengths that run past
// the data, or decoded bytes above `max_bytes` give Corruption naming the absolute offset.
// Arithmetic wraps (two's complement), as the format specifies.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"

namespace binlake::parquet {

// Decodes one DELTA_BINARY_PACKED run from the reader's position, appends its values to `*out`
// and leaves the reader just after the bytes it used. Corruption when the run holds more than
// `max_values` values.
Status DecodeDeltaBinaryPacked(ByteReader& data, size_t max_values, std::vector<int64_t>* out);

// Decodes exactly `count` values of `out`'s physical type (INT32 or INT64) encoded
// DELTA_BINARY_PACKED and appends them to its value vector.
Status DecodeDeltaIntegers(ByteReader& data, size_t count, ColumnValues* out);

// Decodes exactly `count` BYTE_ARRAY values encoded DELTA_LENGTH_BYTE_ARRAY into `out`.
Status DecodeDeltaLengthByteArray(ByteReader& data, size_t count, ColumnValues* out);

// Decodes exactly `count` BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values encoded DELTA_BYTE_ARRAY
// into `out`; the decoded bytes may not exceed `max_bytes`.
Status DecodeDeltaByteArray(ByteReader& data, size_t count, uint64_t max_bytes, ColumnValues* out);

}  // namespace binlake::parquet
