#include "binlake/binlog/temporal.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using mysql::Date;
using mysql::DateTime;
using mysql::Time;
using mysql::Timestamp;

Result<Time> Time2(const std::string& bytes, uint32_t fsp) {
  ByteReader reader(bytes);
  Result<Time> t = ReadTime2(reader, fsp);
  EXPECT_TRUE(!t.ok() || reader.AtEnd());
  return t;
}

Result<DateTime> DateTime2(const std::string& bytes, uint32_t fsp) {
  ByteReader reader(bytes);
  Result<DateTime> t = ReadDateTime2(reader, fsp);
  EXPECT_TRUE(!t.ok() || reader.AtEnd());
  return t;
}

Time T(bool negative, uint16_t h, uint8_t m, uint8_t s, uint32_t us) {
  return Time{.negative = negative, .hours = h, .minutes = m, .seconds = s, .micros = us};
}

DateTime DT(uint16_t y, uint8_t mo, uint8_t d, uint8_t h, uint8_t mi, uint8_t s, uint32_t us) {
  return DateTime{
      .year = y, .month = mo, .day = d, .hour = h, .minute = mi, .second = s, .micros = us};
}

TEST(Time2Test, PositiveWithEveryFractionWidth) {
  EXPECT_THAT(Time2(Bytes({0x80, 0x00, 0x00}), 0), IsOkAndHolds(T(false, 0, 0, 0, 0)));
  // 12:34:56 is 12 << 12 | 34 << 6 | 56 = 0xC8B8.
  EXPECT_THAT(Time2(Bytes({0x80, 0xC8, 0xB8, 50}), 1), IsOkAndHolds(T(false, 12, 34, 56, 500000)));
  EXPECT_THAT(Time2(Bytes({0x80, 0xC8, 0xB8, 12}), 2), IsOkAndHolds(T(false, 12, 34, 56, 120000)));
  EXPECT_THAT(Time2(Bytes({0x80, 0xC8, 0xB8, 0x1E, 0xD2}), 3),
              IsOkAndHolds(T(false, 12, 34, 56, 789000)));
  EXPECT_THAT(Time2(Bytes({0x80, 0x10, 0x00, 0x00, 0x00, 0x01}), 6),
              IsOkAndHolds(T(false, 1, 0, 0, 1)));
}

TEST(Time2Test, NegativeValuesBorrowTheFractionFromTheIntegerPart) {
  // -00:00:00.5: integer part -1, fraction 0x100 - 50.
  EXPECT_THAT(Time2(Bytes({0x7F, 0xFF, 0xFF, 0xCE}), 1), IsOkAndHolds(T(true, 0, 0, 0, 500000)));
  // -12:34:56.789: integer part -51385, fraction 0x10000 - 7890.
  EXPECT_THAT(Time2(Bytes({0x7F, 0x37, 0x47, 0xE1, 0x2E}), 3),
              IsOkAndHolds(T(true, 12, 34, 56, 789000)));
  // -838:59:59 (the minimum), fsp 0.
  EXPECT_THAT(Time2(Bytes({0x4B, 0x91, 0x05}), 0), IsOkAndHolds(T(true, 838, 59, 59, 0)));
  // -00:00:01 with fsp 2 and a zero fraction: no borrow.
  EXPECT_THAT(Time2(Bytes({0x7F, 0xFF, 0xFF, 0x00}), 2), IsOkAndHolds(T(true, 0, 0, 1, 0)));
  // -00:00:00.000001 with fsp 6: offset binary over 6 bytes.
  EXPECT_THAT(Time2(Bytes({0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}), 6),
              IsOkAndHolds(T(true, 0, 0, 0, 1)));
}

TEST(Time2Test, RejectsPrecisionAboveSixAndShortInput) {
  EXPECT_THAT(Time2(Bytes({0x80, 0x00, 0x00}), 7), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Time2(Bytes({0x80, 0x00, 0x00}), 3), StatusIs(StatusCode::kCorruption));
}

TEST(DateTime2Test, EveryFractionalPrecision) {
  const std::string base = Bytes({0x99, 0xB2, 0xBA, 0xDB, 0x47});  // 2024-02-29 13:45:07
  EXPECT_THAT(DateTime2(base, 0), IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 0)));
  EXPECT_THAT(DateTime2(base + Bytes({50}), 1), IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 500000)));
  EXPECT_THAT(DateTime2(base + Bytes({12}), 2), IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 120000)));
  EXPECT_THAT(DateTime2(base + Bytes({0x04, 0xCE}), 3),
              IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 123000)));
  EXPECT_THAT(DateTime2(base + Bytes({0x04, 0xD2}), 4),
              IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 123400)));
  EXPECT_THAT(DateTime2(base + Bytes({0x01, 0xE2, 0x3A}), 5),
              IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 123450)));
  EXPECT_THAT(DateTime2(base + Bytes({0x01, 0xE2, 0x40}), 6),
              IsOkAndHolds(DT(2024, 2, 29, 13, 45, 7, 123456)));
}

