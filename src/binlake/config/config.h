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

#include "binlake/io/logger.h"
#include "binlake/parquet/type_mapping_options.h"
#include "binlake/s3/s3_options.h"

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

// The staging store, plus how change files type their columns (parquet/type_mapping.h).
struct StagingConfig : StoreConfig {
  parquet::TypeMappingOptions parquet_types;
};

struct Config {
  LogConfig log;
  StagingConfig staging;  // raw change files (capture writes, apply reads)
  StoreConfig final;      // the Iceberg tables (apply writes)
  s3::S3Options s3;       // how to reach S3 for every s3:// store
};

}  // namespace binlake::config
