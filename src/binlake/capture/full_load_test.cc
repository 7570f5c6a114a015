#include "binlake/capture/full_load.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "binlake/base/macros.h"
#include "binlake/source/sql_text.h"
#include "binlake/staging/layout.h"
#include "testing/fake_sql_connection.h"
#include "testing/memory_object_store.h"
#include "testing/recording_logger.h"
#include "testing/status_matchers.h"

namespace binlake::capture {
namespace {

using ::binlake::testing::FakeSqlServer;
using ::binlake::testing::MemoryObjectStore;
using ::binlake::testing::RecordingLogger;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;
using Row = FakeSqlServer::Row;

mysql::TableSchema IdNameTable() {
  mysql::TableSchema schema;
  schema.database = "load_unit";
  schema.table = "t";
  mysql::ColumnSchema id{"id", {}, false};
  id.type.kind = mysql::ColumnKind::kBigInt;
  mysql::ColumnSchema name{"name", {}, false};
  name.type.kind = mysql::ColumnKind::kVarchar;
  name.type.length = 20;
  name.type.charset = "utf8mb4";
  schema.columns = {id, name};
  schema.primary_key = {0};
  return schema;
}

// (name VARCHAR, id BIGINT) keyed on both: a composite key with a VARCHAR part.
mysql::TableSchema CompositeKeyTable() {
  mysql::TableSchema schema = IdNameTable();
  schema.table = "composite";
  schema.primary_key = {1, 0};
  return schema;
}

std::vector<mysql::Value> KeyOf(const mysql::TableSchema& schema, const Row& row) {
  std::vector<mysql::Value> key;
  for (uint32_t position : schema.primary_key) {
    key.push_back(row[position]);
  }
  return key;
}

// Scripts a table of `rows` (in key order) chunked by `chunk_rows`: the boundary queries, the
// chunk SELECTs, and the snapshot statements. Returns the chunk ranges the load will plan.
std::vector<source::KeyRange> ScriptTable(FakeSqlServer& server, const mysql::TableSchema& schema,
                                          const std::vector<Row>& rows, int64_t chunk_rows) {
  std::vector<source::KeyRange> ranges;
  if (schema.primary_key.size() == 1) {  // Rows() keys are too sparse for an arithmetic split
    Row min_max = {mysql::Null{}, mysql::Null{}};
    if (!rows.empty()) {
      min_max = {KeyOf(schema, rows.front())[0], KeyOf(schema, rows.back())[0]};
    }
    server.AddRows(*source::KeyMinMaxSql(schema), {min_max});
  }
  size_t start = 0;
  while (true) {
    source::KeyRange range;
    if (!ranges.empty()) {
      range.lower = ranges.back().upper;
    }
    size_t end = start + static_cast<size_t>(chunk_rows);
    std::vector<Row> boundary;
    if (end <= rows.size()) {
      range.upper = KeyOf(schema, rows[end - 1]);
      boundary.push_back(*range.upper);
    }
    if (!schema.primary_key.empty()) {  // a keyless table is read whole, without planning
      server.AddRows(*source::NextChunkBoundarySql(schema, range.lower, chunk_rows), boundary);
    }
    std::vector<Row> chunk(rows.begin() + static_cast<std::ptrdiff_t>(std::min(start, rows.size())),
                           rows.begin() + static_cast<std::ptrdiff_t>(std::min(end, rows.size())));
    server.AddRows(*source::ChunkSelectSql(schema, range), chunk);
    ranges.push_back(range);
    if (!range.upper) {
      break;
    }
    start = end;
  }
  server.AddText("SHOW STATUS LIKE 'binlog_snapshot",
                 {{"Variable_name", "Value"},
                  {{"binlog_snapshot_file", "binlog.000001"}, {"binlog_snapshot_position", "400"}}},
                 FakeSqlServer::Match::kPrefix);
  server.AddText("SELECT BINLOG_GTID_POS", {{"gtid"}, {{"0-1-5"}}}, FakeSqlServer::Match::kPrefix);
  return ranges;
}

std::vector<Row> Rows(int count) {
  std::vector<Row> rows;
  for (int i = 1; i <= count; ++i) {
    rows.push_back({int64_t{i * 10}, mysql::Text{"n" + std::to_string(i)}});
  }
  return rows;
}

class FullLoadTest : public ::testing::Test {
 protected:
  FullLoadDeps Deps() {
    FullLoadDeps deps;
    deps.staging = &store_;
    deps.checkpoints = &checkpoints_;
    deps.logger = &logger_;
    deps.server.flavor = source::Flavor::kMariaDb;
    deps.server.server_id = 1;
    deps.server.lock_free_snapshot_position = true;
    deps.options.chunk_rows = 2;
    deps.file_options.format = staging::FileFormat::kCsv;
    deps.file_options.compression = staging::FileCompression::kNone;
    return deps;
  }

