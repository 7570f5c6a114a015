#include "binlake/config/config_keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "binlake/config/value_text.h"
#include "binlake/store/store_uri.h"

namespace binlake::config {
namespace {

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kGiB = 1ull << 30;
constexpr int64_t kSecond = 1000;
constexpr int64_t kHour = 3600 * kSecond;

// ---- value rules shared by several keys ------------------------------------------------------

// "5MiB" -> "5 MiB", for prose.
std::string HumanByteSize(uint64_t bytes) {
  std::string text = FormatByteSize(bytes);
  size_t unit = text.find_first_not_of("0123456789");
  if (unit != std::string::npos) {
    text.insert(unit, " ");
  }
  return text;
}

struct ByteBound {
  uint64_t bytes;
  std::string_view what;  // "the S3 minimum part size"
};

template <typename E>
struct EnumName {
  std::string_view name;
  E value;
};

constexpr std::array<EnumName<io::LogLevel>, 5> kLogLevels = {{
    {"trace", io::LogLevel::kTrace},
    {"debug", io::LogLevel::kDebug},
    {"info", io::LogLevel::kInfo},
    {"warn", io::LogLevel::kWarn},
    {"error", io::LogLevel::kError},
}};

constexpr std::array<EnumName<LogFormat>, 2> kLogFormats = {{
    {"text", LogFormat::kText},
    {"json", LogFormat::kJson},
}};

constexpr std::array<EnumName<parquet::TypeMappingMode>, 2> kTypeMappingModes = {{
    {"exact", parquet::TypeMappingMode::kExact},
    {"dms", parquet::TypeMappingMode::kDms},
}};

constexpr std::array<EnumName<parquet::ZeroDatePolicy>, 2> kZeroDatePolicies = {{
    {"set_null", parquet::ZeroDatePolicy::kNull},
    {"error", parquet::ZeroDatePolicy::kError},
}};

constexpr std::array<EnumName<source::TlsMode>, 5> kTlsModes = {{
    {"disabled", source::TlsMode::kDisabled},
    {"preferred", source::TlsMode::kPreferred},
    {"required", source::TlsMode::kRequired},
    {"verify_ca", source::TlsMode::kVerifyCa},
    {"verify_identity", source::TlsMode::kVerifyIdentity},
}};

constexpr std::array<EnumName<capture::RowImage>, 3> kRowImages = {{
    {"full", capture::RowImage::kFull},
    {"noblob", capture::RowImage::kNoblob},
    {"minimal", capture::RowImage::kMinimal},
}};

constexpr std::array<EnumName<capture::KeylessPolicy>, 2> kKeylessPolicies = {{
    {"refuse", capture::KeylessPolicy::kRefuse},
    {"full_row", capture::KeylessPolicy::kFullRow},
}};

constexpr std::array<EnumName<capture::SnapshotMethod>, 2> kSnapshotMethods = {{
    {"lock_free", capture::SnapshotMethod::kLockFree},
    {"global_read_lock", capture::SnapshotMethod::kGlobalReadLock},
}};

constexpr std::array<EnumName<staging::FileFormat>, 2> kFileFormats = {{
    {"parquet", staging::FileFormat::kParquet},
    {"csv", staging::FileFormat::kCsv},
}};

constexpr std::array<EnumName<staging::FileCompression>, 5> kFileCompressions = {{
    {"auto", staging::FileCompression::kAuto},
    {"zstd", staging::FileCompression::kZstd},
    {"snappy", staging::FileCompression::kSnappy},
    {"gzip", staging::FileCompression::kGzip},
    {"none", staging::FileCompression::kNone},
}};

constexpr std::array<EnumName<staging::DatePartition>, 6> kDatePartitions = {{
    {"none", staging::DatePartition::kNone},
    {"yyyymmdd", staging::DatePartition::kYyyymmdd},
    {"yyyymmddhh", staging::DatePartition::kYyyymmddhh},
    {"yyyymm", staging::DatePartition::kYyyymm},
    {"mmyyyydd", staging::DatePartition::kMmyyyydd},
    {"ddmmyyyy", staging::DatePartition::kDdmmyyyy},
}};

constexpr std::array<EnumName<staging::DatePartitionDelimiter>, 4> kDatePartitionDelimiters = {{
    {"slash", staging::DatePartitionDelimiter::kSlash},
    {"dash", staging::DatePartitionDelimiter::kDash},
    {"underscore", staging::DatePartitionDelimiter::kUnderscore},
    {"none", staging::DatePartitionDelimiter::kNone},
}};

Status CheckNonEmpty(std::string_view text) {
  if (text.empty()) {
    return InvalidArgumentError("must not be empty");
  }
  return Status::Ok();
}

Status CheckStoreUriOrEmpty(std::string_view text) {
  if (text.empty()) {
    return Status::Ok();
  }
  return store::ParseStoreUri(text).status();
}

Status CheckEndpoint(std::string_view text) {
  if (text.empty() || text.starts_with("http://") || text.starts_with("https://")) {
    return Status::Ok();
  }
  return InvalidArgumentError(
      fmt::format("\"{}\" is not an http:// or https:// URL (leave it empty for AWS)", text));
}

// ---- key factories: one per value type -------------------------------------------------------
// `access` is a generic lambda `[](auto& c) -> auto& { return c.section.field; }`, so the same
// accessor serves the setter (Config&) and the getter (const Config&).

// The kinds of free-form text keys.
enum class TextKind { kString, kStoreUri, kSecret };

template <typename Access>
ConfigKey TextKey(TextKind kind, std::string path, std::string description, Access access,
                  Status (*check)(std::string_view)) {
  static constexpr std::string_view kTypeNames[] = {"string", "store URI", "string, secret"};
  ConfigKey key;
  key.path = std::move(path);
  key.type = kTypeNames[static_cast<size_t>(kind)];
  key.description = std::move(description);
  key.secret = kind == TextKind::kSecret;
  key.quoted = true;
  key.set = [access, check](Config& config, std::string_view text) -> Status {
    if (check != nullptr) {
      Status valid = check(text);
      if (!valid.ok()) {
        return valid;
      }
    }
    access(config) = std::string(text);
    return Status::Ok();
  };
  key.get = [access](const Config& config) { return std::string(access(config)); };
  return key;
}

template <typename Access>
ConfigKey StringKey(std::string path, std::string description, Access access,
                    Status (*check)(std::string_view) = nullptr) {
  return TextKey(TextKind::kString, std::move(path), std::move(description), access, check);
}

template <typename Access>
ConfigKey StoreUriKey(std::string path, std::string description, Access access) {
  return TextKey(TextKind::kStoreUri, std::move(path), std::move(description), access,
                 CheckStoreUriOrEmpty);
}

template <typename Access>
ConfigKey SecretKey(std::string path, std::string description, Access access) {
  return TextKey(TextKind::kSecret, std::move(path), std::move(description), access, nullptr);
}

template <typename Access>
ConfigKey BoolKey(std::string path, std::string description, Access access) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = "bool";
  key.description = std::move(description);
  key.set = [access](Config& config, std::string_view text) -> Status {
    Result<bool> value = ParseBool(text);
    if (!value.ok()) {
      return value.status();
    }
    access(config) = *value;
    return Status::Ok();
  };
  key.get = [access](const Config& config) -> std::string {
    return access(config) ? "true" : "false";
  };
  return key;
}

template <typename Access>
ConfigKey IntegerKey(std::string path, std::string description, Access access, int64_t min,
                     int64_t max) {
  using Field = std::remove_cvref_t<decltype(access(std::declval<Config&>()))>;
  ConfigKey key;
  key.path = std::move(path);
  key.type = fmt::format("integer ({}..{})", min, max);
  key.description = std::move(description);
  key.set = [access, min, max](Config& config, std::string_view text) -> Status {
    Result<int64_t> value = ParseInteger(text);
    if (!value.ok()) {
      return value.status();
    }
    if (*value < min || *value > max) {
      return InvalidArgumentError(
          fmt::format("\"{}\" is outside the range {}..{}", text, min, max));
    }
    access(config) = static_cast<Field>(*value);
    return Status::Ok();
  };
  key.get = [access](const Config& config) { return fmt::format("{}", access(config)); };
  return key;
}

template <typename Access>
ConfigKey ByteSizeKey(std::string path, std::string description, Access access, ByteBound min,
                      ByteBound max) {
  ConfigKey key;
  key.path = std::move(path);
  key.type =
      fmt::format("byte size ({}..{})", FormatByteSize(min.bytes), FormatByteSize(max.bytes));
  key.description = std::move(description);
  key.set = [access, min, max](Config& config, std::string_view text) -> Status {
    Result<uint64_t> value = ParseByteSize(text);
    if (!value.ok()) {
      return value.status();
    }
    if (*value < min.bytes) {
      return InvalidArgumentError(
          fmt::format("\"{}\" is below {} of {}", text, min.what, HumanByteSize(min.bytes)));
    }
    if (*value > max.bytes) {
      return InvalidArgumentError(
          fmt::format("\"{}\" is above {} of {}", text, max.what, HumanByteSize(max.bytes)));
    }
    access(config) = *value;
    return Status::Ok();
  };
  key.get = [access](const Config& config) { return FormatByteSize(access(config)); };
  return key;
}

template <typename Access>
ConfigKey DurationKey(std::string path, std::string description, Access access, int64_t min_millis,
                      int64_t max_millis) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = fmt::format("duration ({}..{})", FormatDurationMillis(min_millis),
                         FormatDurationMillis(max_millis));
  key.description = std::move(description);
  key.set = [access, min_millis, max_millis](Config& config, std::string_view text) -> Status {
    Result<int64_t> value = ParseDurationMillis(text);
    if (!value.ok()) {
      return value.status();
    }
    if (*value < min_millis || *value > max_millis) {
      return InvalidArgumentError(fmt::format("\"{}\" is outside the range {}..{}", text,
                                              FormatDurationMillis(min_millis),
                                              FormatDurationMillis(max_millis)));
    }
    access(config) = *value;
    return Status::Ok();
  };
  key.get = [access](const Config& config) { return FormatDurationMillis(access(config)); };
  return key;
}

