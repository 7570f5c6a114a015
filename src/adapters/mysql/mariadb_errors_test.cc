#include "adapters/mysql/mariadb_errors.h"

#include <errmsg.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mysqld_error.h>

#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

source::SourceOptions Options() {
  source::SourceOptions options;
  options.host = "127.0.0.1";
  options.port = 13306;
  options.user = "binlake";
  options.password = "s3cret-pw";
  options.tls_mode = source::TlsMode::kVerifyCa;
  options.tls_ca_file = "/etc/ca.pem";
  return options;
}

TEST(SqlErrorTest, MapsServerAndClientNumbersToCodes) {
  EXPECT_THAT(SqlError(CR_SERVER_GONE_ERROR, "gone", "w"),
              StatusIs(StatusCode::kUnavailable, HasSubstr("w: 2006 gone")));
  EXPECT_TRUE(SqlError(CR_SERVER_LOST, "lost", "w").retryable());
  EXPECT_THAT(SqlError(ER_TABLEACCESS_DENIED_ERROR, "no", "w"),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(SqlError(ER_SPECIFIC_ACCESS_DENIED_ERROR, "no", "w"),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(SqlError(ER_PARSE_ERROR, "syntax", "w"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(SqlError(ER_NO_SUCH_TABLE, "t", "w"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(SqlError(ER_BAD_FIELD_ERROR, "c", "w"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(SqlError(1205, "lock wait", "w"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_FALSE(SqlError(1205, "lock wait", "w").retryable());
}

TEST(SqlErrorTest, OnlyConnectionFailuresAreRetryable) {
  EXPECT_TRUE(IsRetryableSqlError(CR_CONN_HOST_ERROR));
  EXPECT_TRUE(IsRetryableSqlError(CR_CONNECTION_ERROR));
  EXPECT_TRUE(IsRetryableSqlError(ER_CON_COUNT_ERROR));
  EXPECT_FALSE(IsRetryableSqlError(ER_ACCESS_DENIED_ERROR));
  EXPECT_FALSE(IsRetryableSqlError(ER_BAD_DB_ERROR));
  EXPECT_FALSE(IsRetryableSqlError(CR_SSL_CONNECTION_ERROR));
}

TEST(ConnectErrorTest, AccessDeniedNamesServerUserAndWhatToCheckNeverThePassword) {
  EXPECT_THAT(ConnectError(ER_ACCESS_DENIED_ERROR, "Access denied for user", Options()),
              StatusIs(StatusCode::kPermissionDenied,
                       AllOf(HasSubstr("source 127.0.0.1:13306 (user binlake): 1045 Access "
                                       "denied for user; check source.user and source.password"),
                             HasSubstr("docs/capture.md"), Not(HasSubstr("s3cret-pw")))));
}

TEST(ConnectErrorTest, TlsFailureNamesTheModeAndTheCaFile) {
  EXPECT_THAT(ConnectError(CR_SSL_CONNECTION_ERROR, "TLS/SSL error", Options()),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("verify_ca"), HasSubstr("/etc/ca.pem"))));
}

TEST(ConnectErrorTest, RefusedIsRetryableUnavailable) {
  const Status status = ConnectError(CR_CONN_HOST_ERROR, "Can't connect", Options());
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable, HasSubstr("source.port")));
  EXPECT_TRUE(status.retryable());
}

}  // namespace
}  // namespace binlake::adapters
