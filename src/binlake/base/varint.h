// Varint helpers shared by ByteReader and ByteWriter: zigzag mapping and ULEB128 sizes.
//
// ULEB128 ("unsigned little-endian base 128") stores an integer in 7-bit groups, least
// significant group first, with the high bit of each byte set when another byte follows. Thrift's
// compact protocol and Avro use it (Avro and Thrift put zigzag-mapped signed values in it).
// Zigzag maps signed integers to unsigned ones so that small magnitudes stay short:
// 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3, ...
//
// Decoding lives in ByteReader::ReadUleb128 and encoding in ByteWriter::WriteUleb128; this header
// only holds the pure arithmetic both need. Everything here is constexpr and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace binlake {

// A uint64_t never needs more than 10 ULEB128 bytes (ceil(64 / 7)); ByteReader rejects longer
// encodings as Corruption.
inline constexpr size_t kMaxUleb128Bytes = 10;
// A uint32_t never needs more than 5 ULEB128 bytes (ceil(32 / 7)).
inline constexpr size_t kMaxUleb128Bytes32 = 5;

constexpr uint64_t ZigZagEncode64(int64_t value) {
  // Converting to unsigned first keeps the shift well defined for negative values.
  const auto bits = static_cast<uint64_t>(value);
  return (bits << 1) ^ (value < 0 ? ~uint64_t{0} : uint64_t{0});
}

constexpr int64_t ZigZagDecode64(uint64_t value) {
  return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

constexpr uint32_t ZigZagEncode32(int32_t value) {
  const auto bits = static_cast<uint32_t>(value);
  return (bits << 1) ^ (value < 0 ? ~uint32_t{0} : uint32_t{0});
}

constexpr int32_t ZigZagDecode32(uint32_t value) {
  return static_cast<int32_t>((value >> 1) ^ (~(value & 1) + 1));
}

// The number of bytes the canonical (shortest) ULEB128 encoding of `value` takes: 1..10.
constexpr size_t Uleb128Size(uint64_t value) {
  size_t size = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++size;
  }
  return size;
}

}  // namespace binlake
