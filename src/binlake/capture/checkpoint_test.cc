#include "binlake/capture/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "testing/memory_object_store.h"
#include "testing/status_matchers.h"

namespace binlake::capture {
namespace {

using ::binlake::testing::MemoryObjectStore;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

// One value of every kind, with edge values.
std::vector<mysql::Value> EveryKindOfValue() {
  return {mysql::Null{},
          std::numeric_limits<int64_t>::min(),
          std::numeric_limits<uint64_t>::max(),
          -0.0F,
          std::numeric_limits<double>::denorm_min(),
          mysql::Decimal{"-12345678901234567890.123456789"},
          mysql::Date{2024, 0, 15},
          mysql::Time{true, 838, 59, 59, 0},
          mysql::DateTime{9999, 12, 31, 23, 59, 59, 999999},
          mysql::Timestamp{2147483647, 1},
          mysql::Year{0},
          mysql::Text{"O'Brien \"\\ \xE2\x82\xAC"},
          mysql::Binary{std::string("\x00\xFF\x80", 3)},
          mysql::Json{"{\"a\":1}"},
          mysql::Enum{2, "b"},
          mysql::Set{5, "a,c"},
          mysql::Bit{0x8000000000000001, 64},
          mysql::Geometry{4326, std::string("\x01\x01\x00", 3)},
          mysql::Vector{std::string("\x00\x00\x80\x3F", 4)}};
}

Checkpoint SampleCheckpoint() {
  Checkpoint checkpoint;
  checkpoint.source = {"mariadb", 7, ""};
  checkpoint.next_change_seq = 42;
  TableCheckpoint orders;
  orders.schema = "shop";
  orders.table = "orders";
  orders.schema_version = 1;
  orders.load = LoadState::kLoading;
  orders.estimated_rows = 250;
  ChunkCheckpoint first;
  first.index = 0;
  first.range.upper = std::vector<mysql::Value>{int64_t{100}, mysql::Text{"k"}};
  first.state = ChunkState::kDone;
  first.rows = 100;
  first.snapshot = source::BinlogPosition{"binlog.000003", 1234, "0-1-42"};
  ChunkCheckpoint second;
  second.index = 1;
  second.range.lower = first.range.upper;
  orders.chunks = {first, second};
  checkpoint.tables.emplace(TableKey("shop", "orders"), orders);
  TableCheckpoint empty;
  empty.schema = "odd name/..";
  empty.table = "t\xC3\xA9";
  empty.load = LoadState::kDone;
  ChunkCheckpoint all;
  all.state = ChunkState::kDone;
  all.snapshot = source::BinlogPosition{"binlog.000003", 99, ""};
  empty.chunks = {all};
  empty.stream_start = all.snapshot;
  checkpoint.tables.emplace(TableKey(empty.schema, empty.table), empty);
  return checkpoint;
}

void ExpectSameRange(const source::KeyRange& a, const source::KeyRange& b) {
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.upper, b.upper);
}

void ExpectSameCheckpoint(const Checkpoint& a, const Checkpoint& b) {
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.next_change_seq, b.next_change_seq);
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (const auto& [key, table] : a.tables) {
    SCOPED_TRACE(key);
    ASSERT_TRUE(b.tables.contains(key));
    const TableCheckpoint& other = b.tables.at(key);
    EXPECT_EQ(table.schema, other.schema);
    EXPECT_EQ(table.table, other.table);
    EXPECT_EQ(table.schema_version, other.schema_version);
    EXPECT_EQ(table.load, other.load);
    EXPECT_EQ(table.estimated_rows, other.estimated_rows);
    EXPECT_EQ(table.stream_start, other.stream_start);
    ASSERT_EQ(table.chunks.size(), other.chunks.size());
    for (size_t i = 0; i < table.chunks.size(); ++i) {
      EXPECT_EQ(table.chunks[i].index, other.chunks[i].index);
      EXPECT_EQ(table.chunks[i].state, other.chunks[i].state);
      EXPECT_EQ(table.chunks[i].rows, other.chunks[i].rows);
      EXPECT_EQ(table.chunks[i].snapshot, other.chunks[i].snapshot);
      ExpectSameRange(table.chunks[i].range, other.chunks[i].range);
    }
  }
}

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(std::string(BINLAKE_CAPTURE_TESTDATA) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CheckpointTest, RoundTripsEveryValueKindExactly) {
  Checkpoint checkpoint = SampleCheckpoint();
  checkpoint.tables.at("shop.orders").chunks[1].range.upper = EveryKindOfValue();
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeCheckpoint(checkpoint));
  ASSERT_OK_AND_ASSIGN(Checkpoint decoded, DecodeCheckpoint(text, "k"));
  ExpectSameCheckpoint(checkpoint, decoded);
  // -0.0F and the denormal compare equal to other values with ==; check the bits.
  const auto& upper = *decoded.tables.at("shop.orders").chunks[1].range.upper;
  EXPECT_TRUE(std::signbit(std::get<float>(upper[3])));
  EXPECT_EQ(std::get<double>(upper[4]), std::numeric_limits<double>::denorm_min());
}

