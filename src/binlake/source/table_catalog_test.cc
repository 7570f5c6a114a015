#include "binlake/source/table_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fake_sql_connection.h"
#include "testing/status_matchers.h"

namespace binlake::source {
namespace {

using mysql::ColumnKind;
using ::testing::AllOf;
using ::testing::ElementsAre;
using testing::FakeSqlServer;
using ::testing::HasSubstr;
using testing::StatusIs;
using Cells = std::vector<std::optional<std::string>>;

TEST(TableFilterTest, GlobsOnSchemaAndTable) {
  ASSERT_OK_AND_ASSIGN(TableFilter filter, TableFilter::Make("shop.*, hr.emp?", "shop.tmp_*"));
  EXPECT_TRUE(filter.Selects("shop", "orders"));
  EXPECT_FALSE(filter.Selects("shop", "tmp_orders"));
  EXPECT_TRUE(filter.Selects("hr", "emp1"));
  EXPECT_FALSE(filter.Selects("hr", "emp12"));
  EXPECT_FALSE(filter.Selects("shopx", "orders"));
}

TEST(TableFilterTest, SystemSchemasAreNeverSelected) {
  ASSERT_OK_AND_ASSIGN(TableFilter filter, TableFilter::Make("*.*", ""));
  EXPECT_TRUE(filter.Selects("app", "t"));
  EXPECT_FALSE(filter.Selects("mysql", "user"));
  EXPECT_FALSE(filter.Selects("information_schema", "TABLES"));
  EXPECT_FALSE(filter.Selects("PERFORMANCE_SCHEMA", "threads"));
  EXPECT_FALSE(filter.Selects("sys", "x"));
}

TEST(TableFilterTest, BackslashEscapesDotsCommasAndWildcards) {
  ASSERT_OK_AND_ASSIGN(TableFilter filter, TableFilter::Make("a\\.b.c\\,d, x.lit\\*", ""));
  EXPECT_TRUE(filter.Selects("a.b", "c,d"));
  EXPECT_FALSE(filter.Selects("a", "b.c,d"));
  EXPECT_TRUE(filter.Selects("x", "lit*"));
  EXPECT_FALSE(filter.Selects("x", "literal"));
}

TEST(TableFilterTest, TableNamesWithDotsAndUnicode) {
  ASSERT_OK_AND_ASSIGN(TableFilter filter, TableFilter::Make("café.*", ""));
  EXPECT_TRUE(filter.Selects("café", "a.b c"));
  EXPECT_FALSE(filter.Selects("cafe", "a"));
}

TEST(TableFilterTest, ManyWildcardsMatchInLinearTime) {
  ASSERT_OK_AND_ASSIGN(TableFilter filter,
                       TableFilter::Make("*.*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", ""));
  EXPECT_FALSE(filter.Selects("s", std::string(4000, 'a')));
  EXPECT_TRUE(filter.Selects("s", std::string(4000, 'a') + "b"));
  ASSERT_OK_AND_ASSIGN(TableFilter stars, TableFilter::Make("s.a*?b*", ""));
  EXPECT_TRUE(stars.Selects("s", "axb"));
  EXPECT_TRUE(stars.Selects("s", "aaxbxx"));
  EXPECT_FALSE(stars.Selects("s", "ab"));
}

TEST(TableFilterTest, PatternWithoutSchemaIsRefused) {
  EXPECT_THAT(TableFilter::Make("orders", ""),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("capture.include"), HasSubstr("\"orders\""))));
  EXPECT_THAT(TableFilter::Make("*.*", "a.*,,b.*"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("capture.exclude")));
  EXPECT_THAT(TableFilter::Make("shop.", ""), StatusIs(StatusCode::kInvalidArgument));
}

