#include "binlake/binlog/charset.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "binlake/base/utf8.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

struct CollationRange {
  uint32_t first;
  uint32_t last;
  std::string_view charset;
};

// Collation id ranges, sorted, from MariaDB 10.11's information_schema.COLLATIONS plus the MySQL 8
// and MariaDB 11 additions named in the header.
constexpr CollationRange kCollations[] = {
    {1, 1, "big5"},           {2, 2, "latin2"},         {3, 3, "dec8"},
    {4, 4, "cp850"},          {5, 5, "latin1"},         {6, 6, "hp8"},
    {7, 7, "koi8r"},          {8, 8, "latin1"},         {9, 9, "latin2"},
    {10, 10, "swe7"},         {11, 11, "ascii"},        {12, 12, "ujis"},
    {13, 13, "sjis"},         {14, 14, "cp1251"},       {15, 15, "latin1"},
    {16, 16, "hebrew"},       {18, 18, "tis620"},       {19, 19, "euckr"},
    {20, 20, "latin7"},       {21, 21, "latin2"},       {22, 22, "koi8u"},
    {23, 23, "cp1251"},       {24, 24, "gb2312"},       {25, 25, "greek"},
    {26, 26, "cp1250"},       {27, 27, "latin2"},       {28, 28, "gbk"},
    {29, 29, "cp1257"},       {30, 30, "latin5"},       {31, 31, "latin1"},
    {32, 32, "armscii8"},     {33, 33, "utf8mb3"},      {34, 34, "cp1250"},
    {35, 35, "ucs2"},         {36, 36, "cp866"},        {37, 37, "keybcs2"},
    {38, 38, "macce"},        {39, 39, "macroman"},     {40, 40, "cp852"},
    {41, 42, "latin7"},       {43, 43, "macce"},        {44, 44, "cp1250"},
    {45, 46, "utf8mb4"},      {47, 49, "latin1"},       {50, 52, "cp1251"},
    {53, 53, "macroman"},     {54, 55, "utf16"},        {56, 56, "utf16le"},
    {57, 57, "cp1256"},       {58, 59, "cp1257"},       {60, 61, "utf32"},
    {62, 62, "utf16le"},      {63, 63, "binary"},       {64, 64, "armscii8"},
    {65, 65, "ascii"},        {66, 66, "cp1250"},       {67, 67, "cp1256"},
    {68, 68, "cp866"},        {69, 69, "dec8"},         {70, 70, "greek"},
    {71, 71, "hebrew"},       {72, 72, "hp8"},          {73, 73, "keybcs2"},
    {74, 74, "koi8r"},        {75, 75, "koi8u"},        {76, 76, "utf8mb3"},
    {77, 77, "latin2"},       {78, 78, "latin5"},       {79, 79, "latin7"},
    {80, 80, "cp850"},        {81, 81, "cp852"},        {82, 82, "swe7"},
    {83, 83, "utf8mb3"},      {84, 84, "big5"},         {85, 85, "euckr"},
    {86, 86, "gb2312"},       {87, 87, "gbk"},          {88, 88, "sjis"},
    {89, 89, "tis620"},       {90, 90, "ucs2"},         {91, 91, "ujis"},
    {92, 93, "geostd8"},      {94, 94, "latin1"},       {95, 96, "cp932"},
    {97, 98, "eucjpms"},      {99, 99, "cp1250"},       {101, 124, "utf16"},
    {128, 151, "ucs2"},       {159, 159, "ucs2"},       {160, 183, "utf32"},
    {192, 215, "utf8mb3"},    {223, 223, "utf8mb3"},    {224, 247, "utf8mb4"},
    {248, 250, "gb18030"},    {255, 323, "utf8mb4"},    {576, 578, "utf8mb3"},
    {608, 610, "utf8mb4"},    {640, 642, "ucs2"},       {672, 674, "utf16"},
    {736, 738, "utf32"},      {1025, 1025, "big5"},     {1027, 1027, "dec8"},
    {1028, 1028, "cp850"},    {1030, 1030, "hp8"},      {1031, 1031, "koi8r"},
    {1032, 1032, "latin1"},   {1033, 1033, "latin2"},   {1034, 1034, "swe7"},
    {1035, 1035, "ascii"},    {1036, 1036, "ujis"},     {1037, 1037, "sjis"},
    {1040, 1040, "hebrew"},   {1042, 1042, "tis620"},   {1043, 1043, "euckr"},
    {1046, 1046, "koi8u"},    {1048, 1048, "gb2312"},   {1049, 1049, "greek"},
    {1050, 1050, "cp1250"},   {1052, 1052, "gbk"},      {1054, 1054, "latin5"},
    {1056, 1056, "armscii8"}, {1057, 1057, "utf8mb3"},  {1059, 1059, "ucs2"},
    {1060, 1060, "cp866"},    {1061, 1061, "keybcs2"},  {1062, 1062, "macce"},
    {1063, 1063, "macroman"}, {1064, 1064, "cp852"},    {1065, 1065, "latin7"},
    {1067, 1067, "macce"},    {1069, 1070, "utf8mb4"},  {1071, 1071, "latin1"},
    {1074, 1075, "cp1251"},   {1077, 1077, "macroman"}, {1078, 1079, "utf16"},
    {1080, 1080, "utf16le"},  {1081, 1081, "cp1256"},   {1082, 1083, "cp1257"},
    {1084, 1085, "utf32"},    {1086, 1086, "utf16le"},  {1088, 1088, "armscii8"},
    {1089, 1089, "ascii"},    {1090, 1090, "cp1250"},   {1091, 1091, "cp1256"},
    {1092, 1092, "cp866"},    {1093, 1093, "dec8"},     {1094, 1094, "greek"},
    {1095, 1095, "hebrew"},   {1096, 1096, "hp8"},      {1097, 1097, "keybcs2"},
    {1098, 1098, "koi8r"},    {1099, 1099, "koi8u"},    {1101, 1101, "latin2"},
    {1102, 1102, "latin5"},   {1103, 1103, "latin7"},   {1104, 1104, "cp850"},
    {1105, 1105, "cp852"},    {1106, 1106, "swe7"},     {1107, 1107, "utf8mb3"},
    {1108, 1108, "big5"},     {1109, 1109, "euckr"},    {1110, 1110, "gb2312"},
    {1111, 1111, "gbk"},      {1112, 1112, "sjis"},     {1113, 1113, "tis620"},
    {1114, 1114, "ucs2"},     {1115, 1115, "ujis"},     {1116, 1117, "geostd8"},
    {1119, 1120, "cp932"},    {1121, 1122, "eucjpms"},  {1125, 1125, "utf16"},
    {1147, 1147, "utf16"},    {1152, 1152, "ucs2"},     {1174, 1174, "ucs2"},
    {1184, 1184, "utf32"},    {1206, 1206, "utf32"},    {1216, 1216, "utf8mb3"},
    {1238, 1238, "utf8mb3"},  {1248, 1248, "utf8mb4"},  {1270, 1270, "utf8mb4"},
    {2048, 2303, "utf8mb3"},  {2304, 2559, "utf8mb4"},  {2560, 2815, "ucs2"},
    {2816, 3071, "utf16"},    {3072, 3327, "utf32"},
};

