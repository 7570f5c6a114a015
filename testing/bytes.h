// Bytes({0x01, 0xff, ...}): a byte string from integer literals, for tests of byte formats.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

namespace binlake::testing {

inline std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) {
    out.push_back(static_cast<char>(static_cast<uint8_t>(v)));
  }
  return out;
}

}  // namespace binlake::testing