template <typename E, size_t N>
std::string JoinNames(const std::array<EnumName<E>, N>& names) {
  std::string joined;
  for (const auto& entry : names) {
    joined += joined.empty() ? "" : ", ";
    joined += entry.name;
  }
  return joined;
}

template <typename E, size_t N, typename Access>
ConfigKey EnumKey(std::string path, std::string description, Access access,
                  const std::array<EnumName<E>, N>& names) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = "enum: " + JoinNames(names);
  key.description = std::move(description);
  key.set = [access, &names](Config& config, std::string_view text) -> Status {
    for (const auto& entry : names) {
      if (entry.name == text) {
        access(config) = entry.value;
        return Status::Ok();
      }
    }
    return InvalidArgumentError(fmt::format("\"{}\" is not one of {}", text, JoinNames(names)));
  };
  key.get = [access, &names](const Config& config) -> std::string {
    for (const auto& entry : names) {
      if (entry.value == access(config)) {
        return std::string(entry.name);
      }
    }
    return "?";
  };
  return key;
}

// ---- the sections ----------------------------------------------------------------------------
// One function per section; AllKeys lists them. Adding a section is one line there plus its
// function here (and its struct in config.h).

void AddLogKeys(std::vector<ConfigKey>& keys) {
  keys.push_back(EnumKey(
      "log.level", "Least severe level written to the log.",
      [](auto& c) -> auto& { return c.log.level; }, kLogLevels));
  keys.push_back(EnumKey(
      "log.format", "Log line format: human-readable text, or one JSON object per line.",
      [](auto& c) -> auto& { return c.log.format; }, kLogFormats));
}

