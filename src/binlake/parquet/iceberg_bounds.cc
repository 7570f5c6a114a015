#include "binlake/parquet/iceberg_bounds.h"

#include <vector>

namespace binlake::parquet {

namespace {

// Byte length of the UTF-8 sequence starting with `lead`, 0 when `lead` cannot start one.
size_t Utf8SequenceLength(uint8_t lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead & 0xe0) == 0xc0) {
    return 2;
  }
  if ((lead & 0xf0) == 0xe0) {
    return 3;
  }
  if ((lead & 0xf8) == 0xf0) {
    return 4;
  }
  return 0;
}

// Decodes `value` into code points; false when it is not well-formed UTF-8 (by lead bytes and
// lengths; enough to cut it at character boundaries).
bool DecodeUtf8(std::string_view value, std::vector<uint32_t>* code_points) {
  size_t i = 0;
  while (i < value.size()) {
    const auto lead = static_cast<uint8_t>(value[i]);
    const size_t length = Utf8SequenceLength(lead);
    if (length == 0 || value.size() - i < length) {
      return false;
    }
    uint32_t cp = length == 1 ? lead : lead & (0x7fU >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<uint8_t>(value[i + k]);
      if ((next & 0xc0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (next & 0x3fU);
    }
    code_points->push_back(cp);
    i += length;
  }
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
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
