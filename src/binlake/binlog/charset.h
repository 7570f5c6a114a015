// Character sets of MySQL/MariaDB text columns and their conversion to UTF-8.
//
// Contract:
//   CharsetForCollation maps a collation id (TABLE_MAP optional metadata, information_schema
//   COLLATIONS.ID) to its character set: MariaDB 10.11's full table, MySQL 8's additions
//   (gb18030 248-250, utf8mb4 0900 collations 255-323, utf8mb3_tolower_ci 76) and MariaDB 11's
//   UCA 14.0 blocks (2048-3327). Unknown ids give nullopt.
//   ConvertToUtf8 replaces `*out` with the UTF-8 form of a stored value:
//     utf8mb3/utf8mb4  validated (Corruption on invalid UTF-8), copied
//     latin1           MySQL's latin1, which is Windows-1252 with 0x81/0x8D/0x8F/0x90/0x9D mapped
//                      to the C1 controls of the same number
//     ascii            validated (bytes above 0x7F are Corruption)
//     ucs2 (UCS-2 BE), utf16 (BE), utf16le, utf32 (BE): decoded, surrogates and ranges checked
//     binary           not text: callers keep binary values as mysql::Binary
//     anything else (gbk, big5, sjis, euckr, cp1251, koi8r, ...): handed to the injected
//                      TextConverter; without one it is Unimplemented naming the charset.
//   The core does no I/O, so legacy multi-byte charsets are the converter's job (an iconv-backed
//   one lives in src/adapters/iconv_text_converter.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "binlake/base/status.h"

namespace binlake::binlog {

enum class TextEncoding : uint8_t {
  kBinary,
  kUtf8,
  kLatin1,
  kAscii,
  kUcs2,
  kUtf16,
  kUtf16le,
  kUtf32,
  kOther,  // converted by a TextConverter
};

struct Charset {
  std::string_view name;  // as the server spells it: "utf8mb4", "latin1", "binary", ...
  TextEncoding encoding = TextEncoding::kBinary;
};

inline constexpr uint32_t kBinaryCollationId = 63;

std::optional<Charset> CharsetForCollation(uint32_t collation_id);
// The encoding of a charset by name ("utf8" and "utf8mb3" are the same).
TextEncoding EncodingForCharsetName(std::string_view name);

// Converts text in a charset binlake does not decode itself. Implementations must be
// thread-compatible (const calls from one thread at a time per instance are enough).
class TextConverter {
 public:
  virtual ~TextConverter() = default;
  // Replaces *out with the UTF-8 form of `bytes` stored in `charset`. Unimplemented for an
  // unsupported charset, Corruption for bytes that are invalid in it.
  virtual Status ToUtf8(std::string_view charset, std::string_view bytes,
                        std::string* out) const = 0;
};

// See the contract above. `charset` names the charset in messages and for the converter;
// `converter` may be null.
Status ConvertToUtf8(TextEncoding encoding, std::string_view charset, std::string_view bytes,
                     const TextConverter* converter, std::string* out);

// The reverse of ConvertToUtf8, for printing a value as the server stored it (mysqlbinlog
// style): latin1 (cp1252 as MySQL defines it) and ascii with '?' for characters they cannot
// hold, ucs2/utf16/utf16le/utf32 as stored (ucs2 '?' beyond the BMP), utf8 and binary copied.
// Corruption for invalid UTF-8 input, Unimplemented for kOther.
Status ConvertFromUtf8(TextEncoding encoding, std::string_view utf8, std::string* out);

}  // namespace binlake::binlog