void AddStoreKeys(std::vector<ConfigKey>& keys) {
  keys.push_back(StoreUriKey(
      "staging.uri",
      "Staging store for raw change files: file:///dir or s3://bucket/prefix. Empty: not "
      "configured (commands that need it say so).",
      [](auto& c) -> auto& { return c.staging.uri; }));
  keys.push_back(EnumKey(
      "staging.parquet_type_mapping",
      "How change files type MySQL columns: exact (never lossy) or the types AWS DMS writes "
      "(docs/formats/types.md).",
      [](auto& c) -> auto& { return c.staging.files.parquet_types.mode; }, kTypeMappingModes));
  keys.push_back(EnumKey(
      "staging.zero_dates",
      "What a zero, partial-zero or invalid date (0000-00-00, 2024-00-15) becomes: set_null "
      "(stored as NULL and counted) or error (the write stops, naming the column).",
      [](auto& c) -> auto& { return c.staging.files.parquet_types.zero_dates; },
      kZeroDatePolicies));
  keys.push_back(EnumKey(
      "staging.format", "Change file format: parquet, or csv (RFC 4180, as AWS DMS writes it).",
      [](auto& c) -> auto& { return c.staging.files.format; }, kFileFormats));
  keys.push_back(EnumKey(
      "staging.compression",
      "Compression of change files: auto (zstd for parquet, none for csv), zstd, snappy, gzip "
      "or none for parquet; gzip or none for csv.",
      [](auto& c) -> auto& { return c.staging.files.compression; }, kFileCompressions));
  keys.push_back(EnumKey(
      "staging.date_partition",
      "Date folders (UTC) for change files, as DMS DatePartitionSequence; none: directly in the "
      "table folder.",
      [](auto& c) -> auto& { return c.staging.files.date_partition; }, kDatePartitions));
  keys.push_back(EnumKey(
      "staging.date_partition_delimiter",
      "Separator between the parts of a date folder, as DMS DatePartitionDelimiter.",
      [](auto& c) -> auto& { return c.staging.files.date_partition_delimiter; },
      kDatePartitionDelimiters));
  keys.push_back(BoolKey(
      "staging.include_op_for_full_load",
      "Give full-load (LOAD) files the Op column too, always I, as DMS IncludeOpForFullLoad.",
      [](auto& c) -> auto& { return c.staging.files.include_op_for_full_load; }));
  keys.push_back(StoreUriKey(
      "final.uri",
      "Final store for the Iceberg tables: file:///dir or s3://bucket/prefix. Empty: not "
      "configured (commands that need it say so).",
      [](auto& c) -> auto& { return c.final.uri; }));
}

