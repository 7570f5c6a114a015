#include "binlake/config/value_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::config {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ByteSizeTest, AcceptsPlainIntegersSiAndIecUnits) {
  EXPECT_THAT(ParseByteSize("1024"), IsOkAndHolds(1024u));
  EXPECT_THAT(ParseByteSize("0"), IsOkAndHolds(0u));
  EXPECT_THAT(ParseByteSize("7B"), IsOkAndHolds(7u));
  EXPECT_THAT(ParseByteSize("16MiB"), IsOkAndHolds(16u << 20));
  EXPECT_THAT(ParseByteSize("16 mib"), IsOkAndHolds(16u << 20));
  EXPECT_THAT(ParseByteSize("8 MB"), IsOkAndHolds(8'000'000u));
  EXPECT_THAT(ParseByteSize("2KB"), IsOkAndHolds(2000u));
  EXPECT_THAT(ParseByteSize("2KiB"), IsOkAndHolds(2048u));
  EXPECT_THAT(ParseByteSize(" 5GiB "), IsOkAndHolds(5ull << 30));
  EXPECT_THAT(ParseByteSize("1TB"), IsOkAndHolds(1'000'000'000'000ull));
  EXPECT_THAT(ParseByteSize("1TiB"), IsOkAndHolds(1ull << 40));
}

TEST(ByteSizeTest, RefusesFractionsSignsUnknownUnitsAndOverflow) {
  EXPECT_THAT(ParseByteSize("1.5GiB"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"1.5GiB\" is not a whole")));
  EXPECT_THAT(ParseByteSize("-1"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseByteSize(""), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseByteSize("5 XB"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("needs one of the units")));
  EXPECT_THAT(ParseByteSize("99999999999999999999"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("too large")));
  EXPECT_THAT(ParseByteSize("9000000TiB"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("too large")));
}

TEST(ByteSizeTest, FormatsWithTheLargestExactIecUnitAndRoundTrips) {
  EXPECT_EQ(FormatByteSize(16u << 20), "16MiB");
  EXPECT_EQ(FormatByteSize(5ull << 30), "5GiB");
  EXPECT_EQ(FormatByteSize(1536), "1536");  // not a whole number of KiB... 1.5 KiB
  EXPECT_EQ(FormatByteSize(2048), "2KiB");
  EXPECT_EQ(FormatByteSize(8'000'000), "8000000");
  EXPECT_EQ(FormatByteSize(0), "0");
  for (uint64_t value : {0ull, 1ull, 1000ull, 1024ull, 8ull << 20, 3ull << 40, 12345678ull}) {
    EXPECT_THAT(ParseByteSize(FormatByteSize(value)), IsOkAndHolds(value));
  }
}

TEST(DurationTest, AcceptsUnits) {
  EXPECT_THAT(ParseDurationMillis("250ms"), IsOkAndHolds(250));
  EXPECT_THAT(ParseDurationMillis("5s"), IsOkAndHolds(5000));
  EXPECT_THAT(ParseDurationMillis("5 S"), IsOkAndHolds(5000));
  EXPECT_THAT(ParseDurationMillis("2m"), IsOkAndHolds(120'000));
  EXPECT_THAT(ParseDurationMillis("1h"), IsOkAndHolds(3'600'000));
}

TEST(DurationTest, RequiresAUnitAndAWholeNumber) {
  EXPECT_THAT(ParseDurationMillis("5"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("ms, s, m, h")));
  EXPECT_THAT(ParseDurationMillis("1.5s"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseDurationMillis("5 days"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseDurationMillis("soon"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(DurationTest, FormatsAndRoundTrips) {
  EXPECT_EQ(FormatDurationMillis(5000), "5s");
  EXPECT_EQ(FormatDurationMillis(250), "250ms");
  EXPECT_EQ(FormatDurationMillis(60'000), "1m");
  EXPECT_EQ(FormatDurationMillis(90'000), "90s");
  EXPECT_EQ(FormatDurationMillis(0), "0ms");
  for (int64_t value : {0, 1, 999, 1000, 61'000, 7'200'000}) {
    EXPECT_THAT(ParseDurationMillis(FormatDurationMillis(value)), IsOkAndHolds(value));
  }
}

TEST(ScalarTest, ParsesBooleansAndIntegers) {
  EXPECT_THAT(ParseBool("true"), IsOkAndHolds(true));
  EXPECT_THAT(ParseBool("No"), IsOkAndHolds(false));
  EXPECT_THAT(ParseBool("on"), IsOkAndHolds(true));
  EXPECT_THAT(ParseBool("maybe"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"maybe\" is not a boolean")));
  EXPECT_THAT(ParseInteger("42"), IsOkAndHolds(42));
  EXPECT_THAT(ParseInteger("-3"), IsOkAndHolds(-3));
  EXPECT_THAT(ParseInteger("4x"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseInteger("-"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseInteger("9223372036854775808"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::config