TEST(DateTime2Test, ZeroPartialZeroAndMaximum) {
  EXPECT_THAT(DateTime2(Bytes({0x80, 0x00, 0x00, 0x00, 0x00}), 0),
              IsOkAndHolds(DT(0, 0, 0, 0, 0, 0, 0)));
  EXPECT_THAT(DateTime2(Bytes({0x99, 0xAE, 0xDE, 0x00, 0x00}), 0),
              IsOkAndHolds(DT(2023, 0, 15, 0, 0, 0, 0)));
  EXPECT_THAT(DateTime2(Bytes({0xFE, 0xF3, 0xFF, 0x7E, 0xFB, 0x0F, 0x42, 0x3F}), 6),
              IsOkAndHolds(DT(9999, 12, 31, 23, 59, 59, 999999)));
}

TEST(DateTime2Test, RejectsNegativeValuesAndBadFractions) {
  EXPECT_THAT(DateTime2(Bytes({0x7F, 0xFF, 0xFF, 0xFF, 0xFF}), 0),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(DateTime2(Bytes({0x80, 0x00, 0x00, 0x00, 0x00, 0x0F, 0x42, 0x40}), 6),
              StatusIs(StatusCode::kCorruption));
}

TEST(Timestamp2Test, SecondsAndFraction) {
  const std::string bytes = Bytes({0x65, 0x00, 0x00, 0x01, 0x03, 0x09});  // fsp 3: 0.0777 s
  ByteReader reader(bytes);
  EXPECT_THAT(ReadTimestamp2(reader, 3),
              IsOkAndHolds(Timestamp{.seconds = 0x65000001, .micros = 77700}));
}

TEST(OldTemporalTest, DateTimeTimeAndTimestamp) {
  {
    // 2023-00-15: day 15 | month 0 << 5 | 2023 << 9 = 0x0FCE0F.
    const std::string bytes = Bytes({0x0F, 0xCE, 0x0F});
    ByteReader reader(bytes);
    EXPECT_THAT(ReadDate(reader), IsOkAndHolds(Date{.year = 2023, .month = 0, .day = 15}));
  }
  {
    const std::string bytes = Bytes({0x00, 0x00, 0x00});
    ByteReader reader(bytes);
    EXPECT_THAT(ReadDate(reader), IsOkAndHolds(Date{}));
  }
  {
    // -12:34:56 = -123456 as a signed 24-bit little-endian integer.
    const std::string bytes = Bytes({0xC0, 0x1D, 0xFE});
    ByteReader reader(bytes);
    EXPECT_THAT(ReadTime(reader), IsOkAndHolds(T(true, 12, 34, 56, 0)));
  }
  {
    // 20010203040506 little-endian.
    const std::string bytes = Bytes({0xFA, 0x4A, 0x0B, 0xFD, 0x32, 0x12, 0x00, 0x00});
    ByteReader reader(bytes);
    EXPECT_THAT(ReadDateTime(reader), IsOkAndHolds(DT(2001, 2, 3, 4, 5, 6, 0)));
  }
  {
    const std::string bytes = Bytes({0x01, 0x00, 0x00, 0x80});
    ByteReader reader(bytes);
    EXPECT_THAT(ReadTimestamp(reader), IsOkAndHolds(Timestamp{.seconds = 0x80000001, .micros = 0}));
  }
}

TEST(PackedTemporalTest, TimeAndDateTimeFromTheirPackedForm) {
  const int64_t packed = -((int64_t{(12 << 12) | (34 << 6) | 56} << 24) + 789000);
  EXPECT_EQ(TimeFromPacked(packed), T(true, 12, 34, 56, 789000));
  const int64_t ymd = ((int64_t{2015} * 13 + 1) << 5) | 15;
  const int64_t dt = ((ymd << 17 | ((23 << 12) | (24 << 6) | 25)) << 24) + 5;
  EXPECT_EQ(DateTimeFromPacked(dt), DT(2015, 1, 15, 23, 24, 25, 5));
}

}  // namespace
}  // namespace binlake::binlog
