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
            "staging:\n"
            "  uri: \"\"\n"
            "  parquet_type_mapping: exact\n"
            "  zero_dates: set_null\n"
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
