#include "testing/fake_sql_connection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Match = FakeSqlServer::Match;
using Call = FakeSqlServer::Call;

const std::vector<mysql::ColumnSchema> kTwoColumns = {{"id", {}, false}, {"v", {}, true}};

io::TextResult OneCell(std::string name, std::string value) {
  return io::TextResult{{std::move(name)}, {{std::move(value)}}};
}

std::vector<int64_t> StreamIds(io::SqlConnection& connection, std::string_view sql,
                               Status* status) {
  std::vector<int64_t> ids;
  *status = connection.StreamRows(sql, kTwoColumns, [&](std::span<const mysql::Value> row) {
    ids.push_back(std::get<int64_t>(row[0]));
    return Status::Ok();
  });
  return ids;
}

TEST(FakeSqlServerTest, ExactBeatsLongestPrefixBeatsShorterPrefix) {
  FakeSqlServer server;
  server.AddText("SELECT", OneCell("a", "short prefix"), Match::kPrefix);
  server.AddText("SELECT @@", OneCell("a", "long prefix"), Match::kPrefix);
  server.AddText("SELECT @@version", OneCell("a", "exact"));
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  ASSERT_OK_AND_ASSIGN(io::TextResult exact, connection->QueryText("SELECT @@version"));
  EXPECT_EQ(exact.rows[0][0], "exact");
  ASSERT_OK_AND_ASSIGN(io::TextResult long_prefix, connection->QueryText("SELECT @@log_bin"));
  EXPECT_EQ(long_prefix.rows[0][0], "long prefix");
  ASSERT_OK_AND_ASSIGN(io::TextResult short_prefix, connection->QueryText("SELECT 1"));
  EXPECT_EQ(short_prefix.rows[0][0], "short prefix");
}

TEST(FakeSqlServerTest, UnscriptedQueryIsInvalidArgumentNamingTheSql) {
  FakeSqlServer server;
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(connection->QueryText("SHOW TABLES"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("SHOW TABLES")));
  Status status;
  StreamIds(*connection, "SELECT x", &status);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument, HasSubstr("SELECT x")));
  EXPECT_OK(connection->Execute("COMMIT"));
}

TEST(FakeSqlServerTest, LogsEveryStatementWithConnectionAndCall) {
  FakeSqlServer server;
  server.AddText("SELECT 1", OneCell("1", "1"));
  ASSERT_OK_AND_ASSIGN(auto first, server.Connect());
  ASSERT_OK_AND_ASSIGN(auto second, server.Connect());
  EXPECT_OK(first->Execute("BEGIN"));
  EXPECT_OK(second->QueryText("SELECT 1").status());
  EXPECT_THAT(server.Statements(),
              ElementsAre(FakeSqlServer::Statement{1, Call::kExecute, "BEGIN"},
                          FakeSqlServer::Statement{2, Call::kQueryText, "SELECT 1"}));
  EXPECT_THAT(server.Sql(), ElementsAre("BEGIN", "SELECT 1"));
  EXPECT_EQ(server.CountStatements("SELECT"), 1);
  EXPECT_EQ(server.connections_opened(), 2);
  EXPECT_EQ(first->Describe(), "fake@connection1");
}

TEST(FakeSqlServerTest, StreamsRowsAndHandlersSeeTheSql) {
  FakeSqlServer server;
  server.AddRows("SELECT a", {{int64_t{1}, mysql::Null{}}, {int64_t{2}, mysql::Text{"x"}}},
                 Match::kPrefix);
  server.AddRowsHandler("SELECT b", Match::kPrefix, [](std::string_view sql) {
    return Result<std::vector<FakeSqlServer::Row>>(
        std::vector<FakeSqlServer::Row>{{static_cast<int64_t>(sql.size()), mysql::Null{}}});
  });
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  Status status;
  EXPECT_THAT(StreamIds(*connection, "SELECT a FROM t", &status), ElementsAre(1, 2));
  EXPECT_OK(status);
  EXPECT_THAT(StreamIds(*connection, "SELECT bbb", &status), ElementsAre(10));
  EXPECT_OK(status);
}

TEST(FakeSqlServerTest, RowOfTheWrongWidthIsInternal) {
  FakeSqlServer server;
  server.AddRows("SELECT a", {{int64_t{1}}});
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  Status status;
  StreamIds(*connection, "SELECT a", &status);
  EXPECT_THAT(status, StatusIs(StatusCode::kInternal, HasSubstr("1 values")));
}

TEST(FakeSqlServerTest, CallbackErrorStopsTheStream) {
  FakeSqlServer server;
  server.AddRows("SELECT a", {{int64_t{1}, mysql::Null{}}, {int64_t{2}, mysql::Null{}}});
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  int calls = 0;
  EXPECT_THAT(connection->StreamRows("SELECT a", kTwoColumns,
                                     [&](std::span<const mysql::Value>) {
                                       ++calls;
                                       return AbortedError("stop");
                                     }),
              StatusIs(StatusCode::kAborted));
  EXPECT_EQ(calls, 1);
}

TEST(FakeSqlServerTest, FaultFiresOnTheNthMatchingCallOnly) {
  FakeSqlServer server;
  server.AddText("SELECT 1", OneCell("1", "1"));
  server.AddFault("SELECT", Match::kPrefix, FailedPreconditionError("lock wait timeout"),
                  /*nth=*/2);
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_OK(connection->Execute("BEGIN"));
  EXPECT_OK(connection->QueryText("SELECT 1").status());
  EXPECT_THAT(connection->QueryText("SELECT 1"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_OK(connection->QueryText("SELECT 1").status());
  EXPECT_EQ(server.CountStatements("SELECT 1"), 3);
}

TEST(FakeSqlServerTest, UnavailableLosesTheConnectionButNotOthers) {
  FakeSqlServer server;
  server.AddText("SELECT 1", OneCell("1", "1"));
  server.AddFault("", Match::kPrefix, UnavailableError("connection reset"));
  ASSERT_OK_AND_ASSIGN(auto lost, server.Connect());
  EXPECT_THAT(lost->QueryText("SELECT 1"), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(lost->Execute("COMMIT"),
              StatusIs(StatusCode::kUnavailable, HasSubstr("lost earlier")));
  ASSERT_OK_AND_ASSIGN(auto fresh, server.Connect());
  EXPECT_OK(fresh->QueryText("SELECT 1").status());
}

TEST(FakeSqlServerTest, StreamFaultAfterRowsDeliversThemFirst) {
  FakeSqlServer server;
  server.AddRows(
      "SELECT a",
      {{int64_t{1}, mysql::Null{}}, {int64_t{2}, mysql::Null{}}, {int64_t{3}, mysql::Null{}}});
  server.AddFault("SELECT a", Match::kExact, UnavailableError("reset"), 1, 1, /*after_rows=*/2);
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  Status status;
  EXPECT_THAT(StreamIds(*connection, "SELECT a", &status), ElementsAre(1, 2));
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable));
}

TEST(FakeSqlServerTest, ConnectFaults) {
  FakeSqlServer server;
  server.AddConnectFault(UnavailableError("refused"), /*nth=*/1, /*times=*/2);
  EXPECT_THAT(server.Connect(), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(server.Connect(), StatusIs(StatusCode::kUnavailable));
  EXPECT_OK(server.Connect().status());
  EXPECT_EQ(server.connections_opened(), 1);
}

}  // namespace
}  // namespace binlake::testing
