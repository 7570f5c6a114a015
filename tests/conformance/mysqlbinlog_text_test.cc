// Tests of the mysqlbinlog -v/-vv text parser on an excerpt of real MariaDB output.
#include "tests/conformance/mysqlbinlog_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::conformance {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kMysqlbinlogExcerpt =
    "# at 912\n"
    "# at 1357\n"
    "#231114 22:13:20 server id 1  end_log_pos 1357 CRC32 0x4cecb9e4 \tAnnotate_rows:\n"
    "#Q> INSERT INTO t_int VALUES\n"
    "#231114 22:13:20 server id 1  end_log_pos 1462 CRC32 0x54d80fa9 \tTable_map: `fx`.`t_int` "
    "mapped to number 42\n"
    "# at 1462\n"
    "#231114 22:13:20 server id 1  end_log_pos 1673 CRC32 0xe9792dff \tUpdate_rows: table id 42 "
    "flags: STMT_END_F\n"
    "### UPDATE `fx`.`t_int`\n"
    "### WHERE\n"
    "###   @1=1 /* INT meta=0 nullable=0 is_null=0 */\n"
    "###   @10=-3.40282e+38         /* FLOAT meta=4 nullable=1 is_null=0 */\n"
    "### SET\n"
    "###   @2='a /* b */' /* VARSTRING(20) meta=20 nullable=1 is_null=0 */\n"
    "# Number of rows: 1\n";

TEST(MysqlbinlogTextTest, ReadsPositionsHeadersAndRowImages) {
  ASSERT_OK_AND_ASSIGN(MysqlbinlogText text, ParseMysqlbinlogText(kMysqlbinlogExcerpt));
  EXPECT_THAT(text.positions, ElementsAre(912, 1357, 1462));
  ASSERT_EQ(text.events.size(), 3u);
  EXPECT_EQ(text.events[0].end_log_pos, 1357u);
  EXPECT_EQ(text.events[0].description, "Annotate_rows:");
  EXPECT_EQ(text.events[2].description, "Update_rows: table id 42 flags: STMT_END_F");
  ASSERT_EQ(text.events[2].rows.size(), 1u);
  const ExpectedRow& row = text.events[2].rows[0];
  EXPECT_EQ(row.statement, "UPDATE");
  EXPECT_EQ(row.table, "`fx`.`t_int`");
  ASSERT_TRUE(row.where.has_value() && row.set.has_value());
  ASSERT_EQ(row.where->size(), 2u);
  EXPECT_EQ((*row.where)[1].number, 10u);
  EXPECT_EQ((*row.where)[1].value, "-3.40282e+38        ");
  EXPECT_EQ((*row.where)[1].comment, "FLOAT meta=4 nullable=1 is_null=0");
  EXPECT_EQ((*row.set)[0].value, "'a /* b */'");
}

TEST(MysqlbinlogTextTest, VerboseLinesHaveNoComment) {
  const ExpectedColumn column = SplitColumnLine(3, "'x'");
  EXPECT_EQ(column.value, "'x'");
  EXPECT_EQ(column.comment, "");
}

TEST(MysqlbinlogTextTest, ColumnLineOutsideAnImageIsAnError) {
  EXPECT_THAT(ParseMysqlbinlogText("###   @1=1\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("line 1")));
}

}  // namespace
}  // namespace binlake::conformance
