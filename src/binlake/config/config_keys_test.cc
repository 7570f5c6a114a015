#include "binlake/config/config_keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "binlake/config/validate.h"
#include "testing/status_matchers.h"

namespace binlake::config {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ConfigKeysTest, PathsAreUniqueAndEveryKeyIsComplete) {
  std::set<std::string> paths;
  for (const ConfigKey& key : AllConfigKeys()) {
    EXPECT_TRUE(paths.insert(key.path).second) << key.path;
    EXPECT_FALSE(key.type.empty()) << key.path;
    EXPECT_FALSE(key.description.empty()) << key.path;
    EXPECT_TRUE(key.set && key.get) << key.path;
  }
  EXPECT_EQ(paths.size(), 48u);
}

TEST(ConfigKeysTest, StagingParquetTypeMappingAndZeroDates) {
  Config config;
  EXPECT_EQ(config.staging.files.parquet_types.mode, parquet::TypeMappingMode::kExact);
  ASSERT_OK(ApplyOverride(config, "staging.parquet_type_mapping", "dms"));
  EXPECT_EQ(config.staging.files.parquet_types.mode, parquet::TypeMappingMode::kDms);
  ASSERT_OK(ApplyOverride(config, "staging.zero_dates", "error"));
  EXPECT_EQ(config.staging.files.parquet_types.zero_dates, parquet::ZeroDatePolicy::kError);
  EXPECT_THAT(ApplyOverride(config, "staging.zero_dates", "null"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("not one of set_null, error")));
}

TEST(ConfigKeysTest, EveryDefaultIsAcceptedBackAndValid) {
  Config defaults;
  for (const ConfigKey& key : AllConfigKeys()) {
    Config scratch;
    EXPECT_THAT(SetConfigValue(scratch, key, key.get(defaults)), IsOk()) << key.path;
  }
  EXPECT_THAT(ValidateConfig(defaults), IsOk());
}

TEST(ConfigKeysTest, OnlyThePasswordAndCredentialSecretsAreSecret) {
  std::vector<std::string> secrets;
  for (const ConfigKey& key : AllConfigKeys()) {
    if (key.secret) {
      secrets.push_back(key.path);
    }
  }
  EXPECT_THAT(secrets, ElementsAre("source.password", "s3.secret_access_key", "s3.session_token"));
}

TEST(ConfigKeysTest, SectionsAndChildNames) {
  EXPECT_TRUE(IsConfigSection("s3"));
  EXPECT_TRUE(IsConfigSection("s3.retry"));
  EXPECT_FALSE(IsConfigSection("s3.region"));
  EXPECT_FALSE(IsConfigSection("s"));
  EXPECT_THAT(ChildNames(""),
              ElementsAre("log", "source", "capture", "full_load", "staging", "final", "s3"));
  EXPECT_THAT(ChildNames("source.reconnect"),
              ElementsAre("max_attempts", "initial_backoff", "max_backoff"));
  EXPECT_THAT(ChildNames("s3.retry"),
              ElementsAre("max_attempts", "initial_backoff", "max_backoff"));
}

