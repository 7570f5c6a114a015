#include "binlake/capture/schema_history.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/memory_object_store.h"
#include "testing/status_matchers.h"

namespace binlake::capture {
namespace {

using ::binlake::testing::MemoryObjectStore;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

mysql::ColumnSchema Column(std::string name, mysql::ColumnKind kind, bool nullable = true) {
  mysql::ColumnSchema column;
  column.name = std::move(name);
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

SchemaVersion SampleVersion(uint64_t seq, uint64_t offset) {
  SchemaVersion version;
  version.seq = seq;
  version.valid_from = {"binlog.000002", offset, "0-1-9"};
  version.schema.database = "shop";
  version.schema.table = "or/ders";
  version.schema.columns.push_back(Column("id", mysql::ColumnKind::kBigInt, false));
  version.schema.columns.back().type.is_unsigned = true;
  version.schema.columns.push_back(Column("name", mysql::ColumnKind::kVarchar, false));
  version.schema.columns.back().type.length = 40;
  version.schema.columns.back().type.charset = "latin1";
  version.schema.columns.push_back(Column("price", mysql::ColumnKind::kDecimal));
  version.schema.columns.back().type.length = 65;
  version.schema.columns.back().type.scale = 30;
  version.schema.columns.push_back(Column("state", mysql::ColumnKind::kEnum));
  version.schema.columns.back().type.elements = {"new", "it's \"paid\"", ""};
  version.schema.columns.push_back(Column("at", mysql::ColumnKind::kInet6));
  version.schema.primary_key = {1, 0};
  version.key_source = source::KeySource::kUniqueKey;
  return version;
}

void ExpectSameVersion(const SchemaVersion& a, const SchemaVersion& b) {
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.valid_from, b.valid_from);
  EXPECT_EQ(a.key_source, b.key_source);
  EXPECT_EQ(a.schema.database, b.schema.database);
  EXPECT_EQ(a.schema.table, b.schema.table);
  EXPECT_EQ(a.schema.primary_key, b.schema.primary_key);
  ASSERT_EQ(a.schema.columns.size(), b.schema.columns.size());
  for (size_t i = 0; i < a.schema.columns.size(); ++i) {
    const mysql::ColumnSchema& x = a.schema.columns[i];
    const mysql::ColumnSchema& y = b.schema.columns[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.nullable, y.nullable);
    EXPECT_EQ(x.type.kind, y.type.kind);
    EXPECT_EQ(x.type.is_unsigned, y.type.is_unsigned);
    EXPECT_EQ(x.type.length, y.type.length);
    EXPECT_EQ(x.type.scale, y.type.scale);
    EXPECT_EQ(x.type.charset, y.type.charset);
    EXPECT_EQ(x.type.elements, y.type.elements);
  }
}

TEST(SchemaVersionTest, RoundTripsExactly) {
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeSchemaVersion(SampleVersion(3, 77)));
  ASSERT_OK_AND_ASSIGN(SchemaVersion decoded, DecodeSchemaVersion(text, "k"));
  ExpectSameVersion(SampleVersion(3, 77), decoded);
}

TEST(SchemaVersionTest, EveryColumnKindRoundTrips) {
  SchemaVersion version = SampleVersion(1, 4);
  version.schema.columns.clear();
  version.schema.primary_key.clear();
  for (int kind = 0; kind <= static_cast<int>(mysql::ColumnKind::kInet6); ++kind) {
    version.schema.columns.push_back(
        Column("c" + std::to_string(kind), static_cast<mysql::ColumnKind>(kind)));
  }
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeSchemaVersion(version));
  ASSERT_OK_AND_ASSIGN(SchemaVersion decoded, DecodeSchemaVersion(text, "k"));
  ExpectSameVersion(version, decoded);
}

TEST(SchemaVersionTest, DecodeErrorsNameTheKeyAndThePath) {
  ASSERT_OK_AND_ASSIGN(std::string text, EncodeSchemaVersion(SampleVersion(1, 4)));
  auto with = [&](std::string_view from, std::string_view to) {
    std::string changed = text;
    return changed.replace(changed.find(from), from.size(), to);
  };
  EXPECT_THAT(DecodeSchemaVersion(with("\"kind\":\"varchar\"", "\"kind\":\"str\""), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("obj: columns[1].kind")));
  EXPECT_THAT(DecodeSchemaVersion(with("\"key\":[1,0]", "\"key\":[1,9]"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("key[1]: not a column position")));
  EXPECT_THAT(DecodeSchemaVersion(with("\"unsigned\":true", "\"unsigned\":1"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("columns[0].unsigned")));
  EXPECT_THAT(DecodeSchemaVersion(with("\"new\"", "7"), "obj"),
              StatusIs(StatusCode::kCorruption, HasSubstr("columns[3].elements[0]")));
}

TEST(SchemaHistoryTest, KeysEncodeTheNames) {
  ASSERT_OK_AND_ASSIGN(std::string key, SchemaVersionKey("shop", "or/ders", 2));
  EXPECT_EQ(key, "_binlake/capture/schemas/shop/or%2Fders/00000000000000000002.json");
}

TEST(SchemaHistoryTest, VersionAtPicksTheVersionInForce) {
  MemoryObjectStore store;
  SchemaHistory history(store);
  ASSERT_OK(history.Write(SampleVersion(1, 100)));
  SchemaVersion second = SampleVersion(2, 500);
  second.schema.columns.pop_back();
  ASSERT_OK(history.Write(second));

  EXPECT_THAT(history.VersionAt("shop", "or/ders", {"binlog.000002", 99, ""}),
              StatusIs(StatusCode::kNotFound, HasSubstr("binlog.000002:99")));
  ASSERT_OK_AND_ASSIGN(SchemaVersion at100,
                       history.VersionAt("shop", "or/ders", {"binlog.000002", 100, ""}));
  EXPECT_EQ(at100.seq, 1u);
  ASSERT_OK_AND_ASSIGN(SchemaVersion at499,
                       history.VersionAt("shop", "or/ders", {"binlog.000002", 499, ""}));
  EXPECT_EQ(at499.seq, 1u);
  ASSERT_OK_AND_ASSIGN(SchemaVersion later,
                       history.VersionAt("shop", "or/ders", {"binlog.000003", 4, ""}));
  ExpectSameVersion(second, later);
  ASSERT_OK_AND_ASSIGN(SchemaVersion latest, history.Latest("shop", "or/ders"));
  EXPECT_EQ(latest.seq, 2u);
  ASSERT_OK_AND_ASSIGN(auto versions, history.Versions("shop", "or/ders"));
  EXPECT_EQ(versions.size(), 2u);
}

TEST(SchemaHistoryTest, OtherTablesDoNotLeakIn) {
  MemoryObjectStore store;
  SchemaHistory history(store);
  SchemaVersion other = SampleVersion(1, 4);
  other.schema.table = "or";
  ASSERT_OK(history.Write(other));
  EXPECT_THAT(history.Latest("shop", "or/ders"), StatusIs(StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(auto versions, history.Versions("shop", "or"));
  EXPECT_EQ(versions.size(), 1u);
}

TEST(SchemaHistoryTest, RewritingIsIdempotentButAChangeIsRefused) {
  MemoryObjectStore store;
  SchemaHistory history(store);
  ASSERT_OK(history.Write(SampleVersion(1, 100)));
  ASSERT_OK(history.Write(SampleVersion(1, 100)));
  EXPECT_THAT(history.Write(SampleVersion(1, 101)),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("different schema")));
}

}  // namespace
}  // namespace binlake::capture
