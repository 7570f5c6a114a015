// ByteWriter: appends explicitly ordered bytes to a string, the encoding twin of ByteReader.
//
// Every Write method names its byte order and stores the value byte by byte, so the output does
// not depend on the host. Appending cannot fail (short of running out of memory). Only patching an
// already written region (PutU32LeAt and friends, for length prefixes and checksums written after
// the body) can fail: InvalidArgument when the patch would extend past size().
//
// The writer either owns its buffer (default constructor; take it with Release()) or appends to a
// caller's string (ByteWriter(&out), which must outlive the writer; existing contents are kept and
// offsets count from the start of that string).
//
// Thread-safety: none; one writer belongs to one thread at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "binlake/base/status.h"
#include "binlake/base/varint.h"

namespace binlake {

namespace internal {

// Stores the low N bytes of `value` at `p`, least significant byte first.
template <size_t N>
constexpr void StoreLe(char* p, uint64_t value) {
  static_assert(N >= 1 && N <= 8);
  for (size_t i = 0; i < N; ++i) {
    p[i] = static_cast<char>(static_cast<uint8_t>(value >> (8 * i)));
  }
}

// Stores the low N bytes of `value` at `p`, most significant byte first.
template <size_t N>
constexpr void StoreBe(char* p, uint64_t value) {
  static_assert(N >= 1 && N <= 8);
  for (size_t i = 0; i < N; ++i) {
    p[i] = static_cast<char>(static_cast<uint8_t>(value >> (8 * (N - 1 - i))));
  }
}

}  // namespace internal

class ByteWriter {
 public:
  // A writer with its own, initially empty buffer.
  ByteWriter() = default;
  // A writer appending to `*out` (not owned; must outlive the writer).
  explicit ByteWriter(std::string* out) : out_(out) {}

  ByteWriter(const ByteWriter&) = delete;
  ByteWriter& operator=(const ByteWriter&) = delete;
  ByteWriter(ByteWriter&& other) noexcept;
  ByteWriter& operator=(ByteWriter&& other) noexcept;
  ~ByteWriter() = default;

  // Bytes in the buffer (for a caller's string: including what it held before).
  size_t size() const { return out_->size(); }
  std::string_view data() const { return *out_; }
  void Reserve(size_t capacity) { out_->reserve(capacity); }
  // Moves the buffer out and leaves the writer empty (for a caller's string: empties it).
  std::string Release() {
    std::string result = std::move(*out_);
    out_->clear();
    return result;
  }

  // Fixed-width integers. For the 24- and 48-bit forms only the low 24 / 48 bits of `value` are
  // written (REQUIRES: the value fits; higher bits are dropped).
  void WriteU8(uint8_t value) { out_->push_back(static_cast<char>(value)); }
  void WriteU16Le(uint16_t value) { AppendLe<2>(value); }
  void WriteU24Le(uint32_t value) { AppendLe<3>(value); }
  void WriteU32Le(uint32_t value) { AppendLe<4>(value); }
  void WriteU48Le(uint64_t value) { AppendLe<6>(value); }
  void WriteU64Le(uint64_t value) { AppendLe<8>(value); }
  void WriteU16Be(uint16_t value) { AppendBe<2>(value); }
  void WriteU24Be(uint32_t value) { AppendBe<3>(value); }
  void WriteU32Be(uint32_t value) { AppendBe<4>(value); }
  void WriteU48Be(uint64_t value) { AppendBe<6>(value); }
  void WriteU64Be(uint64_t value) { AppendBe<8>(value); }

  // Two's-complement integers (REQUIRES for the 24-bit forms: -2^23 <= value < 2^23).
  void WriteI8(int8_t value) { WriteU8(static_cast<uint8_t>(value)); }
  void WriteI16Le(int16_t value) { AppendLe<2>(static_cast<uint64_t>(value)); }
  void WriteI24Le(int32_t value) { AppendLe<3>(static_cast<uint64_t>(value)); }
  void WriteI32Le(int32_t value) { AppendLe<4>(static_cast<uint64_t>(value)); }
  void WriteI64Le(int64_t value) { AppendLe<8>(static_cast<uint64_t>(value)); }
  void WriteI16Be(int16_t value) { AppendBe<2>(static_cast<uint64_t>(value)); }
  void WriteI24Be(int32_t value) { AppendBe<3>(static_cast<uint64_t>(value)); }
  void WriteI32Be(int32_t value) { AppendBe<4>(static_cast<uint64_t>(value)); }
  void WriteI64Be(int64_t value) { AppendBe<8>(static_cast<uint64_t>(value)); }

