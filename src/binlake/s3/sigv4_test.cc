#include "binlake/s3/sigv4.h"

#include <gtest/gtest.h>

namespace binlake::s3 {
namespace {

// The worked examples of "Signature Calculations for the Authorization Header: Transferring
// Payload in a Single Chunk" (Amazon S3 API reference, sig-v4-header-based-auth).
const S3Credentials kExampleCredentials{"AKIAIOSFODNN7EXAMPLE",
                                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
constexpr std::string_view kExampleDate = "20130524T000000Z";
constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(SigV4Test, GetObjectExampleFromTheS3Docs) {
  io::HttpHeaders headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                             {"Range", "bytes=0-9"},
                             {"x-amz-content-sha256", std::string(kEmptySha256)},
                             {"x-amz-date", std::string(kExampleDate)}};
  SignableRequest request{"GET", "/test.txt", "", &headers, kEmptySha256};

  std::string canonical = CanonicalRequest(request);
  EXPECT_EQ(canonical,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(StringToSign(canonical, kExampleDate, "us-east-1"),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(AuthorizationHeader(request, kExampleCredentials, "us-east-1", kExampleDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4Test, PutObjectExampleFromTheS3Docs) {
  constexpr std::string_view kBody = "Welcome to Amazon S3.";
  std::string payload = Sha256Hex(kBody);
  EXPECT_EQ(payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  io::HttpHeaders headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                             {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                             {"x-amz-date", std::string(kExampleDate)},
                             {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                             {"x-amz-content-sha256", payload}};
  std::string path = "/" + UriEncode("test$file.text", true);
  EXPECT_EQ(path, "/test%24file.text");
  SignableRequest request{"PUT", path, "", &headers, payload};
  EXPECT_EQ(AuthorizationHeader(request, kExampleCredentials, "us-east-1", kExampleDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4Test, ListObjectsExampleFromTheS3Docs) {
  io::HttpHeaders headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                             {"x-amz-date", std::string(kExampleDate)},
                             {"x-amz-content-sha256", std::string(kEmptySha256)}};
  std::string query = CanonicalQueryString({{"prefix", "J"}, {"max-keys", "2"}});
  EXPECT_EQ(query, "max-keys=2&prefix=J");
  SignableRequest request{"GET", "/", query, &headers, kEmptySha256};
  EXPECT_EQ(AuthorizationHeader(request, kExampleCredentials, "us-east-1", kExampleDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndSpacesCollapsed) {
  io::HttpHeaders headers = {{"X-Custom", "  a   b  "}, {"host", "h"}};
  SignableRequest request{"GET", "/", "", &headers, kEmptySha256};
  EXPECT_EQ(
      CanonicalRequest(request),
      std::string("GET\n/\n\nhost:h\nx-custom:a b\n\nhost;x-custom\n") + std::string(kEmptySha256));
}

TEST(SigV4Test, UriEncodeUsesUpperCaseHexAndKeepsUnreserved) {
  EXPECT_EQ(UriEncode("AZaz09-_.~", false), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b+c/d=e", false), "a%20b%2Bc%2Fd%3De");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xC3\xA9", false), "%C3%A9");
  EXPECT_EQ(UriEncode("*", false), "%2A");
}

TEST(SigV4Test, CanonicalQuerySortsEncodesAndWritesValuelessParams) {
  EXPECT_EQ(CanonicalQueryString({}), "");
  EXPECT_EQ(CanonicalQueryString({{"uploads", ""}}), "uploads=");
  EXPECT_EQ(CanonicalQueryString({{"prefix", "a/"}, {"list-type", "2"}, {"max-keys", "5"}}),
            "list-type=2&max-keys=5&prefix=a%2F");
  EXPECT_EQ(CanonicalQueryString({{"uploadId", "x+y/z=="}, {"partNumber", "3"}}),
            "partNumber=3&uploadId=x%2By%2Fz%3D%3D");
  EXPECT_EQ(CanonicalQueryString({{"continuation-token", "bWFu eQ=="}}),
            "continuation-token=bWFu%20eQ%3D%3D");
}

TEST(SigV4Test, AmzDateFormatsUtc) {
  EXPECT_EQ(AmzDate(0), "19700101T000000Z");
  EXPECT_EQ(AmzDate(1369353600LL * 1000000), "20130524T000000Z");
  EXPECT_EQ(AmzDate(1709251199LL * 1000000 + 999999), "20240229T235959Z");
}

TEST(SigV4Test, Sha256AndHmacKnownValues) {
  EXPECT_EQ(Sha256Hex(""), kEmptySha256);
  // RFC 4231 test case 2.
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace binlake::s3
