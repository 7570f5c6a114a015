#include "binlake/source/snapshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fake_sql_connection.h"
#include "testing/status_matchers.h"

namespace binlake::source {
namespace {

using ::testing::ElementsAre;
using testing::FakeSqlServer;
using ::testing::HasSubstr;
using testing::IsOkAndHolds;
using testing::StatusIs;

ServerInfo MariaDb() {
  ServerInfo server;
  server.flavor = Flavor::kMariaDb;
  server.version = "10.11.6-MariaDB";
  server.version_number = 101106;
  server.lock_free_snapshot_position = true;
  return server;
}

ServerInfo MySql(std::string version, uint32_t number) {
  ServerInfo server;
  server.flavor = Flavor::kMySql;
  server.version = std::move(version);
  server.version_number = number;
  return server;
}

io::TextResult SnapshotStatus(std::string file, std::string position) {
  return io::TextResult{{"Variable_name", "Value"},
                        {{"binlog_snapshot_file", std::move(file)},
                         {"binlog_snapshot_position", std::move(position)}}};
}

TEST(BeginSnapshotLockFreeTest, MariaDbReportsTheSnapshotPositionAndItsGtids) {
  FakeSqlServer server;
  server.AddText("SHOW STATUS LIKE 'binlog_snapshot_%'", SnapshotStatus("binlog.000007", "1234"));
  server.AddText("SELECT BINLOG_GTID_POS(_utf8mb4'binlog.000007', 1234)",
                 {{"gtid"}, {{"0-1-42,1-2-7"}}});
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(BeginSnapshotLockFree(*connection, MariaDb()),
              IsOkAndHolds(BinlogPosition{"binlog.000007", 1234, "0-1-42,1-2-7"}));
  EXPECT_THAT(server.Sql(), ElementsAre("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                                        "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY",
                                        "SHOW STATUS LIKE 'binlog_snapshot_%'",
                                        "SELECT BINLOG_GTID_POS(_utf8mb4'binlog.000007', 1234)"));
}

TEST(BeginSnapshotLockFreeTest, MySqlNeedsTheGlobalReadLockOption) {
  FakeSqlServer server;
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(BeginSnapshotLockFree(*connection, MySql("8.0.36", 80036)),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("MySQL 8.0.36 does not report the binlog position")));
  EXPECT_THAT(
      BeginSnapshotLockFree(*connection, MySql("8.0.36", 80036)),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("full_load.snapshot: global_read_lock")));
  EXPECT_TRUE(server.Sql().empty());
}

TEST(BeginSnapshotLockFreeTest, NoSnapshotPositionRollsBack) {
  FakeSqlServer server;
  server.AddText("SHOW STATUS LIKE 'binlog_snapshot_%'", SnapshotStatus("", "0"));
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(BeginSnapshotLockFree(*connection, MariaDb()),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("is binary logging on")));
  EXPECT_EQ(server.Sql().back(), "ROLLBACK");
}

TEST(BeginSnapshotLockFreeTest, LostConnectionIsReturned) {
  FakeSqlServer server;
  server.AddFault("START TRANSACTION", FakeSqlServer::Match::kPrefix, UnavailableError("gone"));
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(BeginSnapshotLockFree(*connection, MariaDb()), StatusIs(StatusCode::kUnavailable));
}

io::TextResult MasterStatus(std::vector<std::string> columns,
                            std::vector<std::optional<std::string>> row) {
  return io::TextResult{std::move(columns), {std::move(row)}};
}

