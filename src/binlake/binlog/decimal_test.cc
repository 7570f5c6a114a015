#include "binlake/binlog/decimal.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

std::string Decode(const std::string& bytes, uint32_t precision, uint32_t scale) {
  std::string text;
  const Status status = DecodeDecimalBinary(bytes, precision, scale, &text);
  EXPECT_THAT(status, IsOk());
  return text;
}

TEST(DecimalTest, SizesFollowTheNineDigitGroups) {
  EXPECT_EQ(DecimalBinarySize(14, 4), 7u);    // 10 int digits: 1 + 4; 4 frac digits: 2
  EXPECT_EQ(DecimalBinarySize(65, 30), 30u);  // 35 int digits: 4 + 3*4; 30 frac: 3*4 + 2
  EXPECT_EQ(DecimalBinarySize(65, 0), 29u);
  EXPECT_EQ(DecimalBinarySize(1, 1), 1u);
  EXPECT_EQ(DecimalBinarySize(0, 0), 0u);
  EXPECT_EQ(DecimalBinarySize(66, 0), 0u);
  EXPECT_EQ(DecimalBinarySize(10, 31), 0u);
}

// The example in the server's decimal2bin documentation: 1234567890.1234 as DECIMAL(14,4).
TEST(DecimalTest, ServerDocumentationExample) {
  EXPECT_EQ(Decode(Bytes({0x81, 0x0D, 0xFB, 0x38, 0xD2, 0x04, 0xD2}), 14, 4), "1234567890.1234");
  EXPECT_EQ(Decode(Bytes({0x7E, 0xF2, 0x04, 0xC7, 0x2D, 0xFB, 0x2D}), 14, 4), "-1234567890.1234");
}

TEST(DecimalTest, NegativeFractionBelowOne) {
  EXPECT_EQ(Decode(Bytes({0x80, 0x05}), 2, 1), "0.5");
  EXPECT_EQ(Decode(Bytes({0x7F, 0xFA}), 2, 1), "-0.5");
}

TEST(DecimalTest, ZeroKeepsScaleAndDropsTheSignOfNegativeZero) {
  EXPECT_EQ(Decode(Bytes({0x80, 0x00}), 3, 2), "0.00");
  EXPECT_EQ(Decode(Bytes({0x7F, 0xFF}), 3, 2), "0.00");
  EXPECT_EQ(Decode(Bytes({0x80}), 2, 0), "0");
}

TEST(DecimalTest, LeadingZerosOfTheIntegerPartAreStripped) {
  // DECIMAL(10,0) = 7 (one 1-digit partial group of 1 byte, then a full group).
  EXPECT_EQ(Decode(Bytes({0x80, 0x00, 0x00, 0x00, 0x07}), 10, 0), "7");
  EXPECT_EQ(Decode(Bytes({0x7F, 0xFF, 0xFF, 0xFF, 0xF8}), 10, 0), "-7");
}

TEST(DecimalTest, FractionGroupsArePaddedOnTheLeftAndTheTrailingPartialGroupToItsWidth) {
  // DECIMAL(12,11): integer 1 digit; fraction 9 + 2 digits. 1.00000000101
  EXPECT_EQ(Decode(Bytes({0x81, 0x00, 0x00, 0x00, 0x00, 0x01}), 12, 11), "1.00000000001");
  EXPECT_EQ(Decode(Bytes({0x81, 0x00, 0x00, 0x00, 0x01, 0x01}), 12, 11), "1.00000000101");
}

std::string Max65_30(bool negative) {
  std::string bytes;
  auto group = [&](uint32_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    }
  };
  group(99999999, 4);  // 8 leading integer digits
  for (int i = 0; i < 3; ++i) {
    group(999999999, 4);
  }
  for (int i = 0; i < 3; ++i) {
    group(999999999, 4);
  }
  group(999, 2);  // 3 trailing fraction digits
  bytes[0] = static_cast<char>(static_cast<uint8_t>(bytes[0]) | 0x80);
  if (negative) {
    for (char& c : bytes) {
      c = static_cast<char>(~static_cast<uint8_t>(c));
    }
  }
  return bytes;
}

TEST(DecimalTest, SixtyFiveDigitsWithScaleThirty) {
  const std::string nines = std::string(35, '9') + "." + std::string(30, '9');
  EXPECT_EQ(Decode(Max65_30(false), 65, 30), nines);
  EXPECT_EQ(Decode(Max65_30(true), 65, 30), "-" + nines);
}

TEST(DecimalTest, RejectsGroupsOutOfRangeAndWrongSizes) {
  std::string text;
  // A 1-byte group for 2 digits holding 0x7F = 127.
  EXPECT_THAT(DecodeDecimalBinary(Bytes({0xFF}), 2, 0, &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("more than 2 digits")));
  EXPECT_THAT(DecodeDecimalBinary(Bytes({0x80}), 3, 2, &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("takes 2 bytes")));
  EXPECT_THAT(DecodeDecimalBinary(Bytes({0x80}), 0, 0, &text),
              StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::binlog
