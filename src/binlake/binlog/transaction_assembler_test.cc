#include "binlake/binlog/transaction_assembler.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "binlake/binlog/event_bodies.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Records every callback as one line.
class RecordingHandler : public TransactionHandler {
 public:
  Status OnBegin(const TransactionBegin& begin) override {
    log.push_back(fmt::format("begin {} @{}", begin.gtid, begin.start_offset));
    return Status::Ok();
  }
  Status OnRows(const Event& event, const RowsEventData& rows) override {
    log.push_back(
        fmt::format("rows {}.{} @{}", rows.table->database, rows.table->table, event.offset));
    return Status::Ok();
  }
  Status OnStatement(const Statement& statement) override {
    log.push_back(fmt::format("statement {} {}", static_cast<int>(statement.kind), statement.text));
    return Status::Ok();
  }
  Status OnCommit(const TransactionCommit& commit) override {
    std::string line = fmt::format("{} {} {}-{} t={}{}",
                                   commit.kind == CommitKind::kCommit ? "commit" : "prepared",
                                   commit.gtid, commit.start_offset, commit.end_offset,
                                   commit.commit_micros, commit.exact_commit_time ? " exact" : "");
    if (commit.xa_id) {
      line += " xa=" + XaIdToString(*commit.xa_id);
    }
    log.push_back(line);
    return Status::Ok();
  }
  Status OnDiscard(const TransactionDiscard& discard) override {
    log.push_back(fmt::format(
        "discard {} {}", discard.reason == DiscardReason::kRollback ? "rollback" : "incomplete",
        discard.gtid));
    return Status::Ok();
  }
  Status OnXaOutcome(const XaOutcome& outcome) override {
    log.push_back(fmt::format("xa {} {} {}", outcome.committed ? "commit" : "rollback",
                              XaIdToString(outcome.xa_id), outcome.gtid));
    return Status::Ok();
  }

  std::vector<std::string> log;
};

class TransactionAssemblerTest : public ::testing::Test {
 protected:
  // Feeds an event with the given body; events are 100 bytes apart, timestamps 1000 + offset.
  Status Feed(EventBody body, uint8_t type, uint32_t server_id = 1) {
    Event event;
    event.header.type_code = type;
    event.header.server_id = server_id;
    event.header.timestamp = 1000;
    event.source = "bin.000001";
    event.offset = next_offset_;
    event.end_offset = next_offset_ + 100;
    next_offset_ += 100;
    event.body = std::move(body);
    return assembler_.Process(event);
  }
  Status Query(std::string_view statement) {
    QueryEvent query;
    query.statement = statement;
    query.kind = ClassifyStatement(statement);
    return Feed(query, 2);
  }
  Status Rows(uint16_t flags = 0) {
    auto map = std::make_shared<TableMap>();
    map->database = "db";
    map->table = "t";
    RowsEventData rows{map, RowsEvent{}};
    rows.rows.flags = flags;
    return Feed(rows, 30);
  }
  Status Xid() { return Feed(XidEvent{9}, 16); }
  Status MySqlGtid(int64_t gno, std::optional<uint64_t> commit_micros) {
    GtidEvent gtid;
    gtid.source_id[15] = 1;
    gtid.gno = gno;
    gtid.immediate_commit_micros = commit_micros;
    return Feed(gtid, 33);
  }
  Status MariaGtid(uint64_t sequence, uint8_t flags) {
    MariaGtidEvent gtid;
    gtid.sequence = sequence;
    gtid.flags = flags;
    return Feed(gtid, 162, 7);
  }

  RecordingHandler handler_;
  TransactionAssembler assembler_{handler_};
  uint64_t next_offset_ = 4;
};

TEST_F(TransactionAssemblerTest, MySqlGtidTransactionWithCommitTimestamp) {
  ASSERT_OK(MySqlGtid(5, 1700000000123456));
  ASSERT_OK(Query("BEGIN"));
  ASSERT_OK(Rows());
  ASSERT_OK(Rows(1));
  ASSERT_OK(Xid());
  EXPECT_THAT(handler_.log, ElementsAre("begin 00000000-0000-0000-0000-000000000001:5 @4",
                                        "rows db.t @204", "rows db.t @304",
                                        "commit 00000000-0000-0000-0000-000000000001:5 4-504 "
                                        "t=1700000000123456 exact"));
  EXPECT_FALSE(assembler_.in_transaction());
}

TEST_F(TransactionAssemblerTest, DdlIsItsOwnTransactionAndTimestampFallsBackToTheHeader) {
  ASSERT_OK(MySqlGtid(6, std::nullopt));
  ASSERT_OK(Query("CREATE TABLE t (a INT)"));
  ASSERT_OK(assembler_.Finish());
  EXPECT_THAT(handler_.log,
              ElementsAre("begin 00000000-0000-0000-0000-000000000001:6 @4",
                          "statement 11 CREATE TABLE t (a INT)",
                          "commit 00000000-0000-0000-0000-000000000001:6 4-204 t=1000000000"));
}

TEST_F(TransactionAssemblerTest, StatementBasedDmlIsReportedNotDropped) {
  ASSERT_OK(Query("BEGIN"));
  ASSERT_OK(Query("INSERT INTO t VALUES (1)"));
  ASSERT_OK(Query("COMMIT"));
  EXPECT_THAT(handler_.log, ElementsAre("begin  @4", "statement 10 INSERT INTO t VALUES (1)",
                                        "commit  4-304 t=1000000000"));
}

