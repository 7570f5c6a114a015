// UTF-8 helpers shared by the binlog charset conversion, the Parquet type mapping and Iceberg
// bounds, and the S3 XML parser: one strict definition of well-formed UTF-8 (no overlong forms,
// no surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace binlake {

inline constexpr uint32_t kMaxCodePoint = 0x10FFFF;

// True for U+D800..U+DFFF, which UTF-8 must not encode.
inline bool IsSurrogate(uint32_t cp) {
  return cp >= 0xD800 && cp <= 0xDFFF;
}

// The length of the ASCII prefix of `bytes` (checked eight bytes at a time).
size_t AsciiPrefix(std::string_view bytes);

// Decodes the UTF-8 sequence at bytes[i] into *cp and returns its length, or 0 when it is not
// well-formed. `i` must be below bytes.size().
size_t DecodeUtf8At(std::string_view bytes, size_t i, uint32_t* cp);

// True when `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Appends code point `cp` as UTF-8. `cp` must be at most kMaxCodePoint and not a surrogate.
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace binlake
