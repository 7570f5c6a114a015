// ByteReader: a bounds-checked cursor over borrowed bytes, the only way binlake decodes wire and
// file formats.
//
// Every read names its byte order (ReadU32Le, ReadU32Be), assembles the value byte by byte (no
// reinterpret_cast into host integers, so the result does not depend on the host's endianness or
// alignment) and fails with Corruption when the input is too short. The error message names what
// was being read (the value's kind, e.g. "u32le", plus the caller's optional label such as
// "event length"), the absolute offset of the read and how many bytes were missing:
//
//   Corruption: truncated input at offset 4100 reading u32le (event length): need 4 bytes,
//   2 available, 2 missing
//
// The absolute offset is `base_offset + position`; pass the offset of the window within its
// enclosing file or stream as `base_offset` so messages point into the file, and use SubReader to
// parse a length-delimited nested structure with its own bounds (its base offset is inherited).
//
// A failed read consumes nothing: position() is unchanged and the reader stays usable.
// Reads on the hot path are inline and never allocate; only building an error allocates.
//
// Lifetime: the reader borrows `bytes`, which must outlive it and every string_view it returns.
// Thread-safety: a ByteReader is a small value; one instance must not be used by two threads at
// once, but distinct readers over the same bytes are independent.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/base/varint.h"

namespace binlake {

namespace internal {

// Assembles the N bytes at `p` into an unsigned integer, least significant byte first.
// g++ and clang turn this loop into a single load (plus a byte swap for big endian).
template <size_t N>
constexpr uint64_t LoadLe(const char* p) {
  static_assert(N >= 1 && N <= 8);
  uint64_t value = 0;
  for (size_t i = 0; i < N; ++i) {
    value |= uint64_t{static_cast<uint8_t>(p[i])} << (8 * i);
  }
  return value;
}

// Assembles the N bytes at `p` into an unsigned integer, most significant byte first.
template <size_t N>
constexpr uint64_t LoadBe(const char* p) {
  static_assert(N >= 1 && N <= 8);
  uint64_t value = 0;
  for (size_t i = 0; i < N; ++i) {
    value = (value << 8) | uint64_t{static_cast<uint8_t>(p[i])};
  }
  return value;
}

// Interprets the low N bytes of `value` as a two's-complement integer.
template <size_t N>
constexpr int64_t SignExtend(uint64_t value) {
  static_assert(N >= 1 && N <= 8);
  if constexpr (N == 8) {
    return static_cast<int64_t>(value);
  } else {
    constexpr uint64_t kSignBit = uint64_t{1} << (8 * N - 1);
    return static_cast<int64_t>(value ^ kSignBit) - static_cast<int64_t>(kSignBit);
  }
}

}  // namespace internal

class ByteReader {
 public:
  // An empty reader: every read fails with Corruption.
  ByteReader() = default;
  // Reads `bytes`; `base_offset` is the offset of bytes[0] in the enclosing file or stream and is
  // only used in error messages and offset().
  explicit ByteReader(std::string_view bytes, uint64_t base_offset = 0)
      : data_(bytes.data()), size_(bytes.size()), base_offset_(base_offset) {}
  explicit ByteReader(std::span<const uint8_t> bytes, uint64_t base_offset = 0)
      : ByteReader(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                   base_offset) {}
  // A reader over a temporary string would dangle as soon as the full-expression ends.
  ByteReader(std::string&& bytes, uint64_t base_offset = 0) = delete;

  // The whole window, read or not.
  std::string_view bytes() const { return {data_, size_}; }
  size_t size() const { return size_; }
  // Bytes consumed so far, relative to the start of the window.
  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  bool AtEnd() const { return pos_ == size_; }
  // The unread bytes (not consumed).
  std::string_view Rest() const { return {data_ + pos_, size_ - pos_}; }
  uint64_t base_offset() const { return base_offset_; }
  // The absolute offset of the next byte: base_offset() + position().
  uint64_t offset() const { return base_offset_ + pos_; }

  // Fixed-width unsigned integers. `what` labels the value in error messages.
  Result<uint8_t> ReadU8(std::string_view what = {}) { return ReadLe<uint8_t, 1>("u8", what); }
  Result<uint16_t> ReadU16Le(std::string_view what = {}) {
    return ReadLe<uint16_t, 2>("u16le", what);
  }
  Result<uint32_t> ReadU24Le(std::string_view what = {}) {
    return ReadLe<uint32_t, 3>("u24le", what);
  }
  Result<uint32_t> ReadU32Le(std::string_view what = {}) {
    return ReadLe<uint32_t, 4>("u32le", what);
  }
  Result<uint64_t> ReadU48Le(std::string_view what = {}) {
    return ReadLe<uint64_t, 6>("u48le", what);
  }
  Result<uint64_t> ReadU64Le(std::string_view what = {}) {
    return ReadLe<uint64_t, 8>("u64le", what);
  }
  Result<uint16_t> ReadU16Be(std::string_view what = {}) {
    return ReadBe<uint16_t, 2>("u16be", what);
  }
  Result<uint32_t> ReadU24Be(std::string_view what = {}) {
    return ReadBe<uint32_t, 3>("u24be", what);
  }
  Result<uint32_t> ReadU32Be(std::string_view what = {}) {
    return ReadBe<uint32_t, 4>("u32be", what);
  }
  Result<uint64_t> ReadU48Be(std::string_view what = {}) {
    return ReadBe<uint64_t, 6>("u48be", what);
  }
  Result<uint64_t> ReadU64Be(std::string_view what = {}) {
    return ReadBe<uint64_t, 8>("u64be", what);
  }

