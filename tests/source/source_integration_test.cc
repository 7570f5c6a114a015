#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/fs/binlog_file_transport.h"
#include "adapters/mysql/mariadb_connector.h"
#include "adapters/mysql/test_server.h"
#include "adapters/sys/system_clock.h"
#include "binlake/binlog/event_decoder.h"
#include "binlake/source/server_checks.h"
#include "binlake/source/snapshot.h"
#include "binlake/source/sql_text.h"
#include "binlake/source/table_catalog.h"
#include "testing/status_matchers.h"

namespace binlake::source {
namespace {

using adapters::testing::RootSql;
using mysql::ColumnKind;
using ::testing::ElementsAre;
using Row = std::vector<mysql::Value>;

constexpr const char* kDatabase = "source_it";

class SourceIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BINLAKE_REQUIRE_MARIADB(options);
    connector_ = std::make_unique<adapters::MariaDbConnector>(*options, clock_, 1);
    ASSERT_TRUE(RootSql(fmt::format("CREATE DATABASE IF NOT EXISTS {}", kDatabase)));
    ASSERT_OK_AND_ASSIGN(connection_, connector_->Connect());
  }

  // Creates `table` in the test database from `definition` and `inserts` (root, over the
  // socket; the client's default character set is utf8mb3, hence SET NAMES).
  void CreateTable(const std::string& table, const std::string& definition,
                   const std::string& inserts) {
    std::string qualified = QuoteTable(kDatabase, table);
    ASSERT_TRUE(RootSql(
        fmt::format("SET NAMES utf8mb4; DROP TABLE IF EXISTS {0}; CREATE TABLE {0} ({1}); {2}",
                    qualified, definition, inserts)))
        << definition;
  }

  Result<std::vector<Row>> Stream(const std::string& sql,
                                  const std::vector<mysql::ColumnSchema>& columns) {
    std::vector<Row> rows;
    Status status = connection_->StreamRows(sql, columns, [&](std::span<const mysql::Value> row) {
      rows.emplace_back(row.begin(), row.end());
      return Status::Ok();
    });
    if (!status.ok()) {
      return status.WithContext(sql);
    }
    return rows;
  }

  mysql::TableSchema Describe(const std::string& table) {
    Result<mysql::TableSchema> schema = DescribeTable(*connection_, kDatabase, table);
    EXPECT_OK(schema.status());
    return schema.ok() ? *schema : mysql::TableSchema();
  }

  adapters::SystemClock clock_;
  std::unique_ptr<adapters::MariaDbConnector> connector_;
  std::unique_ptr<io::SqlConnection> connection_;
};

TEST_F(SourceIntegrationTest, CheckServerAcceptsTheTestServer) {
  ASSERT_OK_AND_ASSIGN(ServerInfo server, CheckServer(*connection_, capture::CaptureOptions{}));
  EXPECT_EQ(server.flavor, Flavor::kMariaDb);
  EXPECT_GE(server.version_number, 100500U);
  EXPECT_TRUE(server.lock_free_snapshot_position);
  EXPECT_TRUE(CanSelect(server.grants, kDatabase, "anything"));
}

