#include "adapters/mysql/mariadb_connector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "adapters/mysql/mariadb_errors.h"
#include "adapters/mysql/test_server.h"
#include "testing/fake_clock.h"
#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::FakeClock;
using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The value of a one-row, one-column query.
std::string QueryOne(io::SqlConnection& connection, std::string_view sql) {
  auto result = connection.QueryText(sql);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok() || result->rows.size() != 1 || !result->rows[0][1 % result->rows[0].size()]) {
    return "<none>";
  }
  return *result->rows[0].back();
}

std::string SslCipher(const source::SourceOptions& options) {
  FakeClock clock;
  MariaDbConnector connector(options, clock, 1);
  auto connection = connector.Connect();
  EXPECT_TRUE(connection.ok()) << connection.status().ToString();
  if (!connection.ok())
    return "<failed>";
  return QueryOne(**connection, "SHOW STATUS LIKE 'Ssl_cipher'");
}

TEST(MariaDbConnectorTest, SessionIsUtcUtf8mb4WithAutocommit) {
  BINLAKE_REQUIRE_MARIADB(options);
  FakeClock clock;
  MariaDbConnector connector(*options, clock, 1);
  ASSERT_OK_AND_ASSIGN(auto connection, connector.Connect());
  auto result = connection->QueryText(
      "SELECT @@time_zone, @@autocommit, @@character_set_client, "
      "FIND_IN_SET('NO_BACKSLASH_ESCAPES', @@sql_mode), NULL");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->rows.size(), 1u);
  const auto& row = result->rows[0];
  EXPECT_EQ(row[0], "+00:00");
  EXPECT_EQ(row[1], "1");
  EXPECT_EQ(row[2], "utf8mb4");
  EXPECT_EQ(row[3], "0");
  EXPECT_EQ(row[4], std::nullopt);
  EXPECT_EQ(result->column_names[0], "@@time_zone");
  EXPECT_EQ(connection->Describe(),
            options->user + "@" + options->host + ":" + std::to_string(options->port));
}

TEST(MariaDbConnectorTest, SessionSetupDropsNoBackslashEscapesAndKeepsTheOtherModes) {
  BINLAKE_REQUIRE_MARIADB(options);
  FakeClock clock;
  MariaDbConnector connector(*options, clock, 1);
  ASSERT_OK_AND_ASSIGN(auto connection, connector.Connect());
  ASSERT_OK(connection->Execute(
      "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES'"));
  ASSERT_OK(connection->Execute(SessionSetupSql()));
  EXPECT_EQ(QueryOne(*connection, "SELECT 1, @@sql_mode"), "ANSI_QUOTES,STRICT_TRANS_TABLES");
  ASSERT_OK(connection->Execute("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'"));
  ASSERT_OK(connection->Execute(SessionSetupSql()));
  EXPECT_EQ(QueryOne(*connection, "SELECT 1, @@sql_mode"), "");
}

// `options` with TLS `mode` and the test server's CA.
source::SourceOptions WithTls(source::SourceOptions options, source::TlsMode mode) {
  options.tls_mode = mode;
  options.tls_ca_file = testing::Env("BINLAKE_MARIADB_TLS_CA");
  return options;
}

const auto kEncrypted = AllOf(Not(""), Not("<failed>"), Not("<none>"));

TEST(MariaDbConnectorTest, EveryTlsModeButDisabledEncryptsTheSession) {
  BINLAKE_REQUIRE_MARIADB(options);
  using source::TlsMode;
  // verify_identity to 127.0.0.1: the server certificate has IP:127.0.0.1 in its SAN.
  for (TlsMode mode :
       {TlsMode::kPreferred, TlsMode::kRequired, TlsMode::kVerifyCa, TlsMode::kVerifyIdentity}) {
    EXPECT_THAT(SslCipher(WithTls(*options, mode)), kEncrypted) << TlsModeName(mode);
  }
  EXPECT_EQ(SslCipher(WithTls(*options, TlsMode::kDisabled)), "");
}

TEST(MariaDbConnectorTest, VerifyCaWithAnotherCaFailsNamingTheModeAndFile) {
  BINLAKE_REQUIRE_MARIADB(options);
  const std::string dir = ::testing::TempDir() + "/conn_wrong_ca";
  const std::string ca = dir + "/ca.pem";
  ASSERT_EQ(std::system(("mkdir -p " + dir +
                         " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other "
                         "-keyout " +
                         dir + "/key.pem -out " + ca + " >/dev/null 2>&1")
                            .c_str()),
            0);
  auto tls = *options;
  tls.tls_mode = source::TlsMode::kVerifyCa;
  tls.tls_ca_file = ca;
  FakeClock clock;
  MariaDbConnector connector(tls, clock, 1);
  EXPECT_THAT(connector.Connect().status(), StatusIs(StatusCode::kFailedPrecondition,
                                                     AllOf(HasSubstr("verify_ca"), HasSubstr(ca))));
  EXPECT_TRUE(clock.Sleeps().empty());
}