  // Fixed-width two's-complement integers; the 24-bit forms are sign-extended.
  Result<int8_t> ReadI8(std::string_view what = {}) {
    return ReadSigned<int8_t, 1, false>("i8", what);
  }
  Result<int16_t> ReadI16Le(std::string_view what = {}) {
    return ReadSigned<int16_t, 2, false>("i16le", what);
  }
  Result<int32_t> ReadI24Le(std::string_view what = {}) {
    return ReadSigned<int32_t, 3, false>("i24le", what);
  }
  Result<int32_t> ReadI32Le(std::string_view what = {}) {
    return ReadSigned<int32_t, 4, false>("i32le", what);
  }
  Result<int64_t> ReadI64Le(std::string_view what = {}) {
    return ReadSigned<int64_t, 8, false>("i64le", what);
  }
  Result<int16_t> ReadI16Be(std::string_view what = {}) {
    return ReadSigned<int16_t, 2, true>("i16be", what);
  }
  Result<int32_t> ReadI24Be(std::string_view what = {}) {
    return ReadSigned<int32_t, 3, true>("i24be", what);
  }
  Result<int32_t> ReadI32Be(std::string_view what = {}) {
    return ReadSigned<int32_t, 4, true>("i32be", what);
  }
  Result<int64_t> ReadI64Be(std::string_view what = {}) {
    return ReadSigned<int64_t, 8, true>("i64be", what);
  }

  // IEEE-754 binary32 / binary64, bit patterns preserved (NaN payloads included).
  Result<float> ReadFloatLe(std::string_view what = {}) {
    return ReadFloat<float, uint32_t, 4, false>("f32le", what);
  }
  Result<double> ReadDoubleLe(std::string_view what = {}) {
    return ReadFloat<double, uint64_t, 8, false>("f64le", what);
  }
  Result<float> ReadFloatBe(std::string_view what = {}) {
    return ReadFloat<float, uint32_t, 4, true>("f32be", what);
  }
  Result<double> ReadDoubleBe(std::string_view what = {}) {
    return ReadFloat<double, uint64_t, 8, true>("f64be", what);
  }

  // An unsigned LEB128 varint (varint.h). Non-canonical encodings (redundant 0x80 groups) are
  // accepted as long as they fit in 10 bytes. Corruption when the input ends mid-varint, when the
  // encoding runs past 10 bytes, or when the value does not fit in 64 bits.
  Result<uint64_t> ReadUleb128(std::string_view what = {}) {
    if (pos_ < size_) [[likely]] {
      const auto first = static_cast<uint8_t>(data_[pos_]);
      if (first < 0x80) {
        ++pos_;
        return uint64_t{first};
      }
    }
    return ReadUleb128Multi(what);
  }
  // As ReadUleb128, and Corruption when the value does not fit in 32 bits.
  Result<uint32_t> ReadUleb128U32(std::string_view what = {});
  // A zigzag-mapped signed integer in a ULEB128 varint (Avro long, Thrift compact i64).
  Result<int64_t> ReadZigZag64(std::string_view what = {}) {
    Result<uint64_t> raw = ReadUleb128(what);
    if (!raw.ok()) [[unlikely]] {
      return raw.status();
    }
    return ZigZagDecode64(*raw);
  }
  // A zigzag-mapped 32-bit integer (Avro int, Thrift compact i32).
  Result<int32_t> ReadZigZag32(std::string_view what = {}) {
    Result<uint32_t> raw = ReadUleb128U32(what);
    if (!raw.ok()) [[unlikely]] {
      return raw.status();
    }
    return ZigZagDecode32(*raw);
  }

