// Config: binlake's whole configuration as plain values, with the product defaults in code.
//
// A Config is built by LoadConfig (loader.h): defaults, then the YAML file (with ${ENV}
// references expanded), then `--set key=value` overrides, then ValidateConfig. Every key a user
// can set is listed once, in the key registry (config_keys.h), which also drives the YAML
// loader, the overrides, the rendering of the effective configuration and docs/configuration.md.
//
// Adding a section: add its struct as a member of Config here, and its keys in one function of
// config_keys.cc (see AllKeys there). Nothing else changes.
// Thread-safety: plain values.
#pragma once

#include <string>

#include "binlake/capture/capture_options.h"
#include "binlake/io/logger.h"
#include "binlake/s3/s3_options.h"
#include "binlake/source/source_options.h"
#include "binlake/staging/staging_options.h"

namespace binlake::config {

enum class LogFormat { kText, kJson };

struct LogConfig {
  io::LogLevel level = io::LogLevel::kInfo;
  LogFormat format = LogFormat::kText;
};

// Where a store lives (store/store_uri.h: file:///dir or s3://bucket/prefix). Empty means "not
// configured": there is no default location, and each command that needs a store reports the
// missing key itself (RequireStoreUri in loader.h).
struct StoreConfig {
  std::string uri;
};

// The staging store, plus how change files are written (format, compression, column types).
struct StagingConfig : StoreConfig {
  staging::StagingFileOptions files;
};

struct Config {
  LogConfig log;
  source::SourceOptions source;        // the MySQL/MariaDB server capture reads
  capture::CaptureOptions capture;     // which tables, and what start-up accepts
  capture::FullLoadOptions full_load;  // how the initial snapshot is read
  StagingConfig staging;               // raw change files (capture writes, apply reads)
  StoreConfig final;                   // the Iceberg tables (apply writes)
  s3::S3Options s3;                    // how to reach S3 for every s3:// store
};

}  // namespace binlake::config
