#include "binlake/parquet/type_mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "binlake/base/macros.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using mysql::ColumnKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr TypeMappingOptions kExact{};
constexpr TypeMappingOptions kDms{.mode = TypeMappingMode::kDms};

mysql::ColumnType Type(ColumnKind kind, uint32_t length = 0, uint32_t scale = 0,
                       bool is_unsigned = false) {
  mysql::ColumnType type;
  type.kind = kind;
  type.length = length;
  type.scale = scale;
  type.is_unsigned = is_unsigned;
  return type;
}

mysql::ColumnType Unsigned(ColumnKind kind) {
  return Type(kind, 0, 0, true);
}

// One nullable column `c` of `type`, holding `values` converted with `options`.
struct Converted {
  ColumnSpec spec;
  RowBatch batch;
  int64_t zero_dates = 0;
  std::vector<std::pair<std::string, std::string>> metadata;
};

Result<Converted> Convert(const mysql::ColumnType& type, std::vector<mysql::Value> values,
                          TypeMappingOptions options = kExact, bool nullable = true) {
  mysql::TableSchema table;
  table.database = "db";
  table.table = "t";
  table.columns.push_back({"c", type, nullable});
  std::vector<int32_t> field_ids = {1};
  ASSIGN_OR_RETURN(RowConverter converter, RowConverter::Make(table, field_ids, options));
  Converted out{converter.schema()[0], RowBatch(converter.schema()), 0, {}};
  for (const mysql::Value& value : values) {
    RETURN_IF_ERROR(converter.AppendRow({&value, 1}, &out.batch));
  }
  out.zero_dates = converter.zero_dates();
  out.metadata = converter.KeyValueMetadata();
  return out;
}

std::vector<int32_t> Int32s(const Converted& c) {
  auto values = c.batch.column(0).int32s();
  return {values.begin(), values.end()};
}
std::vector<int64_t> Int64s(const Converted& c) {
  auto values = c.batch.column(0).int64s();
  return {values.begin(), values.end()};
}
std::vector<std::string> Bytes(const Converted& c) {
  std::vector<std::string> out;
  for (size_t i = 0; i < c.batch.column(0).num_values(); ++i) {
    out.emplace_back(c.batch.column(0).BytesValue(i));
  }
  return out;
}

IntType Int(int bits, bool is_signed) {
  return IntType{.bit_width = static_cast<int8_t>(bits), .is_signed = is_signed};
}

TEST(TypeMappingTable, EveryRowIsReachableAndEveryKindMapped) {
  for (const MappingRow& row : TypeMappingTable()) {
    mysql::ColumnType type = Type(row.kind, row.min_length == 0 ? 10 : row.min_length, 0,
                                  row.signedness == Signedness::kUnsigned);
    ASSERT_OK_AND_ASSIGN(const MappingRow* found, FindMappingRow(type));
    EXPECT_EQ(found, &row) << row.mysql;
    mysql::ColumnSchema column{"c", type, true};
    EXPECT_THAT(MapColumn(column, 1, kExact), IsOk()) << row.mysql;
    EXPECT_THAT(MapColumn(column, 1, kDms), IsOk()) << row.mysql;
  }
  for (int kind = 0; kind <= static_cast<int>(ColumnKind::kInet6); ++kind) {
    mysql::ColumnType type = Type(static_cast<ColumnKind>(kind), 10);
    EXPECT_THAT(FindMappingRow(type), IsOk()) << "kind " << kind;
  }
}

