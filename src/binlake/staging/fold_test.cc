// OrderTableFiles and FoldedTable: apply order, PK update chains, insert-then-delete within a
// file, deletes of earlier rows, absent before keys, duplicate LOAD keys, keyless tables, and
// a fold over files written by ChangeFileWriter.
#include "binlake/staging/fold.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binlake/staging/test_table.h"
#include "testing/status_matchers.h"

namespace binlake::staging {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Rows = std::vector<std::vector<Cell>>;

// t(k INT PRIMARY KEY, v VARCHAR)
mysql::TableSchema KeyValueTable(bool keyed = true) {
  mysql::TableSchema table;
  table.database = "db";
  table.table = "t";
  table.columns = {testing::Column("k", mysql::ColumnKind::kInt, !keyed),
                   testing::Column("v", mysql::ColumnKind::kVarchar)};
  if (keyed) {
    table.primary_key = {0};
  }
  return table;
}

StagedRow Change(ChangeOp op, int64_t seq, std::string k, Cell v, Cell before = std::nullopt) {
  StagedRow row;
  row.op = op;
  row.cells = {std::move(k), std::move(v)};
  row.change_seq = seq;
  row.before_key = {std::move(before)};
  return row;
}

StagedRow Load(std::string k, Cell v) {
  StagedRow row;
  row.cells = {std::move(k), std::move(v)};
  row.before_key = {std::nullopt};
  return row;
}

Rows RowsOf(const FoldedTable& folded) {
  Rows rows;
  folded.ForEachRow([&rows](const std::vector<Cell>& row) { rows.push_back(row); });
  EXPECT_EQ(rows.size(), folded.num_rows());
  return rows;
}

OrderedFile File(const std::string& name) {
  const std::string key = "db/t/" + name;
  return OrderedFile{key, ParseStagingKey(key).value()};
}

TEST(OrderTableFilesTest, LoadByNumberThenCdcByTime) {
  const std::vector<std::string> keys = {"db/t/20261125-153012345.csv", "db/t/LOAD0000000A.csv",
                                         "db/t/2026/11/24/20261124-000000000.csv",
                                         "db/t/LOAD00000002.parquet",
                                         "db/t/19700101-000000001.parquet"};
  ASSERT_OK_AND_ASSIGN(const std::vector<OrderedFile> files, OrderTableFiles(keys));
  std::vector<std::string> order;
  for (const OrderedFile& file : files) {
    order.push_back(file.key);
  }
  EXPECT_THAT(order,
              ElementsAre("db/t/LOAD00000002.parquet", "db/t/LOAD0000000A.csv",
                          "db/t/19700101-000000001.parquet",
                          "db/t/2026/11/24/20261124-000000000.csv", "db/t/20261125-153012345.csv"));
}

TEST(OrderTableFilesTest, RejectsOtherKeysAndTables) {
  const std::vector<std::string> other_table = {"db/t/LOAD00000001.csv", "db/u/LOAD00000001.csv"};
  EXPECT_THAT(OrderTableFiles(other_table),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("db/u/LOAD00000001.csv")));
  const std::vector<std::string> not_a_file = {"db/t/notes.txt"};
  EXPECT_THAT(OrderTableFiles(not_a_file),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("db/t/notes.txt")));
}

TEST(FoldedTableTest, PrimaryKeyUpdateChainAcrossFiles) {
  FoldedTable folded(KeyValueTable());
  ASSERT_OK(folded.Apply(File("LOAD00000001.csv"), {Load("1", "a"), Load("10", "x")}));
  ASSERT_OK(folded.Apply(
      File("20261125-000000000.csv"),
      {Change(ChangeOp::kUpdate, 2, "3", "c", "2"), Change(ChangeOp::kUpdate, 1, "2", "b", "1")}));
  EXPECT_EQ(RowsOf(folded), (Rows{{"3", "c"}, {"10", "x"}}));
  EXPECT_EQ(folded.stats().absent_updates, 0u);
}

TEST(FoldedTableTest, InsertThenDeleteInOneFileAndDeleteOfAnEarlierRow) {
  FoldedTable folded(KeyValueTable());
  ASSERT_OK(folded.Apply(File("LOAD00000001.csv"), {Load("1", "a"), Load("2", "b")}));
  ASSERT_OK(folded.Apply(File("20261125-000000000.csv"), {Change(ChangeOp::kDelete, 6, "5", "e"),
                                                          Change(ChangeOp::kInsert, 5, "5", "e"),
                                                          Change(ChangeOp::kDelete, 7, "1", "a")}));
  EXPECT_EQ(RowsOf(folded), (Rows{{"2", "b"}}));
  EXPECT_EQ(folded.stats().absent_deletes, 0u);
}

TEST(FoldedTableTest, AbsentBeforeKeysAndDeletesAreToleratedAndCounted) {
  FoldedTable folded(KeyValueTable());
  ASSERT_OK(folded.Apply(File("20261125-000000000.csv"),
                         {Change(ChangeOp::kUpdate, 1, "4", "d", "3"),
                          Change(ChangeOp::kDelete, 2, "9", std::nullopt)}));
  EXPECT_EQ(RowsOf(folded), (Rows{{"4", "d"}}));
  EXPECT_EQ(folded.stats().absent_updates, 1u);
  EXPECT_EQ(folded.stats().absent_deletes, 1u);
}

TEST(FoldedTableTest, DuplicateLoadKeyIsCorruption) {
  FoldedTable folded(KeyValueTable());
  ASSERT_OK(folded.Apply(File("LOAD00000001.csv"), {Load("1", "a")}));
  EXPECT_THAT(folded.Apply(File("LOAD00000002.csv"), {Load("1", "b")}),
              StatusIs(StatusCode::kCorruption,
                       HasSubstr("db/t/LOAD00000002.csv: I row: a LOAD row repeats a key")));
}

TEST(FoldedTableTest, CdcRowWithoutChangeSeqIsCorruption) {
  FoldedTable folded(KeyValueTable());
  StagedRow row = Change(ChangeOp::kInsert, 1, "1", "a");
  row.change_seq.reset();
  EXPECT_THAT(folded.Apply(File("20261125-000000000.csv"), {row}),
              StatusIs(StatusCode::kCorruption, HasSubstr("no _binlake_change_seq")));
}

TEST(FoldedTableTest, RowsComeOutInNumericKeyOrder) {
  FoldedTable folded(KeyValueTable());
  ASSERT_OK(folded.Apply(File("LOAD00000001.csv"),
                         {Load("10", "a"), Load("-2", "b"), Load("9", "c"), Load("-10", "d")}));
  EXPECT_EQ(RowsOf(folded), (Rows{{"-10", "d"}, {"-2", "b"}, {"9", "c"}, {"10", "a"}}));
}

TEST(FoldedTableTest, KeylessTablesAreMultisets) {
  FoldedTable folded(KeyValueTable(false));
  ASSERT_OK(folded.Apply(File("LOAD00000001.csv"), {Load("1", "a"), Load("1", "a")}));
  ASSERT_OK(folded.Apply(
      File("20261125-000000000.csv"),
      {Change(ChangeOp::kDelete, 1, "1", "a"), Change(ChangeOp::kInsert, 2, "2", std::nullopt)}));
  EXPECT_EQ(RowsOf(folded), (Rows{{"1", "a"}, {"2", std::nullopt}}));
  EXPECT_THAT(
      folded.Apply(File("20261126-000000000.csv"), {Change(ChangeOp::kUpdate, 3, "1", "b")}),
      StatusIs(StatusCode::kCorruption, HasSubstr("keyless")));
}

}  // namespace
}  // namespace binlake::staging