// Windows-1252 code points of bytes 0x80..0x9F as MySQL's latin1 maps them.
constexpr std::array<uint16_t, 32> kLatin1High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

Status InvalidText(std::string_view charset, size_t offset) {
  return CorruptionError(
      fmt::format("invalid {} text: bad byte sequence at byte {} of the value", charset, offset));
}

Status ConvertLatin1(std::string_view bytes, std::string* out) {
  const size_t ascii = AsciiPrefix(bytes);
  out->assign(bytes.data(), ascii);
  for (size_t i = ascii; i < bytes.size(); ++i) {
    const auto b = static_cast<uint8_t>(bytes[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b));
    } else if (b < 0xA0) {
      AppendUtf8(kLatin1High[b - 0x80U], out);
    } else {
      AppendUtf8(b, out);
    }
  }
  return Status::Ok();
}

// Decodes fixed-width or surrogate-pair code units of `unit_bytes` bytes.
Status ConvertWide(std::string_view bytes, std::string_view charset, size_t unit_bytes,
                   bool big_endian, bool pairs, std::string* out) {
  out->clear();
  if (bytes.size() % unit_bytes != 0) {
    return CorruptionError(
        fmt::format("invalid {} text: {} bytes is not a whole number of {}-byte "
                    "code units",
                    charset, bytes.size(), unit_bytes));
  }
  auto unit_at = [&](size_t pos) {
    uint32_t v = 0;
    for (size_t k = 0; k < unit_bytes; ++k) {
      const size_t index = big_endian ? k : unit_bytes - 1 - k;
      v = (v << 8) | static_cast<uint8_t>(bytes[pos + index]);
    }
    return v;
  };
  for (size_t pos = 0; pos < bytes.size(); pos += unit_bytes) {
    uint32_t cp = unit_at(pos);
    if (pairs && cp >= 0xD800 && cp <= 0xDBFF && pos + 2 * unit_bytes <= bytes.size()) {
      const uint32_t low = unit_at(pos + unit_bytes);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        pos += unit_bytes;
      }
    }
    if (IsSurrogate(cp) || cp > kMaxCodePoint) {
      return InvalidText(charset, pos);
    }
    AppendUtf8(cp, out);
  }
  return Status::Ok();
}

}  // namespace