TEST(TypeMappingTable, TypesWithoutARowAreRefused) {
  EXPECT_THAT(FindMappingRow(Type(ColumnKind::kBit, 0)), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(FindMappingRow(Type(ColumnKind::kDecimal, 66)),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(MapColumn({"price", Type(ColumnKind::kDecimal, 0), true}, 1, kExact),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("column `price`")));
}

TEST(IcebergType, FollowsTheExactMapping) {
  EXPECT_THAT(IcebergType(Type(ColumnKind::kDecimal, 10, 2)), IsOkAndHolds("decimal(10,2)"));
  EXPECT_THAT(IcebergType(Unsigned(ColumnKind::kBigInt)), IsOkAndHolds("decimal(20,0)"));
  EXPECT_THAT(IcebergType(Unsigned(ColumnKind::kInt)), IsOkAndHolds("long"));
  EXPECT_THAT(IcebergType(Type(ColumnKind::kTimestamp)), IsOkAndHolds("timestamptz"));
  EXPECT_THAT(IcebergType(Type(ColumnKind::kDateTime)), IsOkAndHolds("timestamp"));
  EXPECT_THAT(IcebergType(Type(ColumnKind::kTime)), IsOkAndHolds("string"));
  EXPECT_THAT(IcebergType(Type(ColumnKind::kDecimal, 65, 30)), IsOkAndHolds("string"));
  EXPECT_THAT(IcebergType(Type(ColumnKind::kBit, 64)), IsOkAndHolds("decimal(20,0)"));
  EXPECT_THAT(IcebergType(Type(ColumnKind::kGeometry)), IsOkAndHolds("binary"));
}

TEST(SignedIntegers, KeepTheirRangeAndRefuseValuesOutsideIt) {
  ASSERT_OK_AND_ASSIGN(auto tiny,
                       Convert(Type(ColumnKind::kTinyInt), {int64_t{-128}, int64_t{127}}));
  EXPECT_EQ(tiny.spec.physical_type, PhysicalType::kInt32);
  EXPECT_EQ(tiny.spec.logical_type, LogicalType(Int(8, true)));
  EXPECT_THAT(Int32s(tiny), ElementsAre(-128, 127));
  EXPECT_THAT(Convert(Type(ColumnKind::kTinyInt), {int64_t{128}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("column `c`: 128 is outside the range of the column's type")));
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  ASSERT_OK_AND_ASSIGN(auto big, Convert(Type(ColumnKind::kBigInt), {kMin, kMax}));
  EXPECT_EQ(big.spec.physical_type, PhysicalType::kInt64);
  EXPECT_THAT(Int64s(big), ElementsAre(kMin, kMax));
  EXPECT_THAT(Convert(Type(ColumnKind::kBigInt), {uint64_t{1} << 63}),
              StatusIs(StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(auto medium, Convert(Type(ColumnKind::kMediumInt), {int64_t{-8388608}}));
  EXPECT_THAT(Int32s(medium), ElementsAre(-8388608));
}

TEST(UnsignedIntegers, ExactModeWidensToTheNextSignedType) {
  ASSERT_OK_AND_ASSIGN(auto tiny, Convert(Unsigned(ColumnKind::kTinyInt), {uint64_t{255}}));
  EXPECT_EQ(tiny.spec.logical_type, LogicalType(Int(16, true)));
  EXPECT_THAT(Int32s(tiny), ElementsAre(255));
  ASSERT_OK_AND_ASSIGN(auto small, Convert(Unsigned(ColumnKind::kSmallInt), {uint64_t{65535}}));
  EXPECT_THAT(Int32s(small), ElementsAre(65535));
  ASSERT_OK_AND_ASSIGN(auto medium,
                       Convert(Unsigned(ColumnKind::kMediumInt), {uint64_t{16777215}}));
  EXPECT_THAT(Int32s(medium), ElementsAre(16777215));
  ASSERT_OK_AND_ASSIGN(auto integer, Convert(Unsigned(ColumnKind::kInt), {uint64_t{4294967295}}));
  EXPECT_EQ(integer.spec.physical_type, PhysicalType::kInt64);
  EXPECT_THAT(Int64s(integer), ElementsAre(4294967295));
  EXPECT_THAT(Convert(Unsigned(ColumnKind::kTinyInt), {int64_t{-1}}),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(UnsignedIntegers, BigintUnsignedMaxIsDecimal20Exactly) {
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  ASSERT_OK_AND_ASSIGN(auto big, Convert(Unsigned(ColumnKind::kBigInt), {kMax, uint64_t{0}}));
  EXPECT_EQ(big.spec.physical_type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(big.spec.type_length, 9);
  EXPECT_EQ(big.spec.logical_type, LogicalType(DecimalType{.scale = 0, .precision = 20}));
  EXPECT_THAT(Bytes(big), ElementsAre(std::string("\0\xff\xff\xff\xff\xff\xff\xff\xff", 9),
                                      std::string(9, '\0')));
}

TEST(UnsignedIntegers, DmsModeWritesUintTypesWithTheBitPattern) {
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  ASSERT_OK_AND_ASSIGN(auto big, Convert(Unsigned(ColumnKind::kBigInt), {kMax}, kDms));
  EXPECT_EQ(big.spec.physical_type, PhysicalType::kInt64);
  EXPECT_EQ(big.spec.logical_type, LogicalType(Int(64, false)));
  EXPECT_THAT(Int64s(big), ElementsAre(-1));
  ASSERT_OK_AND_ASSIGN(auto integer,
                       Convert(Unsigned(ColumnKind::kInt), {uint64_t{4294967295}}, kDms));
  EXPECT_EQ(integer.spec.logical_type, LogicalType(Int(32, false)));
  EXPECT_THAT(Int32s(integer), ElementsAre(-1));
  ASSERT_OK_AND_ASSIGN(auto tiny, Convert(Unsigned(ColumnKind::kTinyInt), {uint64_t{200}}, kDms));
  EXPECT_EQ(tiny.spec.logical_type, LogicalType(Int(8, false)));
  EXPECT_THAT(Int32s(tiny), ElementsAre(200));
}

TEST(Decimals, PhysicalTypeFollowsPrecision) {
  ASSERT_OK_AND_ASSIGN(auto small,
                       Convert(Type(ColumnKind::kDecimal, 9, 2), {mysql::Decimal{"-9999999.99"}}));
  EXPECT_EQ(small.spec.physical_type, PhysicalType::kInt32);
  EXPECT_THAT(Int32s(small), ElementsAre(-999999999));
  ASSERT_OK_AND_ASSIGN(auto medium, Convert(Type(ColumnKind::kDecimal, 18, 0),
                                            {mysql::Decimal{"999999999999999999"}}));
  EXPECT_EQ(medium.spec.physical_type, PhysicalType::kInt64);
  EXPECT_THAT(Int64s(medium), ElementsAre(999999999999999999));
  ASSERT_OK_AND_ASSIGN(
      auto wide, Convert(Type(ColumnKind::kDecimal, 38, 10), {mysql::Decimal{"-0.0000000001"}}));
  EXPECT_EQ(wide.spec.physical_type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(wide.spec.type_length, 16);
  EXPECT_THAT(Bytes(wide), ElementsAre(std::string(16, '\xff')));
  ASSERT_OK_AND_ASSIGN(auto twenty, Convert(Type(ColumnKind::kDecimal, 20, 5), {}));
  EXPECT_EQ(twenty.spec.type_length, 9);
  EXPECT_THAT(Convert(Type(ColumnKind::kDecimal, 5, 2), {mysql::Decimal{"1234.00"}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("column `c`")));
}

TEST(Decimals, Decimal65Comma30IsExactText) {
  std::string text = "-" + std::string(35, '9') + "." + std::string(30, '9');
  ASSERT_OK_AND_ASSIGN(
      auto wide, Convert(Type(ColumnKind::kDecimal, 65, 30),
                         {mysql::Decimal{text}, mysql::Decimal{"0." + std::string(30, '0')}}));
  EXPECT_EQ(wide.spec.physical_type, PhysicalType::kByteArray);
  EXPECT_EQ(wide.spec.logical_type, LogicalType(StringType{}));
  EXPECT_THAT(Bytes(wide), ElementsAre(text, "0." + std::string(30, '0')));
}

TEST(Floats, FloatStaysFloatExceptInDmsMode) {
  ASSERT_OK_AND_ASSIGN(auto single, Convert(Type(ColumnKind::kFloat), {3.25f}));
  EXPECT_EQ(single.spec.physical_type, PhysicalType::kFloat);
  EXPECT_THAT(single.batch.column(0).floats()[0], 3.25f);
  ASSERT_OK_AND_ASSIGN(auto dms, Convert(Type(ColumnKind::kFloat), {0.1f}, kDms));
  EXPECT_EQ(dms.spec.physical_type, PhysicalType::kDouble);
  EXPECT_EQ(dms.batch.column(0).doubles()[0], double{0.1f});
  ASSERT_OK_AND_ASSIGN(auto real, Convert(Type(ColumnKind::kDouble), {-1e308}));
  EXPECT_EQ(real.batch.column(0).doubles()[0], -1e308);
  EXPECT_THAT(Convert(Type(ColumnKind::kFloat), {1.5}), StatusIs(StatusCode::kInvalidArgument));
}

TEST(Bits, ExactModeIsLongUpTo63BitsAndDecimal20At64) {
  ASSERT_OK_AND_ASSIGN(auto one, Convert(Type(ColumnKind::kBit, 1), {mysql::Bit{1, 1}}));
  EXPECT_THAT(Int64s(one), ElementsAre(1));
  constexpr uint64_t k63 = (uint64_t{1} << 63) - 1;
  ASSERT_OK_AND_ASSIGN(auto wide, Convert(Type(ColumnKind::kBit, 63), {mysql::Bit{k63, 63}}));
  EXPECT_THAT(Int64s(wide), ElementsAre(std::numeric_limits<int64_t>::max()));
  ASSERT_OK_AND_ASSIGN(auto full,
                       Convert(Type(ColumnKind::kBit, 64), {mysql::Bit{~uint64_t{0}, 64}}));
  EXPECT_EQ(full.spec.logical_type, LogicalType(DecimalType{.scale = 0, .precision = 20}));
  EXPECT_THAT(Bytes(full), ElementsAre(std::string("\0\xff\xff\xff\xff\xff\xff\xff\xff", 9)));
  EXPECT_THAT(Convert(Type(ColumnKind::kBit, 3), {mysql::Bit{8, 3}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("does not fit BIT(3)")));
}

TEST(Bits, DmsModeIsBooleanOrBigEndianBytes) {
  ASSERT_OK_AND_ASSIGN(auto one, Convert(Type(ColumnKind::kBit, 1), {mysql::Bit{1, 1}}, kDms));
  EXPECT_EQ(one.spec.physical_type, PhysicalType::kBoolean);
  EXPECT_EQ(one.batch.column(0).bools()[0], 1);
  ASSERT_OK_AND_ASSIGN(auto ten,
                       Convert(Type(ColumnKind::kBit, 10), {mysql::Bit{0x201, 10}}, kDms));
  EXPECT_THAT(Bytes(ten), ElementsAre(std::string("\x02\x01", 2)));
  ASSERT_OK_AND_ASSIGN(auto full,
                       Convert(Type(ColumnKind::kBit, 64), {mysql::Bit{~uint64_t{0}, 64}}, kDms));
  EXPECT_THAT(Bytes(full), ElementsAre(std::string(8, '\xff')));
}

TEST(Year, IsIntOrInt16) {
  ASSERT_OK_AND_ASSIGN(auto year,
                       Convert(Type(ColumnKind::kYear), {mysql::Year{2155}, mysql::Year{0}}));
  EXPECT_EQ(year.spec.physical_type, PhysicalType::kInt32);
  EXPECT_FALSE(year.spec.logical_type.has_value());
  EXPECT_THAT(Int32s(year), ElementsAre(2155, 0));
  ASSERT_OK_AND_ASSIGN(auto dms, Convert(Type(ColumnKind::kYear), {mysql::Year{1901}}, kDms));
  EXPECT_EQ(dms.spec.logical_type, LogicalType(Int(16, true)));
}

TEST(Dates, ValidDatesAreDaysAndZeroDatesNullCounted) {
  ASSERT_OK_AND_ASSIGN(auto dates, Convert(Type(ColumnKind::kDate),
                                           {mysql::Date{1000, 1, 1}, mysql::Date{0, 0, 0},
                                            mysql::Date{2024, 0, 15}, mysql::Date{9999, 12, 31}},
                                           kExact, /*nullable=*/false));
  EXPECT_EQ(dates.spec.logical_type, LogicalType(DateType{}));
  EXPECT_TRUE(dates.spec.optional()) << "zero dates become NULL even in a NOT NULL column";
  EXPECT_THAT(Int32s(dates), ElementsAre(-354285, 2932896));
  EXPECT_THAT(dates.batch.column(0).validity(), ElementsAre(1, 0, 0, 1));
  EXPECT_EQ(dates.zero_dates, 2);
}

TEST(Dates, ZeroDatesCanBeAnError) {
  TypeMappingOptions strict{.zero_dates = ZeroDatePolicy::kError};
  EXPECT_THAT(
      Convert(Type(ColumnKind::kDate), {mysql::Date{2023, 2, 29}}, strict),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("column `c`: zero or invalid date")));
  ASSERT_OK_AND_ASSIGN(auto required,
                       Convert(Type(ColumnKind::kDate), {mysql::Date{2024, 2, 29}}, strict, false));
  EXPECT_FALSE(required.spec.optional());
}

TEST(DateTimes, DatetimeIsLocalMicrosAndTimestampUtcMicros) {
  ASSERT_OK_AND_ASSIGN(auto local, Convert(Type(ColumnKind::kDateTime, 0, 6),
                                           {mysql::DateTime{9999, 12, 31, 23, 59, 59, 999999},
                                            mysql::DateTime{0, 0, 0, 0, 0, 0, 0}}));
  EXPECT_EQ(local.spec.logical_type,
            LogicalType(TimestampType{.is_adjusted_to_utc = false, .unit = TimeUnit::kMicros}));
  EXPECT_THAT(Int64s(local), ElementsAre(253402300799999999));
  EXPECT_EQ(local.zero_dates, 1);
  ASSERT_OK_AND_ASSIGN(auto utc, Convert(Type(ColumnKind::kTimestamp, 0, 6),
                                         {mysql::Timestamp{2147483647, 999999},
                                          mysql::Timestamp{0, 0}, mysql::Timestamp{1, 0}}));
  EXPECT_EQ(utc.spec.logical_type,
            LogicalType(TimestampType{.is_adjusted_to_utc = true, .unit = TimeUnit::kMicros}));
  EXPECT_THAT(Int64s(utc), ElementsAre(2147483647999999, 1000000));
  EXPECT_EQ(utc.zero_dates, 1);
  EXPECT_THAT(Convert(Type(ColumnKind::kTimestamp), {mysql::DateTime{}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("expected a Timestamp value")));
}

TEST(Times, NegativeTimesWithFractionsAreText) {
  ASSERT_OK_AND_ASSIGN(auto times,
                       Convert(Type(ColumnKind::kTime, 0, 6),
                               {mysql::Time{true, 838, 59, 59, 0}, mysql::Time{true, 0, 0, 0, 1},
                                mysql::Time{false, 12, 0, 0, 500000}}));
  EXPECT_EQ(times.spec.logical_type, LogicalType(StringType{}));
  EXPECT_THAT(Bytes(times),
              ElementsAre("-838:59:59.000000", "-00:00:00.000001", "12:00:00.500000"));
  ASSERT_OK_AND_ASSIGN(
      auto dms, Convert(Type(ColumnKind::kTime, 0, 2), {mysql::Time{true, 1, 2, 3, 450000}}, kDms));
  EXPECT_THAT(Bytes(dms), ElementsAre("-01:02:03.45"));
}

TEST(Text, AnyTextKindIsUtf8String) {
  for (ColumnKind kind : {ColumnKind::kChar, ColumnKind::kVarchar, ColumnKind::kText,
                          ColumnKind::kUuid, ColumnKind::kInet4, ColumnKind::kInet6}) {
    ASSERT_OK_AND_ASSIGN(auto text, Convert(Type(kind), {mysql::Text{"caf\xc3\xa9"}}));
    EXPECT_EQ(text.spec.logical_type, LogicalType(StringType{}));
    EXPECT_THAT(Bytes(text), ElementsAre("caf\xc3\xa9"));
  }
  EXPECT_THAT(Convert(Type(ColumnKind::kVarchar), {mysql::Text{"caf\xe9"}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("not valid UTF-8")));
  EXPECT_THAT(Convert(Type(ColumnKind::kInt), {mysql::Text{"1"}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("column `c`: expected an integer value, got Text")));
}

TEST(Binary, BinaryKindsAndVectorsAreRawBytes) {
  std::string raw("\0\x01\xff", 3);
  for (ColumnKind kind : {ColumnKind::kBinary, ColumnKind::kVarbinary, ColumnKind::kBlob}) {
    ASSERT_OK_AND_ASSIGN(auto binary, Convert(Type(kind), {mysql::Binary{raw}}));
    EXPECT_FALSE(binary.spec.logical_type.has_value());
    EXPECT_THAT(Bytes(binary), ElementsAre(raw));
  }
  std::string floats("\x00\x00\x80\x3f\x00\x00\x00\xc0", 8);  // 1.0, -2.0
  ASSERT_OK_AND_ASSIGN(auto vector, Convert(Type(ColumnKind::kVector, 2), {mysql::Vector{floats}}));
  EXPECT_THAT(Bytes(vector), ElementsAre(floats));
}

TEST(EnumAndSet, LabelsAsStrings) {
  mysql::ColumnType enum_type = Type(ColumnKind::kEnum);
  enum_type.elements = {"small", "large"};
  ASSERT_OK_AND_ASSIGN(auto members, Convert(enum_type, {mysql::Enum{2, "large"},
                                                         mysql::Enum{1, ""}, mysql::Enum{0, ""}}));
  EXPECT_THAT(Bytes(members), ElementsAre("large", "small", ""));
  EXPECT_THAT(Convert(enum_type, {mysql::Enum{3, ""}}), StatusIs(StatusCode::kInvalidArgument));

  mysql::ColumnType set_type = Type(ColumnKind::kSet);
  std::string all;
  for (int i = 0; i < 64; ++i) {
    set_type.elements.push_back("m" + std::to_string(i));
    all += (i == 0 ? "" : ",") + set_type.elements.back();
  }
  ASSERT_OK_AND_ASSIGN(
      auto sets, Convert(set_type, {mysql::Set{~uint64_t{0}, ""}, mysql::Set{~uint64_t{0}, all},
                                    mysql::Set{0, ""}, mysql::Set{5, ""}}));
  EXPECT_THAT(Bytes(sets), ElementsAre(all, all, "", "m0,m2"));
}

TEST(Json, JsonLogicalTypeExceptInDmsMode) {
  std::string doc = R"({"a":[1,2.5,"x"],"b":null})";
  ASSERT_OK_AND_ASSIGN(auto json, Convert(Type(ColumnKind::kJson), {mysql::Json{doc}}));
  EXPECT_EQ(json.spec.logical_type, LogicalType(JsonType{}));
  EXPECT_THAT(Bytes(json), ElementsAre(doc));
  ASSERT_OK_AND_ASSIGN(auto dms, Convert(Type(ColumnKind::kJson), {mysql::Json{doc}}, kDms));
  EXPECT_EQ(dms.spec.logical_type, LogicalType(StringType{}));
  EXPECT_THAT(Bytes(dms), ElementsAre(doc));
  EXPECT_THAT(Convert(Type(ColumnKind::kJson), {mysql::Text{doc}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("expected a Json value")));
}

TEST(Geometry, WkbWithTheSridsInKeyValueMetadata) {
  std::string point(
      "\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00"
      "\x00\x40",
      21);  // POINT(1 2)
  ASSERT_OK_AND_ASSIGN(
      auto shapes,
      Convert(Type(ColumnKind::kGeometry), {mysql::Geometry{4326, point}, mysql::Geometry{0, point},
                                            mysql::Geometry{4326, point}}));
  EXPECT_FALSE(shapes.spec.logical_type.has_value());
  EXPECT_THAT(Bytes(shapes), ElementsAre(point, point, point));
  EXPECT_THAT(shapes.metadata, ElementsAre(std::pair<std::string, std::string>(
                                   "binlake.geometry.srid.c", "0,4326")));
}

TEST(RowConverter, NullsAndAllOrNothingRows) {
  mysql::TableSchema table;
  table.columns = {{"id", Type(ColumnKind::kInt), false}, {"n", Type(ColumnKind::kTinyInt), true}};
  std::vector<int32_t> ids = {1, 2};
  ASSERT_OK_AND_ASSIGN(RowConverter converter, RowConverter::Make(table, ids, kExact));
  EXPECT_FALSE(converter.schema()[0].optional());
  EXPECT_TRUE(converter.schema()[1].optional());
  RowBatch batch(converter.schema());
  std::vector<mysql::Value> good = {int64_t{1}, mysql::Null{}};
  ASSERT_OK(converter.AppendRow(good, &batch));
  std::vector<mysql::Value> bad = {int64_t{2}, int64_t{1000}};
  EXPECT_THAT(converter.AppendRow(bad, &batch),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("column `n`")));
  std::vector<mysql::Value> null_key = {mysql::Null{}, int64_t{1}};
  EXPECT_THAT(converter.AppendRow(null_key, &batch),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("column `id`: NULL in a NOT NULL")));
  EXPECT_EQ(batch.column(0).num_rows(), 1u);
  EXPECT_EQ(batch.column(1).num_rows(), 1u);
  EXPECT_THAT(batch.column(1).validity(), ElementsAre(0));
  EXPECT_THAT(RowConverter::Make(table, std::vector<int32_t>{1}, kExact),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1 field ids for 2 columns")));
}

}  // namespace
}  // namespace binlake::parquet
