#include "binlake/s3/s3_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::s3 {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

io::HttpResponse Response(int status, std::string_view code = "", std::string_view message = "",
                          std::string_view region = "") {
  io::HttpResponse response;
  response.status = status;
  if (!code.empty()) {
    response.body = "<?xml version='1.0'?><Error><Code>" + std::string(code) + "</Code><Message>" +
                    std::string(message) + "</Message>" +
                    (region.empty() ? "" : "<Region>" + std::string(region) + "</Region>") +
                    "</Error>";
  }
  return response;
}

const S3ErrorContext kContext{
    "GetObject", "http://127.0.0.1:18080", "my-bucket", "p/k", "eu-west-1", false};

struct MappingCase {
  int http_status;
  std::string_view code;
  StatusCode expected;
  bool retryable;
};

class S3ErrorMappingTest : public ::testing::TestWithParam<MappingCase> {};

TEST_P(S3ErrorMappingTest, MapsToTheCanonicalCode) {
  const MappingCase& c = GetParam();
  Status status = MapS3Error(kContext, Response(c.http_status, c.code, "server says"));
  EXPECT_EQ(status.code(), c.expected) << status;
  EXPECT_EQ(status.retryable(), c.retryable) << status;
  EXPECT_THAT(status.message(), AllOf(HasSubstr("GetObject"), HasSubstr("s3://my-bucket/p/k"),
                                      HasSubstr("http://127.0.0.1:18080")));
  if (!c.code.empty()) {
    EXPECT_THAT(status.message(), AllOf(HasSubstr(c.code), HasSubstr("server says")));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, S3ErrorMappingTest,
    ::testing::Values(
        MappingCase{404, "NoSuchKey", StatusCode::kNotFound, false},
        MappingCase{404, "", StatusCode::kNotFound, false},
        MappingCase{404, "NoSuchBucket", StatusCode::kNotFound, false},
        MappingCase{404, "NoSuchUpload", StatusCode::kNotFound, false},
        MappingCase{412, "PreconditionFailed", StatusCode::kFailedPrecondition, false},
        MappingCase{403, "AccessDenied", StatusCode::kPermissionDenied, false},
        MappingCase{403, "SignatureDoesNotMatch", StatusCode::kPermissionDenied, false},
        MappingCase{403, "InvalidAccessKeyId", StatusCode::kPermissionDenied, false},
        MappingCase{403, "", StatusCode::kPermissionDenied, false},
        MappingCase{400, "AuthorizationHeaderMalformed", StatusCode::kInvalidArgument, false},
        MappingCase{301, "PermanentRedirect", StatusCode::kInvalidArgument, false},
        MappingCase{416, "InvalidRange", StatusCode::kInvalidArgument, false},
        MappingCase{400, "InvalidRequest", StatusCode::kInvalidArgument, false},
        MappingCase{409, "BucketNotEmpty", StatusCode::kFailedPrecondition, false},
        MappingCase{429, "TooManyRequests", StatusCode::kInvalidArgument, false},
        MappingCase{501, "NotImplemented", StatusCode::kUnimplemented, false},
        MappingCase{500, "InternalError", StatusCode::kUnavailable, true},
        MappingCase{503, "SlowDown", StatusCode::kUnavailable, true},
        MappingCase{503, "", StatusCode::kUnavailable, true},
        MappingCase{502, "", StatusCode::kUnavailable, true},
        MappingCase{200, "InternalError", StatusCode::kUnavailable, true}));

TEST(S3ErrorsTest, ConditionalPreconditionFailureIsAlreadyExists) {
  S3ErrorContext context = kContext;
  context.operation = "PutObject";
  context.conditional = true;
  EXPECT_THAT(MapS3Error(context, Response(412, "PreconditionFailed")),
              StatusIs(StatusCode::kAlreadyExists, HasSubstr("PreconditionFailed")));
}

TEST(S3ErrorsTest, NoSuchBucketNamesTheBucketAndEndpoint) {
  EXPECT_THAT(MapS3Error(kContext, Response(404, "NoSuchBucket",
                                            "The specified bucket does not "
                                            "exist")),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("bucket \"my-bucket\" does not exist at http://127.0.0.1:18080")));
}

TEST(S3ErrorsTest, WrongRegionGivesTheRegionHint) {
  Status status = MapS3Error(
      kContext, Response(400, "AuthorizationHeaderMalformed", "the region is wrong", "us-east-1"));
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument,
                               AllOf(HasSubstr("\"eu-west-1\""), HasSubstr("expects \"us-east-1\""),
                                     HasSubstr("s3.region"))));
  io::HttpResponse redirect = Response(301);
  redirect.headers.emplace_back("x-amz-bucket-region", "ap-south-1");
  EXPECT_THAT(MapS3Error(kContext, redirect),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("expects \"ap-south-1\"")));
}

TEST(S3ErrorsTest, UnparseableBodyStillMaps) {
  io::HttpResponse response = Response(503);
  response.body = "<html>Service Unavailable";
  Status status = MapS3Error(kContext, response);
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable, HasSubstr("HTTP 503")));
}

TEST(S3ErrorsTest, ScrubSecretRemovesEveryOccurrence) {
  EXPECT_EQ(ScrubSecret("a SECRET b SECRET", "SECRET"), "a <redacted> b <redacted>");
  EXPECT_EQ(ScrubSecret("nothing", ""), "nothing");
}

}  // namespace
}  // namespace binlake::s3
