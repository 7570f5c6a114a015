#include "adapters/mysql/mariadb_connection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstring>
#include <ctime>
#include <limits>

#include "adapters/mysql/mariadb_connector.h"
#include "adapters/mysql/test_server.h"
#include "testing/fake_clock.h"
#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::FakeClock;
using ::binlake::testing::StatusIs;
using mysql::ColumnKind;
using ::testing::AllOf;
using ::testing::HasSubstr;

mysql::ColumnSchema Column(std::string name, ColumnKind kind, bool is_unsigned = false,
                           uint32_t length = 0, uint32_t scale = 0,
                           std::vector<std::string> elements = {}) {
  mysql::ColumnSchema column;
  column.name = std::move(name);
  column.type.kind = kind;
  column.type.is_unsigned = is_unsigned;
  column.type.length = length;
  column.type.scale = scale;
  column.type.elements = std::move(elements);
  return column;
}

// Every column type binlake maps, one column each (docs/formats/types.md).
std::vector<mysql::ColumnSchema> AllTypesColumns() {
  return {
      Column("id", ColumnKind::kInt),
      Column("ti", ColumnKind::kTinyInt),
      Column("tiu", ColumnKind::kTinyInt, true),
      Column("si", ColumnKind::kSmallInt),
      Column("siu", ColumnKind::kSmallInt, true),
      Column("mi", ColumnKind::kMediumInt),
      Column("miu", ColumnKind::kMediumInt, true),
      Column("i", ColumnKind::kInt),
      Column("iu", ColumnKind::kInt, true),
      Column("bi", ColumnKind::kBigInt),
      Column("biu", ColumnKind::kBigInt, true),
      Column("f", ColumnKind::kFloat),
      Column("d", ColumnKind::kDouble),
      Column("dec65", ColumnKind::kDecimal, false, 65, 30),
      Column("dec5", ColumnKind::kDecimal, false, 5, 2),
      Column("b1", ColumnKind::kBit, false, 1),
      Column("b64", ColumnKind::kBit, false, 64),
      Column("y", ColumnKind::kYear),
      Column("dt", ColumnKind::kDate),
      Column("tm", ColumnKind::kTime, false, 0, 6),
      Column("dtm", ColumnKind::kDateTime, false, 0, 6),
      Column("ts", ColumnKind::kTimestamp, false, 0, 6),
      Column("c", ColumnKind::kChar, false, 10),
      Column("vc", ColumnKind::kVarchar, false, 50),
      Column("lat", ColumnKind::kVarchar, false, 20),
      Column("tx", ColumnKind::kText),
      Column("bn", ColumnKind::kBinary, false, 4),
      Column("vb", ColumnKind::kVarbinary, false, 20),
      Column("bl", ColumnKind::kBlob),
      Column("e", ColumnKind::kEnum, false, 0, 0, {"a", "b", "c"}),
      Column("s", ColumnKind::kSet, false, 0, 0, {"x", "y", "z"}),
      Column("g", ColumnKind::kGeometry),
      Column("u", ColumnKind::kUuid),
      Column("i4", ColumnKind::kInet4),
      Column("i6", ColumnKind::kInet6),
  };
}