  Result<std::unique_ptr<FullLoad>> MakeLoad(
      const mysql::TableSchema& schema,
      source::KeySource key_source = source::KeySource::kPrimaryKey) {
    LoadTable table;
    table.captured.schema = schema;
    table.captured.key_source = key_source;
    table.estimated_rows = 5;
    ASSIGN_OR_RETURN(Checkpoint checkpoint, checkpoints_.LoadLatest());
    return FullLoad::Make(Deps(), std::move(checkpoint), {table});
  }

  Status RunOnce(const mysql::TableSchema& schema) {
    ASSIGN_OR_RETURN(auto load, MakeLoad(schema));
    ASSIGN_OR_RETURN(auto connection, server_.Connect());
    return load->RunWorker(*connection);
  }

  std::vector<std::string> LoadFiles(const mysql::TableSchema& schema) {
    io::ListOptions options;
    options.prefix = *staging::TableFolder(schema.database, schema.table);
    std::vector<std::string> keys;
    Result<io::ListPage> page = store_.List(options);
    for (const auto& object : page->objects) {
      keys.push_back(object.key);
    }
    return keys;
  }

  TableCheckpoint Latest(const mysql::TableSchema& schema) {
    return checkpoints_.LoadLatest()->tables.at(TableKey(schema.database, schema.table));
  }

  int Selects(const source::KeyRange& range, const mysql::TableSchema& schema) {
    return server_.CountStatements(*source::ChunkSelectSql(schema, range));
  }

