#include "binlake/parquet/iceberg_bounds.h"

#include <vector>

#include "binlake/base/utf8.h"

namespace binlake::parquet {

namespace {

// Decodes `value` into code points; false when it is not well-formed UTF-8.
bool DecodeUtf8(std::string_view value, std::vector<uint32_t>* code_points) {
  size_t i = 0;
  while (i < value.size()) {
    uint32_t cp = 0;
    const size_t length = DecodeUtf8At(value, i, &cp);
    if (length == 0) {
      return false;
    }
    code_points->push_back(cp);
    i += length;
  }
  return true;
}

// The code point after `cp`, skipping surrogates; nullopt after U+10FFFF.
std::optional<uint32_t> NextCodePoint(uint32_t cp) {
  if (cp >= 0x10ffff) {
    return std::nullopt;
  }
  return cp + 1 == 0xd800 ? 0xe000 : cp + 1;
}

std::optional<std::string> TruncateBinaryUpper(std::string_view value) {
  std::string bound(value.substr(0, kIcebergBoundLength));
  while (!bound.empty()) {
    const auto last = static_cast<uint8_t>(bound.back());
    if (last != 0xff) {
      bound.back() = static_cast<char>(last + 1);
      return bound;
    }
    bound.pop_back();
  }
  return std::nullopt;
}

}  // namespace

std::string MinimalBigEndian(int64_t unscaled) {
  std::string bytes(8, '\0');
  auto bits = static_cast<uint64_t>(unscaled);
  for (size_t i = 0; i < 8; ++i) {
    bytes[7 - i] = static_cast<char>(static_cast<uint8_t>(bits >> (8 * i)));
  }
  return MinimalBigEndianBytes(bytes);
}

std::string MinimalBigEndianBytes(std::string_view big_endian) {
  size_t start = 0;
  while (start + 1 < big_endian.size()) {
    const auto byte = static_cast<uint8_t>(big_endian[start]);
    const auto next_sign = static_cast<uint8_t>(big_endian[start + 1]) & 0x80U;
    if ((byte == 0x00 && next_sign == 0) || (byte == 0xff && next_sign != 0)) {
      ++start;
    } else {
      break;
    }
  }
  return std::string(big_endian.substr(start));
}

std::string TruncateLowerBound(std::string_view value, bool utf8) {
  std::vector<uint32_t> code_points;
  if (!utf8 || !DecodeUtf8(value, &code_points)) {
    return std::string(value.substr(0, kIcebergBoundLength));
  }
  if (code_points.size() <= kIcebergBoundLength) {
    return std::string(value);
  }
  std::string bound;
  for (size_t i = 0; i < kIcebergBoundLength; ++i) {
    AppendUtf8(code_points[i], &bound);
  }
  return bound;
}

std::optional<std::string> TruncateUpperBound(std::string_view value, bool utf8) {
  std::vector<uint32_t> code_points;
  if (!utf8 || !DecodeUtf8(value, &code_points)) {
    if (value.size() <= kIcebergBoundLength) {
      return std::string(value);
    }
    return TruncateBinaryUpper(value);
  }
  if (code_points.size() <= kIcebergBoundLength) {
    return std::string(value);
  }
  code_points.resize(kIcebergBoundLength);
  while (!code_points.empty()) {
    const std::optional<uint32_t> next = NextCodePoint(code_points.back());
    if (next.has_value()) {
      code_points.back() = *next;
      std::string bound;
      for (const uint32_t cp : code_points) {
        AppendUtf8(cp, &bound);
      }
      return bound;
    }
    code_points.pop_back();
  }
  return std::nullopt;
}

}  // namespace binlake::parquet
