#include "binlake/config/env_expand.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binlake/config/fake_env_for_test.h"
#include "testing/status_matchers.h"

namespace binlake::config {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(EnvExpandTest, LeavesTextWithoutReferencesAlone) {
  EXPECT_THAT(ExpandEnvReferences("plain text", FakeEnv({})), IsOkAndHolds("plain text"));
  EXPECT_THAT(ExpandEnvReferences("", FakeEnv({})), IsOkAndHolds(""));
}

TEST(EnvExpandTest, SubstitutesVariables) {
  EnvLookup env = FakeEnv({{"HOST", "minio"}, {"PORT", "9000"}});
  EXPECT_THAT(ExpandEnvReferences("http://${HOST}:${PORT}/", env),
              IsOkAndHolds("http://minio:9000/"));
  EXPECT_THAT(ExpandEnvReferences("${HOST}", env), IsOkAndHolds("minio"));
}

TEST(EnvExpandTest, DefaultsApplyWhenUnsetOrEmpty) {
  EnvLookup env = FakeEnv({{"EMPTY", ""}, {"SET", "value"}});
  EXPECT_THAT(ExpandEnvReferences("${MISSING:-fallback}", env), IsOkAndHolds("fallback"));
  EXPECT_THAT(ExpandEnvReferences("${EMPTY:-fallback}", env), IsOkAndHolds("fallback"));
  EXPECT_THAT(ExpandEnvReferences("${SET:-fallback}", env), IsOkAndHolds("value"));
  EXPECT_THAT(ExpandEnvReferences("${MISSING:-}", env), IsOkAndHolds(""));
  EXPECT_THAT(ExpandEnvReferences("${EMPTY}", env), IsOkAndHolds(""));
}

TEST(EnvExpandTest, UnsetVariableWithoutDefaultNamesTheVariable) {
  EXPECT_THAT(
      ExpandEnvReferences("key-${AWS_KEY}", FakeEnv({})),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("environment variable AWS_KEY is not set")));
}

TEST(EnvExpandTest, DollarEscapesAndLoneDollars) {
  EnvLookup env = FakeEnv({{"X", "x"}});
  EXPECT_THAT(ExpandEnvReferences("$${X}", env), IsOkAndHolds("${X}"));
  EXPECT_THAT(ExpandEnvReferences("a$$b", env), IsOkAndHolds("a$b"));
  EXPECT_THAT(ExpandEnvReferences("pa$word$", env), IsOkAndHolds("pa$word$"));
  EXPECT_THAT(ExpandEnvReferences("$$$${X}", env), IsOkAndHolds("$${X}"));
}

TEST(EnvExpandTest, SubstitutedValuesAreNotExpandedAgain) {
  EnvLookup env = FakeEnv({{"A", "${B}"}, {"B", "b"}});
  EXPECT_THAT(ExpandEnvReferences("${A}", env), IsOkAndHolds("${B}"));
}

TEST(EnvExpandTest, MalformedReferencesDoNotEchoTheText) {
  EXPECT_THAT(ExpandEnvReferences("s3cr3t${OOPS", FakeEnv({})),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("unterminated ${ at offset 6"), Not(HasSubstr("s3cr3t")))));
  EXPECT_THAT(
      ExpandEnvReferences("s3cr3t${1BAD}", FakeEnv({})),
      StatusIs(StatusCode::kInvalidArgument,
               AllOf(HasSubstr("invalid environment variable name"), Not(HasSubstr("s3cr3t")))));
  EXPECT_THAT(ExpandEnvReferences("${}", FakeEnv({})), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::config
