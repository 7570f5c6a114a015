#include "binlake/base/utf8.h"

#include <cstring>

namespace binlake {

// Length of the ASCII prefix, eight bytes at a time.
size_t AsciiPrefix(std::string_view bytes) {
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) {
      break;
    }
  }
  while (i < bytes.size() && static_cast<uint8_t>(bytes[i]) < 0x80) {
    ++i;
  }
  return i;
}

size_t DecodeUtf8At(std::string_view bytes, size_t i, uint32_t* cp) {
  const size_t n = bytes.size();
  const auto b0 = static_cast<uint8_t>(bytes[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  uint32_t value;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    value = b0 & 0x1FU;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    value = b0 & 0x0FU;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    value = b0 & 0x07U;
  } else {
    return 0;
  }
  if (n - i < len) {
    return 0;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<uint8_t>(bytes[i + k]);
    if ((b & 0xC0) != 0x80) {
      return 0;
    }
    value = (value << 6) | (b & 0x3FU);
  }
  const bool overlong = (len == 3 && value < 0x800) || (len == 4 && value < 0x10000);
  if (overlong || IsSurrogate(value) || value > kMaxCodePoint) {
    return 0;
  }
  *cp = value;
  return len;
}

bool IsValidUtf8(std::string_view bytes) {
  size_t i = AsciiPrefix(bytes);
  while (i < bytes.size()) {
    uint32_t cp;
    const size_t length = DecodeUtf8At(bytes, i, &cp);
    if (length == 0) {
      return false;
    }
    i += length;
  }
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace binlake