void AddS3Keys(std::vector<ConfigKey>& keys) {
  keys.push_back(StringKey(
      "s3.endpoint",
      "S3 endpoint URL, e.g. http://127.0.0.1:9000. Empty: AWS "
      "(https://s3.<region>.amazonaws.com).",
      [](auto& c) -> auto& { return c.s3.endpoint; }, CheckEndpoint));
  keys.push_back(StringKey(
      "s3.region", "Region used in request signatures (SigV4).",
      [](auto& c) -> auto& { return c.s3.region; }, CheckNonEmpty));
  keys.push_back(BoolKey(
      "s3.path_style",
      "Path-style URLs (endpoint/bucket/key), which most S3-compatible servers "
      "need; false: virtual-hosted (bucket.endpoint/key).",
      [](auto& c) -> auto& { return c.s3.path_style; }));
  keys.push_back(StringKey(
      "s3.ca_file",
      "PEM file of the CA certificates trusted for an https endpoint (a private CA). Empty: the "
      "system's CA store.",
      [](auto& c) -> auto& { return c.s3.ca_file; }));
  keys.push_back(StringKey(
      "s3.access_key_id",
      "Access key id. Empty: from AWS_ACCESS_KEY_ID, then ~/.aws/credentials (s3.profile).",
      [](auto& c) -> auto& { return c.s3.credentials.access_key_id; }));
  keys.push_back(SecretKey(
      "s3.secret_access_key", "Secret access key; set with s3.access_key_id. Never printed.",
      [](auto& c) -> auto& { return c.s3.credentials.secret_access_key; }));
  keys.push_back(SecretKey(
      "s3.session_token", "Session token of temporary credentials (optional). Never printed.",
      [](auto& c) -> auto& { return c.s3.credentials.session_token; }));
  keys.push_back(StringKey(
      "s3.profile", "Profile read from ~/.aws/credentials when no keys are given.",
      [](auto& c) -> auto& { return c.s3.profile; }));
  keys.push_back(ByteSizeKey(
      "s3.multipart_threshold",
      "Objects larger than this are uploaded in parts; must be at least s3.part_size.",
      [](auto& c) -> auto& { return c.s3.multipart_threshold_bytes; },
      {5 * kMiB, "the S3 minimum part size"}, {5 * kGiB, "the S3 maximum single PUT size"}));
  keys.push_back(ByteSizeKey("s3.part_size", "Size of each part of a multipart upload.",
                             [](auto& c) -> auto& { return c.s3.part_size_bytes; },
                             {5 * kMiB, "the S3 minimum part size"},
                             {5 * kGiB, "the S3 maximum part size"}));
  keys.push_back(DurationKey(
      "s3.connect_timeout", "Time allowed to open a connection.",
      [](auto& c) -> auto& { return c.s3.connect_timeout_ms; }, 1, int64_t{10} * 60 * kSecond));
  keys.push_back(DurationKey(
      "s3.request_timeout", "Time allowed for one whole request (per attempt).",
      [](auto& c) -> auto& { return c.s3.request_timeout_ms; }, 1, 24 * kHour));
  keys.push_back(IntegerKey(
      "s3.retry.max_attempts", "Tries per request, including the first, for retryable errors.",
      [](auto& c) -> auto& { return c.s3.retry.max_attempts; }, 1, 100));
  keys.push_back(DurationKey(
      "s3.retry.initial_backoff",
      "First delay between tries; doubles each retry, with full jitter.",
      [](auto& c) -> auto& { return c.s3.retry.initial_backoff_ms; }, 1, kHour));
  keys.push_back(DurationKey(
      "s3.retry.max_backoff", "Cap on one delay between tries; at least s3.retry.initial_backoff.",
      [](auto& c) -> auto& { return c.s3.retry.max_backoff_ms; }, 1, kHour));
  keys.push_back(BoolKey(
      "s3.verify_conditional_put",
      "Check at open that the server honours If-None-Match on PUT, which "
      "atomic put-if-absent needs; a store failing the check does not open.",
      [](auto& c) -> auto& { return c.s3.verify_conditional_put; }));
}

