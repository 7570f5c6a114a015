#include "binlake/config/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binlake/config/fake_env_for_test.h"
#include "binlake/config/loader.h"
#include "testing/status_matchers.h"

namespace binlake::config {
namespace {

using ::binlake::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(RenderEffectiveConfigTest, RendersEveryKeyNestedBySection) {
  EXPECT_EQ(RenderEffectiveConfig(Config{}),
            "log:\n"
            "  level: info\n"
            "  format: text\n"
            "source:\n"
            "  host: \"127.0.0.1\"\n"
            "  port: 3306\n"
            "  user: \"\"\n"
            "  password: \"\"\n"
            "  tls_mode: preferred\n"
            "  tls_ca_file: \"\"\n"
            "  tls_cert_file: \"\"\n"
            "  tls_key_file: \"\"\n"
            "  connect_timeout: 10s\n"
            "  read_timeout: 10m\n"
            "  reconnect:\n"
            "    max_attempts: 10\n"
            "    initial_backoff: 500ms\n"
            "    max_backoff: 30s\n"
            "capture:\n"
            "  include: \"*.*\"\n"
            "  exclude: \"\"\n"
            "  unique_keys: \"\"\n"
            "  keyless_tables: refuse\n"
            "  accept_row_image: full\n"
            "full_load:\n"
            "  chunk_rows: 250000\n"
            "  parallelism: 2\n"
            "  snapshot: lock_free\n"
            "staging:\n"
            "  uri: \"\"\n"
            "  parquet_type_mapping: exact\n"
            "  zero_dates: set_null\n"
            "  format: parquet\n"
            "  compression: auto\n"
            "  date_partition: none\n"
            "  date_partition_delimiter: slash\n"
            "  include_op_for_full_load: false\n"
            "final:\n"
            "  uri: \"\"\n"
            "s3:\n"
            "  endpoint: \"\"\n"
            "  region: \"us-east-1\"\n"
            "  path_style: false\n"
            "  ca_file: \"\"\n"
            "  access_key_id: \"\"\n"
            "  secret_access_key: \"\"\n"
            "  session_token: \"\"\n"
            "  profile: \"default\"\n"
            "  multipart_threshold: 16MiB\n"
            "  part_size: 8MiB\n"
            "  connect_timeout: 5s\n"
            "  request_timeout: 1m\n"
            "  retry:\n"
            "    max_attempts: 8\n"
            "    initial_backoff: 50ms\n"
            "    max_backoff: 5s\n"
            "  verify_conditional_put: true\n");
}

TEST(RenderEffectiveConfigTest, RedactsSecrets) {
  Config config;
  config.s3.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI", "FwoGZXIvYXdzEJr"};
  std::string text = RenderEffectiveConfig(config);
  EXPECT_THAT(text, HasSubstr("access_key_id: \"AKIDEXAMPLE\"\n"));
  EXPECT_THAT(text, HasSubstr("secret_access_key: <redacted>\n"));
  EXPECT_THAT(text, HasSubstr("session_token: <redacted>\n"));
  EXPECT_THAT(text, Not(HasSubstr("wJalrXUtnFEMI")));
  EXPECT_THAT(text, Not(HasSubstr("FwoGZXIvYXdzEJr")));
}

TEST(RenderEffectiveConfigTest, LoadsBackToTheSameConfig) {
  Config config;
  config.log.level = io::LogLevel::kWarn;
  config.staging.uri = "file:///srv/lake \"quoted\"";
  config.s3.part_size_bytes = 12'345'678;
  config.s3.multipart_threshold_bytes = 1ull << 30;
  config.s3.retry.initial_backoff_ms = 1500;
  Config reloaded;
  ASSERT_THAT(MergeYaml(RenderEffectiveConfig(config), FakeEnv(), reloaded), IsOk());
  EXPECT_EQ(RenderEffectiveConfig(reloaded), RenderEffectiveConfig(config));
  EXPECT_EQ(reloaded.staging.uri, config.staging.uri);
}

}  // namespace
}  // namespace binlake::config