TEST(ApplyOverrideTest, SetsEveryKindOfValue) {
  Config config;
  ASSERT_THAT(ApplyOverride(config, "log.level", "trace"), IsOk());
  ASSERT_THAT(ApplyOverride(config, "staging.uri", "file:///tmp/x"), IsOk());
  ASSERT_THAT(ApplyOverride(config, "s3.path_style", "true"), IsOk());
  ASSERT_THAT(ApplyOverride(config, "s3.part_size", "6MiB"), IsOk());
  ASSERT_THAT(ApplyOverride(config, "s3.request_timeout", "90s"), IsOk());
  ASSERT_THAT(ApplyOverride(config, "s3.retry.max_attempts", "2"), IsOk());
  EXPECT_EQ(config.log.level, io::LogLevel::kTrace);
  EXPECT_EQ(config.staging.uri, "file:///tmp/x");
  EXPECT_TRUE(config.s3.path_style);
  EXPECT_EQ(config.s3.part_size_bytes, 6u << 20);
  EXPECT_EQ(config.s3.request_timeout_ms, 90'000);
  EXPECT_EQ(config.s3.retry.max_attempts, 2);
}

TEST(ApplyOverrideTest, RefusesUnknownKeysSectionsAndBadValues) {
  Config config;
  EXPECT_THAT(ApplyOverride(config, "s3.regoin", "x"),
              StatusIs(StatusCode::kInvalidArgument,
                       "config: s3.regoin: unknown key (did you mean s3.region?)"));
  EXPECT_THAT(ApplyOverride(config, "s3.retry", "3"),
              StatusIs(StatusCode::kInvalidArgument,
                       "config: s3.retry: is a section, not a key (its keys: max_attempts, "
                       "initial_backoff, max_backoff)"));
  EXPECT_THAT(ApplyOverride(config, "log.level", "loud"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("config: log.level: \"loud\"")));
  EXPECT_EQ(config.log.level, io::LogLevel::kInfo);  // unchanged by the failed override
}

TEST(DisplayValueTest, RedactsSetSecretsAndQuotesStrings) {
  Config config;
  config.s3.credentials.secret_access_key = "hunter2";
  const ConfigKey* secret = FindConfigKey("s3.secret_access_key");
  const ConfigKey* token = FindConfigKey("s3.session_token");
  const ConfigKey* region = FindConfigKey("s3.region");
  const ConfigKey* size = FindConfigKey("s3.part_size");
  ASSERT_TRUE(secret && token && region && size);
  EXPECT_EQ(DisplayValue(*secret, config), "<redacted>");
  EXPECT_EQ(DisplayValue(*token, config), "\"\"");
  EXPECT_EQ(DisplayValue(*region, config), "\"us-east-1\"");
  EXPECT_EQ(DisplayValue(*size, config), "8MiB");
}

TEST(ValidateConfigTest, HoldsValuesSetInCodeToTheSameRules) {
  Config config;
  config.s3.part_size_bytes = 1024;
  EXPECT_THAT(ValidateConfig(config),
              StatusIs(StatusCode::kInvalidArgument,
                       "config: s3.part_size: \"1KiB\" is below the S3 minimum part size of "
                       "5 MiB"));
}

TEST(ValidateConfigTest, SourceAndStagingRulesAcrossKeys) {
  Config backoff;
  backoff.source.reconnect_max_backoff_ms = 100;
  EXPECT_THAT(ValidateConfig(backoff),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("source.reconnect.max_backoff: 100ms is below")));
  Config verify;
  verify.source.tls_mode = source::TlsMode::kVerifyCa;
  EXPECT_THAT(ValidateConfig(verify),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("source.tls_ca_file: not set")));
  Config half_pair;
  half_pair.source.tls_cert_file = "/etc/binlake/client.pem";
  EXPECT_THAT(ValidateConfig(half_pair),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("go together")));
  Config csv;
  csv.staging.files.format = staging::FileFormat::kCsv;
  EXPECT_THAT(ValidateConfig(csv), IsOk());  // auto: none for CSV
  csv.staging.files.compression = staging::FileCompression::kZstd;
  EXPECT_THAT(ValidateConfig(csv), StatusIs(StatusCode::kInvalidArgument,
                                            HasSubstr("csv files are compressed with gzip")));
  csv.staging.files.compression = staging::FileCompression::kGzip;
  EXPECT_THAT(ValidateConfig(csv), IsOk());
}

TEST(RequireStoreUriTest, NamesTheMissingKey) {
  Config config;
  EXPECT_THAT(RequireStoreUri(config.staging, "staging.uri"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("config: staging.uri: not set")));
  config.staging.uri = "file:///tmp";
  EXPECT_THAT(RequireStoreUri(config.staging, "staging.uri"), IsOk());
}

TEST(UnknownKeyErrorTest, OmitsFarFetchedSuggestions) {
  EXPECT_THAT(UnknownKeyError("zzz", "zzz", {"log", "s3"}),
              StatusIs(StatusCode::kInvalidArgument,
                       "config: zzz: unknown key (expected one of: log, s3)"));
  EXPECT_THAT(UnknownKeyError("a.tmeout", "tmeout", {"timeout"}),
              StatusIs(StatusCode::kInvalidArgument, Not(HasSubstr("expected one of"))));
}

}  // namespace
}  // namespace binlake::config
