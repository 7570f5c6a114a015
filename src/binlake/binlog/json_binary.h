// MySQL's binary JSON (the JSON column type in row images and partial-update diffs) and its
// canonical text, exactly as MySQL prints a JSON value (SELECT json_col).
//
// Binary format (json_binary.h in the server): a type byte, then the value.
//   0x00/0x01 small/large object, 0x02/0x03 small/large array: element count and byte size
//   (2 or 4 bytes each), key entries (offset, u16 length) for objects, value entries (type byte +
//   offset, or the value itself for literals, int16, uint16 and, when large, int32/uint32);
//   offsets are relative to the start of the object/array.
//   0x04 literal (0 null, 1 true, 2 false), 0x05/0x06 int16/uint16, 0x07/0x08 int32/uint32,
//   0x09/0x0a int64/uint64, 0x0b double, 0x0c string (7-bit varint length + bytes),
//   0x0f opaque (MySQL field type byte, varint length, bytes).
//
// Text rendering (MySQL's Json_wrapper::to_string): ", " between elements, ": " after keys;
// doubles as the shortest round-trip digits, fixed notation when the decimal exponent is in
// -14..15 (or the digits reach past the point), with ".0" added to integral values, otherwise
// d.ddde[-]N; strings with \" \\ \b \f \n \r \t and \u00xx for other control characters;
// opaque DECIMAL as the bare number, DATE as "YYYY-MM-DD", TIME as "[-]HH:MM:SS.ffffff",
// DATETIME/TIMESTAMP as "YYYY-MM-DD HH:MM:SS.ffffff", any other opaque type as
// "base64:type<N>:<base64 of the bytes>". An empty binary value is the JSON null MySQL stores
// for an empty document.
//
// Contract: every offset and length is checked against the enclosing value; nesting deeper than
// kMaxJsonDepth is Corruption (MySQL allows 100), so a hostile input cannot exhaust the stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::binlog {

inline constexpr size_t kMaxJsonDepth = 150;

// A parsed JSON document. Scalars keep their final text; objects keep MySQL's key order (by key
// length, then bytes), which JsonInsertMember preserves.
struct JsonNode {
  enum class Kind : uint8_t { kScalar, kArray, kObject };
  Kind kind = Kind::kScalar;
  std::string scalar;              // rendered text of a scalar ("1", "\"a\"", "null")
  std::vector<std::string> keys;   // object member names (raw, unescaped)
  std::vector<JsonNode> children;  // array elements or object member values
};

Result<JsonNode> ParseJsonBinary(std::string_view bytes);
void AppendJsonText(const JsonNode& node, std::string* out);

// Replaces *out with the text of the binary JSON document `bytes`.
Status JsonBinaryToText(std::string_view bytes, std::string* out);

// MySQL's order of object keys: shorter first, then bytewise.
bool JsonKeyLess(std::string_view a, std::string_view b);

// Appends `text` as a quoted JSON string.
void AppendJsonString(std::string_view text, std::string* out);

// Appends a double as MySQL renders it in JSON.
void AppendJsonDouble(double value, std::string* out);

}  // namespace binlake::binlog