constexpr const char* kCreateAllTypes = R"sql(
SET SESSION sql_mode = '', SESSION time_zone = '+00:00';
CREATE DATABASE IF NOT EXISTS conn_t1;
DROP TABLE IF EXISTS conn_t1.all_types;
CREATE TABLE conn_t1.all_types (
  id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,
  mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
  f FLOAT, d DOUBLE, dec65 DECIMAL(65,30), dec5 DECIMAL(5,2), b1 BIT(1), b64 BIT(64), y YEAR,
  dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL,
  c CHAR(10) CHARACTER SET utf8mb4, vc VARCHAR(50) CHARACTER SET utf8mb4,
  lat VARCHAR(20) CHARACTER SET latin1, tx MEDIUMTEXT, bn BINARY(4), vb VARBINARY(20), bl BLOB,
  e ENUM('a','b','c'), s SET('x','y','z'), g GEOMETRY, u UUID, i4 INET4, i6 INET6
) CHARACTER SET utf8mb4;
INSERT INTO conn_t1.all_types VALUES
 (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
  1.23456789, -1.7976931348623157e308,
  '-99999999999999999999999999999999999.999999999999999999999999999999', -0.5, b'0', b'0',
  1901, '2024-00-15', '-838:59:59.000000', '0000-00-00 00:00:00', '0000-00-00 00:00:00',
  '', CONCAT('emoji ', CONVERT(X'F09F9880' USING utf8mb4)), CONVERT(X'809F' USING latin1), '', X'00FF00', X'000102', X'00',
  'a', '', ST_GeomFromText('POINT(1 2)', 4326), '11223344-5566-1788-99aa-bbccddeeff00',
  '0.0.0.0', '::'),
 (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,
  9223372036854775807, 18446744073709551615, 3.402823466e38, 1.7976931348623157e308,
  '99999999999999999999999999999999999.999999999999999999999999999999', 999.99, b'1',
  b'1111111111111111111111111111111111111111111111111111111111111111', 2155, '9999-12-31',
  '838:59:59.000000', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',
  'abc', 'it''s "q" \\ back', 'plain', REPEAT('t', 100000), X'61', X'', REPEAT(X'00FF', 5000),
  'c', 'x,z', ST_GeomFromText('LINESTRING(0 0,1 1)'), '11223344-5566-7788-99aa-bbccddeeff00',
  '255.255.255.255', '2001:db8::1'),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, 0, '0000-00-00', '00:00:00', '2024-02-29 12:34:56.000001', NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
)sql";

std::string Double(double value) {
  return std::string(reinterpret_cast<const char*>(&value), sizeof value);
}

std::vector<std::vector<mysql::Value>> ExpectedAllTypes() {
  const std::string point = std::string("\x01\x01\x00\x00\x00", 5) + Double(1) + Double(2);
  const std::string line = std::string("\x01\x02\x00\x00\x00\x02\x00\x00\x00", 9) + Double(0) +
                           Double(0) + Double(1) + Double(1);
  std::string blob;
  for (int i = 0; i < 5000; ++i)
    blob.append("\x00\xff", 2);
  std::vector<mysql::Value> nulls(AllTypesColumns().size(), mysql::Null{});
  nulls[0] = int64_t{3};
  nulls[17] = mysql::Year{0};
  nulls[18] = mysql::Date{0, 0, 0};
  nulls[19] = mysql::Time{false, 0, 0, 0, 0};
  nulls[20] = mysql::DateTime{2024, 2, 29, 12, 34, 56, 1};
  return {
      {int64_t{1},
       int64_t{-128},
       uint64_t{0},
       int64_t{-32768},
       uint64_t{0},
       int64_t{-8388608},
       uint64_t{0},
       int64_t{-2147483648},
       uint64_t{0},
       std::numeric_limits<int64_t>::min(),
       uint64_t{0},
       1.23456789f,
       -1.7976931348623157e308,
       mysql::Decimal{"-99999999999999999999999999999999999.999999999999999999999999999999"},
       mysql::Decimal{"-0.50"},
       mysql::Bit{0, 1},
       mysql::Bit{0, 64},
       mysql::Year{1901},
       mysql::Date{2024, 0, 15},
       mysql::Time{true, 838, 59, 59, 0},
       mysql::DateTime{0, 0, 0, 0, 0, 0, 0},
       mysql::Timestamp{0, 0},
       mysql::Text{""},
       mysql::Text{"emoji \xF0\x9F\x98\x80"},
       mysql::Text{"\xE2\x82\xAC\xC5\xB8"},
       mysql::Text{""},
       mysql::Binary{std::string("\x00\xff\x00\x00", 4)},
       mysql::Binary{std::string("\x00\x01\x02", 3)},
       mysql::Binary{std::string(1, '\0')},
       mysql::Enum{1, "a"},
       mysql::Set{0, ""},
       mysql::Geometry{4326, point},
       mysql::Text{"11223344-5566-1788-99aa-bbccddeeff00"},
       mysql::Text{"0.0.0.0"},
       mysql::Text{"::"}},
      {int64_t{2},
       int64_t{127},
       uint64_t{255},
       int64_t{32767},
       uint64_t{65535},
       int64_t{8388607},
       uint64_t{16777215},
       int64_t{2147483647},
       uint64_t{4294967295},
       std::numeric_limits<int64_t>::max(),
       std::numeric_limits<uint64_t>::max(),
       std::numeric_limits<float>::max(),
       1.7976931348623157e308,
       mysql::Decimal{"99999999999999999999999999999999999.999999999999999999999999999999"},
       mysql::Decimal{"999.99"},
       mysql::Bit{1, 1},
       mysql::Bit{~uint64_t{0}, 64},
       mysql::Year{2155},
       mysql::Date{9999, 12, 31},
       mysql::Time{false, 838, 59, 59, 0},
       mysql::DateTime{9999, 12, 31, 23, 59, 59, 999999},
       mysql::Timestamp{2147483647, 999999},
       mysql::Text{"abc"},
       mysql::Text{"it's \"q\" \\ back"},
       mysql::Text{"plain"},
       mysql::Text{std::string(100000, 't')},
       mysql::Binary{std::string("a\0\0\0", 4)},
       mysql::Binary{""},
       mysql::Binary{blob},
       mysql::Enum{3, "c"},
       mysql::Set{5, "x,z"},
       mysql::Geometry{0, line},
       mysql::Text{"11223344-5566-7788-99aa-bbccddeeff00"},
       mysql::Text{"255.255.255.255"},
       mysql::Text{"2001:db8::1"}},
      nulls,
  };
}

class MariaDbConnectionTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<MariaDbConnection>> Connect(const source::SourceOptions& options) {
    connector_ = std::make_unique<MariaDbConnector>(options, clock_, 1);
    return connector_->ConnectSession();
  }

  FakeClock clock_;
  std::unique_ptr<MariaDbConnector> connector_;
};

std::string SelectList(const std::vector<mysql::ColumnSchema>& columns) {
  std::string list;
  for (const auto& column : columns)
    list += (list.empty() ? "" : ", ") + column.name;
  return list;
}

TEST_F(MariaDbConnectionTest, StreamsEveryColumnTypeAndEdgeValueExactly) {
  BINLAKE_REQUIRE_MARIADB(options);
  ASSERT_TRUE(testing::RootSql(kCreateAllTypes));
  ASSERT_OK_AND_ASSIGN(auto connection, Connect(*options));
  const auto columns = AllTypesColumns();
  std::vector<std::vector<mysql::Value>> rows;
  ASSERT_OK(connection->StreamRows(
      "SELECT " + SelectList(columns) + " FROM conn_t1.all_types ORDER BY id", columns,
      [&](std::span<const mysql::Value> row) {
        rows.emplace_back(row.begin(), row.end());
        return Status::Ok();
      }));
  const auto expected = ExpectedAllTypes();
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < columns.size(); ++c) {
      EXPECT_TRUE(rows[r][c] == expected[r][c]) << "row " << r + 1 << " column " << columns[c].name;
    }
  }
}

TEST_F(MariaDbConnectionTest, WireTypeThatDoesNotFitTheColumnIsCorruptionNamingIt) {
  BINLAKE_REQUIRE_MARIADB(options);
  ASSERT_OK_AND_ASSIGN(auto connection, Connect(*options));
  const std::vector<mysql::ColumnSchema> columns = {Column("when_", ColumnKind::kDate)};
  EXPECT_THAT(
      connection->StreamRows("SELECT 42 AS when_", columns, [](auto) { return Status::Ok(); }),
      StatusIs(StatusCode::kCorruption, HasSubstr("when_")));
  const std::vector<mysql::ColumnSchema> labels = {
      Column("e", ColumnKind::kEnum, false, 0, 0, {"only"})};
  EXPECT_THAT(
      connection->StreamRows("SELECT 'other' AS e", labels, [](auto) { return Status::Ok(); }),
      StatusIs(StatusCode::kCorruption, AllOf(HasSubstr("column e"), HasSubstr("'other'"))));
}

