#include "binlake/parquet/mysql_conversions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

Int128 PowerOfTen(int exponent) {
  Int128 value = 1;
  for (int i = 0; i < exponent; ++i) {
    value *= 10;
  }
  return value;
}

TEST(ParseUnscaledDecimal, ReadsDigitsWithoutThePoint) {
  EXPECT_THAT(ParseUnscaledDecimal("123.45", 5, 2), IsOkAndHolds(Int128{12345}));
  EXPECT_THAT(ParseUnscaledDecimal("-0.01", 5, 2), IsOkAndHolds(Int128{-1}));
  EXPECT_THAT(ParseUnscaledDecimal("0", 1, 0), IsOkAndHolds(Int128{0}));
  EXPECT_THAT(ParseUnscaledDecimal("-9", 1, 0), IsOkAndHolds(Int128{-9}));
}

TEST(ParseUnscaledDecimal, HoldsThirtyEightDigits) {
  std::string nines(38, '9');
  EXPECT_THAT(ParseUnscaledDecimal(nines, 38, 0), IsOkAndHolds(PowerOfTen(38) - 1));
  EXPECT_THAT(ParseUnscaledDecimal("-" + nines.substr(0, 8) + "." + nines.substr(8), 38, 30),
              IsOkAndHolds(-(PowerOfTen(38) - 1)));
}

TEST(ParseUnscaledDecimal, RefusesTextThatIsNotExactlyTheType) {
  for (std::string_view text :
       {"1.2", "1.234", "12345.6", "01.00", "1e5", "", "-", "+1.00", "1.", ".50", "1,00", "1.0a"}) {
    EXPECT_THAT(ParseUnscaledDecimal(text, 5, 2), StatusIs(StatusCode::kInvalidArgument)) << text;
  }
  EXPECT_THAT(ParseUnscaledDecimal("1.0", 5, 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseUnscaledDecimal("1", 39, 0),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("largest Parquet decimal")));
}

TEST(CheckDecimalText, KeepsDecimal65Comma30Exactly) {
  std::string text = "-" + std::string(35, '9') + "." + std::string(29, '0') + "1";
  EXPECT_THAT(CheckDecimalText(text, 65, 30), IsOkAndHolds(text));
  EXPECT_THAT(CheckDecimalText(text.substr(1), 65, 30), IsOkAndHolds(text.substr(1)));
  EXPECT_THAT(CheckDecimalText(std::string(36, '9') + "." + std::string(30, '0'), 65, 30),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("more than 35 integer digits")));
  EXPECT_THAT(CheckDecimalText("1", 66, 0), StatusIs(StatusCode::kInvalidArgument));
}

TEST(BigEndianTwosComplement, SignExtendsToTheWidth) {
  EXPECT_EQ(BigEndianTwosComplement(1, 4), std::string("\0\0\0\1", 4));
  EXPECT_EQ(BigEndianTwosComplement(-1, 3), std::string("\xff\xff\xff", 3));
  EXPECT_EQ(BigEndianTwosComplement(-256, 2), std::string("\xff\x00", 2));
  EXPECT_EQ(BigEndianTwosComplement(Int128{18446744073709551615u}, 9),
            std::string("\0\xff\xff\xff\xff\xff\xff\xff\xff", 9));
  // 10^38 - 1 = 0x4B3B4CA85A86C47A098A223FFFFFFFFF
  EXPECT_EQ(BigEndianTwosComplement(PowerOfTen(38) - 1, 16),
            std::string("\x4b\x3b\x4c\xa8\x5a\x86\xc4\x7a\x09\x8a\x22\x3f\xff\xff\xff\xff", 16));
}