  // IEEE-754 binary32 / binary64, bit patterns preserved.
  void WriteFloatLe(float value) { AppendLe<4>(std::bit_cast<uint32_t>(value)); }
  void WriteDoubleLe(double value) { AppendLe<8>(std::bit_cast<uint64_t>(value)); }
  void WriteFloatBe(float value) { AppendBe<4>(std::bit_cast<uint32_t>(value)); }
  void WriteDoubleBe(double value) { AppendBe<8>(std::bit_cast<uint64_t>(value)); }

  // The canonical (shortest) ULEB128 encoding of `value`: 1..10 bytes.
  void WriteUleb128(uint64_t value) {
    char buffer[kMaxUleb128Bytes];
    size_t n = 0;
    while (value >= 0x80) {
      buffer[n++] = static_cast<char>(static_cast<uint8_t>(value | 0x80));
      value >>= 7;
    }
    buffer[n++] = static_cast<char>(static_cast<uint8_t>(value));
    out_->append(buffer, n);
  }
  // Zigzag-mapped signed integers in ULEB128 (Avro long / int, Thrift compact i64 / i32).
  void WriteZigZag64(int64_t value) { WriteUleb128(ZigZagEncode64(value)); }
  void WriteZigZag32(int32_t value) { WriteUleb128(ZigZagEncode32(value)); }

  void WriteBytes(std::string_view bytes) { out_->append(bytes); }
  // Appends `n` zero bytes (e.g. a placeholder to patch later).
  void WriteZeros(size_t n) { out_->append(n, '\0'); }

  // Overwrite already written bytes at `offset` (counted from the start of the buffer).
  // InvalidArgument when offset + width > size(); nothing is written then.
  Status PutU8At(size_t offset, uint8_t value) { return PatchLe<1>(offset, value); }
  Status PutU16LeAt(size_t offset, uint16_t value) { return PatchLe<2>(offset, value); }
  Status PutU24LeAt(size_t offset, uint32_t value) { return PatchLe<3>(offset, value); }
  Status PutU32LeAt(size_t offset, uint32_t value) { return PatchLe<4>(offset, value); }
  Status PutU64LeAt(size_t offset, uint64_t value) { return PatchLe<8>(offset, value); }
  Status PutU16BeAt(size_t offset, uint16_t value) { return PatchBe<2>(offset, value); }
  Status PutU24BeAt(size_t offset, uint32_t value) { return PatchBe<3>(offset, value); }
  Status PutU32BeAt(size_t offset, uint32_t value) { return PatchBe<4>(offset, value); }
  Status PutU64BeAt(size_t offset, uint64_t value) { return PatchBe<8>(offset, value); }

 private:
  template <size_t N>
  void AppendLe(uint64_t value) {
    char buffer[N];
    internal::StoreLe<N>(buffer, value);
    out_->append(buffer, N);
  }
  template <size_t N>
  void AppendBe(uint64_t value) {
    char buffer[N];
    internal::StoreBe<N>(buffer, value);
    out_->append(buffer, N);
  }
  template <size_t N>
  Status PatchLe(size_t offset, uint64_t value) {
    if (offset > out_->size() || out_->size() - offset < N) [[unlikely]] {
      return PatchError(offset, N);
    }
    internal::StoreLe<N>(out_->data() + offset, value);
    return Status::Ok();
  }
  template <size_t N>
  Status PatchBe(size_t offset, uint64_t value) {
    if (offset > out_->size() || out_->size() - offset < N) [[unlikely]] {
      return PatchError(offset, N);
    }
    internal::StoreBe<N>(out_->data() + offset, value);
    return Status::Ok();
  }

  [[gnu::cold]] Status PatchError(size_t offset, size_t width) const;

  std::string owned_;
  std::string* out_ = &owned_;  // &owned_, or the caller's string
};

}  // namespace binlake
