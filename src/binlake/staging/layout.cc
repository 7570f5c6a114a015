#include "binlake/staging/layout.h"

#include <array>
#include <charconv>
#include <optional>
#include <span>
#include <vector>

#include "binlake/base/macros.h"
#include "binlake/staging/cell_text.h"
#include "binlake/staging/utc_time.h"

namespace binlake::staging {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";
constexpr std::string_view kLoadPrefix = "LOAD";
constexpr size_t kLoadDigits = 8;
// "YYYYMMDD-HHMMSSmmm"
constexpr size_t kCdcStemLength = 18;

bool IsPlainByte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c == '.' || c == '-';
}

void AppendEscaped(char c, std::string* out) {
  out->push_back('%');
  AppendHex(std::string_view(&c, 1), out);
}

std::optional<int> HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return std::nullopt;
}

std::string_view Extension(const StagingFileOptions& options) {
  if (options.format == FileFormat::kParquet) {
    return ".parquet";
  }
  return options.compression == FileCompression::kGzip ? ".csv.gz" : ".csv";
}

// The digit groups of a date folder, in the order `partition` writes them.
std::vector<std::string> DateFolderParts(const UtcTime& t, DatePartition partition) {
  std::string year;
  std::string month;
  std::string day;
  std::string hour;
  AppendPaddedDigits(t.year, 4, &year);
  AppendPaddedDigits(t.month, 2, &month);
  AppendPaddedDigits(t.day, 2, &day);
  AppendPaddedDigits(t.hour, 2, &hour);
  switch (partition) {
    case DatePartition::kNone:
      return {};
    case DatePartition::kYyyymmdd:
      return {year, month, day};
    case DatePartition::kYyyymmddhh:
      return {year, month, day, hour};
    case DatePartition::kYyyymm:
      return {year, month};
    case DatePartition::kMmyyyydd:
      return {month, year, day};
    case DatePartition::kDdmmyyyy:
      return {day, month, year};
  }
  return {};
}

std::string_view DelimiterText(DatePartitionDelimiter delimiter) {
  switch (delimiter) {
    case DatePartitionDelimiter::kSlash:
      return "/";
    case DatePartitionDelimiter::kDash:
      return "-";
    case DatePartitionDelimiter::kUnderscore:
      return "_";
    case DatePartitionDelimiter::kNone:
      return "";
  }
  return "/";
}

std::string DateFolder(const UtcTime& t, const StagingFileOptions& options) {
  const std::vector<std::string> parts = DateFolderParts(t, options.date_partition);
  std::string folder;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      folder.append(DelimiterText(options.date_partition_delimiter));
    }
    folder.append(parts[i]);
  }
  if (!folder.empty()) {
    folder.push_back('/');
  }
  return folder;
}

std::string CdcStem(const UtcTime& t) {
  std::string stem;
  AppendPaddedDigits(t.year, 4, &stem);
  AppendPaddedDigits(t.month, 2, &stem);
  AppendPaddedDigits(t.day, 2, &stem);
  stem.push_back('-');
  AppendPaddedDigits(t.hour, 2, &stem);
  AppendPaddedDigits(t.minute, 2, &stem);
  AppendPaddedDigits(t.second, 2, &stem);
  AppendPaddedDigits(t.micros / 1000, 3, &stem);
  return stem;
}

Status KeyError(std::string_view key, std::string_view why) {
  return InvalidArgumentError("staging key \"" + std::string(key) + "\": " + std::string(why));
}

// Splits "<stem><extension>" into the stem and the format of a known extension.
struct FileNameParts {
  std::string_view stem;
  FileFormat format = FileFormat::kParquet;
  FileCompression compression = FileCompression::kNone;
};