TEST_F(SourceIntegrationTest, DiscoversEveryType) {
  CreateTable("all_types", R"(
      id BIGINT UNSIGNED NOT NULL, ti TINYINT, si SMALLINT UNSIGNED, mi MEDIUMINT,
      i INT UNSIGNED, bi BIGINT, f FLOAT, d DOUBLE, dec1 DECIMAL(65,30), dec2 DECIMAL(5,2),
      b1 BIT(1), b64 BIT(64), y YEAR, dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP NULL,
      c CHAR(10) CHARACTER SET latin1, vc VARCHAR(40) CHARACTER SET utf8mb4 NOT NULL,
      tt TINYTEXT, lt LONGTEXT, bn BINARY(16), vb VARBINARY(8), bl BLOB, lb LONGBLOB,
      e ENUM('a','it''s','back\\slash',''), st SET('x','y z'), js JSON,
      g GEOMETRY, pt POINT, ls LINESTRING, pg POLYGON, mpt MULTIPOINT, gc GEOMETRYCOLLECTION,
      u UUID, i4 INET4, i6 INET6, `we``ird col` INT,
      PRIMARY KEY (vc, id))",
              "");
  ASSERT_OK_AND_ASSIGN(TableFilter filter, TableFilter::Make("source_it.all_types", ""));
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables,
                       DiscoverTables(*connection_, filter, capture::CaptureOptions{}));
  ASSERT_EQ(tables.size(), 1U);
  const mysql::TableSchema& schema = tables[0].schema;
  std::vector<ColumnKind> kinds;
  for (const mysql::ColumnSchema& column : schema.columns) {
    kinds.push_back(column.type.kind);
  }
  EXPECT_THAT(
      kinds,
      ElementsAre(ColumnKind::kBigInt, ColumnKind::kTinyInt, ColumnKind::kSmallInt,
                  ColumnKind::kMediumInt, ColumnKind::kInt, ColumnKind::kBigInt, ColumnKind::kFloat,
                  ColumnKind::kDouble, ColumnKind::kDecimal, ColumnKind::kDecimal, ColumnKind::kBit,
                  ColumnKind::kBit, ColumnKind::kYear, ColumnKind::kDate, ColumnKind::kTime,
                  ColumnKind::kDateTime, ColumnKind::kTimestamp, ColumnKind::kChar,
                  ColumnKind::kVarchar, ColumnKind::kText, ColumnKind::kText, ColumnKind::kBinary,
                  ColumnKind::kVarbinary, ColumnKind::kBlob, ColumnKind::kBlob, ColumnKind::kEnum,
                  ColumnKind::kSet, ColumnKind::kText /* MariaDB JSON is LONGTEXT */,
                  ColumnKind::kGeometry, ColumnKind::kGeometry, ColumnKind::kGeometry,
                  ColumnKind::kGeometry, ColumnKind::kGeometry, ColumnKind::kGeometry,
                  ColumnKind::kUuid, ColumnKind::kInet4, ColumnKind::kInet6, ColumnKind::kInt));
  EXPECT_THAT(schema.primary_key, ElementsAre(18, 0));
  EXPECT_TRUE(schema.columns[0].type.is_unsigned);
  EXPECT_FALSE(schema.columns[0].nullable);
  EXPECT_FALSE(schema.columns[1].type.is_unsigned);
  EXPECT_TRUE(schema.columns[2].type.is_unsigned);
  EXPECT_EQ(schema.columns[8].type.length, 65U);
  EXPECT_EQ(schema.columns[8].type.scale, 30U);
  EXPECT_EQ(schema.columns[11].type.length, 64U);
  EXPECT_EQ(schema.columns[14].type.scale, 3U);
  EXPECT_EQ(schema.columns[15].type.scale, 6U);
  EXPECT_EQ(schema.columns[17].type.charset, "latin1");
  EXPECT_EQ(schema.columns[17].type.length, 10U);
  EXPECT_EQ(schema.columns[18].type.charset, "utf8mb4");
  EXPECT_EQ(schema.columns[21].type.length, 16U);
  EXPECT_THAT(schema.columns[25].type.elements, ElementsAre("a", "it's", "back\\slash", ""));
  EXPECT_THAT(schema.columns[26].type.elements, ElementsAre("x", "y z"));
  EXPECT_EQ(schema.columns[37].name, "we`ird col");
}

struct KeyCase {
  std::string table;
  std::string definition;
  std::string inserts;
};

class ChunkedReadTest : public SourceIntegrationTest,
                        public ::testing::WithParamInterface<KeyCase> {
 public:
  // Reads the table chunk by chunk (boundaries from NextChunkBoundarySql, rows from
  // ChunkSelectSql) and expects exactly the rows of one whole ordered read, in that order.
  void ExpectChunksCoverTheTable(const mysql::TableSchema& schema, int64_t chunk_rows) {
    ASSERT_OK_AND_ASSIGN(std::string whole_sql, ChunkSelectSql(schema, KeyRange{}));
    ASSERT_OK_AND_ASSIGN(std::vector<Row> whole, Stream(whole_sql, schema.columns));
    ASSERT_GE(whole.size(), 5U);
    std::vector<Row> chunked;
    std::optional<Row> after;
    for (int chunk = 0; chunk < 100; ++chunk) {
      ASSERT_OK_AND_ASSIGN(std::string boundary_sql,
                           NextChunkBoundarySql(schema, after, chunk_rows));
      ASSERT_OK_AND_ASSIGN(std::vector<Row> boundary, Stream(boundary_sql, KeyColumns(schema)));
      KeyRange range{after, boundary.empty() ? std::nullopt : std::optional<Row>(boundary[0])};
      ASSERT_OK_AND_ASSIGN(std::string chunk_sql, ChunkSelectSql(schema, range));
      ASSERT_OK_AND_ASSIGN(std::vector<Row> rows, Stream(chunk_sql, schema.columns));
      EXPECT_LE(rows.size(), static_cast<size_t>(chunk_rows)) << chunk_sql;
      chunked.insert(chunked.end(), rows.begin(), rows.end());
      if (boundary.empty()) {
        break;
      }
      after = boundary[0];
    }
    EXPECT_EQ(chunked, whole);
  }
};

