// Tests of the PROVENANCE.md event-count table parser.
#include "tests/conformance/provenance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::conformance {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

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
