// Unit tests of the parsers for the expected decodings (mysqlbinlog text, peer dumps,
// PROVENANCE counts), on excerpts of the real files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tests/conformance/mysqlbinlog_text.h"
#include "tests/conformance/peer_dump.h"
#include "tests/conformance/provenance.h"

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

TEST(PeerDumpTest, GoMysqlEventsAndRowImages) {
  constexpr std::string_view kDump =
      "### FILE canal/mysql-bin.000002\n"
      "=== UpdateRowsEventV1 ===\n"
      "Date: 2011-11-30 07:01:44\n"
      "Log position: 1158\n"
      "Values:\n"
      "--\n"
      "0:2\n"
      "1:\"/tmp/a.jpg\"\n"
      "--\n"
      "0:3\n"
      "1:<nil>\n"
      "\n"
      "=== XIDEvent ===\n"
      "Log position: 1185\n"
      "### ERROR PANIC: boom\n"
      "### EVENTS 2\n";
  ASSERT_OK_AND_ASSIGN(std::vector<PeerFile> files, ParseGoMysqlDump(kDump));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "canal/mysql-bin.000002");
  EXPECT_EQ(files[0].error, "PANIC: boom");
  EXPECT_EQ(files[0].event_count, 2u);
  ASSERT_EQ(files[0].events.size(), 2u);
  EXPECT_EQ(files[0].events[0].type, "UpdateRowsEventV1");
  EXPECT_EQ(files[0].events[0].end_position, 1158u);
  EXPECT_THAT(files[0].events[0].rows,
              ElementsAre(ElementsAre("2", "\"/tmp/a.jpg\""), ElementsAre("3", "<nil>")));
  EXPECT_EQ(files[0].events[1].end_position, 1185u);
}

TEST(PeerDumpTest, JavaEventsAndRowLines) {
  constexpr std::string_view kDump =
      "### FILE x/mysql-bin.000080\n"
      "Event{header=EventHeaderV4{timestamp=1, eventType=EXT_DELETE_ROWS, serverId=1, "
      "headerLength=19, dataLength=26, nextPosition=414, flags=0}, data=DeleteRowsEventData{"
      "tableId=109, includedColumns={0}, rows=[\n"
      "    [12, a],\n"
      "    [13, b]\n"
      "]}}\n"
      "Event{header=EventHeaderV4{timestamp=1, eventType=XID, serverId=1, headerLength=19, "
      "dataLength=12, nextPosition=445, flags=0}, data=XidEventData{xid=161}}\n"
      "### EVENTS 2\n";
  ASSERT_OK_AND_ASSIGN(std::vector<PeerFile> files, ParseJavaDump(kDump));
  ASSERT_EQ(files.size(), 1u);
  ASSERT_EQ(files[0].events.size(), 2u);
  EXPECT_EQ(files[0].events[0].type, "EXT_DELETE_ROWS");
  EXPECT_EQ(files[0].events[0].end_position, 414u);
  EXPECT_THAT(files[0].events[0].rows, ElementsAre(ElementsAre("[12, a]"), ElementsAre("[13, b]")));
  EXPECT_THAT(SplitJavaList("[12, a]"), ElementsAre("12", "a"));
  EXPECT_THAT(SplitJavaList("[]"), ElementsAre());
  EXPECT_EQ(files[0].events[1].type, "XID");
}

TEST(ProvenanceTest, ReadsEventAndInnerCounts) {
  constexpr std::string_view kMarkdown =
      "| file | repo | events | inner (payload) | peers |\n"
      "|---|---|---|---|---|\n"
      "| a.000001 | r | QUERY=2, XID=1 | TABLE_MAP=1 | ok |\n"
      "| t.000001 | r | FORMAT_DESCRIPTION=1 ERR: trailing 9 bytes at 120 |  | ok |\n";
  ASSERT_OK_AND_ASSIGN(std::vector<ProvenanceCounts> rows, ParseProvenanceCounts(kMarkdown));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].file, "a.000001");
  EXPECT_EQ(rows[0].events.at("QUERY"), 2u);
  EXPECT_EQ(rows[0].inner.at("TABLE_MAP"), 1u);
  EXPECT_EQ(rows[1].events.at("FORMAT_DESCRIPTION"), 1u);
  EXPECT_EQ(rows[1].walker_error, "trailing 9 bytes at 120");
}

TEST(ProvenanceTest, BadCountIsAnError) {
  EXPECT_THAT(ParseProvenanceCounts("| file | events |\n|---|---|\n| a | QUERY=x |\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("QUERY=x")));
}

}  // namespace
}  // namespace binlake::conformance