TEST(CheckpointTest, MatchesTheGoldenFile) {
  std::string golden = ReadTestdata("checkpoint_v1.json");
  ASSERT_FALSE(golden.empty());
  ASSERT_OK_AND_ASSIGN(Checkpoint decoded, DecodeCheckpoint(golden, "golden"));
  ExpectSameCheckpoint(SampleCheckpoint(), decoded);
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeCheckpoint(SampleCheckpoint()));
  EXPECT_EQ(text + "\n", golden);
}

TEST(CheckpointTest, PlanningFinishedWhenTheLastChunkIsUnboundedAbove) {
  Checkpoint checkpoint = SampleCheckpoint();
  EXPECT_TRUE(PlanningFinished(checkpoint.tables.at("shop.orders")));
  checkpoint.tables.at("shop.orders").chunks.pop_back();
  EXPECT_FALSE(PlanningFinished(checkpoint.tables.at("shop.orders")));
  EXPECT_FALSE(PlanningFinished(TableCheckpoint{}));
}

TEST(CheckpointTest, DecodeErrorsNameTheKeyAndThePath) {
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeCheckpoint(SampleCheckpoint()));
  auto with = [&](std::string_view from, std::string_view to) {
    std::string changed = text;
    size_t at = changed.rfind(from);  // the last table is shop.orders
    EXPECT_NE(at, std::string::npos) << from;
    return changed.replace(at, from.size(), to);
  };
  EXPECT_THAT(DecodeCheckpoint(with("\"upper\":null", "\"upper\":[{\"i\":\"x\"}]"), "obj"),
              StatusIs(StatusCode::kCorruption,
                       HasSubstr("obj: tables[\"shop.orders\"].chunks[1].upper[0].i")));
  EXPECT_THAT(
      DecodeCheckpoint(with("\"state\":\"planned\"", "\"state\":\"x\""), "obj"),
      StatusIs(StatusCode::kCorruption, HasSubstr("tables[\"shop.orders\"].chunks[1].state")));
  EXPECT_THAT(DecodeCheckpoint(with("\"index\":1", "\"index\":5"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("chunks[1].index")));
  EXPECT_THAT(DecodeCheckpoint(with("\"format\":1", "\"format\":2"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("unsupported checkpoint format 2")));
  EXPECT_THAT(DecodeCheckpoint(with("\"server_id\":7", "\"server_id\":-7"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("source.server_id")));
  EXPECT_THAT(DecodeCheckpoint(with("\"offset\":1234", "\"offset\":\"1234\""), "obj"),
              StatusIs(StatusCode::kCorruption,
                       HasSubstr("tables[\"shop.orders\"].chunks[0].snapshot.offset")));
  EXPECT_THAT(DecodeCheckpoint(with("{\"i\":\"100\"}", "{\"i\":\"100\",\"u\":\"1\"}"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("one type tag")));
  EXPECT_THAT(DecodeCheckpoint(with("\"t\":\"6b\"", "\"t\":\"6\""), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("odd length")));
  EXPECT_THAT(DecodeCheckpoint(text.substr(0, text.size() / 2), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("obj: (document): not a valid JSON")));
  EXPECT_THAT(DecodeCheckpoint("[]", "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("expected an object")));
}

TEST(CheckpointTest, ADoneChunkNeedsItsSnapshotPosition) {
  Checkpoint checkpoint = SampleCheckpoint();
  checkpoint.tables.at("shop.orders").chunks[0].snapshot.reset();
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeCheckpoint(checkpoint));
  EXPECT_THAT(DecodeCheckpoint(text, "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("chunks[0].snapshot")));
}

TEST(CheckpointTest, InvalidUtf8NameIsRefusedWhenEncoding) {
  Checkpoint checkpoint;
  TableCheckpoint table;
  table.schema = "\xFF";
  checkpoint.tables.emplace("bad", table);
  EXPECT_THAT(EncodeCheckpoint(checkpoint), StatusIs(StatusCode::kInvalidArgument));
}

TEST(CheckpointStoreTest, EmptyStoreLoadsAFreshCheckpoint) {
  MemoryObjectStore store;
  CheckpointStore checkpoints(store);
  ASSERT_OK_AND_ASSIGN(Checkpoint checkpoint, checkpoints.LoadLatest());
  EXPECT_EQ(checkpoint.version, 0u);
  EXPECT_TRUE(checkpoint.tables.empty());
}

TEST(CheckpointStoreTest, CommitWritesTheNextVersionAndLoadLatestReadsIt) {
  MemoryObjectStore store;
  CheckpointStore checkpoints(store);
  Checkpoint checkpoint = SampleCheckpoint();
  ASSERT_OK(checkpoints.Commit(checkpoint));
  EXPECT_EQ(checkpoint.version, 1u);
  checkpoint.next_change_seq = 43;
  ASSERT_OK(checkpoints.Commit(checkpoint));
  EXPECT_EQ(checkpoint.version, 2u);
  ASSERT_OK(store.Get("_binlake/capture/checkpoints/00000000000000000002.json").status());
  ASSERT_OK_AND_ASSIGN(Checkpoint latest, checkpoints.LoadLatest());
  EXPECT_EQ(latest.version, 2u);
  ExpectSameCheckpoint(checkpoint, latest);
}

TEST(CheckpointStoreTest, KeepsTheLastTenVersions) {
  MemoryObjectStore store;
  CheckpointStore checkpoints(store);
  Checkpoint checkpoint;
  for (int i = 0; i < 13; ++i) {
    ASSERT_OK(checkpoints.Commit(checkpoint));
  }
  io::ListOptions options;
  options.prefix = std::string(kCheckpointPrefix);
  ASSERT_OK_AND_ASSIGN(io::ListPage page, store.List(options));
  ASSERT_EQ(page.objects.size(), 10u);
  EXPECT_EQ(page.objects.front().key, CheckpointKey(4));
  EXPECT_EQ(page.objects.back().key, CheckpointKey(13));
}

TEST(CheckpointStoreTest, AConcurrentWriterIsAFailedPrecondition) {
  MemoryObjectStore store;
  CheckpointStore mine(store);
  CheckpointStore theirs(store);
  Checkpoint a;
  Checkpoint b;
  ASSERT_OK(mine.Commit(a));
  EXPECT_THAT(theirs.Commit(b), StatusIs(StatusCode::kFailedPrecondition,
                                         HasSubstr("another binlake capture is writing")));
  EXPECT_EQ(b.version, 0u);
}

TEST(CheckpointStoreTest, ACorruptLatestVersionNamesItsKey) {
  MemoryObjectStore store;
  ASSERT_OK(store.Put(CheckpointKey(3), "{"));
  CheckpointStore checkpoints(store);
  EXPECT_THAT(checkpoints.LoadLatest(),
              StatusIs(StatusCode::kCorruption, HasSubstr(CheckpointKey(3))));
}

}  // namespace
}  // namespace binlake::capture
