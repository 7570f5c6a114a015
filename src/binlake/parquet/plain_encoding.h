// PLAIN encoding (Parquet Encodings.md "Plain"): values back to back, little-endian.
//   BOOLEAN               bit-packed, LSB first (value i is bit i % 8 of byte i / 8)
//   INT32/INT64/FLOAT/DOUBLE  4 / 8 bytes little-endian (IEEE-754 bit patterns for floats)
//   INT96                 12 bytes
//   BYTE_ARRAY            u32le length, then the bytes
//   FIXED_LEN_BYTE_ARRAY  the bytes (the width is in the schema)
//
// Encoders append to a caller's buffer (reused across pages); decoders append `count` values to
// the dense value vectors of a ColumnValues (never its validity) and fail with Corruption naming
// the absolute offset when the data is too short.
//
// Thread-safety: pure functions.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/byte_writer.h"
#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"

namespace binlake::parquet {

// Appends int32/int64/float/double values little-endian.
template <typename T>
void AppendPlainFixed(std::span<const T> values, std::string* out) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8);
  const size_t start = out->size();
  out->resize(start + values.size() * sizeof(T));
  char* p = out->data() + start;
  if constexpr (std::endian::native == std::endian::little) {
    if (!values.empty()) {
      std::memcpy(p, values.data(), values.size() * sizeof(T));
    }
  } else {
    using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
    for (const T value : values) {
      ::binlake::internal::StoreLe<sizeof(T)>(p, std::bit_cast<Bits>(value));
      p += sizeof(T);
    }
  }
}

// Appends booleans (one byte each, 0 or 1) bit-packed LSB first; the last byte is zero-padded.
void AppendPlainBools(std::span<const uint8_t> values, std::string* out);

// Appends one BYTE_ARRAY value: u32le length and bytes (REQUIRES: size < 2^32).
inline void AppendPlainByteArray(std::string_view value, std::string* out) {
  char length[4];
  ::binlake::internal::StoreLe<4>(length, value.size());
  out->append(length, 4);
  out->append(value);
}

// Appends `count` PLAIN values of `out`'s physical type read from `data` to out's value
// vectors. Corruption when `data` holds fewer.
Status DecodePlain(ByteReader& data, size_t count, ColumnValues* out);

}  // namespace binlake::parquet