void AddSourceKeys(std::vector<ConfigKey>& keys) {
  keys.push_back(StringKey(
      "source.host", "Host name or IP address of the source MySQL/MariaDB server.",
      [](auto& c) -> auto& { return c.source.host; }, CheckNonEmpty));
  keys.push_back(IntegerKey(
      "source.port", "TCP port of the source server.",
      [](auto& c) -> auto& { return c.source.port; }, 1, 65535));
  keys.push_back(StringKey(
      "source.user", "User binlake logs in as (privileges: docs/capture.md).",
      [](auto& c) -> auto& { return c.source.user; }));
  keys.push_back(SecretKey(
      "source.password", "Password of source.user. Never printed.",
      [](auto& c) -> auto& { return c.source.password; }));
  keys.push_back(EnumKey(
      "source.tls_mode",
      "TLS to the source: disabled, preferred (when offered, unchecked), required (unchecked), "
      "verify_ca (chain to source.tls_ca_file) or verify_identity (also the host name).",
      [](auto& c) -> auto& { return c.source.tls_mode; }, kTlsModes));
  keys.push_back(StringKey(
      "source.tls_ca_file", "PEM file of the CA certificates the verify modes trust.",
      [](auto& c) -> auto& { return c.source.tls_ca_file; }));
  keys.push_back(StringKey(
      "source.tls_cert_file", "PEM client certificate, for servers that require one (optional).",
      [](auto& c) -> auto& { return c.source.tls_cert_file; }));
  keys.push_back(StringKey(
      "source.tls_key_file", "PEM private key of source.tls_cert_file.",
      [](auto& c) -> auto& { return c.source.tls_key_file; }));
  keys.push_back(DurationKey(
      "source.connect_timeout", "Time allowed to open a connection and log in.",
      [](auto& c) -> auto& { return c.source.connect_timeout_ms; }, 1, int64_t{10} * 60 * kSecond));
  keys.push_back(DurationKey(
      "source.read_timeout",
      "Longest wait for one network read or write before the connection counts as lost.",
      [](auto& c) -> auto& { return c.source.read_timeout_ms; }, 1, 24 * kHour));
  keys.push_back(IntegerKey(
      "source.reconnect.max_attempts",
      "Connection attempts after a retryable failure before capture stops.",
      [](auto& c) -> auto& { return c.source.reconnect_max_attempts; }, 1, 1000));
  keys.push_back(DurationKey(
      "source.reconnect.initial_backoff",
      "First delay between connection attempts; doubles each attempt, with full jitter.",
      [](auto& c) -> auto& { return c.source.reconnect_initial_backoff_ms; }, 1, kHour));
  keys.push_back(DurationKey(
      "source.reconnect.max_backoff",
      "Cap on one delay between connection attempts; at least source.reconnect.initial_backoff.",
      [](auto& c) -> auto& { return c.source.reconnect_max_backoff_ms; }, 1, kHour));
}

