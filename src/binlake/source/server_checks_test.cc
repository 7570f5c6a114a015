#include "binlake/source/server_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "testing/fake_sql_connection.h"
#include "testing/status_matchers.h"

namespace binlake::source {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using testing::FakeSqlServer;
using ::testing::HasSubstr;
using testing::StatusIs;

using VariableMap = std::map<std::string, std::string>;

VariableMap MariaDb1011() {
  return {{"version", "10.11.6-MariaDB-0+deb12u1-log"},
          {"server_id", "1"},
          {"log_bin", "ON"},
          {"binlog_format", "ROW"},
          {"binlog_row_image", "FULL"},
          {"binlog_checksum", "CRC32"}};
}

VariableMap MySql80() {
  return {{"version", "8.0.36"},
          {"server_id", "7"},
          {"log_bin", "ON"},
          {"binlog_format", "ROW"},
          {"binlog_row_image", "FULL"},
          {"binlog_checksum", "NONE"},
          {"gtid_mode", "ON"},
          {"server_uuid", "3e11fa47-71ca-11e1-9e33-c80aa9429562"}};
}

VariableMap MySql84() {
  VariableMap variables = MySql80();
  variables["version"] = "8.4.0-log";
  variables["gtid_mode"] = "OFF";
  return variables;
}

const char* const kMariaDbGrants =
    "GRANT SELECT, RELOAD, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `binlake`@`%` "
    "IDENTIFIED BY PASSWORD '*098BDDC63D414C324A0FD35975B324B80322E186'";
const char* const kMySqlGrants =
    "GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `binlake`@`%`";

class CheckServerTest : public ::testing::Test {
 protected:
  void Script(const VariableMap& variables, std::vector<std::string> grants) {
    io::TextResult rows{{"Variable_name", "Value"}, {}};
    for (const auto& [name, value] : variables) {
      rows.rows.push_back({name, value});
    }
    server_.AddText("SHOW GLOBAL VARIABLES", rows, FakeSqlServer::Match::kPrefix);
    io::TextResult grant_rows{{"Grants for binlake@%"}, {}};
    for (std::string& grant : grants) {
      grant_rows.rows.push_back({std::move(grant)});
    }
    server_.AddText("SHOW GRANTS FOR CURRENT_USER()", grant_rows);
  }

  Result<ServerInfo> Check(capture::CaptureOptions options = {}) {
    Result<std::unique_ptr<io::SqlConnection>> connection = server_.Connect();
    if (!connection.ok()) {
      return connection.status();
    }
    return CheckServer(**connection, options);
  }

  FakeSqlServer server_;
};

TEST_F(CheckServerTest, MariaDb1011) {
  Script(MariaDb1011(), {kMariaDbGrants});
  ASSERT_OK_AND_ASSIGN(ServerInfo info, Check());
  EXPECT_EQ(info.flavor, Flavor::kMariaDb);
  EXPECT_EQ(info.version, "10.11.6-MariaDB-0+deb12u1-log");
  EXPECT_EQ(info.version_number, 101106U);
  EXPECT_EQ(info.server_id, 1U);
  EXPECT_TRUE(info.gtid_enabled);
  EXPECT_EQ(info.binlog_checksum, "CRC32");
  EXPECT_EQ(info.row_image, capture::RowImage::kFull);
  EXPECT_TRUE(info.lock_free_snapshot_position);
  EXPECT_EQ(info.grants.user, "`binlake`@`%`");
  EXPECT_EQ(DescribeServer(info), "MariaDB 10.11.6-MariaDB-0+deb12u1-log");
  // One query for the variables, one for the grants.
  EXPECT_EQ(server_.Statements().size(), 2U);
}

TEST_F(CheckServerTest, MySql80) {
  Script(MySql80(), {kMySqlGrants});
  ASSERT_OK_AND_ASSIGN(ServerInfo info, Check());
  EXPECT_EQ(info.flavor, Flavor::kMySql);
  EXPECT_EQ(info.version_number, 80036U);
  EXPECT_EQ(info.server_id, 7U);
  EXPECT_TRUE(info.gtid_enabled);
  EXPECT_EQ(info.server_uuid, "3e11fa47-71ca-11e1-9e33-c80aa9429562");
  EXPECT_EQ(info.binlog_checksum, "NONE");
  EXPECT_FALSE(info.lock_free_snapshot_position);
}

TEST_F(CheckServerTest, MySql84WithoutGtids) {
  Script(MySql84(), {"GRANT USAGE ON *.* TO `binlake`@`%`",
                     "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `binlake`@`%`",
                     "GRANT SELECT ON `shop`.* TO `binlake`@`%`"});
  ASSERT_OK_AND_ASSIGN(ServerInfo info, Check());
  EXPECT_EQ(info.version_number, 80400U);
  EXPECT_FALSE(info.gtid_enabled);
}

TEST_F(CheckServerTest, AllPrivilegesCountsForEverything) {
  Script(MariaDb1011(), {"GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"});
  EXPECT_OK(Check().status());
}

TEST_F(CheckServerTest, UnsupportedVersions) {
  VariableMap old_mysql = MySql80();
  old_mysql["version"] = "5.6.51-log";
  Script(old_mysql, {kMySqlGrants});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kFailedPrecondition,
                                HasSubstr("MySQL 5.6.51-log is not supported: binlake needs "
                                          "MySQL 5.7 or later, or MariaDB 10.5 or later")));
}

