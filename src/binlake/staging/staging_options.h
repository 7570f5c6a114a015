// StagingFileOptions: how change files are written to the staging store (config keys
// `staging.*`). Plain values; the defaults are the product defaults (docs/configuration.md,
// docs/formats/staging.md).
#pragma once

#include <cstdint>

#include "binlake/parquet/type_mapping_options.h"

namespace binlake::staging {

enum class FileFormat : uint8_t { kParquet, kCsv };

// Parquet: every one applies. CSV: kAuto (= kNone), kNone or kGzip (a `.csv.gz` file).
enum class FileCompression : uint8_t {
  kAuto,  // ZSTD for Parquet, none for CSV (as DMS writes CSV)
  kZstd,
  kSnappy,
  kGzip,
  kNone,
};

// DMS DatePartitionSequence: the date folders CDC files are written under (UTC).
enum class DatePartition : uint8_t { kNone, kYyyymmdd, kYyyymmddhh, kYyyymm, kMmyyyydd, kDdmmyyyy };

// DMS DatePartitionDelimiter: between the parts of the date folder.
enum class DatePartitionDelimiter : uint8_t { kSlash, kDash, kUnderscore, kNone };

struct StagingFileOptions {
  FileFormat format = FileFormat::kParquet;
  FileCompression compression = FileCompression::kAuto;
  parquet::TypeMappingOptions parquet_types;
  DatePartition date_partition = DatePartition::kNone;
  DatePartitionDelimiter date_partition_delimiter = DatePartitionDelimiter::kSlash;
  // DMS IncludeOpForFullLoad: LOAD files get the `Op` column (always `I`) too.
  bool include_op_for_full_load = false;
};

}  // namespace binlake::staging
