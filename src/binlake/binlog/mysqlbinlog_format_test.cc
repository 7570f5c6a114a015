#include "binlake/binlog/mysqlbinlog_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using mysql::FieldType;
using ::testing::HasSubstr;

// Expected texts are lines of MariaDB 10.11's own `mysqlbinlog -vv` output for
// tests/fixtures/binlog/mariadb-10.11/mariadb-bin.000001 (see workload.sql there).

MysqlbinlogColumn Column(FieldType type, uint16_t metadata, std::string_view charset = "") {
  MysqlbinlogColumn column;
  column.wire_type = type;
  column.metadata = metadata;
  column.charset = charset;
  return column;
}

std::string Render(FieldType type, uint16_t metadata, const mysql::Value& value,
                   std::string_view charset = "") {
  Result<std::string> text = FormatMysqlbinlogValue(Column(type, metadata, charset), value);
  return text.ok() ? *text : text.status().ToString();
}

TEST(MysqlbinlogFormatTest, IntegersPrintSignedThenUnsignedWhenNegative) {
  EXPECT_EQ(Render(FieldType::kTiny, 0, int64_t{-128}), "-128 (128)");
  EXPECT_EQ(Render(FieldType::kTiny, 0, uint64_t{255}), "-1 (255)");
  EXPECT_EQ(Render(FieldType::kTiny, 0, int64_t{127}), "127");
  EXPECT_EQ(Render(FieldType::kShort, 0, uint64_t{32768}), "-32768 (32768)");
  EXPECT_EQ(Render(FieldType::kInt24, 0, int64_t{-8388608}), "-8388608 (8388608)");
  EXPECT_EQ(Render(FieldType::kInt24, 0, uint64_t{16777215}), "-1 (16777215)");
  EXPECT_EQ(Render(FieldType::kLong, 0, uint64_t{4294967295}), "-1 (4294967295)");
  EXPECT_EQ(Render(FieldType::kLong, 0, int64_t{2147483647}), "2147483647");
  EXPECT_EQ(Render(FieldType::kLongLong, 0, std::numeric_limits<int64_t>::min()),
            "-9223372036854775808 (9223372036854775808)");
  EXPECT_EQ(Render(FieldType::kLongLong, 0, std::numeric_limits<uint64_t>::max()),
            "-1 (18446744073709551615)");
  EXPECT_EQ(Render(FieldType::kLongLong, 0, uint64_t{1}), "1");
}

TEST(MysqlbinlogFormatTest, FloatIsPaddedGAndDoubleHasTwentyDigits) {
  EXPECT_EQ(Render(FieldType::kFloat, 4, 3.14159f), "3.14159             ");
  EXPECT_EQ(Render(FieldType::kFloat, 4, -3.4028234e38f), "-3.40282e+38        ");
  EXPECT_EQ(Render(FieldType::kFloat, 4, 0.0f), "0                   ");
  EXPECT_EQ(Render(FieldType::kDouble, 8, 2.718281828459045), "2.7182818284590450908");
  EXPECT_EQ(Render(FieldType::kDouble, 8, -1.7976931348623157e308), "-1.7976931348623157081e+308");
  EXPECT_EQ(Render(FieldType::kDouble, 8, 11.25), "11.25");
}

TEST(MysqlbinlogFormatTest, DecimalPrintsItsText) {
  EXPECT_EQ(Render(FieldType::kNewDecimal, 1028, mysql::Decimal{"-0.0001"}), "-0.0001");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kNewDecimal, 16670)), "DECIMAL(65,30)");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kNewDecimal, 1028)), "DECIMAL(4,4)");
}