namespace {

// The byte MySQL's latin1 stores for `cp`, or '?' when latin1 cannot represent it.
char Latin1ByteFor(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
    return static_cast<char>(cp);
  }
  for (size_t k = 0; k < kLatin1High.size(); ++k) {
    if (kLatin1High[k] == cp) {
      return static_cast<char>(0x80 + k);
    }
  }
  return '?';
}

void AppendUnit(uint32_t unit, size_t bytes, bool big_endian, std::string* out) {
  for (size_t k = 0; k < bytes; ++k) {
    const size_t shift = 8 * (big_endian ? bytes - 1 - k : k);
    out->push_back(static_cast<char>((unit >> shift) & 0xFF));
  }
}

// Appends `cp` in a wide encoding; `pairs` allows UTF-16 surrogate pairs, otherwise code points
// beyond the unit's range become '?'.
void AppendWide(uint32_t cp, size_t unit_bytes, bool big_endian, bool pairs, std::string* out) {
  if (unit_bytes == 2 && cp > 0xFFFF) {
    if (!pairs) {
      AppendUnit('?', unit_bytes, big_endian, out);
      return;
    }
    AppendUnit(0xD800 + ((cp - 0x10000) >> 10), 2, big_endian, out);
    AppendUnit(0xDC00 + ((cp - 0x10000) & 0x3FF), 2, big_endian, out);
    return;
  }
  AppendUnit(cp, unit_bytes, big_endian, out);
}

}  // namespace