  MemoryObjectStore store_;
  CheckpointStore checkpoints_{store_};
  RecordingLogger logger_;
  FakeSqlServer server_;
};

TEST_F(FullLoadTest, LoadsEveryChunkAndRecordsTheStreamStart) {
  mysql::TableSchema schema = IdNameTable();
  std::vector<source::KeyRange> ranges = ScriptTable(server_, schema, Rows(5), 2);
  ASSERT_EQ(ranges.size(), 3u);
  ASSERT_OK(RunOnce(schema));

  EXPECT_THAT(LoadFiles(schema),
              ::testing::ElementsAre("load_unit/t/LOAD00000001.csv", "load_unit/t/LOAD00000002.csv",
                                     "load_unit/t/LOAD00000003.csv"));
  TableCheckpoint table = Latest(schema);
  EXPECT_EQ(table.load, LoadState::kDone);
  ASSERT_EQ(table.chunks.size(), 3u);
  EXPECT_EQ(table.chunks[2].rows, 1u);
  EXPECT_EQ(table.chunks[1].range.lower, ranges[1].lower);
  EXPECT_EQ(table.chunks[1].range.upper, ranges[1].upper);
  ASSERT_TRUE(table.stream_start.has_value());
  EXPECT_EQ(table.stream_start->file, "binlog.000001");
  std::string log = logger_.Text();
  EXPECT_THAT(log, HasSubstr("full load: load_unit.t chunk 0 reading\n"));
  EXPECT_THAT(log, HasSubstr("full load: load_unit.t chunk 2 done rows=1\n"));
  for (const auto& range : ranges) {
    EXPECT_EQ(Selects(range, schema), 1);
  }
}

TEST_F(FullLoadTest, ResumeSkipsDoneChunksAndRereadsThePlannedOne) {
  mysql::TableSchema schema = IdNameTable();
  std::vector<source::KeyRange> ranges = ScriptTable(server_, schema, Rows(5), 2);
  // The first run dies while reading chunk 1 (after its range was committed).
  server_.AddFault(*source::ChunkSelectSql(schema, ranges[1]), FakeSqlServer::Match::kExact,
                   UnavailableError("connection lost"), 1, 1, /*after_rows=*/1);
  EXPECT_THAT(RunOnce(schema),
              StatusIs(StatusCode::kUnavailable, HasSubstr("load_unit.t chunk 1 key range")));
  TableCheckpoint crashed = Latest(schema);
  ASSERT_EQ(crashed.chunks.size(), 2u);
  EXPECT_EQ(crashed.chunks[0].state, ChunkState::kDone);
  EXPECT_EQ(crashed.chunks[1].state, ChunkState::kPlanned);
  EXPECT_EQ(crashed.chunks[1].range.upper, ranges[1].upper);
  EXPECT_THAT(LoadFiles(schema), ::testing::ElementsAre("load_unit/t/LOAD00000001.csv"));

  ASSERT_OK(RunOnce(schema));
  EXPECT_EQ(Selects(ranges[0], schema), 1);  // not read again
  EXPECT_EQ(Selects(ranges[1], schema), 2);  // the same range, into the same LOAD name
  EXPECT_EQ(Latest(schema).load, LoadState::kDone);
  EXPECT_EQ(LoadFiles(schema).size(), 3u);
}

TEST_F(FullLoadTest, ALostConnectionHandsTheChunkBackForAReconnectedWorker) {
  mysql::TableSchema schema = IdNameTable();
  std::vector<source::KeyRange> ranges = ScriptTable(server_, schema, Rows(5), 2);
  server_.AddFault(*source::ChunkSelectSql(schema, ranges[1]), FakeSqlServer::Match::kExact,
                   UnavailableError("connection lost"), 1, 1, /*after_rows=*/1);
  ASSERT_OK_AND_ASSIGN(auto load, MakeLoad(schema));
  ASSERT_OK_AND_ASSIGN(auto lost, server_.Connect());
  EXPECT_THAT(load->RunWorker(*lost), StatusIs(StatusCode::kUnavailable));
  EXPECT_FALSE(load->Finished());

  ASSERT_OK_AND_ASSIGN(auto reconnected, server_.Connect());
  ASSERT_OK(load->RunWorker(*reconnected));
  EXPECT_TRUE(load->Finished());
  EXPECT_EQ(Selects(ranges[0], schema), 1);
  EXPECT_EQ(Selects(ranges[1], schema), 2);
  EXPECT_EQ(LoadFiles(schema).size(), 3u);
}

TEST_F(FullLoadTest, ADenseIntegerKeyIsCutArithmeticallyWithoutOffsetScans) {
  mysql::TableSchema schema = IdNameTable();
  std::vector<Row> rows;
  for (int64_t id = 1; id <= 5; ++id) {
    rows.push_back({id, mysql::Text{"n"}});
  }
  server_.AddRows(*source::KeyMinMaxSql(schema), {{int64_t{1}, int64_t{5}}});
  // estimated_rows 5, chunk_rows 2: two key values per chunk, the last chunk open above.
  const std::vector<source::KeyRange> ranges = {
      {std::nullopt, std::vector<mysql::Value>{int64_t{2}}},
      {std::vector<mysql::Value>{int64_t{2}}, std::vector<mysql::Value>{int64_t{4}}},
      {std::vector<mysql::Value>{int64_t{4}}, std::nullopt}};
  server_.AddRows(*source::ChunkSelectSql(schema, ranges[0]), {rows[0], rows[1]});
  server_.AddRows(*source::ChunkSelectSql(schema, ranges[1]), {rows[2], rows[3]});
  server_.AddRows(*source::ChunkSelectSql(schema, ranges[2]), {rows[4]});
  server_.AddText("SHOW STATUS LIKE 'binlog_snapshot",
                  {{"Variable_name", "Value"},
                   {{"binlog_snapshot_file", "binlog.000001"}, {"binlog_snapshot_position", "4"}}},
                  FakeSqlServer::Match::kPrefix);
  server_.AddText("SELECT BINLOG_GTID_POS", {{"gtid"}, {{""}}}, FakeSqlServer::Match::kPrefix);

  ASSERT_OK(RunOnce(schema));
  EXPECT_EQ(Latest(schema).load, LoadState::kDone);
  EXPECT_EQ(Latest(schema).chunks.size(), 3u);
  for (const auto& range : ranges) {
    EXPECT_EQ(Selects(range, schema), 1);
  }
  EXPECT_EQ(server_.CountStatements("SELECT `id` FROM"), 0);  // no OFFSET planning query
}

TEST_F(FullLoadTest, AFailedCloseDoesNotMarkTheChunkDone) {
  mysql::TableSchema schema = IdNameTable();
  ScriptTable(server_, schema, Rows(5), 2);
  ASSERT_OK(store_.AddFault(testing::StoreOp::kWriterClose, testing::FaultKind::kUnavailable));
  EXPECT_THAT(RunOnce(schema), StatusIs(StatusCode::kUnavailable, HasSubstr("LOAD00000001")));
  TableCheckpoint table = Latest(schema);
  ASSERT_EQ(table.chunks.size(), 1u);
  EXPECT_EQ(table.chunks[0].state, ChunkState::kPlanned);
  EXPECT_TRUE(LoadFiles(schema).empty());
  EXPECT_THAT(logger_.Text(), ::testing::Not(HasSubstr("done")));
}

TEST_F(FullLoadTest, EmptyTableWritesNoFileAndIsDone) {
  mysql::TableSchema schema = IdNameTable();
  ASSERT_OK(store_.Put("load_unit/t/LOAD00000001.csv", "stale"));  // from an older run
  ScriptTable(server_, schema, {}, 2);
  ASSERT_OK(RunOnce(schema));
  EXPECT_TRUE(LoadFiles(schema).empty());
  TableCheckpoint table = Latest(schema);
  EXPECT_EQ(table.load, LoadState::kDone);
  ASSERT_EQ(table.chunks.size(), 1u);
  EXPECT_EQ(table.chunks[0].rows, 0u);
}

TEST_F(FullLoadTest, OneRowTable) {
  mysql::TableSchema schema = IdNameTable();
  ScriptTable(server_, schema, Rows(1), 2);
  ASSERT_OK(RunOnce(schema));
  EXPECT_EQ(LoadFiles(schema).size(), 1u);
  EXPECT_EQ(Latest(schema).chunks.at(0).rows, 1u);
}

TEST_F(FullLoadTest, LoadFilesBeyondTheChunkCountAreDeleted) {
  mysql::TableSchema schema = IdNameTable();
  ASSERT_OK(store_.Put("load_unit/t/LOAD00000009.csv", "left by a crash"));
  ScriptTable(server_, schema, Rows(3), 2);
  ASSERT_OK(RunOnce(schema));
  EXPECT_THAT(LoadFiles(schema), ::testing::ElementsAre("load_unit/t/LOAD00000001.csv",
                                                        "load_unit/t/LOAD00000002.csv"));
}

TEST_F(FullLoadTest, CompositeVarcharKeyBoundsRoundTripThroughTheCheckpoint) {
  mysql::TableSchema schema = CompositeKeyTable();
  std::vector<Row> rows = {{int64_t{2}, mysql::Text{"a"}},
                           {int64_t{1}, mysql::Text{"b'"}},
                           {int64_t{1}, mysql::Text{"c\\"}}};
  std::vector<source::KeyRange> ranges = ScriptTable(server_, schema, rows, 2);
  ASSERT_OK(RunOnce(schema));
  TableCheckpoint table = Latest(schema);
  ASSERT_EQ(table.chunks.size(), 2u);
  EXPECT_EQ(table.chunks[0].range.upper,
            (std::vector<mysql::Value>{mysql::Text{"b'"}, int64_t{1}}));
  EXPECT_EQ(Selects(ranges[1], schema), 1);
}

TEST_F(FullLoadTest, KeylessTableIsOneUnboundedChunk) {
  mysql::TableSchema schema = IdNameTable();
  schema.primary_key.clear();
  ScriptTable(server_, schema, Rows(3), 100);
  ASSERT_OK_AND_ASSIGN(auto load, MakeLoad(schema, source::KeySource::kFullRow));
  ASSERT_OK_AND_ASSIGN(auto connection, server_.Connect());
  ASSERT_OK(load->RunWorker(*connection));
  EXPECT_EQ(server_.CountStatements("SELECT `id` FROM"), 0);  // no boundary query
  TableCheckpoint table = Latest(schema);
  ASSERT_EQ(table.chunks.size(), 1u);
  EXPECT_EQ(table.chunks[0].rows, 3u);
}

TEST_F(FullLoadTest, StopTakesNoNewChunk) {
  mysql::TableSchema schema = IdNameTable();
  ScriptTable(server_, schema, Rows(5), 2);
  ASSERT_OK_AND_ASSIGN(auto load, MakeLoad(schema));
  load->RequestStop();
  ASSERT_OK_AND_ASSIGN(auto connection, server_.Connect());
  ASSERT_OK(load->RunWorker(*connection));
  EXPECT_TRUE(server_.Statements().empty());
  EXPECT_FALSE(load->Finished());
}

TEST_F(FullLoadTest, ProgressCountsRowsAndChunks) {
  mysql::TableSchema schema = IdNameTable();
  ScriptTable(server_, schema, Rows(5), 2);
  ASSERT_OK_AND_ASSIGN(auto load, MakeLoad(schema));
  ASSERT_OK_AND_ASSIGN(auto connection, server_.Connect());
  ASSERT_OK(load->RunWorker(*connection));
  std::vector<TableProgress> progress = load->Progress();
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].table, "load_unit.t");
  EXPECT_EQ(progress[0].rows, 5u);
  EXPECT_EQ(progress[0].estimated_rows, 5u);
  EXPECT_EQ(progress[0].chunks_done, 3u);
  EXPECT_TRUE(progress[0].done);
  EXPECT_TRUE(load->Finished());
}