TEST(MariaDbConnectorTest, VerifyModesWithoutACaFileAreRefusedBeforeConnecting) {
  source::SourceOptions options;
  options.user = "binlake";
  options.tls_mode = source::TlsMode::kVerifyIdentity;
  FakeClock clock;
  MariaDbConnector connector(options, clock, 1);
  EXPECT_THAT(connector.Connect().status(),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("verify_identity"), HasSubstr("source.tls_ca_file"))));
  EXPECT_TRUE(clock.Sleeps().empty());
}

TEST(MariaDbConnectorTest, WrongPasswordIsPermissionDeniedWithoutThePassword) {
  BINLAKE_REQUIRE_MARIADB(options);
  auto wrong = *options;
  wrong.password = "not-the-Password-42";
  FakeClock clock;
  MariaDbConnector connector(wrong, clock, 1);
  EXPECT_THAT(
      connector.Connect().status(),
      StatusIs(StatusCode::kPermissionDenied, AllOf(HasSubstr("1045"), HasSubstr("source.password"),
                                                    Not(HasSubstr("not-the-Password-42")))));
  EXPECT_TRUE(clock.Sleeps().empty());
}

TEST(MariaDbConnectorTest, Ed25519UserLogsIn) {
  BINLAKE_REQUIRE_MARIADB(options);
  auto ed25519 = *options;
  ed25519.user = testing::Env("BINLAKE_MARIADB_ED25519_USER");
  ASSERT_FALSE(ed25519.user.empty()) << "scripts/mariadb-server.sh env exports it";
  FakeClock clock;
  MariaDbConnector connector(ed25519, clock, 1);
  ASSERT_OK_AND_ASSIGN(auto connection, connector.Connect());
  EXPECT_EQ(QueryOne(*connection, "SELECT 1, CURRENT_USER()"), ed25519.user + "@127.0.0.1");
}

// A TCP port on 127.0.0.1 that nothing listens on.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

TEST(MariaDbConnectorTest, ClosedPortIsRetriedWithCappedJitteredBackoffThenUnavailable) {
  source::SourceOptions options;
  options.port = ClosedPort();
  options.user = "nobody";
  options.password = "pw-never-shown";
  options.tls_mode = source::TlsMode::kDisabled;
  options.reconnect_max_attempts = 6;
  options.reconnect_initial_backoff_ms = 100;
  options.reconnect_max_backoff_ms = 500;
  FakeClock clock;
  MariaDbConnector connector(options, clock, 7);
  const Status status = connector.Connect().status();
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable,
                               AllOf(HasSubstr("source 127.0.0.1:" + std::to_string(options.port) +
                                               " (user nobody)"),
                                     Not(HasSubstr("pw-never-shown")))));
  const std::vector<int64_t> sleeps = clock.Sleeps();
  ASSERT_EQ(sleeps.size(), 6u);
  const std::vector<int64_t> caps = {100'000, 200'000, 400'000, 500'000, 500'000, 500'000};
  for (size_t i = 0; i < sleeps.size(); ++i) {
    EXPECT_GE(sleeps[i], 0) << i;
    EXPECT_LE(sleeps[i], caps[i]) << i;
  }
  EXPECT_NE(sleeps[3], sleeps[4]) << "full jitter draws each delay";
}

TEST(MariaDbConnectorTest, ReadTimeoutMakesAStalledQueryUnavailable) {
  BINLAKE_REQUIRE_MARIADB(options);
  auto impatient = *options;
  impatient.read_timeout_ms = 1'000;
  FakeClock clock;
  MariaDbConnector connector(impatient, clock, 1);
  ASSERT_OK_AND_ASSIGN(auto connection, connector.Connect());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(connection->QueryText("SELECT SLEEP(5)").status(),
              StatusIs(StatusCode::kUnavailable));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(4'000));
}

TEST(MariaDbConnectorTest, SessionKilledMidQueryIsUnavailableAndStaysUnusable) {
  BINLAKE_REQUIRE_MARIADB(options);
  FakeClock clock;
  MariaDbConnector connector(*options, clock, 1);
  ASSERT_OK_AND_ASSIGN(auto victim, connector.ConnectSession());
  const std::string kill = "DO SLEEP(0.3); KILL " + std::to_string(victim->ServerThreadId()) + ";";
  bool killed = false;
  std::thread killer([&] { killed = testing::RootSql(kill); });
  const Status status = victim->QueryText("SELECT SLEEP(10)").status();
  killer.join();
  ASSERT_TRUE(killed);
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(victim->Execute("DO 1"), StatusIs(StatusCode::kUnavailable));
}

}  // namespace
}  // namespace binlake::adapters