TEST_F(CheckServerTest, OldMariaDbIsRefused) {
  VariableMap old_mariadb = MariaDb1011();
  old_mariadb["version"] = "10.4.32-MariaDB";
  Script(old_mariadb, {kMariaDbGrants});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kFailedPrecondition,
                                HasSubstr("MariaDB 10.4.32-MariaDB is not supported")));
}

TEST_F(CheckServerTest, BinlogOff) {
  VariableMap variables = MariaDb1011();
  variables["log_bin"] = "OFF";
  Script(variables, {kMariaDbGrants});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kFailedPrecondition,
                                AllOf(HasSubstr("binary logging is off (log_bin=OFF)"),
                                      HasSubstr("[mysqld]: log_bin=binlog"))));
}

TEST_F(CheckServerTest, ServerIdZero) {
  VariableMap variables = MySql80();
  variables["server_id"] = "0";
  Script(variables, {kMySqlGrants});
  EXPECT_THAT(Check(),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("SET GLOBAL server_id=1")));
}

TEST_F(CheckServerTest, MixedBinlogFormat) {
  VariableMap variables = MariaDb1011();
  variables["binlog_format"] = "MIXED";
  Script(variables, {kMariaDbGrants});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kFailedPrecondition,
                                AllOf(HasSubstr("binlog_format is MIXED; set binlog_format=ROW"),
                                      HasSubstr("SET GLOBAL binlog_format=ROW"),
                                      HasSubstr("my.cnf [mysqld] binlog_format=ROW"))));
}

TEST_F(CheckServerTest, MinimalRowImageIsRefusedUnlessAccepted) {
  VariableMap variables = MySql80();
  variables["binlog_row_image"] = "MINIMAL";
  Script(variables, {kMySqlGrants});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kFailedPrecondition,
                                AllOf(HasSubstr("binlog_row_image is MINIMAL"),
                                      HasSubstr("SET GLOBAL binlog_row_image=FULL"),
                                      HasSubstr("capture.accept_row_image: minimal"))));
  capture::CaptureOptions noblob;
  noblob.accept_row_image = capture::RowImage::kNoblob;
  EXPECT_THAT(Check(noblob), StatusIs(StatusCode::kFailedPrecondition));
  capture::CaptureOptions minimal;
  minimal.accept_row_image = capture::RowImage::kMinimal;
  ASSERT_OK_AND_ASSIGN(ServerInfo info, Check(minimal));
  EXPECT_EQ(info.row_image, capture::RowImage::kMinimal);
}

TEST_F(CheckServerTest, NoblobAcceptedWhenOptedIn) {
  VariableMap variables = MariaDb1011();
  variables["binlog_row_image"] = "NOBLOB";
  Script(variables, {kMariaDbGrants});
  capture::CaptureOptions noblob;
  noblob.accept_row_image = capture::RowImage::kNoblob;
  ASSERT_OK_AND_ASSIGN(ServerInfo info, Check(noblob));
  EXPECT_EQ(info.row_image, capture::RowImage::kNoblob);
}

