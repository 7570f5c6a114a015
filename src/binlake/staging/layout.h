// Where staging files live, and what their names mean (docs/formats/staging.md).
//
// Layout of the staging store, as AWS DMS writes it to S3:
//   <schema>/<table>/LOAD00000001.parquet     full load, 8 upper-case hex digits, from 1
//   <schema>/<table>/[<date folder>/]20261125-153012345.parquet   CDC, UTC YYYYMMDD-HHMMSSmmm
//   _binlake/...                              binlake's control objects (checkpoints, schema)
// with `.csv` (or `.csv.gz`) instead of `.parquet` for CSV. Schema and table names are encoded
// into one key segment each (EncodeNameSegment), so any name is safe and the encoding is
// reversible; plain names ([A-Za-z0-9_$-] and inner dots) stay as they are, as DMS writes them.
//
// Names are deterministic: the same file number or the same time gives the same key, so a retry
// after a crash rewrites the same object instead of adding a duplicate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/staging/staging_options.h"

namespace binlake::staging {

// The folder (and key prefix) of binlake's own objects in the staging store.
inline constexpr std::string_view kControlPrefix = "_binlake/";

// `name` as one key segment: bytes outside [A-Za-z0-9_$.-] become %XX (upper-case hex), and so
// does a leading '.' (no "." or ".." segment) and a leading '_' of a segment that would
// otherwise read "_binlake" (no clash with kControlPrefix). InvalidArgument for an empty name
// (MySQL names are never empty).
Result<std::string> EncodeNameSegment(std::string_view name);

// The inverse of EncodeNameSegment; InvalidArgument for a malformed %XX.
Result<std::string> DecodeNameSegment(std::string_view segment);

// "<schema>/<table>/" with both names encoded.
Result<std::string> TableFolder(std::string_view schema, std::string_view table);

// "LOAD0000000A.parquet" for number 10 (1-based). The extension follows options.format and
// options.compression (".parquet", ".csv", ".csv.gz"). Names sort lexically in number order.
std::string LoadFileName(uint32_t number, const StagingFileOptions& options);

// "[<date folder>/]20261125-153012345.parquet" for a UTC time in microseconds since the epoch
// (milliseconds in the name); the date folder follows options.date_partition and
// options.date_partition_delimiter. File names sort lexically in time order (fixed-width
// fields, most significant first); a reader orders CDC files by the name's time, since some
// date folders (MMYYYYDD, DDMMYYYY) do not sort.
std::string CdcFileName(int64_t utc_micros, const StagingFileOptions& options);

// What a staging key names.
struct StagingKey {
  enum class Kind : uint8_t { kLoad, kCdc };
  Kind kind = Kind::kLoad;
  std::string schema;        // decoded
  std::string table;         // decoded
  uint32_t load_number = 0;  // kLoad
  int64_t cdc_millis = 0;    // kCdc: UTC milliseconds since the epoch from the name
  FileFormat format = FileFormat::kParquet;
  // CSV: kGzip for ".csv.gz", else kNone; Parquet: kNone (the codec is inside the file).
  FileCompression compression = FileCompression::kNone;
};

// Parses a key of the layout above (relative to the store root). NotFound-free: keys under
// kControlPrefix or not of the layout are InvalidArgument naming the key.
Result<StagingKey> ParseStagingKey(std::string_view key);

}  // namespace binlake::staging
