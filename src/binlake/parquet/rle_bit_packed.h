// The RLE / bit-packing hybrid (Parquet Encodings.md "Run Length Encoding / Bit-Packing
// Hybrid"), used for definition levels and dictionary indices, and bit widths.
//
//   encoded := run*
//   run     := rle-run | bit-packed-run
//   rle-run := uleb128(count << 1) value      value in ceil(bit_width / 8) bytes, little-endian
//   bit-packed-run := uleb128(groups << 1 | 1) groups * bit_width bytes   (8 values per group,
//                                               packed LSB first)
//
// The encoder emits an RLE run for every stretch of 8 or more equal values and bit-packs the
// rest in whole groups of 8 (only the last group of the data is padded with zeros). Its output
// is a pure function of the values and the bit width.
//
// The decoder is bounds-checked: a run that needs more bytes than the data holds, an RLE value
// wider than the bit width, a bit width above 32 or a request for more values than the data
// holds give Corruption naming the absolute offset. A final bit-packed run cut short (some
// writers drop unused trailing bytes) is accepted as long as the values actually read are
// present.
//
// Thread-safety: encoder and decoder are single-threaded values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/status.h"

namespace binlake::parquet {

// The number of bits needed to store `max_value` (0 for 0).
int BitWidth(uint64_t max_value);

// Appends the hybrid encoding of `values` (each < 2^bit_width, 0 <= bit_width <= 32).
void EncodeRleBitPacked(std::span<const uint32_t> values, int bit_width, std::string* out);
// The same for byte-sized values (definition levels).
void EncodeRleBitPacked(std::span<const uint8_t> values, int bit_width, std::string* out);

class RleBitPackedDecoder {
 public:
  // Decodes `data` (whose first byte is at file offset data.base_offset()). Corruption from
  // the first Get when bit_width is outside 0..32.
  RleBitPackedDecoder(ByteReader data, int bit_width) : data_(data), bit_width_(bit_width) {}

  // Writes the next `count` values to `out`.
  Status Get(uint32_t* out, size_t count);
  Status Get(uint8_t* out, size_t count);
  // The absolute file offset of the next unread byte (for messages).
  uint64_t offset() const { return data_.offset(); }

 private:
  template <typename T>
  Status GetValues(T* out, size_t count);
  Status NextRun();
  uint32_t UnpackOne();

  ByteReader data_;
  int bit_width_;
  // The current run: `left` values remain; RLE runs repeat `rle_value`, bit-packed runs read
  // from `packed` starting at bit `packed_bit`.
  size_t left_ = 0;
  bool rle_ = true;
  uint32_t rle_value_ = 0;
  std::string_view packed_;
  uint64_t packed_bit_ = 0;
};

// Decodes `count` values of the deprecated BIT_PACKED level encoding (values packed MSB first,
// no header) from the front of `data`; consumes ceil(count * bit_width / 8) bytes.
Status DecodeLegacyBitPacked(ByteReader& data, int bit_width, uint8_t* out, size_t count);

}  // namespace binlake::parquet