TEST(MysqlbinlogFormatTest, BitAndSetPrintBitStringsOfTheirWidth) {
  EXPECT_EQ(Render(FieldType::kBit, 1, mysql::Bit{1, 1}), "b'1'");
  EXPECT_EQ(Render(FieldType::kBit, 7, mysql::Bit{0x55, 7}), "b'1010101'");
  EXPECT_EQ(Render(FieldType::kBit, 257, mysql::Bit{0x101, 9}), "b'100000001'");
  EXPECT_EQ(Render(FieldType::kBit, 2048, mysql::Bit{uint64_t{1} << 62, 64}),
            "b'0100000000000000000000000000000000000000000000000000000000000000'");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kBit, 513)), "BIT(17)");
  // SET travels as MYSQL_TYPE_STRING with real type SET in the metadata's first byte.
  EXPECT_EQ(Render(FieldType::kString, 63489, mysql::Set{5, "r,x"}), "b'00000101'");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kString, 63496)), "SET(8 bytes)");
  // Member 63 of a 64-member SET: the stored bytes are little-endian.
  EXPECT_EQ(Render(FieldType::kString, 63496, mysql::Set{uint64_t{1} << 63, "s63"}),
            "b'0000000000000000000000000000000000000000000000000000000010000000'");
  EXPECT_EQ(Render(FieldType::kString, 63490, mysql::Set{0x0102, ""}), "b'0000001000000001'");
}

TEST(MysqlbinlogFormatTest, EnumPrintsItsIndex) {
  EXPECT_EQ(Render(FieldType::kString, 63233, mysql::Enum{5, "x"}), "5");
  EXPECT_EQ(Render(FieldType::kString, 63234, mysql::Enum{260, "e259"}), "260");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kString, 63233)), "ENUM(1 byte)");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kString, 63234)), "ENUM(2 bytes)");
}

TEST(MysqlbinlogFormatTest, TemporalValuesKeepZeroPartsAndFractions) {
  EXPECT_EQ(Render(FieldType::kNewDate, 0, mysql::Date{2024, 0, 15}), "'2024:00:15'");
  EXPECT_EQ(Render(FieldType::kNewDate, 0, mysql::Date{}), "'0000:00:00'");
  EXPECT_EQ(Render(FieldType::kTime2, 0, mysql::Time{true, 838, 59, 59, 0}), "'-838:59:59'");
  EXPECT_EQ(Render(FieldType::kTime2, 4, mysql::Time{true, 0, 0, 0, 500000}), "'-00:00:00.5000'");
  EXPECT_EQ(Render(FieldType::kTime2, 6, mysql::Time{false, 12, 34, 56, 789123}),
            "'12:34:56.789123'");
  EXPECT_EQ(Render(FieldType::kDateTime2, 1, mysql::DateTime{2024, 0, 0, 10, 11, 12, 100000}),
            "'2024-00-00 10:11:12.1'");
  EXPECT_EQ(Render(FieldType::kDateTime2, 0, mysql::DateTime{}), "'0000-00-00 00:00:00'");
  EXPECT_EQ(Render(FieldType::kTimestamp2, 0, mysql::Timestamp{2147483647, 0}), "2147483647");
  EXPECT_EQ(Render(FieldType::kTimestamp2, 3, mysql::Timestamp{0, 0}), "0.000");
  EXPECT_EQ(Render(FieldType::kTimestamp2, 5, mysql::Timestamp{1, 10}), "1.00001");
  EXPECT_EQ(Render(FieldType::kYear, 0, mysql::Year{0}), "1900");
  EXPECT_EQ(Render(FieldType::kYear, 0, mysql::Year{2155}), "2155");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kTimestamp2, 6)), "TIMESTAMP(6)");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kNewDate, 0)), "DATE");
}

TEST(MysqlbinlogFormatTest, StringsAreQuotedWithControlBytesEscaped) {
  EXPECT_EQ(Render(FieldType::kVarchar, 1020, mysql::Text{"h\xC3\xA9llo"}), "'h\xC3\xA9llo'");
  EXPECT_EQ(Render(FieldType::kVarchar, 80, mysql::Text{"it's a\\b\n"}), "'it's a\\b\\x0a'");
  EXPECT_EQ(Render(FieldType::kBlob, 2, mysql::Binary{std::string("\x00\xff", 2)}), "'\\x00\xff'");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kBlob, 3)), "MEDIUMBLOB/MEDIUMTEXT");
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kVarchar, 1020)), "VARSTRING(1020)");
}