void AddCaptureKeys(std::vector<ConfigKey>& keys) {
  keys.push_back(StringKey(
      "capture.include",
      "Comma-separated schema.table glob patterns (* and ?) of the tables to capture.",
      [](auto& c) -> auto& { return c.capture.include; }, CheckNonEmpty));
  keys.push_back(StringKey(
      "capture.exclude",
      "Comma-separated schema.table glob patterns of tables to leave out, even when included.",
      [](auto& c) -> auto& { return c.capture.exclude; }));
  keys.push_back(StringKey(
      "capture.unique_keys",
      "Keys for tables without a primary key: schema.table=col1,col2;schema.other=col.",
      [](auto& c) -> auto& { return c.capture.unique_keys; }));
  keys.push_back(EnumKey(
      "capture.keyless_tables",
      "A selected table with no primary key and no unique key given: refuse to start, or "
      "full_row (rows identified by all their columns; docs/capture.md).",
      [](auto& c) -> auto& { return c.capture.keyless_tables; }, kKeylessPolicies));
  keys.push_back(EnumKey(
      "capture.accept_row_image",
      "Least complete binlog_row_image accepted: full (required by default), noblob or minimal "
      "(docs/capture.md says what changes).",
      [](auto& c) -> auto& { return c.capture.accept_row_image; }, kRowImages));
  keys.push_back(IntegerKey(
      "full_load.chunk_rows", "Rows per full-load chunk: one snapshot read, one LOAD file.",
      [](auto& c) -> auto& { return c.full_load.chunk_rows; }, 1, int64_t{1} << 40));
  keys.push_back(IntegerKey(
      "full_load.parallelism", "Chunks read at once, each on its own source connection.",
      [](auto& c) -> auto& { return c.full_load.parallelism; }, 1, 64));
  keys.push_back(EnumKey(
      "full_load.snapshot",
      "How chunks get a consistent snapshot and its binlog position: lock_free (MariaDB reports "
      "it; no lock) or global_read_lock (a brief FLUSH TABLES WITH READ LOCK per reader, needs "
      "RELOAD; for MySQL).",
      [](auto& c) -> auto& { return c.full_load.snapshot; }, kSnapshotMethods));
}