// information_schema as a fake: tables, their columns and unique index parts.
class Catalog {
 public:
  void Table(std::string schema, std::string table) {
    tables_.rows.push_back({std::move(schema), std::move(table)});
  }
  // name, DATA_TYPE, COLUMN_TYPE, nullable, charset, precision, scale, fsp, max length.
  void Column(const std::string& schema, const std::string& table, std::string name,
              std::string data_type, std::string column_type, bool nullable = true,
              std::optional<std::string> charset = std::nullopt,
              std::optional<std::string> precision = std::nullopt,
              std::optional<std::string> scale = std::nullopt,
              std::optional<std::string> fsp = std::nullopt,
              std::optional<std::string> max_length = std::nullopt) {
    int ordinal = ++ordinals_[schema + "." + table];
    columns_.rows.push_back(Cells{schema, table, std::to_string(ordinal), std::move(name),
                                  std::move(data_type), std::move(column_type),
                                  nullable ? "YES" : "NO", std::move(charset), std::move(precision),
                                  std::move(scale), std::move(fsp), std::move(max_length)});
  }
  void Index(const std::string& schema, const std::string& table, std::string index,
             std::vector<std::string> columns) {
    for (size_t i = 0; i < columns.size(); ++i) {
      indexes_.rows.push_back(
          Cells{schema, table, index, std::to_string(i + 1), std::move(columns[i])});
    }
  }
  void Install(FakeSqlServer& server) const {
    server.AddText("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES", tables_,
                   FakeSqlServer::Match::kPrefix);
    server.AddText("SELECT TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION", columns_,
                   FakeSqlServer::Match::kPrefix);
    server.AddText("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME", indexes_,
                   FakeSqlServer::Match::kPrefix);
  }

 private:
  io::TextResult tables_{{"TABLE_SCHEMA", "TABLE_NAME"}, {}};
  io::TextResult columns_;
  io::TextResult indexes_;
  std::map<std::string, int> ordinals_;
};

class DiscoverTablesTest : public ::testing::Test {
 protected:
  Result<std::vector<CapturedTable>> Discover(std::string include = "*.*",
                                              capture::CaptureOptions options = {}) {
    catalog_.Install(server_);
    Result<TableFilter> filter = TableFilter::Make(include, "");
    if (!filter.ok()) {
      return filter.status();
    }
    Result<std::unique_ptr<io::SqlConnection>> connection = server_.Connect();
    if (!connection.ok()) {
      return connection.status();
    }
    return DiscoverTables(**connection, *filter, options);
  }

  FakeSqlServer server_;
  Catalog catalog_;
};

