// CSV fields and records (csv.h) and gzip streams (gzip_stream.h): quoting rules, NULL versus
// the empty string, CRLF records, line counting across quoted newlines, multi-member gzip and
// the decompression bound.
#include "binlake/staging/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binlake/base/macros.h"
#include "binlake/staging/gzip_stream.h"
#include "testing/status_matchers.h"

namespace binlake::staging {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Fields = std::vector<std::optional<std::string>>;

std::string Field(std::optional<std::string_view> value) {
  std::string out;
  AppendCsvField(value, &out);
  return out;
}

Result<std::vector<Fields>> ParseAll(std::string_view text) {
  CsvParser parser(text, "t.csv");
  std::vector<Fields> records;
  Fields fields;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, parser.Next(&fields));
    if (!more) {
      return records;
    }
    records.push_back(fields);
  }
}

TEST(CsvTest, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(Field(std::nullopt), "");
  EXPECT_EQ(Field(""), "\"\"");
  EXPECT_EQ(Field("plain text"), "plain text");
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Field("cr\r"), "\"cr\r\"");
}

TEST(CsvTest, ParserKeepsNullApartFromTheEmptyString) {
  EXPECT_THAT(ParseAll("1,,\"\"\n\"a\"\"b\",\"x\ny\",\r\n"),
              IsOkAndHolds(ElementsAre(Fields{"1", std::nullopt, ""},
                                       Fields{"a\"b", "x\ny", std::nullopt})));
  EXPECT_THAT(ParseAll(""), IsOkAndHolds(ElementsAre()));
}

TEST(CsvTest, ParserCountsLinesInsideQuotedFields) {
  EXPECT_THAT(ParseAll("\"a\nb\nc\",1\n2,\"open"),
              StatusIs(StatusCode::kCorruption, HasSubstr("t.csv: line 4, field 2: a quoted")));
}

TEST(GzipTest, RoundTripsAcrossMembersAndEnforcesTheBound) {
  std::string compressed;
  for (const char* part : {"first member\n", "second member\n"}) {
    ASSERT_OK_AND_ASSIGN(auto gzip, GzipCompressor::Make(6));
    ASSERT_OK(gzip->Append(part, &compressed));
    ASSERT_OK(gzip->Finish(&compressed));
  }
  EXPECT_THAT(Gunzip(compressed, 1000), IsOkAndHolds("first member\nsecond member\n"));
  EXPECT_THAT(Gunzip(compressed, 20), StatusIs(StatusCode::kCorruption, HasSubstr("more than 20")));
  EXPECT_THAT(Gunzip(compressed.substr(0, compressed.size() - 3), 1000),
              StatusIs(StatusCode::kCorruption, HasSubstr("truncated")));
  EXPECT_THAT(GzipCompressor::Make(12), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::staging