TEST(BeginSnapshotUnderReadLockTest, LocksStartsTheReaderReadsThePositionAndUnlocks) {
  FakeSqlServer server;
  server.AddText("SHOW MASTER STATUS", MasterStatus({"File", "Position", "Binlog_Do_DB",
                                                     "Binlog_Ignore_DB", "Executed_Gtid_Set"},
                                                    {"mysql-bin.000002", "157", "", "", "u:1-5"}));
  ASSERT_OK_AND_ASSIGN(auto locker, server.Connect());
  ASSERT_OK_AND_ASSIGN(auto reader, server.Connect());
  EXPECT_THAT(BeginSnapshotUnderReadLock(*locker, *reader, MySql("8.0.36", 80036)),
              IsOkAndHolds(BinlogPosition{"mysql-bin.000002", 157, "u:1-5"}));
  using Call = FakeSqlServer::Call;
  EXPECT_THAT(
      server.Statements(),
      ElementsAre(FakeSqlServer::Statement{1, Call::kExecute, "FLUSH TABLES WITH READ LOCK"},
                  FakeSqlServer::Statement{
                      2, Call::kExecute, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"},
                  FakeSqlServer::Statement{2, Call::kExecute,
                                           "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"},
                  FakeSqlServer::Statement{1, Call::kQueryText, "SHOW MASTER STATUS"},
                  FakeSqlServer::Statement{1, Call::kExecute, "UNLOCK TABLES"}));
}

TEST(BeginSnapshotUnderReadLockTest, AFailedReaderStillUnlocks) {
  FakeSqlServer server;
  server.AddFault("START TRANSACTION", FakeSqlServer::Match::kPrefix, UnavailableError("gone"));
  ASSERT_OK_AND_ASSIGN(auto locker, server.Connect());
  ASSERT_OK_AND_ASSIGN(auto reader, server.Connect());
  EXPECT_THAT(BeginSnapshotUnderReadLock(*locker, *reader, MariaDb()),
              StatusIs(StatusCode::kUnavailable));
  EXPECT_EQ(server.Sql().back(), "UNLOCK TABLES");
}

TEST(BeginSnapshotUnderReadLockTest, ARefusedLockNamesTheOptionAndPrivilege) {
  FakeSqlServer server;
  server.AddFault("FLUSH TABLES WITH READ LOCK", FakeSqlServer::Match::kExact,
                  PermissionDeniedError("1227 Access denied; you need the RELOAD privilege"));
  ASSERT_OK_AND_ASSIGN(auto locker, server.Connect());
  ASSERT_OK_AND_ASSIGN(auto reader, server.Connect());
  EXPECT_THAT(BeginSnapshotUnderReadLock(*locker, *reader, MariaDb()),
              StatusIs(StatusCode::kPermissionDenied,
                       HasSubstr("full_load.snapshot: global_read_lock (needs the RELOAD")));
  EXPECT_EQ(server.Sql().size(), 1u);
}

TEST(CurrentPositionTest, MariaDb) {
  FakeSqlServer server;
  server.AddText("SHOW MASTER STATUS",
                 MasterStatus({"File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB"},
                              {"binlog.000003", "999", "", ""}));
  server.AddText("SELECT @@gtid_binlog_pos", {{"@@gtid_binlog_pos"}, {{"0-1-83"}}});
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(CurrentPosition(*connection, MariaDb()),
              IsOkAndHolds(BinlogPosition{"binlog.000003", 999, "0-1-83"}));
}

TEST(CurrentPositionTest, MySql80UsesMasterStatusAndExecutedGtids) {
  FakeSqlServer server;
  server.AddText("SHOW MASTER STATUS", MasterStatus({"File", "Position", "Binlog_Do_DB",
                                                     "Binlog_Ignore_DB", "Executed_Gtid_Set"},
                                                    {"mysql-bin.000002", "157", "", "",
                                                     "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n"
                                                     "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-2"}));
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(CurrentPosition(*connection, MySql("8.0.36", 80036)),
              IsOkAndHolds(BinlogPosition{"mysql-bin.000002", 157,
                                          "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,"
                                          "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-2"}));
}

TEST(CurrentPositionTest, MySql84UsesBinaryLogStatus) {
  FakeSqlServer server;
  server.AddText("SHOW BINARY LOG STATUS", MasterStatus({"File", "Position", "Binlog_Do_DB",
                                                         "Binlog_Ignore_DB", "Executed_Gtid_Set"},
                                                        {"binlog.000001", "4", "", "", ""}));
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(CurrentPosition(*connection, MySql("8.4.0", 80400)),
              IsOkAndHolds(BinlogPosition{"binlog.000001", 4, ""}));
}

TEST(CurrentPositionTest, BinlogOffIsFailedPrecondition) {
  FakeSqlServer server;
  server.AddText("SHOW MASTER STATUS", io::TextResult{{"File", "Position"}, {}});
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  EXPECT_THAT(CurrentPosition(*connection, MariaDb()),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("SHOW MASTER STATUS")));
}

}  // namespace
}  // namespace binlake::source