TEST_F(FullLoadTest, ServersWithoutALockFreePositionAreRefused) {
  FullLoadDeps deps = Deps();
  deps.server.flavor = source::Flavor::kMySql;
  deps.server.lock_free_snapshot_position = false;
  EXPECT_THAT(FullLoad::Make(deps, Checkpoint{}, {}),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("set full_load.snapshot: global_read_lock")));
  deps.options.snapshot = SnapshotMethod::kGlobalReadLock;
  EXPECT_TRUE(FullLoad::Make(deps, Checkpoint{}, {}).ok());
}

TEST_F(FullLoadTest, ASharedSnapshotReadsEveryChunkInItAndRecordsItsPosition) {
  mysql::TableSchema schema = IdNameTable();
  std::vector<source::KeyRange> ranges = ScriptTable(server_, schema, Rows(5), 2);
  FullLoadDeps deps = Deps();
  deps.options.snapshot = SnapshotMethod::kGlobalReadLock;
  LoadTable table;
  table.captured.schema = schema;
  table.estimated_rows = 5;
  ASSERT_OK_AND_ASSIGN(auto load, FullLoad::Make(deps, Checkpoint{}, {table}));
  ASSERT_OK_AND_ASSIGN(auto connection, server_.Connect());
  const source::BinlogPosition locked{"mysql-bin.000002", 157, "u:1-5"};
  ASSERT_OK(load->RunWorker(*connection, locked));

  for (const ChunkCheckpoint& chunk : Latest(schema).chunks) {
    EXPECT_EQ(chunk.snapshot, locked);
  }
  EXPECT_EQ(server_.CountStatements("START TRANSACTION"), 0);
  EXPECT_EQ(server_.CountStatements("COMMIT"), 0);  // the caller ends the shared snapshot
  EXPECT_EQ(LoadFiles(schema).size(), 3u);
}