TEST_F(DiscoverTablesTest, EveryTypeOfTheMapping) {
  const std::string s = "d";
  const std::string t = "all_types";
  catalog_.Table(s, t);
  catalog_.Column(s, t, "id", "bigint", "bigint(20) unsigned", false);
  catalog_.Column(s, t, "ti", "tinyint", "tinyint(4)");
  catalog_.Column(s, t, "si", "smallint", "smallint(5) unsigned");
  catalog_.Column(s, t, "mi", "mediumint", "mediumint(9)");
  catalog_.Column(s, t, "i", "int", "int(10) unsigned");
  catalog_.Column(s, t, "f", "float", "float");
  catalog_.Column(s, t, "db", "double", "double");
  catalog_.Column(s, t, "dec", "decimal", "decimal(65,30)", true, std::nullopt, "65", "30");
  catalog_.Column(s, t, "b1", "bit", "bit(1)");
  catalog_.Column(s, t, "b64", "bit", "bit(64)");
  catalog_.Column(s, t, "y", "year", "year(4)");
  catalog_.Column(s, t, "dt", "date", "date");
  catalog_.Column(s, t, "tm", "time", "time(3)", true, std::nullopt, std::nullopt, std::nullopt,
                  "3");
  catalog_.Column(s, t, "dtm", "datetime", "datetime(6)", true, std::nullopt, std::nullopt,
                  std::nullopt, "6");
  catalog_.Column(s, t, "ts", "timestamp", "timestamp", true, std::nullopt, std::nullopt,
                  std::nullopt, "0");
  catalog_.Column(s, t, "c", "char", "char(10)", true, "latin1", std::nullopt, std::nullopt,
                  std::nullopt, "10");
  catalog_.Column(s, t, "vc", "varchar", "varchar(255)", true, "utf8mb4", std::nullopt,
                  std::nullopt, std::nullopt, "255");
  catalog_.Column(s, t, "tx", "mediumtext", "mediumtext", true, "utf8mb4");
  catalog_.Column(s, t, "bn", "binary", "binary(16)", true, std::nullopt, std::nullopt,
                  std::nullopt, std::nullopt, "16");
  catalog_.Column(s, t, "vb", "varbinary", "varbinary(8)", true, std::nullopt, std::nullopt,
                  std::nullopt, std::nullopt, "8");
  catalog_.Column(s, t, "bl", "longblob", "longblob");
  catalog_.Column(s, t, "e", "enum", "enum('a','it''s','back\\\\slash','')", true, "utf8mb4");
  catalog_.Column(s, t, "st", "set", "set('x','y,z')", true, "utf8mb4");
  catalog_.Column(s, t, "js", "json", "json");
  catalog_.Column(s, t, "mdb_js", "longtext", "longtext", true, "utf8mb4");
  catalog_.Column(s, t, "g", "geometry", "geometry");
  catalog_.Column(s, t, "pt", "point", "point");
  catalog_.Column(s, t, "gc", "geomcollection", "geomcollection");
  catalog_.Column(s, t, "v", "vector", "vector(3)");
  catalog_.Column(s, t, "u", "uuid", "uuid");
  catalog_.Column(s, t, "i4", "inet4", "inet4");
  catalog_.Column(s, t, "i6", "inet6", "inet6");
  catalog_.Index(s, t, "PRIMARY", {"id"});
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover());
  ASSERT_EQ(tables.size(), 1U);
  const mysql::TableSchema& schema = tables[0].schema;
  EXPECT_EQ(tables[0].key_source, KeySource::kPrimaryKey);
  EXPECT_THAT(schema.primary_key, ElementsAre(0));
  ASSERT_EQ(schema.columns.size(), 32U);
  auto column = [&](size_t i) -> const mysql::ColumnSchema& { return schema.columns[i]; };
  std::vector<ColumnKind> kinds;
  for (const mysql::ColumnSchema& c : schema.columns) {
    kinds.push_back(c.type.kind);
  }
  EXPECT_THAT(
      kinds,
      ElementsAre(ColumnKind::kBigInt, ColumnKind::kTinyInt, ColumnKind::kSmallInt,
                  ColumnKind::kMediumInt, ColumnKind::kInt, ColumnKind::kFloat, ColumnKind::kDouble,
                  ColumnKind::kDecimal, ColumnKind::kBit, ColumnKind::kBit, ColumnKind::kYear,
                  ColumnKind::kDate, ColumnKind::kTime, ColumnKind::kDateTime,
                  ColumnKind::kTimestamp, ColumnKind::kChar, ColumnKind::kVarchar,
                  ColumnKind::kText, ColumnKind::kBinary, ColumnKind::kVarbinary, ColumnKind::kBlob,
                  ColumnKind::kEnum, ColumnKind::kSet, ColumnKind::kJson, ColumnKind::kText,
                  ColumnKind::kGeometry, ColumnKind::kGeometry, ColumnKind::kGeometry,
                  ColumnKind::kVector, ColumnKind::kUuid, ColumnKind::kInet4, ColumnKind::kInet6));
  EXPECT_TRUE(column(0).type.is_unsigned);
  EXPECT_FALSE(column(0).nullable);
  EXPECT_FALSE(column(1).type.is_unsigned);
  EXPECT_TRUE(column(2).type.is_unsigned);
  EXPECT_TRUE(column(4).type.is_unsigned);
  EXPECT_EQ(column(7).type.length, 65U);
  EXPECT_EQ(column(7).type.scale, 30U);
  EXPECT_EQ(column(8).type.length, 1U);
  EXPECT_EQ(column(9).type.length, 64U);
  EXPECT_EQ(column(12).type.scale, 3U);
  EXPECT_EQ(column(13).type.scale, 6U);
  EXPECT_EQ(column(14).type.scale, 0U);
  EXPECT_EQ(column(15).type.charset, "latin1");
  EXPECT_EQ(column(15).type.length, 10U);
  EXPECT_EQ(column(16).type.length, 255U);
  EXPECT_EQ(column(18).type.length, 16U);
  EXPECT_THAT(column(21).type.elements, ElementsAre("a", "it's", "back\\slash", ""));
  EXPECT_THAT(column(22).type.elements, ElementsAre("x", "y,z"));
  EXPECT_EQ(column(28).type.length, 3U);
  EXPECT_TRUE(column(31).nullable);
}

