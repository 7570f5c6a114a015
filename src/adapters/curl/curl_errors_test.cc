#include "adapters/curl/curl_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kUrl = "https://127.0.0.1:9443/bucket/key";

TEST(CurlErrorsTest, UntrustedCertificateIsFailedPreconditionAndNotRetryable) {
  for (CURLcode code : {CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ISSUER_ERROR,
                        CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS}) {
    Status status = CurlTransportError(code, "unable to get local issuer certificate", kUrl, "");
    EXPECT_THAT(status, StatusIs(StatusCode::kFailedPrecondition,
                                 AllOf(HasSubstr(kUrl), HasSubstr("not trusted"),
                                       HasSubstr("system's CA store"), HasSubstr("ca_file"),
                                       HasSubstr("unable to get local issuer certificate"))))
        << "curl code " << code;
    EXPECT_FALSE(status.retryable()) << "curl code " << code;
  }
}

TEST(CurlErrorsTest, UntrustedCertificateNamesTheCaFileInUse) {
  Status status =
      CurlTransportError(CURLE_PEER_FAILED_VERIFICATION, "", kUrl, "/etc/binlake/ca.pem");
  EXPECT_THAT(status, StatusIs(StatusCode::kFailedPrecondition,
                               HasSubstr("not trusted by ca_file \"/etc/binlake/ca.pem\"")));
  EXPECT_THAT(status.message(), Not(HasSubstr("()")));  // no empty curl detail
}

TEST(CurlErrorsTest, UnusableCaFileIsInvalidArgumentNamingTheFile) {
  Status status = CurlTransportError(
      CURLE_SSL_CACERT_BADFILE, "error setting certificate file: /nope.pem", kUrl, "/nope.pem");
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument,
                               AllOf(HasSubstr(kUrl), HasSubstr("ca_file \"/nope.pem\""))));
  EXPECT_FALSE(status.retryable());
}

TEST(CurlErrorsTest, UnusableSystemStoreIsFailedPrecondition) {
  Status status = CurlTransportError(CURLE_SSL_CACERT_BADFILE, "", kUrl, "");
  EXPECT_THAT(status, StatusIs(StatusCode::kFailedPrecondition, HasSubstr("system's CA store")));
  EXPECT_FALSE(status.retryable());
}

TEST(CurlErrorsTest, CaFileErrorNamesFileAndReason) {
  EXPECT_THAT(CaFileError("/x/ca.pem", "No such file or directory"),
              StatusIs(StatusCode::kInvalidArgument,
                       "ca_file \"/x/ca.pem\" is not a readable PEM file of CA certificates: No "
                       "such file or directory"));
}

TEST(CurlErrorsTest, NetworkAndHandshakeFailuresStayRetryableUnavailable) {
  for (CURLcode code : {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_RECV_ERROR,
                        CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_SSL_CONNECT_ERROR}) {
    Status status = CurlTransportError(code, "Connection reset by peer", kUrl, "/ca.pem");
    EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable, HasSubstr(kUrl)))
        << "curl code " << code;
    EXPECT_TRUE(status.retryable()) << "curl code " << code;
  }
}

TEST(CurlErrorsTest, TimeoutsBadUrlsAndMemory) {
  Status timeout = CurlTransportError(CURLE_OPERATION_TIMEDOUT, "", kUrl, "");
  EXPECT_THAT(timeout, StatusIs(StatusCode::kDeadlineExceeded));
  EXPECT_TRUE(timeout.retryable());
  EXPECT_THAT(CurlTransportError(CURLE_URL_MALFORMAT, "", "ht!tp://x", ""),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("ht!tp://x")));
  EXPECT_THAT(CurlTransportError(CURLE_UNSUPPORTED_PROTOCOL, "", "ftp://x", ""),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(CurlTransportError(CURLE_OUT_OF_MEMORY, "", kUrl, ""),
              StatusIs(StatusCode::kInternal));
}

}  // namespace
}  // namespace binlake::adapters