TEST_F(TransactionAssemblerTest, AutocommitStatementTakesTheFollowingXid) {
  ASSERT_OK(Query("insert into t values (1)"));  // MySQL 5.0 InnoDB autocommit
  ASSERT_OK(Xid());
  ASSERT_OK(Query("insert into t values (2)"));  // MyISAM: nothing follows
  ASSERT_OK(assembler_.Finish());
  EXPECT_THAT(handler_.log,
              ElementsAre("begin  @4", "statement 10 insert into t values (1)",
                          "commit  4-204 t=1000000000", "begin  @204",
                          "statement 10 insert into t values (2)", "commit  204-304 t=1000000000"));
}

TEST_F(TransactionAssemblerTest, RowsWithoutBeginEndAtTheStatementEnd) {
  ASSERT_OK(Rows());
  ASSERT_OK(Rows(1));
  ASSERT_OK(Rows(1));
  EXPECT_THAT(handler_.log, ElementsAre("begin  @4", "rows db.t @4", "rows db.t @104",
                                        "commit  4-204 t=1000000000", "begin  @204",
                                        "rows db.t @204", "commit  204-304 t=1000000000"));
}

TEST_F(TransactionAssemblerTest, RollbackDiscardsAndIncompleteTailIsDiscarded) {
  ASSERT_OK(Query("BEGIN"));
  ASSERT_OK(Rows());
  ASSERT_OK(Query("ROLLBACK"));
  ASSERT_OK(Query("BEGIN"));
  ASSERT_OK(Rows());
  ASSERT_OK(assembler_.Finish());
  EXPECT_THAT(handler_.log, ElementsAre("begin  @4", "rows db.t @104", "discard rollback ",
                                        "begin  @304", "rows db.t @404", "discard incomplete "));
}

TEST_F(TransactionAssemblerTest, RollbackToSavepointIsUnimplemented) {
  ASSERT_OK(Query("BEGIN"));
  ASSERT_OK(Query("SAVEPOINT a"));
  EXPECT_THAT(Query("ROLLBACK TO SAVEPOINT a"),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("ROLLBACK TO SAVEPOINT")));
}

TEST_F(TransactionAssemblerTest, MariaDbGtidIsTheBeginAndStandaloneNamesOneStatement) {
  ASSERT_OK(MariaGtid(1, kMariaGtidTransactional));
  ASSERT_OK(Rows());
  ASSERT_OK(Xid());
  ASSERT_OK(MariaGtid(2, kMariaGtidStandalone | kMariaGtidDdl));
  ASSERT_OK(Query("DROP TABLE t"));
  ASSERT_OK(MariaGtid(3, kMariaGtidTransactional));
  ASSERT_OK(Query("BEGIN"));  // older MariaDB also writes the BEGIN
  ASSERT_OK(Query("COMMIT"));
  EXPECT_THAT(handler_.log,
              ElementsAre("begin 0-7-1 @4", "rows db.t @104", "commit 0-7-1 4-304 t=1000000000",
                          "begin 0-7-2 @304", "statement 11 DROP TABLE t",
                          "commit 0-7-2 304-504 t=1000000000", "begin 0-7-3 @504",
                          "commit 0-7-3 504-804 t=1000000000"));
}

TEST_F(TransactionAssemblerTest, XaPrepareThenCommitInALaterGroup) {
  ASSERT_OK(MySqlGtid(1, std::nullopt));
  ASSERT_OK(Query("XA START X'6162',X'',1"));
  ASSERT_OK(Rows());
  ASSERT_OK(Query("XA END X'6162',X'',1"));
  ASSERT_OK(Feed(XaPrepareEvent{false, XaId{1, "ab", ""}}, 38));
  ASSERT_OK(MySqlGtid(2, std::nullopt));
  ASSERT_OK(Query("XA COMMIT X'6162',X'',1"));
  ASSERT_OK(MariaGtid(9, kMariaGtidStandalone | kMariaGtidCompletedXa));
  ASSERT_OK(Query("XA ROLLBACK X'7a',X'',1"));
  EXPECT_THAT(handler_.log,
              ElementsAre("begin 00000000-0000-0000-0000-000000000001:1 @4", "rows db.t @204",
                          "prepared 00000000-0000-0000-0000-000000000001:1 4-504 t=1000000000 "
                          "xa=X'6162',X'',1",
                          "xa commit X'6162',X'',1 00000000-0000-0000-0000-000000000001:2",
                          "xa rollback X'7a',X'',1 0-7-9"));
}

TEST_F(TransactionAssemblerTest, XaOnePhaseIsAPlainCommit) {
  ASSERT_OK(Query("XA START X'01',X'',1"));
  ASSERT_OK(Rows());
  ASSERT_OK(Query("XA END X'01',X'',1"));
  ASSERT_OK(Feed(XaPrepareEvent{true, XaId{1, "\x01", ""}}, 38));
  EXPECT_THAT(handler_.log.back(), HasSubstr("commit  4-404"));
}

TEST_F(TransactionAssemblerTest, StructureErrorsAndIncidents) {
  EXPECT_THAT(Xid(), StatusIs(StatusCode::kCorruption, HasSubstr("XID without an open")));
  ASSERT_OK(Query("BEGIN"));
  EXPECT_THAT(Query("BEGIN"),
              StatusIs(StatusCode::kCorruption, HasSubstr("bin.000001: offset 204")));
  EXPECT_THAT(MySqlGtid(3, std::nullopt),
              StatusIs(StatusCode::kCorruption, HasSubstr("GTID inside")));
  EXPECT_THAT(Feed(IncidentEvent{1, "lost events"}, 26),
              StatusIs(StatusCode::kCorruption, HasSubstr("INCIDENT_EVENT 1: lost events")));
}

}  // namespace
}  // namespace binlake::binlog