TEST_F(CheckServerTest, FullNodupCountsAsMinimal) {
  VariableMap variables = MariaDb1011();
  variables["binlog_row_image"] = "FULL_NODUP";
  Script(variables, {kMariaDbGrants});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kFailedPrecondition,
                                HasSubstr("binlog_row_image is FULL_NODUP")));
}

TEST_F(CheckServerTest, MissingPrivilegesAreNamedWithTheGrantThatFixesThem) {
  Script(MariaDb1011(), {"GRANT USAGE ON *.* TO `app`@`10.0.0.%`"});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kPermissionDenied,
                                HasSubstr("user `app`@`10.0.0.%` lacks REPLICATION SLAVE, BINLOG "
                                          "MONITOR, SELECT on MariaDB")));
  EXPECT_THAT(Check(), StatusIs(StatusCode::kPermissionDenied,
                                HasSubstr("GRANT REPLICATION SLAVE, BINLOG MONITOR, SELECT ON *.* "
                                          "TO `app`@`10.0.0.%`")));
}

TEST_F(CheckServerTest, MySqlNamesReplicationClient) {
  Script(MySql80(), {"GRANT SELECT, REPLICATION SLAVE ON *.* TO `binlake`@`%`"});
  EXPECT_THAT(Check(), StatusIs(StatusCode::kPermissionDenied,
                                HasSubstr("lacks REPLICATION CLIENT on MySQL 8.0.36")));
}

TEST_F(CheckServerTest, ServerErrorsPassThrough) {
  server_.AddFault("SHOW GLOBAL VARIABLES", FakeSqlServer::Match::kPrefix,
                   UnavailableError("lost connection"));
  EXPECT_THAT(Check(), StatusIs(StatusCode::kUnavailable));
}

TEST(ParseGrantsTest, SchemaTableColumnAndRoleGrants) {
  io::TextResult rows{{"Grants"},
                      {{"GRANT USAGE ON *.* TO `u`@`%`"},
                       {"GRANT SELECT, INSERT ON `shop\\_eu`.* TO `u`@`%`"},
                       {"GRANT SELECT ON `odd``db`.`my table` TO `u`@`%`"},
                       {"GRANT SELECT (`id`, `name`) ON `hr`.`people` TO `u`@`%`"},
                       {"GRANT ALL PRIVILEGES ON `all%`.* TO `u`@`%`"},
                       {"GRANT `reader`@`%` TO `u`@`%`"},
                       {"GRANT EXECUTE ON PROCEDURE `shop`.`p` TO `u`@`%`"}}};
  ASSERT_OK_AND_ASSIGN(Grants grants, ParseGrants(rows));
  EXPECT_EQ(grants.user, "`u`@`%`");
  EXPECT_THAT(grants.global, ElementsAre("USAGE"));
  ASSERT_EQ(grants.on.size(), 4U);
  EXPECT_EQ(grants.on[1].schema, "odd`db");
  EXPECT_EQ(grants.on[1].table, "my table");
  EXPECT_TRUE(grants.on[2].privileges.empty());  // column-level only

  EXPECT_TRUE(CanSelect(grants, "shop_eu", "orders"));
  EXPECT_FALSE(CanSelect(grants, "shopXeu", "orders"));  // the escaped _ is literal
  EXPECT_TRUE(CanSelect(grants, "odd`db", "my table"));
  EXPECT_FALSE(CanSelect(grants, "odd`db", "other"));
  EXPECT_FALSE(CanSelect(grants, "hr", "people"));
  EXPECT_TRUE(CanSelect(grants, "all_of_it", "x"));
  EXPECT_FALSE(CanSelect(grants, "mysql", "user"));
}

TEST(ParseGrantsTest, NoGrantStatementIsInvalidArgument) {
  EXPECT_THAT(ParseGrants(io::TextResult{{"Grants"}, {{"nonsense"}}}),
              StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::source