TEST_F(DiscoverTablesTest, OneQueryPerInformationSchemaTableForManyTables) {
  for (int i = 0; i < 50; ++i) {
    std::string table = "t" + std::to_string(i);
    catalog_.Table("app", table);
    catalog_.Column("app", table, "id", "int", "int(11)", false);
    catalog_.Index("app", table, "PRIMARY", {"id"});
  }
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover());
  EXPECT_EQ(tables.size(), 50U);
  EXPECT_EQ(server_.Statements().size(), 3U);
  EXPECT_THAT(server_.Sql()[0], HasSubstr("TABLE_TYPE = 'BASE TABLE'"));
  EXPECT_THAT(server_.Sql()[0], HasSubstr("NOT IN (_utf8mb4'mysql'"));
  EXPECT_THAT(server_.Sql()[1], HasSubstr("TABLE_SCHEMA IN (_utf8mb4'app')"));
}

TEST_F(DiscoverTablesTest, SelectionAndByteOrder) {
  for (std::string table : {"b", "a", "B", "skip_me"}) {
    catalog_.Table("s", table);
    catalog_.Column("s", table, "id", "int", "int", false);
    catalog_.Index("s", table, "PRIMARY", {"id"});
  }
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover("s.?"));
  ASSERT_EQ(tables.size(), 3U);
  EXPECT_EQ(tables[0].schema.table, "B");
  EXPECT_EQ(tables[1].schema.table, "a");
  EXPECT_EQ(tables[2].schema.table, "b");
  EXPECT_EQ(tables[0].schema.database, "s");
}

TEST_F(DiscoverTablesTest, NothingSelectedSendsNoStructureQueries) {
  catalog_.Table("s", "t");
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover("other.*"));
  EXPECT_TRUE(tables.empty());
  EXPECT_EQ(server_.Statements().size(), 1U);
}

TEST_F(DiscoverTablesTest, CompositePrimaryKeyInIndexOrder) {
  catalog_.Table("s", "lines");
  catalog_.Column("s", "lines", "qty", "int", "int");
  catalog_.Column("s", "lines", "line", "int", "int", false);
  catalog_.Column("s", "lines", "order", "varchar", "varchar(20)", false, "utf8mb4");
  catalog_.Index("s", "lines", "PRIMARY", {"order", "line"});
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover());
  EXPECT_THAT(tables[0].schema.primary_key, ElementsAre(2, 1));
}

void KeylessTables(Catalog& catalog) {
  catalog.Table("s", "log");
  catalog.Column("s", "log", "msg", "text", "text", true, "utf8mb4");
  catalog.Table("s", "people");
  catalog.Column("s", "people", "email", "varchar", "varchar(99)", false, "utf8mb4");
  catalog.Column("s", "people", "name", "varchar", "varchar(99)", true, "utf8mb4");
  catalog.Index("s", "people", "email_u", {"email"});
  catalog.Index("s", "people", "name_u", {"name"});
}

TEST_F(DiscoverTablesTest, KeylessTablesAreRefusedAllInOneMessage) {
  KeylessTables(catalog_);
  EXPECT_THAT(Discover(),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("2 selected table(s) have no primary key: `s`.`log`; "
                                       "`s`.`people` (it has one: s.people=email)"),
                             HasSubstr("capture.unique_keys"),
                             HasSubstr("capture.keyless_tables: full_row"))));
}

TEST_F(DiscoverTablesTest, KeylessTablesAsFullRows) {
  KeylessTables(catalog_);
  capture::CaptureOptions options;
  options.keyless_tables = capture::KeylessPolicy::kFullRow;
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover("*.*", options));
  ASSERT_EQ(tables.size(), 2U);
  EXPECT_EQ(tables[0].key_source, KeySource::kFullRow);
  EXPECT_TRUE(tables[0].schema.primary_key.empty());
}

