#include "binlake/s3/s3_request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::s3 {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr int64_t kNow = 1369353600LL * 1000000;

S3RequestBuilder PathStyle() {
  return S3RequestBuilder(S3Endpoint{"http", "127.0.0.1:18080"}, "bucket", /*path_style=*/true);
}

TEST(S3EndpointTest, ParsesAndDefaults) {
  ASSERT_OK_AND_ASSIGN(S3Endpoint aws, ParseS3Endpoint("", "eu-west-1"));
  EXPECT_EQ(aws.ToString(), "https://s3.eu-west-1.amazonaws.com");
  ASSERT_OK_AND_ASSIGN(S3Endpoint local, ParseS3Endpoint("http://127.0.0.1:18080/", "x"));
  EXPECT_EQ(local.authority, "127.0.0.1:18080");
  for (std::string_view bad :
       {"127.0.0.1:18080", "ftp://h", "http://", "http://h/path", "http://user@h", "https://h?x"}) {
    EXPECT_THAT(ParseS3Endpoint(bad, "r"), StatusIs(StatusCode::kInvalidArgument)) << bad;
  }
}

TEST(S3RequestTest, PathStyleAndVirtualHostedUrls) {
  S3RequestBuilder virtual_hosted(S3Endpoint{"https", "s3.us-east-1.amazonaws.com"}, "bucket",
                                  false);
  S3Request path = PathStyle().GetObject("a b/c+d", std::nullopt);
  EXPECT_EQ(path.host, "127.0.0.1:18080");
  EXPECT_EQ(path.path, "/bucket/a%20b/c%2Bd");
  S3Request hosted = virtual_hosted.GetObject("a b/c+d", std::nullopt);
  EXPECT_EQ(hosted.host, "bucket.s3.us-east-1.amazonaws.com");
  EXPECT_EQ(hosted.path, "/a%20b/c%2Bd");
  EXPECT_EQ(virtual_hosted.ListObjectsV2({}).path, "/");
  EXPECT_EQ(PathStyle().ListObjectsV2({}).path, "/bucket");
}

TEST(S3RequestTest, SignedRequestCarriesTheRequiredHeaders) {
  S3Credentials credentials{"AKID", "SECRET", "SESSION"};
  S3Request put = PathStyle().PutObject("k", "hello", /*if_absent=*/true);
  io::HttpRequest http =
      SignS3Request(put, S3Endpoint{"http", "127.0.0.1:18080"}, credentials, "us-east-1", kNow);
  EXPECT_EQ(http.method, "PUT");
  EXPECT_EQ(http.url, "http://127.0.0.1:18080/bucket/k");
  EXPECT_EQ(http.body, "hello");
  EXPECT_THAT(http.headers, Contains(Pair("if-none-match", "*")));
  EXPECT_THAT(http.headers, Contains(Pair("host", "127.0.0.1:18080")));
  EXPECT_THAT(http.headers, Contains(Pair("x-amz-date", "20130524T000000Z")));
  EXPECT_THAT(http.headers, Contains(Pair("x-amz-content-sha256", Sha256Hex("hello"))));
  EXPECT_THAT(http.headers, Contains(Pair("x-amz-security-token", "SESSION")));
  EXPECT_THAT(http.headers,
              Contains(Pair("authorization",
                            AllOf(StartsWith("AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/"
                                             "s3/aws4_request,SignedHeaders=host;if-none-match;"
                                             "x-amz-content-sha256;x-amz-date;x-amz-security-"
                                             "token,Signature="),
                                  ::testing::Not(HasSubstr("SECRET"))))));
}

TEST(S3RequestTest, QueryStringsAreCanonicalInTheUrl) {
  S3Endpoint endpoint{"http", "h"};
  S3Credentials credentials{"a", "b", ""};
  ListObjectsRequest list{"p/x y", "p/a", 5, "tok+/="};
  io::HttpRequest http =
      SignS3Request(PathStyle().ListObjectsV2(list), endpoint, credentials, "r", kNow);
  EXPECT_EQ(http.url,
            "http://127.0.0.1:18080/bucket?continuation-token=tok%2B%2F%3D&list-type=2&max-keys=5&"
            "prefix=p%2Fx%20y&start-after=p%2Fa");
  http = SignS3Request(PathStyle().CreateMultipartUpload("k"), endpoint, credentials, "r", kNow);
  EXPECT_EQ(http.url, "http://127.0.0.1:18080/bucket/k?uploads=");
  EXPECT_EQ(http.method, "POST");
  http =
      SignS3Request(PathStyle().UploadPart("k", "id+1", 3, "x"), endpoint, credentials, "r", kNow);
  EXPECT_EQ(http.url, "http://127.0.0.1:18080/bucket/k?partNumber=3&uploadId=id%2B1");
  http =
      SignS3Request(PathStyle().AbortMultipartUpload("k", "id"), endpoint, credentials, "r", kNow);
  EXPECT_EQ(http.method, "DELETE");
  EXPECT_EQ(http.url, "http://127.0.0.1:18080/bucket/k?uploadId=id");
}

TEST(S3RequestTest, RangeAndCompleteBodies) {
  S3Request get = PathStyle().GetObject("k", ByteRange{10, 19});
  EXPECT_THAT(get.headers, Contains(Pair("range", "bytes=10-19")));
  S3Request complete = PathStyle().CompleteMultipartUpload("k", "id", "<xml/>", true);
  EXPECT_EQ(complete.Body(), "<xml/>");
  EXPECT_EQ(complete.payload_sha256, Sha256Hex("<xml/>"));
  EXPECT_TRUE(complete.conditional);
  EXPECT_THAT(complete.headers, Contains(Pair("if-none-match", "*")));
}

}  // namespace
}  // namespace binlake::s3
