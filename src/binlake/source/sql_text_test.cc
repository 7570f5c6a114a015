#include "binlake/source/sql_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "testing/status_matchers.h"

namespace binlake::source {
namespace {

using mysql::ColumnKind;
using mysql::ColumnSchema;
using mysql::Value;
using ::testing::HasSubstr;
using testing::IsOkAndHolds;
using testing::StatusIs;

ColumnSchema Column(std::string name, ColumnKind kind, uint32_t scale = 0) {
  ColumnSchema column;
  column.name = std::move(name);
  column.type.kind = kind;
  column.type.scale = scale;
  column.nullable = false;
  return column;
}

Result<std::string> Literal(Value value, ColumnKind kind, uint32_t scale = 0) {
  return SqlLiteral(value, Column("c", kind, scale));
}

TEST(QuoteIdentifierTest, DoublesBackticksAndKeepsEverythingElse) {
  EXPECT_EQ(QuoteIdentifier("id"), "`id`");
  EXPECT_EQ(QuoteIdentifier("a`b"), "`a``b`");
  EXPECT_EQ(QuoteIdentifier("``"), "``````");
  EXPECT_EQ(QuoteIdentifier("it's \"x\" y"), "`it's \"x\" y`");
  EXPECT_EQ(QuoteIdentifier("température ✓"), "`température ✓`");
  EXPECT_EQ(QuoteTable("my db", "t`1"), "`my db`.`t``1`");
}

TEST(SqlLiteralTest, NullIsNullForAnyColumn) {
  EXPECT_THAT(Literal(mysql::Null{}, ColumnKind::kInt), IsOkAndHolds("NULL"));
  EXPECT_THAT(Literal(mysql::Null{}, ColumnKind::kBlob), IsOkAndHolds("NULL"));
}

TEST(SqlLiteralTest, Integers) {
  EXPECT_THAT(Literal(int64_t{-9223372036854775807 - 1}, ColumnKind::kBigInt),
              IsOkAndHolds("-9223372036854775808"));
  EXPECT_THAT(Literal(uint64_t{18446744073709551615U}, ColumnKind::kBigInt),
              IsOkAndHolds("18446744073709551615"));
  EXPECT_THAT(Literal(int64_t{-128}, ColumnKind::kTinyInt), IsOkAndHolds("-128"));
}

TEST(SqlLiteralTest, StringsEscapeEverythingThatCouldEndOrMangleTheLiteral) {
  EXPECT_THAT(Literal(mysql::Text{"O'Brien\\"}, ColumnKind::kVarchar),
              IsOkAndHolds("_utf8mb4'O\\'Brien\\\\'"));
  EXPECT_THAT(Literal(mysql::Text{std::string("a\0b\n\r\x1a", 6)}, ColumnKind::kText),
              IsOkAndHolds("_utf8mb4'a\\0b\\n\\r\\Z'"));
  EXPECT_THAT(Literal(mysql::Text{"😀 ü"}, ColumnKind::kChar), IsOkAndHolds("_utf8mb4'😀 ü'"));
  EXPECT_THAT(Literal(mysql::Text{"\"`"}, ColumnKind::kChar), IsOkAndHolds("_utf8mb4'\"`'"));
}

TEST(SqlLiteralTest, InvalidUtf8TextIsRefused) {
  EXPECT_THAT(Literal(mysql::Text{"\xff"}, ColumnKind::kVarchar),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("UTF-8")));
}

TEST(SqlLiteralTest, BinaryIsHex) {
  EXPECT_THAT(Literal(mysql::Binary{std::string("\x00\xff'\\", 4)}, ColumnKind::kVarbinary),
              IsOkAndHolds("X'00FF275C'"));
  EXPECT_THAT(Literal(mysql::Binary{""}, ColumnKind::kBlob), IsOkAndHolds("X''"));
}

TEST(SqlLiteralTest, DecimalsAreBareDigits) {
  EXPECT_THAT(Literal(mysql::Decimal{"-0.50"}, ColumnKind::kDecimal), IsOkAndHolds("-0.50"));
  EXPECT_THAT(
      Literal(mysql::Decimal{"12345678901234567890123456789012345.123456789012345678901234567890"},
              ColumnKind::kDecimal),
      IsOkAndHolds("12345678901234567890123456789012345.123456789012345678901234567890"));
  EXPECT_THAT(Literal(mysql::Decimal{"1; DROP TABLE t"}, ColumnKind::kDecimal),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("not decimal text")));
  EXPECT_THAT(Literal(mysql::Decimal{"1."}, ColumnKind::kDecimal),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(SqlLiteralTest, FloatsRoundTripAsDoubleLiterals) {
  // A FLOAT compares as its widened double, so 0.1f is rendered as that double.
  EXPECT_THAT(Literal(0.1F, ColumnKind::kFloat), IsOkAndHolds("0.10000000149011612e0"));
  EXPECT_THAT(Literal(0.1, ColumnKind::kDouble), IsOkAndHolds("0.1e0"));
  EXPECT_THAT(Literal(-1e300, ColumnKind::kDouble), IsOkAndHolds("-1e+300"));
  EXPECT_THAT(Literal(std::numeric_limits<double>::denorm_min(), ColumnKind::kDouble),
              IsOkAndHolds("5e-324"));
  EXPECT_THAT(Literal(std::numeric_limits<double>::quiet_NaN(), ColumnKind::kDouble),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(SqlLiteralTest, TemporalsCarryTheirFractionalDigits) {
  EXPECT_THAT(Literal(mysql::Date{2024, 2, 29}, ColumnKind::kDate), IsOkAndHolds("'2024-02-29'"));
  EXPECT_THAT(Literal(mysql::Date{0, 0, 0}, ColumnKind::kDate), IsOkAndHolds("'0000-00-00'"));
  EXPECT_THAT(Literal(mysql::Time{true, 838, 59, 59, 0}, ColumnKind::kTime, 0),
              IsOkAndHolds("'-838:59:59'"));
  EXPECT_THAT(Literal(mysql::Time{false, 1, 2, 3, 500000}, ColumnKind::kTime, 1),
              IsOkAndHolds("'01:02:03.5'"));
  EXPECT_THAT(Literal(mysql::DateTime{2024, 1, 2, 3, 4, 5, 123456}, ColumnKind::kDateTime, 6),
              IsOkAndHolds("'2024-01-02 03:04:05.123456'"));
  EXPECT_THAT(Literal(mysql::DateTime{2024, 1, 2, 3, 4, 5, 120000}, ColumnKind::kDateTime, 3),
              IsOkAndHolds("'2024-01-02 03:04:05.120'"));
  // More precision than the column declares is kept, never rounded away.
  EXPECT_THAT(Literal(mysql::DateTime{2024, 1, 2, 3, 4, 5, 7}, ColumnKind::kDateTime, 0),
              IsOkAndHolds("'2024-01-02 03:04:05.000007'"));
  EXPECT_THAT(Literal(mysql::Timestamp{1700000000, 250000}, ColumnKind::kTimestamp, 2),
              IsOkAndHolds("FROM_UNIXTIME(1700000000.25)"));
  EXPECT_THAT(Literal(mysql::Timestamp{0, 0}, ColumnKind::kTimestamp),
              IsOkAndHolds("'0000-00-00 00:00:00'"));
  EXPECT_THAT(Literal(mysql::Year{1999}, ColumnKind::kYear), IsOkAndHolds("1999"));
}

TEST(SqlLiteralTest, EnumSetBitAndOtherKinds) {
  EXPECT_THAT(Literal(mysql::Enum{2, "b"}, ColumnKind::kEnum), IsOkAndHolds("2"));
  EXPECT_THAT(Literal(mysql::Set{5, "a,c"}, ColumnKind::kSet), IsOkAndHolds("5"));
  EXPECT_THAT(Literal(mysql::Bit{5, 3}, ColumnKind::kBit), IsOkAndHolds("b'101'"));
  EXPECT_THAT(Literal(mysql::Bit{1, 1}, ColumnKind::kBit), IsOkAndHolds("b'1'"));
  EXPECT_THAT(Literal(mysql::Json{"{\"a\": \"it's\"}"}, ColumnKind::kJson),
              IsOkAndHolds("CAST(_utf8mb4'{\"a\": \"it\\'s\"}' AS JSON)"));
  EXPECT_THAT(Literal(mysql::Geometry{4326, std::string("\x01\x02", 2)}, ColumnKind::kGeometry),
              IsOkAndHolds("ST_GeomFromWKB(X'0102', 4326)"));
  EXPECT_THAT(Literal(mysql::Vector{std::string(4, '\0')}, ColumnKind::kVector),
              IsOkAndHolds("X'00000000'"));
  EXPECT_THAT(Literal(mysql::Text{"0192f0c4-7c1e-7a5e-8000-000000000001"}, ColumnKind::kUuid),
              IsOkAndHolds("_utf8mb4'0192f0c4-7c1e-7a5e-8000-000000000001'"));
}

TEST(SqlLiteralTest, ValueOfTheWrongKindNamesTheColumn) {
  EXPECT_THAT(SqlLiteral(mysql::Text{"x"}, Column("amount", ColumnKind::kInt)),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("column `amount`: a text value")));
  EXPECT_THAT(Literal(int64_t{1}, ColumnKind::kVarchar), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Literal(mysql::Binary{"x"}, ColumnKind::kText),
              StatusIs(StatusCode::kInvalidArgument));
}

mysql::TableSchema CompositeKeyTable() {
  mysql::TableSchema table;
  table.database = "shop`s";
  table.table = "order lines";
  table.columns = {Column("region", ColumnKind::kVarchar), Column("v", ColumnKind::kText),
                   Column("id", ColumnKind::kBigInt), Column("g", ColumnKind::kGeometry)};
  table.primary_key = {0, 2};
  return table;
}

mysql::TableSchema SingleKeyTable() {
  mysql::TableSchema table;
  table.database = "d";
  table.table = "t";
  table.columns = {Column("id", ColumnKind::kInt), Column("v", ColumnKind::kText)};
  table.primary_key = {0};
  return table;
}

TEST(KeyRangePredicateTest, SingleColumnKey) {
  mysql::TableSchema table = SingleKeyTable();
  EXPECT_THAT(KeyRangePredicate(table, KeyRange{}), IsOkAndHolds("TRUE"));
  EXPECT_THAT(KeyRangePredicate(table, KeyRange{std::vector<Value>{int64_t{5}}, {}}),
              IsOkAndHolds("`id` > 5"));
  EXPECT_THAT(KeyRangePredicate(table, KeyRange{{}, std::vector<Value>{int64_t{9}}}),
              IsOkAndHolds("`id` <= 9"));
  EXPECT_THAT(KeyRangePredicate(
                  table, KeyRange{std::vector<Value>{int64_t{5}}, std::vector<Value>{int64_t{9}}}),
              IsOkAndHolds("`id` > 5 AND `id` <= 9"));
}

TEST(KeyRangePredicateTest, CompositeKeyExpandsTheTupleComparison) {
  mysql::TableSchema table = CompositeKeyTable();
  KeyRange range{std::vector<Value>{mysql::Text{"O'Brien\\"}, int64_t{-3}},
                 std::vector<Value>{mysql::Text{"z"}, int64_t{7}}};
  EXPECT_THAT(KeyRangePredicate(table, range),
              IsOkAndHolds("(`region` > _utf8mb4'O\\'Brien\\\\' OR (`region` = "
                           "_utf8mb4'O\\'Brien\\\\' AND `id` > -3)) AND "
                           "(`region` < _utf8mb4'z' OR (`region` = _utf8mb4'z' AND `id` <= 7))"));
}

TEST(KeyRangePredicateTest, BoundOfTheWrongWidthOrKeylessTableIsRefused) {
  mysql::TableSchema table = CompositeKeyTable();
  EXPECT_THAT(KeyRangePredicate(table, KeyRange{std::vector<Value>{mysql::Text{"a"}}, {}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1 values for 2 key columns")));
  table.primary_key.clear();
  EXPECT_THAT(KeyRangePredicate(table, KeyRange{{}, std::vector<Value>{}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("has no key")));
}

TEST(ChunkSelectSqlTest, EveryColumnInOrderWithinTheRangeOrderedByKey) {
  mysql::TableSchema table = CompositeKeyTable();
  EXPECT_THAT(ChunkSelectSql(table, KeyRange{}),
              IsOkAndHolds("SELECT `region`,`v`,`id`,`g` FROM `shop``s`.`order lines` "
                           "ORDER BY `region`,`id`"));
  EXPECT_THAT(ChunkSelectSql(table, KeyRange{{}, std::vector<Value>{mysql::Text{"m"}, int64_t{1}}}),
              IsOkAndHolds("SELECT `region`,`v`,`id`,`g` FROM `shop``s`.`order lines` WHERE "
                           "(`region` < _utf8mb4'm' OR (`region` = _utf8mb4'm' AND `id` <= 1)) "
                           "ORDER BY `region`,`id`"));
}

TEST(ChunkSelectSqlTest, KeylessTableIsReadWholeWithoutOrder) {
  mysql::TableSchema table = SingleKeyTable();
  table.primary_key.clear();
  EXPECT_THAT(ChunkSelectSql(table, KeyRange{}), IsOkAndHolds("SELECT `id`,`v` FROM `d`.`t`"));
}

TEST(NextChunkBoundarySqlTest, ReadsTheKeyOfTheLastRowOfTheNextChunk) {
  mysql::TableSchema table = SingleKeyTable();
  EXPECT_THAT(NextChunkBoundarySql(table, std::nullopt, 1000),
              IsOkAndHolds("SELECT `id` FROM `d`.`t` ORDER BY `id` LIMIT 1 OFFSET 999"));
  EXPECT_THAT(NextChunkBoundarySql(table, std::vector<Value>{int64_t{1000}}, 1),
              IsOkAndHolds("SELECT `id` FROM `d`.`t` WHERE `id` > 1000 ORDER BY `id` LIMIT 1 "
                           "OFFSET 0"));
  EXPECT_THAT(NextChunkBoundarySql(CompositeKeyTable(), std::nullopt, 2),
              IsOkAndHolds("SELECT `region`,`id` FROM `shop``s`.`order lines` ORDER BY "
                           "`region`,`id` LIMIT 1 OFFSET 1"));
}

TEST(KeyMinMaxSqlTest, OnlyForASingleColumnKey) {
  EXPECT_THAT(KeyMinMaxSql(SingleKeyTable()),
              IsOkAndHolds("SELECT MIN(`id`), MAX(`id`) FROM `d`.`t`"));
  EXPECT_THAT(KeyMinMaxSql(CompositeKeyTable()),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("no single-column key")));
}

TEST(NextChunkBoundarySqlTest, RefusesNonPositiveRowsAndKeylessTables) {
  EXPECT_THAT(NextChunkBoundarySql(SingleKeyTable(), std::nullopt, 0),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("at least 1")));
  mysql::TableSchema keyless = SingleKeyTable();
  keyless.primary_key.clear();
  EXPECT_THAT(NextChunkBoundarySql(keyless, std::nullopt, 10),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("no key")));
}

TEST(KeyColumnsTest, InKeyOrder) {
  std::vector<ColumnSchema> key = KeyColumns(CompositeKeyTable());
  ASSERT_EQ(key.size(), 2U);
  EXPECT_EQ(key[0].name, "region");
  EXPECT_EQ(key[1].name, "id");
}

}  // namespace
}  // namespace binlake::source
