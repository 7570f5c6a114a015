// Iceberg single-value serialization helpers for the lower/upper bounds of a data file
// (Iceberg spec, Appendix D "Single-value serialization"), and the truncation Iceberg's default
// metrics mode truncate(16) applies to string and binary bounds.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace binlake::parquet {

// How many characters (code points for strings, bytes for binary) a bound keeps.
inline constexpr size_t kIcebergBoundLength = 16;

// The shortest big-endian two's-complement bytes of `unscaled` (Java's
// BigInteger.toByteArray): 0 -> 00, 127 -> 7f, 128 -> 00 80, -1 -> ff, -129 -> ff 7f.
std::string MinimalBigEndian(int64_t unscaled);

// `big_endian` (two's complement, any width >= 1) without redundant leading sign bytes.
std::string MinimalBigEndianBytes(std::string_view big_endian);

// A lower bound for `value`: its first kIcebergBoundLength code points (utf8) or bytes.
std::string TruncateLowerBound(std::string_view value, bool utf8);

// An upper bound for `value`: `value` itself when it is short enough, else its first
// kIcebergBoundLength code points (bytes) with the last one incremented (dropping trailing
// ones that cannot be incremented: U+10FFFF, or 0xff for binary); nullopt when none can be.
// Strings must be valid UTF-8 (invalid input is treated as binary).
std::optional<std::string> TruncateUpperBound(std::string_view value, bool utf8);

}  // namespace binlake::parquet
