#include "binlake/s3/credentials_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::s3 {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kFile =
    "# comment\r\n"
    "[default]\r\n"
    "aws_access_key_id = AKIADEFAULT\r\n"
    "aws_secret_access_key=default-secret\r\n"
    "\n"
    "; another comment\n"
    "[ ci ]\n"
    "  aws_access_key_id =  test:tester  \n"
    "aws_secret_access_key = a=b==\n"
    "aws_session_token = token\n"
    "region = us-east-1\n"
    "[broken]\n"
    "aws_access_key_id = only-the-id\n";

TEST(CredentialsFileTest, ReadsTheDefaultProfile) {
  ASSERT_OK_AND_ASSIGN(S3Credentials credentials, ParseCredentialsFile(kFile, "default"));
  EXPECT_EQ(credentials.access_key_id, "AKIADEFAULT");
  EXPECT_EQ(credentials.secret_access_key, "default-secret");
  EXPECT_EQ(credentials.session_token, "");
}

TEST(CredentialsFileTest, ReadsANamedProfileWithSpacesAndEqualsInValues) {
  ASSERT_OK_AND_ASSIGN(S3Credentials credentials, ParseCredentialsFile(kFile, "ci"));
  EXPECT_EQ(credentials.access_key_id, "test:tester");
  EXPECT_EQ(credentials.secret_access_key, "a=b==");
  EXPECT_EQ(credentials.session_token, "token");
}

TEST(CredentialsFileTest, MissingProfileIsNotFound) {
  EXPECT_THAT(ParseCredentialsFile(kFile, "prod"),
              StatusIs(StatusCode::kNotFound, HasSubstr("[prod]")));
  EXPECT_THAT(ParseCredentialsFile("", "default"), StatusIs(StatusCode::kNotFound));
}

TEST(CredentialsFileTest, IncompleteProfileNamesTheMissingKeyNotTheValues) {
  EXPECT_THAT(
      ParseCredentialsFile(kFile, "broken"),
      StatusIs(StatusCode::kInvalidArgument, ::testing::AllOf(HasSubstr("aws_secret_access_key"),
                                                              Not(HasSubstr("only-the-id")))));
}

}  // namespace
}  // namespace binlake::s3
