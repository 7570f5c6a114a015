// Test-only builder of MySQL binary JSON (json_binary.h describes the format), so that tests can
// state documents structurally instead of as long byte strings.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace binlake::binlog::testing {

// A value: its type byte and the bytes that follow it.
struct JsonValue {
  uint8_t type = 0;
  std::string payload;
};

inline std::string LittleEndian(uint64_t v, size_t bytes) {
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  return out;
}

inline std::string VarLength(size_t n) {
  std::string out;
  do {
    uint8_t b = n & 0x7F;
    n >>= 7;
    if (n != 0) {
      b |= 0x80;
    }
    out.push_back(static_cast<char>(b));
  } while (n != 0);
  return out;
}

inline JsonValue JsonLiteral(uint8_t v) {
  return {0x04, std::string(1, static_cast<char>(v))};
}
inline JsonValue JsonInt(uint8_t type, uint64_t v, size_t bytes) {
  return {type, LittleEndian(v, bytes)};
}
inline JsonValue JsonString(std::string_view s) {
  return {0x0c, VarLength(s.size()) + std::string(s)};
}
inline JsonValue JsonDouble(double d) {
  return {0x0b, LittleEndian(std::bit_cast<uint64_t>(d), 8)};
}
inline JsonValue JsonOpaque(uint8_t field_type, std::string_view data) {
  return {0x0f, std::string(1, static_cast<char>(field_type)) + VarLength(data.size()) +
                    std::string(data)};
}

// An object (keys non-empty) or array (keys empty), small or large. Object keys must be given
// in MySQL's order (shorter first, then bytewise).
inline JsonValue JsonContainer(bool large, const std::vector<std::string>& keys,
                               const std::vector<JsonValue>& values) {
  const bool object = !keys.empty();
  const size_t offset_size = large ? 4 : 2;
  const size_t count = values.size();
  size_t header = 2 * offset_size + count * (1 + offset_size);
  if (object) {
    header += count * (offset_size + 2);
  }
  std::string key_entries, value_entries, data;
  size_t next = header;
  for (const std::string& key : keys) {
    key_entries += LittleEndian(next, offset_size) + LittleEndian(key.size(), 2);
    data += key;
    next += key.size();
  }
  for (const JsonValue& v : values) {
    const bool inlined = v.type == 0x04 || v.type == 0x05 || v.type == 0x06 ||
                         (large && (v.type == 0x07 || v.type == 0x08));
    value_entries.push_back(static_cast<char>(v.type));
    if (inlined) {
      std::string field = v.payload;
      field.resize(offset_size, '\0');
      value_entries += field;
    } else {
      value_entries += LittleEndian(next, offset_size);
      data += v.payload;
      next += v.payload.size();
    }
  }
  const uint8_t type = static_cast<uint8_t>((object ? 0x00 : 0x02) + (large ? 1 : 0));
  return {type, LittleEndian(count, offset_size) + LittleEndian(next, offset_size) + key_entries +
                    value_entries + data};
}

// The binary document of `v`.
inline std::string JsonDocument(const JsonValue& v) {
  return std::string(1, static_cast<char>(v.type)) + v.payload;
}

}  // namespace binlake::binlog::testing