TEST_F(DiscoverTablesTest, ConfiguredUniqueKey) {
  KeylessTables(catalog_);
  capture::CaptureOptions options;
  options.keyless_tables = capture::KeylessPolicy::kFullRow;
  options.unique_keys = "s.people = email";
  ASSERT_OK_AND_ASSIGN(std::vector<CapturedTable> tables, Discover("*.*", options));
  EXPECT_EQ(tables[1].key_source, KeySource::kUniqueKey);
  EXPECT_THAT(tables[1].schema.primary_key, ElementsAre(0));
}

TEST_F(DiscoverTablesTest, ConfiguredKeyMustBeAUniqueIndexOfNotNullColumns) {
  KeylessTables(catalog_);
  capture::CaptureOptions options;
  options.keyless_tables = capture::KeylessPolicy::kFullRow;
  options.unique_keys = "s.people=name";  // unique but nullable
  EXPECT_THAT(Discover("*.*", options),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("(name) of `s`.`people` is not a UNIQUE index of NOT NULL")));
}

TEST_F(DiscoverTablesTest, ConfiguredKeyErrors) {
  KeylessTables(catalog_);
  capture::CaptureOptions options;
  options.keyless_tables = capture::KeylessPolicy::kFullRow;
  options.unique_keys = "s.people=nope";
  EXPECT_THAT(Discover("*.*", options),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("has no column `nope`")));
  options.unique_keys = "s.ghost=id";
  EXPECT_THAT(Discover("*.*", options),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("`s`.`ghost`, which is not a selected base table")));
  options.unique_keys = "people=email";
  EXPECT_THAT(Discover("*.*", options),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("not schema.table=col1,col2")));
}

TEST_F(DiscoverTablesTest, UnsupportedTypeNamesTheColumn) {
  catalog_.Table("s", "t");
  catalog_.Column("s", "t", "x", "hologram", "hologram(3)");
  EXPECT_THAT(Discover(), StatusIs(StatusCode::kInvalidArgument,
                                   HasSubstr("`s`.`t`.`x`: type hologram(3) is not supported")));
}

TEST_F(DiscoverTablesTest, AnEmptySelectionIsRefusedNamingThePatterns) {
  catalog_.Table("shop", "orders");
  catalog_.Column("shop", "orders", "id", "int", "int(11)", false);
  catalog_.Install(server_);
  ASSERT_OK_AND_ASSIGN(auto connection, server_.Connect());
  capture::CaptureOptions options;
  options.include = "shop.*";
  options.exclude = "shop.orders";
  EXPECT_THAT(DiscoverSelectedTables(*connection, options, "binlake@db:3306"),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("capture.include \"shop.*\" (exclude \"shop.orders\") selects "
                                 "no base table that binlake@db:3306 can see")));
}

TEST(DescribeTableTest, OneTableWithItsPrimaryKey) {
  FakeSqlServer server;
  Catalog catalog;
  catalog.Table("s", "T");  // information_schema compares case-insensitively
  catalog.Table("s", "t");
  catalog.Column("s", "t", "k", "int", "int", false);
  catalog.Index("s", "t", "PRIMARY", {"k"});
  catalog.Install(server);
  ASSERT_OK_AND_ASSIGN(auto connection, server.Connect());
  ASSERT_OK_AND_ASSIGN(mysql::TableSchema schema, DescribeTable(*connection, "s", "t"));
  EXPECT_EQ(schema.table, "t");
  EXPECT_THAT(schema.primary_key, ElementsAre(0));
  EXPECT_THAT(server.Sql()[0], HasSubstr("TABLE_NAME = _utf8mb4't'"));
  EXPECT_THAT(DescribeTable(*connection, "s", "missing"),
              StatusIs(StatusCode::kNotFound, HasSubstr("`s`.`missing`")));
}

}  // namespace
}  // namespace binlake::source
