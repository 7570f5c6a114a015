#include "binlake/parquet/value_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;

ColumnSpec Column(PhysicalType type, std::optional<LogicalType> logical = {},
                  int32_t type_length = 0) {
  return MakeColumn("c", 1, type, Repetition::kRequired, logical, type_length);
}

// JSON of `value` appended to a one-value column of `spec`.
template <typename Append>
std::string Json(const ColumnSpec& spec, Append append) {
  ColumnValues values(spec);
  append(values);
  return ValueJson(spec, values, 0);
}

std::string Int32Json(const ColumnSpec& spec, int32_t value) {
  return Json(spec, [&](ColumnValues& v) { v.AppendInt32(value); });
}
std::string Int64Json(const ColumnSpec& spec, int64_t value) {
  return Json(spec, [&](ColumnValues& v) { v.AppendInt64(value); });
}
std::string BytesJson(const ColumnSpec& spec, std::string_view value) {
  return Json(spec, [&](ColumnValues& v) { v.AppendBytes(value); });
}

TEST(ValueJson, DecimalsAreExactStrings) {
  LogicalType d9 = DecimalType{.scale = 2, .precision = 9};
  EXPECT_EQ(Int32Json(Column(PhysicalType::kInt32, d9), -999999999), "\"-9999999.99\"");
  EXPECT_EQ(Int32Json(Column(PhysicalType::kInt32, d9), 5), "\"0.05\"");
  LogicalType d20 = DecimalType{.scale = 0, .precision = 20};
  EXPECT_EQ(BytesJson(Column(PhysicalType::kFixedLenByteArray, d20, 9),
                      std::string("\0\xff\xff\xff\xff\xff\xff\xff\xff", 9)),
            "\"18446744073709551615\"");
  LogicalType d38 = DecimalType{.scale = 10, .precision = 38};
  EXPECT_EQ(BytesJson(Column(PhysicalType::kFixedLenByteArray, d38, 16), std::string(16, '\xff')),
            "\"-0.0000000001\"");
  // 2^200 does not fit 128 bits: the long-division path.
  std::string big(26, '\0');
  big[0] = 1;
  LogicalType d70 = DecimalType{.scale = 0, .precision = 70};
  EXPECT_EQ(BytesJson(Column(PhysicalType::kByteArray, d70), big),
            "\"1606938044258990275541962092341162602522202993782792835301376\"");
}

TEST(ValueJson, ImpossibleDecimalScalesFallBackToThePhysicalValue) {
  LogicalType negative = DecimalType{.scale = -3, .precision = 9};
  EXPECT_EQ(Int32Json(Column(PhysicalType::kInt32, negative), 5), "5");
  LogicalType huge = DecimalType{.scale = 1 << 30, .precision = 9};
  EXPECT_EQ(Int32Json(Column(PhysicalType::kInt32, huge), 5), "5");
}

TEST(ValueJson, DatesTimesAndTimestamps) {
  ColumnSpec date = Column(PhysicalType::kInt32, DateType{});
  EXPECT_EQ(Int32Json(date, 0), "\"1970-01-01\"");
  EXPECT_EQ(Int32Json(date, -354285), "\"1000-01-01\"");
  EXPECT_EQ(Int32Json(date, 2932896), "\"9999-12-31\"");
  EXPECT_EQ(Int32Json(date, 19782), "\"2024-02-29\"");
  ColumnSpec utc = Column(PhysicalType::kInt64, TimestampType{true, TimeUnit::kMicros});
  EXPECT_EQ(Int64Json(utc, 253402300799999999), "\"9999-12-31T23:59:59.999999Z\"");
  ColumnSpec local = Column(PhysicalType::kInt64, TimestampType{false, TimeUnit::kMillis});
  EXPECT_EQ(Int64Json(local, -1), "\"1969-12-31T23:59:59.999\"");
  EXPECT_EQ(Int64Json(utc, std::numeric_limits<int64_t>::min()),
            "\"-290308-12-21T19:59:05.224192Z\"");
  ColumnSpec time = Column(PhysicalType::kInt64, TimeType{false, TimeUnit::kMicros});
  EXPECT_EQ(Int64Json(time, 86399999999), "\"23:59:59.999999\"");
  ColumnSpec int96 = Column(PhysicalType::kInt96);
  EXPECT_EQ(Json(int96,
                 [](ColumnValues& v) {
                   v.AppendInt96(Int96{{1, 0, 2440588}});
                 }),
            "\"1970-01-01T00:00:00.000000001\"");
}

TEST(ValueJson, IntegersFloatsAndBooleans) {
  LogicalType u64 = IntType{.bit_width = 64, .is_signed = false};
  EXPECT_EQ(Int64Json(Column(PhysicalType::kInt64, u64), -1), "18446744073709551615");
  LogicalType u32 = IntType{.bit_width = 32, .is_signed = false};
  EXPECT_EQ(Int32Json(Column(PhysicalType::kInt32, u32), -1), "4294967295");
  EXPECT_EQ(Int64Json(Column(PhysicalType::kInt64), std::numeric_limits<int64_t>::min()),
            "-9223372036854775808");
  ColumnSpec single = Column(PhysicalType::kFloat);
  EXPECT_EQ(Json(single, [](ColumnValues& v) { v.AppendFloat(0.1f); }), "0.1");
  EXPECT_EQ(Json(single, [](ColumnValues& v) { v.AppendFloat(std::nanf("")); }), "\"NaN\"");
  ColumnSpec real = Column(PhysicalType::kDouble);
  EXPECT_EQ(Json(real, [](ColumnValues& v) { v.AppendDouble(-1e308); }), "-1e+308");
  EXPECT_EQ(Json(real, [](ColumnValues& v) { v.AppendDouble(-INFINITY); }), "\"-Infinity\"");
  EXPECT_EQ(Json(Column(PhysicalType::kBoolean), [](ColumnValues& v) { v.AppendBool(true); }),
            "true");
}

TEST(ValueJson, StringsBinaryAndUuids) {
  ColumnSpec text = Column(PhysicalType::kByteArray, StringType{});
  EXPECT_EQ(BytesJson(text, "a\"b\\c\n\xc3\xa9"), "\"a\\\"b\\\\c\\u000a\xc3\xa9\"");
  EXPECT_EQ(BytesJson(text, "caf\xe9"), "\"caf\\ufffd\"");
  EXPECT_EQ(BytesJson(Column(PhysicalType::kByteArray), std::string("\0\xff", 2)), "\"AP8=\"");
  ColumnSpec uuid = Column(PhysicalType::kFixedLenByteArray, UuidType{}, 16);
  EXPECT_EQ(BytesJson(uuid, std::string("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x01\x23\x45\x67\x89"
                                        "\xab\xcd\xef")),
            "\"12345678-9abc-def0-0123-456789abcdef\"");
}

TEST(Base64, PadsToGroupsOfFour) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
}

TEST(StatisticJson, DecodesPlainBounds) {
  EXPECT_THAT(StatisticJson(Column(PhysicalType::kInt32, DateType{}), std::string("\0\0\0\0", 4)),
              IsOkAndHolds("\"1970-01-01\""));
  EXPECT_THAT(StatisticJson(Column(PhysicalType::kByteArray, StringType{}), "abc"),
              IsOkAndHolds("\"abc\""));
  EXPECT_THAT(StatisticJson(Column(PhysicalType::kInt64), "abc"),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(StatisticJson(Column(PhysicalType::kInt32), "abcde"),
              StatusIs(StatusCode::kCorruption));
}

}  // namespace
}  // namespace binlake::parquet
