// Test-only builders of TABLE_MAP and rows event bodies (after the common header, before the
// checksum), so that tests state events as fields rather than long byte strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/binlog/json_test_builder.h"

namespace binlake::binlog::testing {

inline std::string LengthEncoded(uint64_t v) {
  if (v < 0xFB) {
    return std::string(1, static_cast<char>(v));
  }
  if (v <= 0xFFFF) {
    return "\xFC" + LittleEndian(v, 2);
  }
  if (v <= 0xFFFFFF) {
    return "\xFD" + LittleEndian(v, 3);
  }
  return "\xFE" + LittleEndian(v, 8);
}

inline std::string LengthEncodedString(std::string_view s) {
  return LengthEncoded(s.size()) + std::string(s);
}

// An LSB-first bitmap of `n` bits from the set positions.
inline std::string Bitmap(size_t n, const std::vector<size_t>& set) {
  std::string out((n + 7) / 8, '\0');
  for (const size_t i : set) {
    out[i / 8] = static_cast<char>(out[i / 8] | (1 << (i % 8)));
  }
  return out;
}

// An MSB-first bitmap (optional metadata) of the given bits.
inline std::string MsbBitmap(const std::vector<bool>& bits) {
  std::string out((bits.size() + 7) / 8, '\0');
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) {
      out[i / 8] = static_cast<char>(out[i / 8] | (0x80 >> (i % 8)));
    }
  }
  return out;
}

struct TableMapSpec {
  uint64_t table_id = 42;
  std::string database = "db";
  std::string table = "t";
  std::string types;     // one byte per column
  std::string metadata;  // the concatenated per-column metadata
  std::string optional;  // TLV optional metadata
};

inline std::string OptionalField(uint8_t type, std::string_view value) {
  return std::string(1, static_cast<char>(type)) + LengthEncodedString(value);
}

inline std::string TableMapBody(const TableMapSpec& spec) {
  const size_t n = spec.types.size();
  std::vector<size_t> all;
  for (size_t i = 0; i < n; ++i) {
    all.push_back(i);
  }
  return LittleEndian(spec.table_id, 6) + LittleEndian(1, 2) +
         std::string(1, static_cast<char>(spec.database.size())) + spec.database + '\0' +
         std::string(1, static_cast<char>(spec.table.size())) + spec.table + '\0' +
         LengthEncoded(n) + spec.types + LengthEncodedString(spec.metadata) + Bitmap(n, all) +
         spec.optional;
}

// A rows event body. `version` 2 adds an empty extra-data block; `after_present` is only
// written for updates (non-empty).
inline std::string RowsBody(uint64_t table_id, int version, size_t columns,
                            const std::string& present, const std::string& after_present,
                            const std::string& rows) {
  std::string out = LittleEndian(table_id, 6) + LittleEndian(1, 2);
  if (version == 2) {
    out += LittleEndian(2, 2);
  }
  return out + LengthEncoded(columns) + present + after_present + rows;
}

}  // namespace binlake::binlog::testing