TEST(Dates, ZeroPartialZeroAndInvalidDatesHaveNoLakeValue) {
  EXPECT_TRUE(IsZeroOrInvalidDate(0, 0, 0));
  EXPECT_TRUE(IsZeroOrInvalidDate(2024, 0, 15));
  EXPECT_TRUE(IsZeroOrInvalidDate(2024, 5, 0));
  EXPECT_TRUE(IsZeroOrInvalidDate(2023, 2, 29));
  EXPECT_TRUE(IsZeroOrInvalidDate(1900, 2, 29));
  EXPECT_TRUE(IsZeroOrInvalidDate(2024, 4, 31));
  EXPECT_TRUE(IsZeroOrInvalidDate(2024, 13, 1));
  EXPECT_FALSE(IsZeroOrInvalidDate(2024, 2, 29));
  EXPECT_FALSE(IsZeroOrInvalidDate(2000, 2, 29));
  EXPECT_FALSE(IsZeroOrInvalidDate(0, 1, 1));  // year 0 of the proleptic calendar exists
}

TEST(Dates, DaysSinceEpochIsProlepticGregorian) {
  EXPECT_EQ(DaysSinceEpoch(1970, 1, 1), 0);
  EXPECT_EQ(DaysSinceEpoch(1969, 12, 31), -1);
  EXPECT_EQ(DaysSinceEpoch(2000, 3, 1), 11017);
  EXPECT_EQ(DaysSinceEpoch(2024, 2, 29), 19782);
  EXPECT_EQ(DaysSinceEpoch(1000, 1, 1), -354285);
  EXPECT_EQ(DaysSinceEpoch(9999, 12, 31), 2932896);
  EXPECT_EQ(DaysSinceEpoch(0, 1, 1), -719528);
}

TEST(Dates, DateTimeMicrosReadsTheWallClockAsUtc) {
  EXPECT_THAT(DateTimeMicros({9999, 12, 31, 23, 59, 59, 999999}),
              IsOkAndHolds(int64_t{253402300799999999}));
  EXPECT_THAT(DateTimeMicros({1969, 12, 31, 23, 59, 59, 999999}), IsOkAndHolds(int64_t{-1}));
  EXPECT_THAT(DateTimeMicros({2024, 1, 1, 24, 0, 0, 0}), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(DateTimeMicros({2024, 1, 1, 0, 0, 0, 1000000}),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(DateTimeMicros({2024, 0, 1, 0, 0, 0, 0}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("zero or invalid date")));
}

TEST(Dates, TimestampMicros) {
  EXPECT_THAT(TimestampMicros({2147483647, 999999}), IsOkAndHolds(int64_t{2147483647999999}));
  EXPECT_THAT(TimestampMicros({1, 0}), IsOkAndHolds(int64_t{1000000}));
  EXPECT_THAT(TimestampMicros({1, 1000000}), StatusIs(StatusCode::kInvalidArgument));
}

TEST(FormatTime, PrintsLikeMysqlWithTheColumnsFractionDigits) {
  EXPECT_THAT(FormatTime({true, 838, 59, 59, 0}, 6), IsOkAndHolds("-838:59:59.000000"));
  EXPECT_THAT(FormatTime({false, 838, 59, 59, 0}, 0), IsOkAndHolds("838:59:59"));
  EXPECT_THAT(FormatTime({true, 0, 0, 0, 500000}, 1), IsOkAndHolds("-00:00:00.5"));
  EXPECT_THAT(FormatTime({true, 12, 34, 56, 123456}, 6), IsOkAndHolds("-12:34:56.123456"));
  EXPECT_THAT(FormatTime({false, 0, 0, 1, 0}, 0), IsOkAndHolds("00:00:01"));
  EXPECT_THAT(FormatTime({false, 0, 0, 1, 120000}, 3), IsOkAndHolds("00:00:01.120"));
}

TEST(FormatTime, RefusesOutOfRangeAndLostDigits) {
  EXPECT_THAT(FormatTime({false, 839, 0, 0, 0}, 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(FormatTime({false, 1, 60, 0, 0}, 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(FormatTime({false, 1, 0, 0, 123456}, 3),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("more fraction digits")));
  EXPECT_THAT(FormatTime({false, 1, 0, 0, 1}, 0), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::parquet
