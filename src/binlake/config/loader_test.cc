#include "binlake/config/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "binlake/config/fake_env_for_test.h"
#include "testing/status_matchers.h"

namespace binlake::config {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

Result<Config> Load(std::string_view yaml, EnvLookup env = FakeEnv(),
                    std::vector<ConfigOverride> overrides = {}) {
  return LoadConfig(yaml, env, overrides);
}

// The message of the error `yaml` produces (which must be InvalidArgument).
std::string ErrorOf(std::string_view yaml, EnvLookup env = FakeEnv()) {
  Result<Config> config = Load(yaml, std::move(env));
  EXPECT_THAT(config, StatusIs(StatusCode::kInvalidArgument));
  return config.status().message();
}

TEST(LoadConfigTest, EmptyTextGivesTheDefaults) {
  for (std::string_view text : {"", "\n", "# only a comment\n", "---\n"}) {
    ASSERT_OK_AND_ASSIGN(Config config, Load(text));
    EXPECT_EQ(config.log.level, io::LogLevel::kInfo);
    EXPECT_EQ(config.log.format, LogFormat::kText);
    EXPECT_EQ(config.staging.uri, "");
    EXPECT_EQ(config.final.uri, "");
    EXPECT_EQ(config.s3.region, "us-east-1");
    EXPECT_EQ(config.s3.part_size_bytes, 8u << 20);
    EXPECT_EQ(config.s3.multipart_threshold_bytes, 16u << 20);
    EXPECT_EQ(config.s3.retry.max_attempts, 8);
    EXPECT_TRUE(config.s3.verify_conditional_put);
  }
}

TEST(LoadConfigTest, LoadsEveryKey) {
  ASSERT_OK_AND_ASSIGN(Config config, Load(R"(
log:
  level: debug
  format: json
staging:
  uri: file:///var/lib/binlake/staging
final:
  uri: s3://lake-bucket/tables
s3:
  endpoint: http://127.0.0.1:9000
  region: eu-west-1
  path_style: true
  ca_file: /etc/binlake/private-ca.pem
  access_key_id: AKID
  secret_access_key: SECRET
  session_token: TOKEN
  profile: ci
  multipart_threshold: 64MiB
  part_size: 8 MB
  connect_timeout: 250ms
  request_timeout: 2m
  retry:
    max_attempts: 3
    initial_backoff: 10ms
    max_backoff: 1s
  verify_conditional_put: false
)"));
  EXPECT_EQ(config.log.level, io::LogLevel::kDebug);
  EXPECT_EQ(config.log.format, LogFormat::kJson);
  EXPECT_EQ(config.staging.uri, "file:///var/lib/binlake/staging");
  EXPECT_EQ(config.final.uri, "s3://lake-bucket/tables");
  EXPECT_EQ(config.s3.endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(config.s3.region, "eu-west-1");
  EXPECT_TRUE(config.s3.path_style);
  EXPECT_EQ(config.s3.ca_file, "/etc/binlake/private-ca.pem");
  EXPECT_EQ(config.s3.credentials.access_key_id, "AKID");
  EXPECT_EQ(config.s3.credentials.secret_access_key, "SECRET");
  EXPECT_EQ(config.s3.credentials.session_token, "TOKEN");
  EXPECT_EQ(config.s3.profile, "ci");
  EXPECT_EQ(config.s3.multipart_threshold_bytes, 64u << 20);
  EXPECT_EQ(config.s3.part_size_bytes, 8'000'000u);
  EXPECT_EQ(config.s3.connect_timeout_ms, 250);
  EXPECT_EQ(config.s3.request_timeout_ms, 120'000);
  EXPECT_EQ(config.s3.retry.max_attempts, 3);
  EXPECT_EQ(config.s3.retry.initial_backoff_ms, 10);
  EXPECT_EQ(config.s3.retry.max_backoff_ms, 1000);
  EXPECT_FALSE(config.s3.verify_conditional_put);
}

TEST(LoadConfigTest, KeysAbsentFromTheFileKeepTheirDefaults) {
  ASSERT_OK_AND_ASSIGN(Config config, Load("s3:\n  region: ap-south-1\nlog:\n"));
  EXPECT_EQ(config.s3.region, "ap-south-1");
  EXPECT_EQ(config.s3.part_size_bytes, 8u << 20);
  EXPECT_EQ(config.log.level, io::LogLevel::kInfo);
}

TEST(LoadConfigTest, UnknownKeysNameThePathAndSuggest) {
  EXPECT_EQ(ErrorOf("s3:\n  retry:\n    max_atempts: 3\n"),
            "config: s3.retry.max_atempts: unknown key (did you mean max_attempts?)");
  EXPECT_EQ(ErrorOf("s3:\n  regoin: x\n"), "config: s3.regoin: unknown key (did you mean region?)");
  EXPECT_EQ(ErrorOf("loggin:\n  level: info\n"), "config: loggin: unknown key (did you mean log?)");
  EXPECT_EQ(ErrorOf("log:\n  colour: blue\n"),
            "config: log.colour: unknown key (expected one of: level, format)");
}

TEST(LoadConfigTest, BadValuesNameThePathAndTheReason) {
  EXPECT_EQ(ErrorOf("log:\n  level: verbose\n"),
            "config: log.level: \"verbose\" is not one of trace, debug, info, warn, error");
  EXPECT_EQ(ErrorOf("log:\n  format: xml\n"),
            "config: log.format: \"xml\" is not one of text, json");
  EXPECT_EQ(ErrorOf("s3:\n  part_size: 3MiB\n"),
            "config: s3.part_size: \"3MiB\" is below the S3 minimum part size of 5 MiB");
  EXPECT_EQ(ErrorOf("s3:\n  part_size: 6GiB\n  multipart_threshold: 5GiB\n"),
            "config: s3.part_size: \"6GiB\" is above the S3 maximum part size of 5 GiB");
  EXPECT_EQ(ErrorOf("s3:\n  multipart_threshold: 1MiB\n"),
            "config: s3.multipart_threshold: \"1MiB\" is below the S3 minimum part size of 5 MiB");
  EXPECT_EQ(ErrorOf("s3:\n  region: ''\n"), "config: s3.region: must not be empty");
  EXPECT_THAT(ErrorOf("s3:\n  path_style: sometimes\n"),
              StartsWith("config: s3.path_style: \"sometimes\" is not a boolean"));
  EXPECT_EQ(ErrorOf("s3:\n  retry:\n    max_attempts: 0\n"),
            "config: s3.retry.max_attempts: \"0\" is outside the range 1..100");
  EXPECT_THAT(ErrorOf("s3:\n  retry:\n    max_attempts: many\n"),
              StartsWith("config: s3.retry.max_attempts: \"many\" is not an integer"));
  EXPECT_THAT(ErrorOf("s3:\n  connect_timeout: 5\n"),
              StartsWith("config: s3.connect_timeout: \"5\" needs one of the units ms, s, m, h"));
  EXPECT_EQ(ErrorOf("s3:\n  request_timeout: 0ms\n"),
            "config: s3.request_timeout: \"0ms\" is outside the range 1ms..24h");
  EXPECT_THAT(ErrorOf("s3:\n  endpoint: minio:9000\n"),
              StartsWith("config: s3.endpoint: \"minio:9000\" is not an http:// or https:// URL"));
  EXPECT_THAT(ErrorOf("staging:\n  uri: gs://bucket\n"),
              StartsWith("config: staging.uri: store URI \"gs://bucket\": unknown scheme"));
  EXPECT_THAT(ErrorOf("final:\n  uri: file://relative\n"),
              StartsWith("config: final.uri: store URI \"file://relative\""));
}

TEST(LoadConfigTest, RulesAcrossKeys) {
  EXPECT_EQ(ErrorOf("s3:\n  part_size: 32MiB\n"),
            "config: s3.multipart_threshold: 16MiB is below s3.part_size (32MiB); it must be at "
            "least one part");
  EXPECT_EQ(ErrorOf("s3:\n  retry:\n    initial_backoff: 2s\n    max_backoff: 1s\n"),
            "config: s3.retry.max_backoff: 1s is below s3.retry.initial_backoff (2s)");
  EXPECT_EQ(ErrorOf("s3:\n  access_key_id: AKID\n"),
            "config: s3.secret_access_key: not set, but s3.access_key_id is");
  EXPECT_EQ(ErrorOf("s3:\n  secret_access_key: hunter2\n"),
            "config: s3.access_key_id: not set, but s3.secret_access_key is");
  EXPECT_EQ(ErrorOf("s3:\n  session_token: tok\n"),
            "config: s3.session_token: set without s3.access_key_id and s3.secret_access_key");
}

TEST(LoadConfigTest, WrongYamlShapes) {
  EXPECT_EQ(ErrorOf("log:\n  level:\n    a: b\n"),
            "config: log.level: expected a single value (enum: trace, debug, info, warn, "
            "error), got a mapping");
  EXPECT_EQ(ErrorOf("s3:\n  region: [a, b]\n"),
            "config: s3.region: expected a single value (string), got a list");
  EXPECT_EQ(ErrorOf("s3: fast\n"),
            "config: s3: expected a mapping of keys (endpoint, region, path_style, ca_file, "
            "access_key_id, secret_access_key, session_token, profile, multipart_threshold, "
            "part_size, connect_timeout, request_timeout, retry, verify_conditional_put), got a "
            "single value");
  EXPECT_THAT(ErrorOf("- log\n- s3\n"),
              StartsWith("config: the top level must be a mapping of sections (log, source, "
                         "capture, full_load, staging, final, s3), not a list"));
  EXPECT_EQ(ErrorOf("log:\n  level: info\n  level: debug\n"), "config: log.level: duplicate key");
  EXPECT_EQ(ErrorOf("log:\n  ? [a]\n  : b\n"), "config: log: keys must be plain names");
  EXPECT_EQ(ErrorOf("log: {}\n---\nlog: {}\n"),
            "config: the text holds 2 YAML documents; expected one");
}

TEST(LoadConfigTest, NullValuesMeanEmpty) {
  ASSERT_OK_AND_ASSIGN(Config config, Load("staging:\n  uri:\ns3:\n  endpoint: ~\n"));
  EXPECT_EQ(config.staging.uri, "");
  EXPECT_EQ(config.s3.endpoint, "");
  EXPECT_EQ(ErrorOf("log:\n  level:\n"),
            "config: log.level: \"\" is not one of trace, debug, "
            "info, warn, error");
}

TEST(LoadConfigTest, SyntaxErrorsGiveLineAndColumn) {
  EXPECT_THAT(ErrorOf("log:\n  level: info\n s3: [\n"),
              StartsWith("config: YAML syntax error at line 3, column 2: "));
  EXPECT_THAT(ErrorOf("s3:\n  region: x\n  - y\n"),
              StartsWith("config: YAML syntax error at line 3, column 3: "));
}

TEST(LoadConfigTest, ExpandsEnvironmentReferencesInValues) {
  EnvLookup env = FakeEnv({{"S3_HOST", "minio"}, {"AWS_SECRET", "hunter2"}, {"PART", "10MiB"}});
  ASSERT_OK_AND_ASSIGN(Config config, Load(R"(
s3:
  endpoint: http://${S3_HOST}:9000
  region: ${AWS_REGION:-eu-central-1}
  access_key_id: "$${literal}"
  secret_access_key: ${AWS_SECRET}
  part_size: ${PART}
)",
                                           env));
  EXPECT_EQ(config.s3.endpoint, "http://minio:9000");
  EXPECT_EQ(config.s3.region, "eu-central-1");
  EXPECT_EQ(config.s3.credentials.access_key_id, "${literal}");
  EXPECT_EQ(config.s3.credentials.secret_access_key, "hunter2");
  EXPECT_EQ(config.s3.part_size_bytes, 10u << 20);
}

TEST(LoadConfigTest, MissingEnvironmentVariableNamesKeyAndVariable) {
  EXPECT_EQ(ErrorOf("s3:\n  session_token: ${AWS_SESSION_TOKEN}\n"),
            "config: s3.session_token: environment variable AWS_SESSION_TOKEN is not set (write "
            "${AWS_SESSION_TOKEN:-default} to give a default)");
}

TEST(LoadConfigTest, SecretsNeverAppearInErrors) {
  // A secret value the parser chokes on: the error names the key, not the value.
  std::string message = ErrorOf("s3:\n  secret_access_key: \"hunter2${oops\"\n");
  EXPECT_THAT(message,
              AllOf(StartsWith("config: s3.secret_access_key: "), Not(HasSubstr("hunter2"))));
  std::string cross = ErrorOf("s3:\n  secret_access_key: hunter2\n");
  EXPECT_THAT(cross, Not(HasSubstr("hunter2")));
}

TEST(LoadConfigTest, OverridesWinOverTheFileAndAreValidated) {
  std::vector<ConfigOverride> overrides = {
      {"log.level", "warn"}, {"s3.part_size", "16MiB"}, {"log.level", "error"}};
  ASSERT_OK_AND_ASSIGN(
      Config config, Load("log:\n  level: debug\ns3:\n  part_size: 6MiB\n", FakeEnv(), overrides));
  EXPECT_EQ(config.log.level, io::LogLevel::kError);  // the last override wins
  EXPECT_EQ(config.s3.part_size_bytes, 16u << 20);

  EXPECT_THAT(Load("", FakeEnv(), {{"s3.part_size", "64MiB"}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("s3.multipart_threshold")));
  EXPECT_THAT(Load("", FakeEnv(), {{"s3.retry.max_atempts", "3"}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("s3.retry.max_atempts: unknown key (did you mean "
                                 "s3.retry.max_attempts?)")));
}

TEST(ParseOverrideTest, SplitsAtTheFirstEquals) {
  ASSERT_OK_AND_ASSIGN(ConfigOverride parsed, ParseOverride("s3.endpoint=http://h/?a=b"));
  EXPECT_EQ(parsed.key_path, "s3.endpoint");
  EXPECT_EQ(parsed.value, "http://h/?a=b");
  ASSERT_OK_AND_ASSIGN(ConfigOverride empty, ParseOverride("staging.uri="));
  EXPECT_EQ(empty.value, "");
  EXPECT_THAT(ParseOverride("log.level"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("expected key=value")));
  EXPECT_THAT(ParseOverride("=hunter2"),
              StatusIs(StatusCode::kInvalidArgument, Not(HasSubstr("hunter2"))));
}

TEST(MergeYamlTest, LeavesUnmentionedKeysAlone) {
  Config config;
  config.s3.region = "custom";
  ASSERT_THAT(MergeYaml("log:\n  level: trace\n", FakeEnv(), config), IsOk());
  EXPECT_EQ(config.s3.region, "custom");
  EXPECT_EQ(config.log.level, io::LogLevel::kTrace);
}

}  // namespace
}  // namespace binlake::config