TEST_F(FullLoadTest, ACheckpointOfAnotherServerIsRefused) {
  Checkpoint other;
  other.version = 3;
  other.source = {"mariadb", 99, ""};
  EXPECT_THAT(FullLoad::Make(Deps(), other, {}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("another server")));
}

}  // namespace
}  // namespace binlake::capture

namespace binlake::capture {
namespace {

class PrepareLoadTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.AddText("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES",
                    {{"TABLE_SCHEMA", "TABLE_NAME", "TABLE_ROWS"},
                     {{"load_unit", "t", "1234"}, {"load_unit", "other", std::nullopt}}},
                    FakeSqlServer::Match::kPrefix);
  }

  Result<std::vector<LoadTable>> Prepare(const mysql::TableSchema& schema) {
    source::CapturedTable table;
    table.schema = schema;
    ASSIGN_OR_RETURN(auto connection, server_.Connect());
    return PrepareLoadTables(*connection, {table}, history_, {"binlog.000001", 4, ""});
  }

  FakeSqlServer server_;
  MemoryObjectStore store_;
  SchemaHistory history_{store_};
};

TEST_F(PrepareLoadTablesTest, RecordsVersionOneWithTheEstimate) {
  ASSERT_OK_AND_ASSIGN(std::vector<LoadTable> tables, Prepare(IdNameTable()));
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].estimated_rows, 1234u);
  EXPECT_EQ(tables[0].schema_version, 1u);
  ASSERT_OK_AND_ASSIGN(SchemaVersion latest, history_.Latest("load_unit", "t"));
  EXPECT_EQ(latest.valid_from.file, "binlog.000001");
  EXPECT_EQ(latest.schema.columns.size(), 2u);
  // A restart finds the same schema and keeps its version.
  ASSERT_OK_AND_ASSIGN(tables, Prepare(IdNameTable()));
  EXPECT_EQ(tables[0].schema_version, 1u);
}