  // The next `n` bytes, as a view into the borrowed input (no copy).
  Result<std::string_view> ReadBytes(size_t n, std::string_view what = {}) {
    if (remaining() < n) [[unlikely]] {
      return TruncatedError("bytes", what, n);
    }
    std::string_view out(data_ + pos_, n);
    pos_ += n;
    return out;
  }
  // Consumes `n` bytes without looking at them.
  Status Skip(size_t n, std::string_view what = {}) {
    if (remaining() < n) [[unlikely]] {
      return TruncatedError("skip", what, n);
    }
    pos_ += n;
    return Status::Ok();
  }
  // The next byte / next `n` bytes, without consuming them.
  Result<uint8_t> PeekU8(std::string_view what = {}) const {
    if (pos_ >= size_) [[unlikely]] {
      return TruncatedError("u8", what, 1);
    }
    return static_cast<uint8_t>(data_[pos_]);
  }
  Result<std::string_view> PeekBytes(size_t n, std::string_view what = {}) const {
    if (remaining() < n) [[unlikely]] {
      return TruncatedError("bytes", what, n);
    }
    return std::string_view(data_ + pos_, n);
  }
  // Moves to `position` (relative to the window, 0..size()). Corruption when past the end, since
  // positions normally come from decoded offsets.
  Status Seek(size_t position, std::string_view what = {});

  // Consumes the next `n` bytes and returns a reader bounded to them, whose base offset is the
  // absolute offset of the first of them; reads through it can never run into what follows.
  Result<ByteReader> SubReader(size_t n, std::string_view what = {}) {
    if (remaining() < n) [[unlikely]] {
      return TruncatedError("sub-reader", what, n);
    }
    ByteReader sub(std::string_view(data_ + pos_, n), offset());
    pos_ += n;
    return sub;
  }

  // OK when every byte was consumed; otherwise Corruption naming the offset and the number of
  // trailing bytes (`what` names the structure that should have ended).
  Status ExpectEnd(std::string_view what = {}) const {
    if (pos_ != size_) [[unlikely]] {
      return TrailingBytesError(what);
    }
    return Status::Ok();
  }

 private:
  template <typename T, size_t N>
  Result<T> ReadLe(std::string_view kind, std::string_view what) {
    if (remaining() < N) [[unlikely]] {
      return TruncatedError(kind, what, N);
    }
    const char* p = data_ + pos_;
    pos_ += N;
    return static_cast<T>(internal::LoadLe<N>(p));
  }
  template <typename T, size_t N>
  Result<T> ReadBe(std::string_view kind, std::string_view what) {
    if (remaining() < N) [[unlikely]] {
      return TruncatedError(kind, what, N);
    }
    const char* p = data_ + pos_;
    pos_ += N;
    return static_cast<T>(internal::LoadBe<N>(p));
  }
  template <typename T, size_t N, bool kBigEndian>
  Result<T> ReadSigned(std::string_view kind, std::string_view what) {
    if (remaining() < N) [[unlikely]] {
      return TruncatedError(kind, what, N);
    }
    const char* p = data_ + pos_;
    pos_ += N;
    const uint64_t raw = kBigEndian ? internal::LoadBe<N>(p) : internal::LoadLe<N>(p);
    return static_cast<T>(internal::SignExtend<N>(raw));
  }
  template <typename F, typename U, size_t N, bool kBigEndian>
  Result<F> ReadFloat(std::string_view kind, std::string_view what) {
    if (remaining() < N) [[unlikely]] {
      return TruncatedError(kind, what, N);
    }
    const char* p = data_ + pos_;
    pos_ += N;
    const uint64_t raw = kBigEndian ? internal::LoadBe<N>(p) : internal::LoadLe<N>(p);
    return std::bit_cast<F>(static_cast<U>(raw));
  }

  // The multi-byte (and error) path of ReadUleb128.
  Result<uint64_t> ReadUleb128Multi(std::string_view what) {
    const size_t limit = std::min(remaining(), kMaxUleb128Bytes);
    uint64_t value = 0;
    for (size_t i = 0; i < limit; ++i) {
      const auto byte = static_cast<uint8_t>(data_[pos_ + i]);
      if (i == kMaxUleb128Bytes - 1 && byte > 1) [[unlikely]] {
        // The tenth byte holds only bit 63: anything more is too long or too large.
        return Uleb128Error(
            (byte & 0x80) != 0 ? Uleb128Problem::kTooLong : Uleb128Problem::kOverflow, what);
      }
      value |= uint64_t{byte & 0x7fU} << (7 * i);
      if (byte < 0x80) {
        pos_ += i + 1;
        return value;
      }
    }
    return Uleb128Error(Uleb128Problem::kTruncated, what);
  }

  enum class Uleb128Problem { kTruncated, kTooLong, kOverflow };

  // Error builders: out of line and cold so the inline read paths stay small.
  [[gnu::cold]] Status TruncatedError(std::string_view kind, std::string_view what,
                                      size_t needed) const;
  [[gnu::cold]] Status Uleb128Error(Uleb128Problem problem, std::string_view what) const;
  [[gnu::cold]] Status TrailingBytesError(std::string_view what) const;

  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  uint64_t base_offset_ = 0;
};

}  // namespace binlake
