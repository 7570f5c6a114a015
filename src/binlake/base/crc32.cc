#include "binlake/base/crc32.h"

#include <array>
#include <cstddef>

namespace binlake {
namespace {

// Slice-by-8: table[0] is the classic byte-at-a-time table; table[k][b] is the CRC contribution
// of byte b followed by k zero bytes, so eight input bytes fold in with eight lookups.
using Crc32Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Crc32Tables MakeTables(uint32_t reflected_polynomial) {
  Crc32Tables tables{};
  for (uint32_t byte = 0; byte < 256; ++byte) {
    uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ ((crc & 1U) != 0 ? reflected_polynomial : 0U);
    }
    tables[0][byte] = crc;
  }
  for (size_t k = 1; k < tables.size(); ++k) {
    for (size_t byte = 0; byte < 256; ++byte) {
      const uint32_t previous = tables[k - 1][byte];
      tables[k][byte] = (previous >> 8) ^ tables[0][previous & 0xffU];
    }
  }
  return tables;
}

constexpr Crc32Tables kCrc32Tables = MakeTables(0xEDB88320U);
constexpr Crc32Tables kCrc32cTables = MakeTables(0x82F63B78U);

static_assert(kCrc32Tables[0][1] == 0x77073096U, "CRC-32 table");
static_assert(kCrc32cTables[0][1] == 0xF26B8303U, "CRC-32C table");

inline uint32_t Load32Le(const unsigned char* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

uint32_t Update(const Crc32Tables& t, uint32_t crc, std::string_view data) {
  // unsigned char may alias any object, so viewing the chars as unsigned char is well defined.
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  uint32_t c = ~crc;
  while (n >= 8) {
    const uint32_t lo = Load32Le(p) ^ c;
    const uint32_t hi = Load32Le(p + 4);
    c = t[7][lo & 0xffU] ^ t[6][(lo >> 8) & 0xffU] ^ t[5][(lo >> 16) & 0xffU] ^ t[4][lo >> 24] ^
        t[3][hi & 0xffU] ^ t[2][(hi >> 8) & 0xffU] ^ t[1][(hi >> 16) & 0xffU] ^ t[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    c = (c >> 8) ^ t[0][(c ^ *p) & 0xffU];
    ++p;
    --n;
  }
  return ~c;
}

}  // namespace

uint32_t Crc32Update(uint32_t crc, std::string_view data) {
  return Update(kCrc32Tables, crc, data);
}

uint32_t Crc32cUpdate(uint32_t crc, std::string_view data) {
  return Update(kCrc32cTables, crc, data);
}

}  // namespace binlake
