#include "binlake/source/binlog_position.h"

#include <gtest/gtest.h>

namespace binlake::source {
namespace {

BinlogPosition At(std::string file, uint64_t offset) {
  return BinlogPosition{std::move(file), offset, ""};
}

TEST(ComparePositionsTest, OrdersByFileSequenceNumberThenOffset) {
  EXPECT_EQ(ComparePositions(At("binlog.000001", 900), At("binlog.000002", 4)), -1);
  EXPECT_EQ(ComparePositions(At("binlog.000002", 4), At("binlog.000001", 900)), 1);
  EXPECT_EQ(ComparePositions(At("binlog.000002", 4), At("binlog.000002", 5)), -1);
  EXPECT_EQ(ComparePositions(At("binlog.000002", 5), At("binlog.000002", 5)), 0);
}

TEST(ComparePositionsTest, ComparesExtensionsAsNumbersNotText) {
  EXPECT_EQ(ComparePositions(At("binlog.000009", 100), At("binlog.000010", 4)), -1);
  EXPECT_EQ(ComparePositions(At("binlog.999999", 100), At("binlog.1000000", 4)), -1);
  EXPECT_EQ(ComparePositions(At("binlog.1000000", 4), At("binlog.999999", 100)), 1);
}

TEST(ComparePositionsTest, IgnoresTheGtidSet) {
  BinlogPosition a{"b.000001", 7, "0-1-5"};
  BinlogPosition b{"b.000001", 7, "0-1-6"};
  EXPECT_EQ(ComparePositions(a, b), 0);
}

TEST(FormatPositionTest, FileColonOffset) {
  EXPECT_EQ(FormatPosition(At("mariadb-bin.000003", 1234)), "mariadb-bin.000003:1234");
}

}  // namespace
}  // namespace binlake::source
