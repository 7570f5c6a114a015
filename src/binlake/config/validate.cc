#include "binlake/config/validate.h"

#include <fmt/format.h>

#include "binlake/base/macros.h"
#include "binlake/config/config_keys.h"
#include "binlake/config/value_text.h"

namespace binlake::config {
namespace {

// Re-checks each key's own rule by setting its current text on a scratch config, so values set
// in code are held to the same rules as values read from text.
Status ValidateEachKey(const Config& config) {
  for (const ConfigKey& key : AllConfigKeys()) {
    Config scratch;
    RETURN_IF_ERROR(SetConfigValue(scratch, key, key.get(config)));
  }
  return Status::Ok();
}

Status ValidateS3Sizes(const s3::S3Options& s3) {
  if (s3.multipart_threshold_bytes < s3.part_size_bytes) {
    return ConfigError("s3.multipart_threshold",
                       fmt::format("{} is below s3.part_size ({}); it must be at least one part",
                                   FormatByteSize(s3.multipart_threshold_bytes),
                                   FormatByteSize(s3.part_size_bytes)));
  }
  if (s3.retry.max_backoff_ms < s3.retry.initial_backoff_ms) {
    return ConfigError("s3.retry.max_backoff",
                       fmt::format("{} is below s3.retry.initial_backoff ({})",
                                   FormatDurationMillis(s3.retry.max_backoff_ms),
                                   FormatDurationMillis(s3.retry.initial_backoff_ms)));
  }
  return Status::Ok();
}

Status ValidateS3Credentials(const s3::S3Credentials& credentials) {
  bool has_id = !credentials.access_key_id.empty();
  bool has_secret = !credentials.secret_access_key.empty();
  if (has_id && !has_secret) {
    return ConfigError("s3.secret_access_key", "not set, but s3.access_key_id is");
  }
  if (has_secret && !has_id) {
    return ConfigError("s3.access_key_id", "not set, but s3.secret_access_key is");
  }
  if (!credentials.session_token.empty() && !has_id) {
    return ConfigError("s3.session_token", "set without s3.access_key_id and s3.secret_access_key");
  }
  return Status::Ok();
}

Status ValidateSource(const source::SourceOptions& source) {
  if (source.reconnect_max_backoff_ms < source.reconnect_initial_backoff_ms) {
    return ConfigError("source.reconnect.max_backoff",
                       fmt::format("{} is below source.reconnect.initial_backoff ({})",
                                   FormatDurationMillis(source.reconnect_max_backoff_ms),
                                   FormatDurationMillis(source.reconnect_initial_backoff_ms)));
  }
  if (source.tls_mode == source::TlsMode::kVerifyCa && source.tls_ca_file.empty()) {
    return ConfigError("source.tls_ca_file",
                       "not set, but source.tls_mode verify_ca checks the server against it");
  }
  if (source.tls_cert_file.empty() != source.tls_key_file.empty()) {
    return ConfigError("source.tls_key_file",
                       "source.tls_cert_file and source.tls_key_file go together");
  }
  return Status::Ok();
}

Status ValidateStagingFiles(const staging::StagingFileOptions& files) {
  bool csv_codec = files.compression == staging::FileCompression::kAuto ||
                   files.compression == staging::FileCompression::kGzip ||
                   files.compression == staging::FileCompression::kNone;
  if (files.format == staging::FileFormat::kCsv && !csv_codec) {
    return ConfigError("staging.compression", "csv files are compressed with gzip or none");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateConfig(const Config& config) {
  RETURN_IF_ERROR(ValidateEachKey(config));
  RETURN_IF_ERROR(ValidateSource(config.source));
  RETURN_IF_ERROR(ValidateStagingFiles(config.staging.files));
  RETURN_IF_ERROR(ValidateS3Sizes(config.s3));
  return ValidateS3Credentials(config.s3.credentials);
}

Status RequireStoreUri(const StoreConfig& store, std::string_view key_path) {
  if (!store.uri.empty()) {
    return Status::Ok();
  }
  return InvalidArgumentError(fmt::format(
      "config: {}: not set (add it to the config file or pass --set {}=URI)", key_path, key_path));
}

}  // namespace binlake::config
