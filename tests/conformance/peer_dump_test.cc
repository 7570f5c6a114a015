// Tests of the go-mysql and java peer dump parsers on excerpts of the real dumps.
#include "tests/conformance/peer_dump.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::conformance {
namespace {

using ::testing::ElementsAre;

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

}  // namespace
}  // namespace binlake::conformance