std::optional<FileNameParts> SplitExtension(std::string_view name) {
  struct Known {
    std::string_view extension;
    FileFormat format;
    FileCompression compression;
  };
  constexpr std::array<Known, 3> kKnown = {{
      {".parquet", FileFormat::kParquet, FileCompression::kNone},
      {".csv.gz", FileFormat::kCsv, FileCompression::kGzip},
      {".csv", FileFormat::kCsv, FileCompression::kNone},
  }};
  for (const Known& known : kKnown) {
    if (name.size() > known.extension.size() && name.ends_with(known.extension)) {
      return FileNameParts{name.substr(0, name.size() - known.extension.size()), known.format,
                           known.compression};
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> ParseLoadNumber(std::string_view stem) {
  if (!stem.starts_with(kLoadPrefix) || stem.size() != kLoadPrefix.size() + kLoadDigits) {
    return std::nullopt;
  }
  uint32_t number = 0;
  for (const char c : stem.substr(kLoadPrefix.size())) {
    const std::optional<int> digit = HexValue(c);
    if (!digit) {
      return std::nullopt;
    }
    number = number * 16 + static_cast<uint32_t>(*digit);
  }
  if (number == 0) {
    return std::nullopt;
  }
  return number;
}

std::optional<int64_t> ParseFixedDigits(std::string_view text) {
  int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

// UTC milliseconds of a "YYYYMMDD-HHMMSSmmm" stem naming a real time.
std::optional<int64_t> ParseCdcStem(std::string_view stem) {
  if (stem.size() != kCdcStemLength || stem[8] != '-') {
    return std::nullopt;
  }
  const auto date = ParseFixedDigits(stem.substr(0, 8));
  const auto time = ParseFixedDigits(stem.substr(9));
  if (!date || !time) {
    return std::nullopt;
  }
  const std::optional<int64_t> micros = JoinMicros(UtcTime{
      .year = *date / 10000,
      .month = *date / 100 % 100,
      .day = *date % 100,
      .hour = *time / 10'000'000,
      .minute = *time / 100'000 % 100,
      .second = *time / 1000 % 100,
      .micros = *time % 1000 * 1000,
  });
  if (!micros) {
    return std::nullopt;
  }
  return *micros / 1000;
}

// True when the folders between the table folder and a CDC file name are a date folder of
// some DatePartition and delimiter for the file's time.
bool IsDateFolderOf(std::span<const std::string_view> folders, int64_t utc_millis) {
  if (folders.empty()) {
    return true;
  }
  std::string digits;
  for (const std::string_view folder : folders) {
    for (const char c : folder) {
      if (c >= '0' && c <= '9') {
        digits.push_back(c);
      } else if (c != '-' && c != '_') {
        return false;
      }
    }
  }
  const UtcTime t = SplitMicros(utc_millis * 1000);
  for (const DatePartition partition :
       {DatePartition::kYyyymmdd, DatePartition::kYyyymmddhh, DatePartition::kYyyymm,
        DatePartition::kMmyyyydd, DatePartition::kDdmmyyyy}) {
    std::string expected;
    for (const std::string& part : DateFolderParts(t, partition)) {
      expected.append(part);
    }
    if (digits == expected) {
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> SplitSegments(std::string_view key) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (true) {
    const size_t slash = key.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(key.substr(start));
      return segments;
    }
    segments.push_back(key.substr(start, slash - start));
    start = slash + 1;
  }
}

// The decoded name of a segment that is the canonical encoding of that name.
Result<std::string> DecodeCanonical(std::string_view key, std::string_view segment,
                                    std::string_view what) {
  if (segment.empty()) {
    return KeyError(key, "empty " + std::string(what) + " segment");
  }
  Result<std::string> name = DecodeNameSegment(segment);
  if (!name.ok()) {
    return KeyError(key, std::string(what) + ": " + name.status().message());
  }
  ASSIGN_OR_RETURN(std::string encoded, EncodeNameSegment(*name));
  if (encoded != segment) {
    return KeyError(key, std::string(what) + " segment \"" + std::string(segment) +
                             "\" is not encoded as binlake encodes it (\"" + encoded + "\")");
  }
  return name;
}

}  // namespace

Result<std::string> EncodeNameSegment(std::string_view name) {
  if (name.empty()) {
    return InvalidArgumentError("an empty schema or table name cannot be a staging key segment");
  }
  std::string segment;
  segment.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool escape_leading =
        i == 0 && (c == '.' || (c == '_' && name == kControlPrefix.substr(0, 8)));
    if (IsPlainByte(c) && !escape_leading) {
      segment.push_back(c);
    } else {
      AppendEscaped(c, &segment);
    }
  }
  return segment;
}

Result<std::string> DecodeNameSegment(std::string_view segment) {
  std::string name;
  name.reserve(segment.size());
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      name.push_back(segment[i]);
      continue;
    }
    const std::optional<int> high =
        i + 1 < segment.size() ? HexValue(segment[i + 1]) : std::nullopt;
    const std::optional<int> low = i + 2 < segment.size() ? HexValue(segment[i + 2]) : std::nullopt;
    if (!high || !low) {
      return InvalidArgumentError("key segment \"" + std::string(segment) +
                                  "\": malformed %XX at " + std::to_string(i));
    }
    name.push_back(static_cast<char>(*high * 16 + *low));
    i += 2;
  }
  return name;
}

Result<std::string> TableFolder(std::string_view schema, std::string_view table) {
  ASSIGN_OR_RETURN(std::string folder, EncodeNameSegment(schema));
  ASSIGN_OR_RETURN(std::string table_segment, EncodeNameSegment(table));
  folder.push_back('/');
  folder.append(table_segment);
  folder.push_back('/');
  return folder;
}

std::string LoadFileName(uint32_t number, const StagingFileOptions& options) {
  std::string name(kLoadPrefix);
  for (size_t shift = 4 * kLoadDigits; shift > 0; shift -= 4) {
    name.push_back(kHexDigits[(number >> (shift - 4)) & 0xF]);
  }
  name.append(Extension(options));
  return name;
}

std::string CdcFileName(int64_t utc_micros, const StagingFileOptions& options) {
  const UtcTime t = SplitMicros(utc_micros);
  std::string name = DateFolder(t, options);
  name.append(CdcStem(t));
  name.append(Extension(options));
  return name;
}

Result<StagingKey> ParseStagingKey(std::string_view key) {
  if (key.starts_with(kControlPrefix)) {
    return KeyError(key, "a binlake control object, not a change file");
  }
  const std::vector<std::string_view> segments = SplitSegments(key);
  if (segments.size() < 3) {
    return KeyError(key, "not <schema>/<table>/<file>");
  }
  StagingKey parsed;
  ASSIGN_OR_RETURN(parsed.schema, DecodeCanonical(key, segments[0], "schema"));
  ASSIGN_OR_RETURN(parsed.table, DecodeCanonical(key, segments[1], "table"));
  const std::optional<FileNameParts> file = SplitExtension(segments.back());
  if (!file) {
    return KeyError(key, "the file name ends in none of .parquet, .csv, .csv.gz");
  }
  parsed.format = file->format;
  parsed.compression = file->compression;
  const std::span<const std::string_view> folders(segments.begin() + 2, segments.end() - 1);
  if (const std::optional<uint32_t> number = ParseLoadNumber(file->stem)) {
    if (!folders.empty()) {
      return KeyError(key, "a LOAD file lies directly in its table folder");
    }
    parsed.kind = StagingKey::Kind::kLoad;
    parsed.load_number = *number;
    return parsed;
  }
  const std::optional<int64_t> millis = ParseCdcStem(file->stem);
  if (!millis) {
    return KeyError(key,
                    "the file name is neither LOADxxxxxxxx (8 upper-case hex digits, from 1) "
                    "nor a UTC time YYYYMMDD-HHMMSSmmm");
  }
  if (!IsDateFolderOf(folders, *millis)) {
    return KeyError(key,
                    "the folders between the table folder and the file are not a date "
                    "folder of the file's time");
  }
  parsed.kind = StagingKey::Kind::kCdc;
  parsed.cdc_millis = *millis;
  return parsed;
}

}  // namespace binlake::staging