TEST_F(PrepareLoadTablesTest, AnUnrecordedSchemaChangeIsRefused) {
  ASSERT_OK(Prepare(IdNameTable()).status());
  mysql::TableSchema altered = IdNameTable();
  altered.columns[1].type.length = 30;
  EXPECT_THAT(Prepare(altered), StatusIs(StatusCode::kFailedPrecondition,
                                         HasSubstr("schema of load_unit.t changed")));
}

}  // namespace
}  // namespace binlake::capture

namespace binlake::capture {
namespace {

TEST_F(FullLoadTest, ParallelWorkersReadEveryChunkOnce) {
  mysql::TableSchema schema = IdNameTable();
  std::vector<source::KeyRange> ranges = ScriptTable(server_, schema, Rows(41), 2);
  ASSERT_OK_AND_ASSIGN(auto load, MakeLoad(schema));
  std::vector<Status> results(3, Status::Ok());
  std::vector<std::thread> workers;
  for (Status& result : results) {
    workers.emplace_back([&] {
      Result<std::unique_ptr<io::SqlConnection>> connection = server_.Connect();
      result = connection.ok() ? load->RunWorker(**connection) : connection.status();
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  for (const Status& result : results) {
    EXPECT_OK(result);
  }
  EXPECT_TRUE(load->Finished());
  for (const source::KeyRange& range : ranges) {
    EXPECT_EQ(Selects(range, schema), 1);
  }
  EXPECT_EQ(LoadFiles(schema).size(), 21u);
  EXPECT_EQ(load->Progress().at(0).rows, 41u);
}

}  // namespace
}  // namespace binlake::capture

namespace binlake::capture {
namespace {

TEST_F(FullLoadTest, ABoundaryThatDoesNotAdvanceStopsPlanning) {
  mysql::TableSchema schema = IdNameTable();
  // The second boundary query answers the first chunk's bound again (the earlier rule wins).
  std::vector<mysql::Value> first_bound = {int64_t{20}};
  server_.AddRows(*source::NextChunkBoundarySql(schema, first_bound, 2), {first_bound});
  ScriptTable(server_, schema, Rows(5), 2);
  EXPECT_THAT(RunOnce(schema),
              StatusIs(StatusCode::kInternal, HasSubstr("returned the previous bound")));
  EXPECT_EQ(Latest(schema).chunks.size(), 1u);
}

}  // namespace
}  // namespace binlake::capture