std::vector<ConfigKey> AllKeys() {
  std::vector<ConfigKey> keys;
  AddLogKeys(keys);
  AddSourceKeys(keys);
  AddCaptureKeys(keys);
  AddStoreKeys(keys);
  AddS3Keys(keys);
  return keys;
}

// Levenshtein distance, for "did you mean".
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '$') {
      out += "$$";  // read back literally, not as an ${ENV} reference
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace

std::span<const ConfigKey> AllConfigKeys() {
  static const std::vector<ConfigKey> keys = AllKeys();
  return keys;
}

const ConfigKey* FindConfigKey(std::string_view path) {
  for (const ConfigKey& key : AllConfigKeys()) {
    if (key.path == path) {
      return &key;
    }
  }
  return nullptr;
}

bool IsConfigSection(std::string_view path) {
  return std::any_of(AllConfigKeys().begin(), AllConfigKeys().end(), [path](const ConfigKey& key) {
    return key.path.size() > path.size() && key.path.starts_with(path) &&
           key.path[path.size()] == '.';
  });
}

std::vector<std::string> ChildNames(std::string_view section) {
  std::vector<std::string> names;
  for (const ConfigKey& key : AllConfigKeys()) {
    std::string_view rest = key.path;
    if (!section.empty()) {
      if (!rest.starts_with(section) || rest.size() <= section.size() ||
          rest[section.size()] != '.') {
        continue;
      }
      rest.remove_prefix(section.size() + 1);
    }
    std::string name(rest.substr(0, rest.find('.')));
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

std::string DisplayValue(const ConfigKey& key, const Config& config) {
  std::string value = key.get(config);
  if (key.secret && !value.empty()) {
    return "<redacted>";
  }
  return key.quoted ? Quote(value) : value;
}

Status ConfigError(std::string_view path, std::string_view reason) {
  if (path.empty()) {
    return InvalidArgumentError(fmt::format("config: {}", reason));
  }
  return InvalidArgumentError(fmt::format("config: {}: {}", path, reason));
}

Status SetConfigValue(Config& config, const ConfigKey& key, std::string_view text) {
  Status status = key.set(config, text);
  if (status.ok()) {
    return status;
  }
  if (key.secret) {
    return ConfigError(key.path, "invalid value (not shown: the key is a secret)");
  }
  return ConfigError(key.path, status.message());
}

Status UnknownKeyError(std::string_view path, std::string_view name,
                       const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const std::string& candidate : candidates) {
    size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  for (const std::string& candidate : candidates) {
    if (best_distance > 2 && candidate.size() >= 3 && name.starts_with(candidate)) {
      best = &candidate;  // "logging" for "log"
      best_distance = 0;
    }
  }
  if (best != nullptr && best_distance <= std::max<size_t>(2, best->size() / 3)) {
    return ConfigError(path, fmt::format("unknown key (did you mean {}?)", *best));
  }
  return ConfigError(path,
                     fmt::format("unknown key (expected one of: {})", fmt::join(candidates, ", ")));
}

Status ApplyOverride(Config& config, std::string_view key_path, std::string_view value) {
  if (const ConfigKey* key = FindConfigKey(key_path); key != nullptr) {
    return SetConfigValue(config, *key, value);
  }
  if (IsConfigSection(key_path)) {
    return ConfigError(key_path, fmt::format("is a section, not a key (its keys: {})",
                                             fmt::join(ChildNames(key_path), ", ")));
  }
  std::vector<std::string> paths;
  for (const ConfigKey& key : AllConfigKeys()) {
    paths.push_back(key.path);
  }
  return UnknownKeyError(key_path, key_path, paths);
}

}  // namespace binlake::config