TEST_P(ChunkedReadTest, ChunksByKeyReadEveryRowOnce) {
  const KeyCase& key_case = GetParam();
  CreateTable(key_case.table, key_case.definition, key_case.inserts);
  mysql::TableSchema schema = Describe(key_case.table);
  ASSERT_FALSE(schema.primary_key.empty());
  for (int64_t chunk_rows : {1, 2, 3}) {
    SCOPED_TRACE(chunk_rows);
    ExpectChunksCoverTheTable(schema, chunk_rows);
  }
}

std::string Insert(const std::string& table, const std::string& values) {
  return fmt::format("INSERT INTO {} VALUES {};", QuoteTable(kDatabase, table), values);
}

INSTANTIATE_TEST_SUITE_P(
    KeyTypes, ChunkedReadTest,
    ::testing::Values(
        KeyCase{"k_varchar_int",
                "s VARCHAR(20) CHARACTER SET utf8mb4 NOT NULL, n INT NOT NULL, "
                "PRIMARY KEY (s, n)",
                Insert("k_varchar_int",
                       R"(('O''Brien\\', 1), ('O''Brien\\', -2), ('a\0b', 3), ('😀', 4), ('', 5),
                          ('z', 6), ('ü', 7), ('it''s', 8), ('back`tick', 9))")},
        // Label order differs from member order, which ORDER BY follows.
        KeyCase{"k_enum", "e ENUM('z','a','m','b','d','c') NOT NULL PRIMARY KEY",
                Insert("k_enum", "('m'), ('a'), ('z'), ('b'), ('d'), ('c')")},
        KeyCase{"k_float", "f FLOAT NOT NULL PRIMARY KEY",
                Insert("k_float", "(0.1), (0.2), (-1.5), (3.4e38), (1e-30), (0), (7.7)")},
        KeyCase{"k_double", "d DOUBLE NOT NULL PRIMARY KEY",
                Insert("k_double", "(0.1), (1e308), (-2.5e-300), (3.141592653589793), (0), (-1)")},
        KeyCase{"k_decimal", "d DECIMAL(12,3) NOT NULL PRIMARY KEY",
                Insert("k_decimal", "(-0.5), (-123456789.001), (0), (0.001), (999999999.999)")},
        KeyCase{
            "k_temporal",
            "t TIMESTAMP(3) NOT NULL, d DATETIME(6) NOT NULL, tm TIME(2) NOT NULL, "
            "PRIMARY KEY (t, d, tm)",
            Insert("k_temporal", R"(('2024-01-01 00:00:00.5', '2024-01-01 00:00:00', '-838:59:59'),
                  ('2024-01-01 00:00:00.5', '2024-01-01 00:00:00', '-00:00:00.5'),
                  ('2024-01-01 00:00:00.5', '1000-01-01 00:00:00.000001', '00:00:01'),
                  ('1970-01-02 00:00:01', '9999-12-31 23:59:59.999999', '838:59:59'),
                  ('2038-01-19 03:14:07.999', '2000-02-29 12:00:00', '01:02:03.04'))")},
        KeyCase{"k_bit_year_date",
                "b BIT(10) NOT NULL, y YEAR NOT NULL, d DATE NOT NULL, "
                "PRIMARY KEY (b, y, d)",
                Insert("k_bit_year_date", R"((b'0', 1901, '2024-02-29'), (b'1111111111', 2155,
                  '1000-01-01'), (b'101', 0, '9999-12-31'), (b'101', 1999, '2000-01-01'),
                  (b'101', 1999, '2000-01-02'))")},
        KeyCase{"k_binary", "b VARBINARY(8) NOT NULL PRIMARY KEY",
                Insert("k_binary", R"((X''), (X'00'), (X'FF'), (X'27'), (X'5C'), (X'0000'),
                  (X'00FF'))")},
        KeyCase{"k_uuid_u64", "u UUID NOT NULL, n BIGINT UNSIGNED NOT NULL, PRIMARY KEY (u, n)",
                Insert("k_uuid_u64", R"(('00000000-0000-0000-0000-000000000001', 1),
                  ('ffffffff-ffff-ffff-ffff-ffffffffffff', 18446744073709551615),
                  ('0192f0c4-7c1e-7a5e-8000-000000000001', 0),
                  ('0192f0c4-7c1e-7a5e-8000-000000000001', 18446744073709551615),
                  ('12345678-1234-5678-1234-567812345678', 9))")}),
    [](const ::testing::TestParamInfo<KeyCase>& param) { return param.param.table; });

// The snapshot's reported position is exact: a row committed just before the snapshot began
// is visible to it and its binlog event lies before the position; a row committed after it
// began is invisible and its event lies at or after the position (read from the binlog file
// with the project's decoder, starting at the position).
TEST_F(SourceIntegrationTest, LockFreeSnapshotPositionIsExact) {
  const int64_t tag = clock_.NowMicros();  // tells this run's rows from earlier runs'
  CreateTable("snap", "id INT NOT NULL PRIMARY KEY, tag BIGINT NOT NULL", "");
  // The binlake user only reads; root writes, each statement committed when its client exits.
  ASSERT_TRUE(RootSql(fmt::format("INSERT INTO source_it.snap VALUES (1, {})", tag)));
  ASSERT_OK_AND_ASSIGN(ServerInfo server, CheckServer(*connection_, capture::CaptureOptions{}));
  ASSERT_OK_AND_ASSIGN(BinlogPosition position, BeginSnapshotLockFree(*connection_, server));
  EXPECT_FALSE(position.gtid_set.empty());
  ASSERT_TRUE(RootSql(fmt::format("INSERT INTO source_it.snap VALUES (2, {})", tag)));
  ASSERT_OK_AND_ASSIGN(io::TextResult ids,
                       connection_->QueryText("SELECT id FROM source_it.snap ORDER BY id"));
  ASSERT_EQ(ids.rows.size(), 1U);
  EXPECT_EQ(ids.rows[0][0], "1");
  ASSERT_OK(connection_->Execute("COMMIT"));
  ASSERT_OK_AND_ASSIGN(BinlogPosition after, CurrentPosition(*connection_, server));
  EXPECT_LT(ComparePositions(position, after), 0);
  ASSERT_OK_AND_ASSIGN(io::TextResult base, connection_->QueryText("SELECT @@log_bin_basename"));
  std::string basename = base.rows[0][0].value_or("");
  std::string path = basename.substr(0, basename.rfind('/') + 1) + position.file;

  ASSERT_OK_AND_ASSIGN(auto transport, adapters::BinlogFileTransport::Open(path, position.offset));
  binlog::EventDecoder decoder;
  std::vector<std::pair<int64_t, uint64_t>> inserted;  // (id, event offset) of this run's rows
  ASSERT_OK(binlog::DecodeAll(*transport, decoder, [&](const binlog::Event& event) {
    const auto* rows = std::get_if<binlog::RowsEventData>(&event.body);
    if (rows == nullptr || rows->table->database != kDatabase || rows->table->table != "snap") {
      return Status::Ok();
    }
    for (const binlog::RowChange& change : rows->rows.rows) {
      if (change.op == binlog::RowOp::kInsert && change.after.values[1] == mysql::Value(tag)) {
        inserted.emplace_back(std::get<int64_t>(change.after.values[0]), event.offset);
      }
    }
    return Status::Ok();
  }));
  ASSERT_EQ(inserted.size(), 1U) << "only the row committed after the snapshot follows it";
  EXPECT_EQ(inserted[0].first, 2);
  EXPECT_GE(inserted[0].second, position.offset);
}

}  // namespace
}  // namespace binlake::source