Status ConvertFromUtf8(TextEncoding encoding, std::string_view utf8, std::string* out) {
  if (encoding == TextEncoding::kUtf8 || encoding == TextEncoding::kBinary) {
    out->assign(utf8);
    return Status::Ok();
  }
  if (encoding == TextEncoding::kOther) {
    return UnimplementedError("converting UTF-8 back to a legacy charset needs iconv");
  }
  out->clear();
  for (size_t i = 0; i < utf8.size();) {
    uint32_t cp;
    const size_t length = DecodeUtf8At(utf8, i, &cp);
    if (length == 0) {
      return CorruptionError(fmt::format("invalid UTF-8 at byte {}", i));
    }
    i += length;
    switch (encoding) {
      case TextEncoding::kLatin1:
        out->push_back(Latin1ByteFor(cp));
        break;
      case TextEncoding::kAscii:
        out->push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
        break;
      case TextEncoding::kUcs2:
        AppendWide(cp, 2, /*big_endian=*/true, /*pairs=*/false, out);
        break;
      case TextEncoding::kUtf16:
        AppendWide(cp, 2, /*big_endian=*/true, /*pairs=*/true, out);
        break;
      case TextEncoding::kUtf16le:
        AppendWide(cp, 2, /*big_endian=*/false, /*pairs=*/true, out);
        break;
      default:
        AppendWide(cp, 4, /*big_endian=*/true, /*pairs=*/false, out);
        break;
    }
  }
  return Status::Ok();
}

std::optional<Charset> CharsetForCollation(uint32_t collation_id) {
  const auto* it =
      std::upper_bound(std::begin(kCollations), std::end(kCollations), collation_id,
                       [](uint32_t id, const CollationRange& range) { return id < range.first; });
  if (it == std::begin(kCollations)) {
    return std::nullopt;
  }
  --it;
  if (collation_id > it->last) {
    return std::nullopt;
  }
  return Charset{.name = it->charset, .encoding = EncodingForCharsetName(it->charset)};
}

TextEncoding EncodingForCharsetName(std::string_view name) {
  if (name == "utf8mb4" || name == "utf8mb3" || name == "utf8") {
    return TextEncoding::kUtf8;
  }
  if (name == "latin1") {
    return TextEncoding::kLatin1;
  }
  if (name == "ascii") {
    return TextEncoding::kAscii;
  }
  if (name == "binary") {
    return TextEncoding::kBinary;
  }
  if (name == "ucs2") {
    return TextEncoding::kUcs2;
  }
  if (name == "utf16") {
    return TextEncoding::kUtf16;
  }
  if (name == "utf16le") {
    return TextEncoding::kUtf16le;
  }
  if (name == "utf32") {
    return TextEncoding::kUtf32;
  }
  return TextEncoding::kOther;
}

Status ConvertToUtf8(TextEncoding encoding, std::string_view charset, std::string_view bytes,
                     const TextConverter* converter, std::string* out) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      if (!IsValidUtf8(bytes)) {
        return CorruptionError(fmt::format("invalid {} text: not well-formed UTF-8", charset));
      }
      out->assign(bytes);
      return Status::Ok();
    case TextEncoding::kAscii: {
      const size_t ascii = AsciiPrefix(bytes);
      if (ascii != bytes.size()) {
        return InvalidText(charset, ascii);
      }
      out->assign(bytes);
      return Status::Ok();
    }
    case TextEncoding::kBinary:
      out->assign(bytes);
      return Status::Ok();
    case TextEncoding::kLatin1:
      return ConvertLatin1(bytes, out);
    case TextEncoding::kUcs2:
      return ConvertWide(bytes, charset, 2, /*big_endian=*/true, /*pairs=*/false, out);
    case TextEncoding::kUtf16:
      return ConvertWide(bytes, charset, 2, /*big_endian=*/true, /*pairs=*/true, out);
    case TextEncoding::kUtf16le:
      return ConvertWide(bytes, charset, 2, /*big_endian=*/false, /*pairs=*/true, out);
    case TextEncoding::kUtf32:
      return ConvertWide(bytes, charset, 4, /*big_endian=*/true, /*pairs=*/false, out);
    case TextEncoding::kOther:
      break;
  }
  if (converter == nullptr) {
    return UnimplementedError(fmt::format(
        "text in charset {} needs a text converter (RowDecodeOptions::text_converter)", charset));
  }
  return converter->ToUtf8(charset, bytes, out);
}

}  // namespace binlake::binlog
