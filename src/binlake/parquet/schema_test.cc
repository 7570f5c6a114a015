// Schema validation and the legacy converted types; Iceberg bound serialization helpers.
#include "binlake/parquet/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binlake/parquet/iceberg_bounds.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(SchemaTest, ConvertedTypesFollowTheLogicalType) {
  auto converted = [](PhysicalType type, std::optional<LogicalType> logical, int32_t length = 0) {
    return LegacyConvertedType(MakeColumn("c", 1, type, Repetition::kOptional, logical, length));
  };
  EXPECT_EQ(converted(PhysicalType::kInt32, IntType{8, true}), ConvertedType::kInt8);
  EXPECT_EQ(converted(PhysicalType::kInt32, IntType{16, false}), ConvertedType::kUint16);
  EXPECT_EQ(converted(PhysicalType::kInt64, IntType{64, false}), ConvertedType::kUint64);
  EXPECT_EQ(converted(PhysicalType::kByteArray, StringType{}), ConvertedType::kUtf8);
  EXPECT_EQ(converted(PhysicalType::kByteArray, JsonType{}), ConvertedType::kJson);
  EXPECT_EQ(converted(PhysicalType::kByteArray, EnumType{}), ConvertedType::kEnum);
  EXPECT_EQ(converted(PhysicalType::kFixedLenByteArray, DecimalType{0, 20}, 9),
            ConvertedType::kDecimal);
  EXPECT_EQ(converted(PhysicalType::kInt32, DateType{}), ConvertedType::kDate);
  EXPECT_EQ(converted(PhysicalType::kInt64, TimeType{false, TimeUnit::kMicros}),
            ConvertedType::kTimeMicros);
  EXPECT_EQ(converted(PhysicalType::kInt64, TimestampType{false, TimeUnit::kMicros}),
            ConvertedType::kTimestampMicros);
  EXPECT_EQ(converted(PhysicalType::kInt64, TimestampType{true, TimeUnit::kNanos}), std::nullopt);
  EXPECT_EQ(converted(PhysicalType::kByteArray, std::nullopt), std::nullopt);
}

TEST(SchemaTest, DecimalPrecisionPerWidth) {
  EXPECT_EQ(MaxDecimalPrecision(1), 2);
  EXPECT_EQ(MaxDecimalPrecision(4), 9);
  EXPECT_EQ(MaxDecimalPrecision(8), 18);
  EXPECT_EQ(MaxDecimalPrecision(9), 21);
  EXPECT_EQ(MaxDecimalPrecision(16), 38);
  EXPECT_EQ(MaxDecimalPrecision(28), 67);
}

TEST(SchemaTest, ValidationNamesTheColumn) {
  EXPECT_THAT(ValidateColumn(MakeColumn("ok", 1, PhysicalType::kInt32, Repetition::kRequired,
                                        DecimalType{2, 9})),
              IsOk());
  EXPECT_THAT(ValidateColumn(MakeColumn("d", 1, PhysicalType::kInt32, Repetition::kRequired,
                                        DecimalType{2, 10})),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'d': DECIMAL precision 10")));
  EXPECT_THAT(
      ValidateColumn(MakeColumn("s", 1, PhysicalType::kInt32, Repetition::kOptional, StringType{})),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("'s': STRING needs")));
  EXPECT_THAT(ValidateColumn(MakeColumn("t", 1, PhysicalType::kInt96, Repetition::kOptional)),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("INT96 is read-only")));
  EXPECT_THAT(
      ValidateColumn(MakeColumn("f", 1, PhysicalType::kFixedLenByteArray, Repetition::kOptional)),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("type_length")));
  EXPECT_THAT(ValidateColumn(MakeColumn("r", 1, PhysicalType::kInt32, Repetition::kRepeated)),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'r'")));
  EXPECT_THAT(ValidateColumn(MakeColumn("u", 1, PhysicalType::kFixedLenByteArray,
                                        Repetition::kOptional, UuidType{}, 8)),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("UUID")));
  EXPECT_THAT(ValidateColumn(MakeColumn("m", 1, PhysicalType::kInt32, Repetition::kOptional,
                                        TimeType{false, TimeUnit::kMicros})),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("TIME needs")));
  const std::vector<ColumnSpec> twice = {
      MakeColumn("a", 1, PhysicalType::kInt32, Repetition::kOptional),
      MakeColumn("b", 1, PhysicalType::kInt32, Repetition::kOptional)};
  EXPECT_THAT(ValidateSchema(twice),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("field id 1 is used twice")));
}

TEST(IcebergBoundsTest, MinimalBigEndianDecimals) {
  EXPECT_EQ(MinimalBigEndian(0), Bytes({0x00}));
  EXPECT_EQ(MinimalBigEndian(127), Bytes({0x7f}));
  EXPECT_EQ(MinimalBigEndian(128), Bytes({0x00, 0x80}));
  EXPECT_EQ(MinimalBigEndian(-1), Bytes({0xff}));
  EXPECT_EQ(MinimalBigEndian(-129), Bytes({0xff, 0x7f}));
  EXPECT_EQ(MinimalBigEndianBytes(Bytes({0x00, 0x00, 0x00, 0x85})), Bytes({0x00, 0x85}));
  EXPECT_EQ(MinimalBigEndianBytes(Bytes({0xff, 0xff, 0x80})), Bytes({0x80}));
}

TEST(IcebergBoundsTest, StringsTruncateByCodePoint) {
  const std::string short_text = "short";
  EXPECT_EQ(TruncateLowerBound(short_text, true), short_text);
  EXPECT_EQ(TruncateUpperBound(short_text, true), short_text);
  // 17 two-byte characters: the bound keeps 16 of them (32 bytes).
  std::string accents;
  for (int i = 0; i < 17; ++i) {
    accents += "\xc3\xa9";
  }
  EXPECT_EQ(TruncateLowerBound(accents, true), accents.substr(0, 32));
  EXPECT_EQ(TruncateUpperBound(accents, true), accents.substr(0, 30) + "\xc3\xaa");
  // U+10FFFF cannot be incremented: the one before it is.
  std::string max_last = std::string(15, 'a') + "\xf4\x8f\xbf\xbf" + "z";
  EXPECT_EQ(TruncateUpperBound(max_last, true), std::string(14, 'a') + "b");
}

TEST(IcebergBoundsTest, BinaryTruncatesByByte) {
  const std::string ff(20, '\xff');
  EXPECT_EQ(TruncateLowerBound(ff, false), std::string(16, '\xff'));
  EXPECT_EQ(TruncateUpperBound(ff, false), std::nullopt);
  std::string bytes = std::string(15, 'a') + "\xfe" + "tail";
  EXPECT_EQ(TruncateUpperBound(bytes, false), std::string(15, 'a') + "\xff");
}

}  // namespace
}  // namespace binlake::parquet