TEST(MysqlbinlogFormatTest, Latin1TextPrintsTheServersBytes) {
  EXPECT_EQ(Render(FieldType::kString, 65034, mysql::Text{"caf\xC3\xA9"}, "latin1"), "'caf\xE9'");
  // U+20AC (euro sign) is 0x80 in MySQL's latin1 (cp1252).
  EXPECT_EQ(Render(FieldType::kVarchar, 300, mysql::Text{"\xE2\x82\xAC"}, "latin1"), "'\x80'");
  // ucs2 is big-endian UCS-2: U+00E9 is stored as 00 e9.
  EXPECT_EQ(Render(FieldType::kVarchar, 40, mysql::Text{"\xC3\xA9"}, "ucs2"), "'\\x00\xE9'");
}

TEST(MysqlbinlogFormatTest, FixedLengthStringsDropTheServersPad) {
  EXPECT_EQ(Render(FieldType::kString, 65064, mysql::Text{"trail   "}), "'trail'");
  EXPECT_EQ(Render(FieldType::kString, 65040, mysql::Binary{std::string("\xff\x00\x00", 3)}),
            "'\xff'");
  EXPECT_EQ(Render(FieldType::kString, 65040, mysql::Binary{std::string(16, '\0')}), "''");
  // CHAR(255) utf8mb4: 1020 bytes, the high length bits folded into the type byte.
  EXPECT_EQ(MysqlbinlogTypeName(Column(FieldType::kString, 52988)), "STRING(1020)");
}

TEST(MysqlbinlogFormatTest, GeometryPrintsSridThenWkb) {
  const std::string wkb("\x01\x01\x00\x00\x00", 5);
  EXPECT_EQ(Render(FieldType::kGeometry, 4, mysql::Geometry{0, wkb}),
            "'\\x00\\x00\\x00\\x00\\x01\\x01\\x00\\x00\\x00'");
}

TEST(MysqlbinlogFormatTest, NullAndVeryVerboseComment) {
  MysqlbinlogColumn column = Column(FieldType::kTiny, 0);
  column.nullable = true;
  EXPECT_THAT(
      FormatMysqlbinlogColumnLine(column, 11, mysql::Null{}, MysqlbinlogVerbosity::kVeryVerbose),
      IsOkAndHolds(std::string("@12=NULL /* TINYINT meta=0 nullable=1 is_null=1 */")));
  EXPECT_THAT(FormatMysqlbinlogColumnLine(column, 1, int64_t{-128}, MysqlbinlogVerbosity::kVerbose),
              IsOkAndHolds(std::string("@2=-128 (128)")));
}

TEST(MysqlbinlogFormatTest, ValueOfTheWrongKindIsAnError) {
  EXPECT_THAT(FormatMysqlbinlogColumnLine(Column(FieldType::kLong, 0), 2, mysql::Text{"x"},
                                          MysqlbinlogVerbosity::kVerbose),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("column @3")));
  EXPECT_THAT(FormatMysqlbinlogValue(Column(FieldType::kNewDate, 0), 1.5),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("DATE")));
}

TEST(MysqlbinlogFormatTest, RowsEventPrintsImagesAndSkipsAbsentColumns) {
  TableMap map;
  map.database = "fx";
  map.table = "t_str";
  map.column_types = {FieldType::kLong, FieldType::kVarchar};
  map.column_metadata = {0, 1020};
  map.nullable = {false, true};
  const std::vector<mysql::ColumnType> types(2);
  RowsEvent event;
  event.op = RowOp::kUpdate;
  RowChange change;
  change.op = RowOp::kUpdate;
  change.before = RowImage{{true, false}, {int64_t{1}, mysql::Null{}}};
  change.after = RowImage{{false, true}, {mysql::Null{}, mysql::Text{"minimal image"}}};
  event.rows.push_back(change);
  EXPECT_THAT(
      FormatMysqlbinlogRows(event, map, types, MysqlbinlogVerbosity::kVeryVerbose),
      IsOkAndHolds(std::string(
          "### UPDATE `fx`.`t_str`\n"
          "### WHERE\n"
          "###   @1=1 /* INT meta=0 nullable=0 is_null=0 */\n"
          "### SET\n"
          "###   @2='minimal image' /* VARSTRING(1020) meta=1020 nullable=1 is_null=0 */\n")));
}

}  // namespace
}  // namespace binlake::binlog