TEST_F(MariaDbConnectionTest, ServerErrorsMapToCodes) {
  BINLAKE_REQUIRE_MARIADB(options);
  ASSERT_OK_AND_ASSIGN(auto connection, Connect(*options));
  EXPECT_THAT(connection->Execute("SELEC 1"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1064")));
  EXPECT_THAT(connection->QueryText("SELECT * FROM conn_t1.no_such_table").status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1146")));
  EXPECT_THAT(connection->Execute("CREATE DATABASE conn_forbidden"),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_OK(connection->Execute("DO 1"));
}

constexpr int kSysbenchRows = 1'000'000;

// conn_t1.sbtest with kSysbenchRows sysbench-shaped rows, filled once per server; a named
// lock keeps test processes that ctest runs in parallel from filling it twice.
void CreateSysbenchTable() {
  ASSERT_TRUE(testing::RootSql(R"sql(
CREATE DATABASE IF NOT EXISTS conn_t1;
USE conn_t1;
CREATE TABLE IF NOT EXISTS sbtest (id INT PRIMARY KEY, k INT NOT NULL, c CHAR(120) NOT NULL,
  pad CHAR(60) NOT NULL);
DO GET_LOCK('conn_t1.sbtest', 300);
DELIMITER //
BEGIN NOT ATOMIC
  IF (SELECT COUNT(*) FROM sbtest) <> 1000000 THEN
    TRUNCATE TABLE sbtest;
    INSERT INTO sbtest SELECT seq, seq % 100000,
      RPAD(CONCAT(seq, '-'), 119, '83868641912-67196727'), RPAD(seq, 59, '22195207048-')
      FROM seq_1_to_1000000;
  END IF;
END //
DELIMITER ;
DO RELEASE_LOCK('conn_t1.sbtest');
)sql"));
}

std::vector<mysql::ColumnSchema> SysbenchColumns() {
  return {Column("id", ColumnKind::kInt), Column("k", ColumnKind::kInt),
          Column("c", ColumnKind::kChar, false, 120), Column("pad", ColumnKind::kChar, false, 60)};
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long MaxRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST_F(MariaDbConnectionTest, StreamsAMillionRowsWithoutBufferingThem) {
  BINLAKE_REQUIRE_MARIADB(options);
  CreateSysbenchTable();
  ASSERT_OK_AND_ASSIGN(auto connection, Connect(*options));
  const auto columns = SysbenchColumns();
  const long rss_before = MaxRssKib();
  const double cpu_before = CpuSeconds();
  int64_t rows = 0;
  int64_t id_sum = 0;
  ASSERT_OK(connection->StreamRows("SELECT id, k, c, pad FROM conn_t1.sbtest", columns,
                                   [&](std::span<const mysql::Value> row) {
                                     ++rows;
                                     id_sum += std::get<int64_t>(row[0]);
                                     return Status::Ok();
                                   }));
  const double cpu = CpuSeconds() - cpu_before;
  EXPECT_EQ(rows, kSysbenchRows);
  EXPECT_EQ(id_sum, int64_t{kSysbenchRows} * (kSysbenchRows + 1) / 2);
  EXPECT_LT(MaxRssKib() - rss_before, 50 * 1024) << "the result must not be buffered";
  std::printf("streamed %lld rows in %.3f CPU s: %.0f rows per CPU second\n",
              static_cast<long long>(rows), cpu, static_cast<double>(rows) / cpu);
}

TEST_F(MariaDbConnectionTest, CallbackErrorStopsTheStreamAndTheSessionStaysUsable) {
  BINLAKE_REQUIRE_MARIADB(options);
  CreateSysbenchTable();
  ASSERT_OK_AND_ASSIGN(auto connection, Connect(*options));
  int rows = 0;
  EXPECT_THAT(connection->StreamRows(
                  "SELECT id, k, c, pad FROM conn_t1.sbtest", SysbenchColumns(),
                  [&](auto) { return ++rows == 10 ? InternalError("enough rows") : Status::Ok(); }),
              StatusIs(StatusCode::kInternal, "enough rows"));
  EXPECT_EQ(rows, 10);
  ASSERT_OK_AND_ASSIGN(auto result, connection->QueryText("SELECT 7"));
  EXPECT_EQ(result.rows[0][0], "7");
}

}  // namespace
}  // namespace binlake::adapters
