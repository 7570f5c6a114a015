#include "adapters/mysql/select_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

std::string Decimal(std::string_view text, uint32_t scale) {
  std::string out;
  EXPECT_THAT(NormalizeDecimal(text, scale, &out), IsOk()) << text;
  return out;
}

TEST(NormalizeDecimalTest, KeepsExactlyScaleDigitsAndDropsLeadingZerosAndNegativeZero) {
  EXPECT_EQ(Decimal("12.3400", 4), "12.3400");
  EXPECT_EQ(Decimal("-0.5", 3), "-0.500");
  EXPECT_EQ(Decimal("007", 0), "7");
  EXPECT_EQ(Decimal("-0.000", 3), "0.000");
  EXPECT_EQ(Decimal("0", 2), "0.00");
  EXPECT_EQ(Decimal("-99999999999999999999999999999999999.999999999999999999999999999999", 30),
            "-99999999999999999999999999999999999.999999999999999999999999999999");
}

TEST(NormalizeDecimalTest, RejectsTextThatDoesNotFit) {
  std::string out;
  EXPECT_THAT(NormalizeDecimal("1.234", 2, &out),
              StatusIs(StatusCode::kCorruption, HasSubstr("scale 2")));
  EXPECT_THAT(NormalizeDecimal("1e5", 0, &out), StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(NormalizeDecimal("", 0, &out), StatusIs(StatusCode::kCorruption));
}

TEST(EnumSetTest, LabelsBecomeIndexAndBits) {
  const std::vector<std::string> members = {"a", "b", "c"};
  mysql::Enum value;
  ASSERT_THAT(EnumFromLabel("c", members, &value), IsOk());
  EXPECT_EQ(value, (mysql::Enum{3, "c"}));
  ASSERT_THAT(EnumFromLabel("", members, &value), IsOk());
  EXPECT_EQ(value, (mysql::Enum{0, ""}));
  EXPECT_THAT(EnumFromLabel("z", members, &value),
              StatusIs(StatusCode::kCorruption, HasSubstr("'z'")));
  mysql::Set set;
  ASSERT_THAT(SetFromLabels("a,c", members, &set), IsOk());
  EXPECT_EQ(set, (mysql::Set{5, "a,c"}));
  ASSERT_THAT(SetFromLabels("", members, &set), IsOk());
  EXPECT_EQ(set, (mysql::Set{0, ""}));
  EXPECT_THAT(SetFromLabels("a,x", members, &set),
              StatusIs(StatusCode::kCorruption, HasSubstr("'x'")));
}

TEST(BitTest, BigEndianBytesWithTheDeclaredWidth) {
  EXPECT_THAT(BitFromBytes(std::string("\x01", 1), 1),
              ::binlake::testing::IsOkAndHolds(mysql::Bit{1, 1}));
  EXPECT_THAT(BitFromBytes(std::string(8, '\xff'), 64),
              ::binlake::testing::IsOkAndHolds(mysql::Bit{~uint64_t{0}, 64}));
  EXPECT_THAT(BitFromBytes(std::string("\x01\x02", 2), 12),
              ::binlake::testing::IsOkAndHolds(mysql::Bit{0x102, 12}));
  EXPECT_THAT(BitFromBytes(std::string("\x02", 1), 1), StatusIs(StatusCode::kCorruption));
}

TEST(GeometryTest, SplitsLittleEndianSridFromWkb) {
  mysql::Geometry geometry;
  ASSERT_THAT(GeometryFromBytes(std::string("\xe6\x10\x00\x00\x01\x01", 6), &geometry), IsOk());
  EXPECT_EQ(geometry.srid, 4326u);
  EXPECT_EQ(geometry.wkb, std::string("\x01\x01", 2));
  EXPECT_THAT(GeometryFromBytes("abc", &geometry), StatusIs(StatusCode::kCorruption));
}

TEST(TimestampTest, UtcWallClockToEpochSecondsAndZeroStaysZero) {
  EXPECT_EQ(TimestampFromUtc(mysql::DateTime{2038, 1, 19, 3, 14, 7, 999999}),
            (mysql::Timestamp{2147483647, 999999}));
  EXPECT_EQ(TimestampFromUtc(mysql::DateTime{1970, 1, 1, 0, 0, 1, 0}), (mysql::Timestamp{1, 0}));
  EXPECT_EQ(TimestampFromUtc(mysql::DateTime{}), (mysql::Timestamp{0, 0}));
}

}  // namespace
}  // namespace binlake::adapters
