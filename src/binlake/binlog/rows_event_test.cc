#include "binlake/binlog/rows_event.h"

#include <zlib.h>

#include <string>
#include <vector>

#include "binlake/binlog/rows_test_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace ::binlake::binlog::testing;  // NOLINT(google-build-using-namespace)

using mysql::Value;

constexpr uint8_t kLong = 3;
constexpr uint8_t kTiny = 1;
constexpr uint8_t kInt24 = 9;
constexpr uint8_t kLongLong = 8;
constexpr uint8_t kString = 254;
constexpr uint8_t kVarchar = 15;
constexpr uint8_t kBlob = 252;
constexpr uint8_t kJsonType = 245;
constexpr uint8_t kBit = 16;
constexpr uint8_t kYear = 13;

constexpr uint8_t kSignedness = 1;
constexpr uint8_t kDefaultCharset = 2;
constexpr uint8_t kColumnCharset = 3;
constexpr uint8_t kColumnName = 4;
constexpr uint8_t kSetStrValue = 5;
constexpr uint8_t kEnumStrValue = 6;
constexpr uint8_t kSimplePrimaryKey = 8;
constexpr uint8_t kColumnVisibility = 12;

std::string Types(std::initializer_list<uint8_t> types) {
  return std::string(types.begin(), types.end());
}

std::string Names(std::initializer_list<std::string_view> names) {
  std::string out;
  for (const std::string_view name : names) {
    out += LengthEncodedString(name);
  }
  return out;
}

// The sysbench shape: id INT, k INT UNSIGNED, c CHAR(120) utf8mb4, pad CHAR(60) latin1.
TableMapSpec SysbenchTable() {
  TableMapSpec spec;
  spec.types = Types({kLong, kLong, kString, kString});
  // CHAR(120) utf8mb4 = 480 bytes (so values carry a 2-byte length): real type 0xFE with the
  // length's bit 8 folded in (0xEE),
  // low byte 0xE0. CHAR(60) latin1 = 60 bytes.
  spec.metadata = std::string("\xEE\xE0\xFE\x3C", 4);
  spec.optional =
      OptionalField(kSignedness, MsbBitmap({false, true})) +
      OptionalField(kDefaultCharset, LengthEncoded(255) + LengthEncoded(1) + LengthEncoded(8)) +
      OptionalField(kColumnName, Names({"id", "k", "c", "pad"})) +
      OptionalField(kSimplePrimaryKey, LengthEncoded(0));
  return spec;
}

TEST(TableMapTest, DecodesColumnsAndOptionalMetadata) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  EXPECT_EQ(map.table_id, 42u);
  EXPECT_EQ(map.database, "db");
  EXPECT_EQ(map.table, "t");
  EXPECT_EQ(map.column_metadata, (std::vector<uint16_t>{0, 0, 0xEEE0, 0xFE3C}));
  EXPECT_TRUE(map.has_signedness);
  EXPECT_EQ(map.is_unsigned, (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(map.collation_ids, (std::vector<uint32_t>{0, 0, 255, 8}));
  EXPECT_EQ(map.column_names, (std::vector<std::string>{"id", "k", "c", "pad"}));
  EXPECT_EQ(map.primary_key, (std::vector<uint32_t>{0}));
  EXPECT_EQ(map.primary_key_prefix, (std::vector<uint32_t>{0}));
  EXPECT_EQ(map.nullable, (std::vector<bool>{true, true, true, true}));

  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType c, ResolveColumnType(map, 2, nullptr));
  EXPECT_EQ(c.kind, mysql::ColumnKind::kChar);
  EXPECT_EQ(c.charset, "utf8mb4");
  EXPECT_EQ(c.length, 120u);
  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType k, ResolveColumnType(map, 1, nullptr));
  EXPECT_EQ(k.kind, mysql::ColumnKind::kInt);
  EXPECT_TRUE(k.is_unsigned);
}

// The classic bug: the signedness bitmap has one bit per numeric column only, and the charset
// list one entry per character column only, each in column order.
TEST(TableMapTest, SignednessAndCharsetsSkipColumnsOfOtherKinds) {
  TableMapSpec spec;
  spec.types = Types({kVarchar, kTiny, kJsonType, kLongLong, kBlob, kString, kString});
  // VARCHAR(10); JSON 4 length bytes; BLOB 2 length bytes; ENUM (real type 0xF7, 1 byte);
  // SET (0xF8, 1 byte).
  spec.metadata = std::string("\x0A\x00\x04\x02\xF7\x01\xF8\x01", 8);
  spec.optional =
      OptionalField(kSignedness, MsbBitmap({false, true})) +
      OptionalField(kColumnCharset, LengthEncoded(33) + LengthEncoded(63)) +
      OptionalField(kEnumStrValue,
                    LengthEncoded(2) + LengthEncodedString("a") + LengthEncodedString("b")) +
      OptionalField(kSetStrValue, LengthEncoded(1) + LengthEncodedString("x")) +
      OptionalField(kColumnVisibility, MsbBitmap({true, true, true, true, false, true, true})) +
      OptionalField(200, "future field, skipped");
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  EXPECT_EQ(map.is_unsigned, (std::vector<bool>{false, false, false, true, false, false, false}));
  EXPECT_EQ(map.collation_ids, (std::vector<uint32_t>{33, 0, 0, 0, 63, 0, 0}));
  EXPECT_THAT(map.enum_members[5], ElementsAre("a", "b"));
  EXPECT_THAT(map.set_members[6], ElementsAre("x"));
  EXPECT_TRUE(map.enum_members[6].empty());
  EXPECT_EQ(map.visible, (std::vector<bool>{true, true, true, true, false, true, true}));
  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType blob, ResolveColumnType(map, 4, nullptr));
  EXPECT_EQ(blob.kind, mysql::ColumnKind::kBlob);
  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType e, ResolveColumnType(map, 5, nullptr));
  EXPECT_EQ(e.kind, mysql::ColumnKind::kEnum);
  EXPECT_THAT(e.elements, ElementsAre("a", "b"));
}

TEST(TableMapTest, MalformedOptionalMetadataIsCorruption) {
  TableMapSpec spec = SysbenchTable();
  spec.optional = OptionalField(kColumnName, Names({"only-one"}));
  EXPECT_THAT(DecodeTableMap(TableMapBody(spec), 8),
              StatusIs(StatusCode::kCorruption, HasSubstr("1 names for 4 columns")));
  spec.optional =
      OptionalField(kDefaultCharset, LengthEncoded(255) + LengthEncoded(7) + LengthEncoded(8));
  EXPECT_THAT(DecodeTableMap(TableMapBody(spec), 8),
              StatusIs(StatusCode::kCorruption, HasSubstr("ordinal 7")));
  spec.optional = std::string("\x04\x20", 2);  // length past the end
  EXPECT_THAT(DecodeTableMap(TableMapBody(spec), 8),
              StatusIs(StatusCode::kCorruption, HasSubstr("exceeds")));
  const std::string body = TableMapBody(SysbenchTable());
  EXPECT_THAT(DecodeTableMap(body.substr(0, 20), 8), StatusIs(StatusCode::kCorruption));
}

TEST(TableMapTest, SchemaContradictingTheWireTypeIsFailedPrecondition) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  mysql::TableSchema schema;
  schema.columns.resize(4);
  schema.columns[0].type.kind = mysql::ColumnKind::kBigInt;
  EXPECT_THAT(ResolveColumnType(map, 0, &schema),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("column 0")));
  schema.columns[0].type.kind = mysql::ColumnKind::kInt;
  EXPECT_THAT(ResolveColumnType(map, 0, &schema), IsOk());
}

TEST(TableMapTest, SchemaResolvesWhatTheWireTypeCannotSay) {
  TableMapSpec spec;
  spec.types = Types({kString, kBlob, kLong});
  spec.metadata = std::string("\xFE\x10\x04", 3);  // BINARY(16); LONGBLOB
  spec.optional = OptionalField(kColumnCharset, LengthEncoded(63) + LengthEncoded(45));
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  mysql::TableSchema schema;
  schema.columns.resize(3);
  schema.columns[0].type.kind = mysql::ColumnKind::kUuid;
  schema.columns[1].type.kind = mysql::ColumnKind::kJson;  // MariaDB JSON is LONGTEXT
  schema.columns[2].type.kind = mysql::ColumnKind::kInt;
  schema.columns[2].type.is_unsigned = true;
  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType uuid, ResolveColumnType(map, 0, &schema));
  EXPECT_EQ(uuid.kind, mysql::ColumnKind::kUuid);
  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType json, ResolveColumnType(map, 1, &schema));
  EXPECT_EQ(json.kind, mysql::ColumnKind::kText);
  EXPECT_EQ(json.charset, "utf8mb4");
  ASSERT_OK_AND_ASSIGN(const mysql::ColumnType number, ResolveColumnType(map, 2, &schema));
  EXPECT_TRUE(number.is_unsigned);
  EXPECT_THAT(ResolveColumnType(map, 3, &schema), StatusIs(StatusCode::kInvalidArgument));
  schema.columns.pop_back();
  EXPECT_THAT(ResolveColumnType(map, 2, &schema), StatusIs(StatusCode::kFailedPrecondition));
}

RowsEventInfo Info(uint8_t type) {
  return RowsEventInfo{.event_type = type, .post_header_length = 10};
}

TEST(RowsEventTest, WriteRowsV2SysbenchRow) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  const std::string row = Bitmap(4, {}) + LittleEndian(0xFFFFFFFF, 4) +
                          LittleEndian(0xFFFFFFFF, 4) + std::string("\x06\x00h\xC3\xA9llo", 8) +
                          "\x02\xE9\x80";
  const std::string body = RowsBody(42, 2, 4, Bitmap(4, {0, 1, 2, 3}), "", row);
  EXPECT_THAT(PeekRowsTableId(body, Info(30)), IsOkAndHolds(42u));
  ASSERT_OK_AND_ASSIGN(const RowsEvent event, DecodeRowsEvent(body, Info(30), map, {}));
  EXPECT_EQ(event.op, RowOp::kInsert);
  ASSERT_EQ(event.rows.size(), 1u);
  EXPECT_THAT(
      event.rows[0].after.values,
      ElementsAre(Value(int64_t{-1}), Value(uint64_t{4294967295}),
                  Value(mysql::Text{"h\xC3\xA9llo"}), Value(mysql::Text{"\xC3\xA9\xE2\x82\xAC"})));
  EXPECT_THAT(event.rows[0].after.present, ElementsAre(true, true, true, true));
}

TEST(RowsEventTest, UpdateWithMinimalImagesKeepsAbsentApartFromNull) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  // Before: only id (=7). After: id and k, with k NULL.
  const std::string rows = Bitmap(1, {}) + LittleEndian(7, 4) + Bitmap(2, {1}) + LittleEndian(7, 4);
  const std::string body = RowsBody(42, 1, 4, Bitmap(4, {0}), Bitmap(4, {0, 1}), rows);
  ASSERT_OK_AND_ASSIGN(const RowsEvent event, DecodeRowsEvent(body, Info(24), map, {}));
  ASSERT_EQ(event.rows.size(), 1u);
  const RowChange& change = event.rows[0];
  EXPECT_EQ(change.op, RowOp::kUpdate);
  EXPECT_THAT(change.before.present, ElementsAre(true, false, false, false));
  EXPECT_THAT(change.after.present, ElementsAre(true, true, false, false));
  EXPECT_EQ(change.before.values[0], Value(int64_t{7}));
  EXPECT_TRUE(mysql::IsNull(change.after.values[1]));
}

TEST(RowsEventTest, DeleteRowsV1WithSeveralRowsAndTruncation) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  std::string rows;
  for (uint32_t id = 1; id <= 3; ++id) {
    rows += Bitmap(4, {1, 2, 3}) + LittleEndian(id, 4);
  }
  const std::string body = RowsBody(42, 1, 4, Bitmap(4, {0, 1, 2, 3}), "", rows);
  ASSERT_OK_AND_ASSIGN(const RowsEvent event, DecodeRowsEvent(body, Info(25), map, {}));
  ASSERT_EQ(event.rows.size(), 3u);
  EXPECT_EQ(event.rows[2].before.values[0], Value(int64_t{3}));
  EXPECT_THAT(DecodeRowsEvent(body.substr(0, body.size() - 2), Info(25), map, {}),
              StatusIs(StatusCode::kCorruption, HasSubstr("table db.t column id row 2")));
  EXPECT_THAT(DecodeRowsEvent(RowsBody(42, 1, 3, Bitmap(3, {0}), "", ""), Info(25), map, {}),
              StatusIs(StatusCode::kCorruption, HasSubstr("3 columns")));
}

TEST(RowsEventTest, EdgeValuesOfIntegersBitsSetsEnumsAndYears) {
  TableMapSpec spec;
  spec.types = Types({kLongLong, kTiny, kInt24, kBit, kString, kString, kYear, kYear});
  // BIT(64): 0 extra bits, 8 bytes; SET of 64 members (8 bytes); ENUM 2 bytes.
  spec.metadata = std::string("\x00\x08\xF8\x08\xF7\x02", 6);
  std::vector<bool> signedness = {true, true, false, false, false};
  std::string set_members = LengthEncoded(64);
  for (int i = 0; i < 64; ++i) {
    set_members += LengthEncodedString("m" + std::to_string(i));
  }
  std::string enum_members = LengthEncoded(300);
  for (int i = 0; i < 300; ++i) {
    enum_members += LengthEncodedString("e" + std::to_string(i));
  }
  spec.optional = OptionalField(kSignedness, MsbBitmap(signedness)) +
                  OptionalField(kSetStrValue, set_members) +
                  OptionalField(kEnumStrValue, enum_members);
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  const std::string row = Bitmap(8, {}) + LittleEndian(~uint64_t{0}, 8) + "\xFF" + "\xFF\xFF\xFF" +
                          LittleEndian(~uint64_t{0}, 8) + LittleEndian(~uint64_t{0}, 8) +
                          LittleEndian(300, 2) + std::string(1, '\0') + "\xFF";
  ASSERT_OK_AND_ASSIGN(
      const RowsEvent event,
      DecodeRowsEvent(RowsBody(42, 2, 8, Bitmap(8, {0, 1, 2, 3, 4, 5, 6, 7}), "", row), Info(30),
                      map, {}));
  const auto& v = event.rows[0].after.values;
  EXPECT_EQ(v[0], Value(uint64_t{18446744073709551615u}));
  EXPECT_EQ(v[1], Value(uint64_t{255}));
  EXPECT_EQ(v[2], Value(int64_t{-1}));
  EXPECT_EQ(v[3], Value(mysql::Bit{.bits = ~uint64_t{0}, .width = 64}));
  const auto& set = std::get<mysql::Set>(v[4]);
  EXPECT_EQ(set.bits, ~uint64_t{0});
  EXPECT_TRUE(set.labels.starts_with("m0,m1,m2,"));
  EXPECT_TRUE(set.labels.ends_with(",m62,m63"));
  EXPECT_EQ(v[5], Value(mysql::Enum{.index = 300, .label = "e299"}));
  EXPECT_EQ(v[6], Value(mysql::Year{0}));
  EXPECT_EQ(v[7], Value(mysql::Year{2155}));
}

TEST(RowsEventTest, PartialJsonUpdateAppliesTheDiffOntoTheBeforeImage) {
  TableMapSpec spec;
  spec.types = Types({kLong, kJsonType});
  spec.metadata = std::string("\x04", 1);
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  const std::string before_doc =
      JsonDocument(JsonContainer(false, {"a"}, {JsonContainer(false, {}, {JsonInt(0x05, 1, 2)})}));
  const std::string value_doc = JsonDocument(JsonString("new"));
  const std::string diff =
      std::string("\x01", 1) + LengthEncodedString("$.a[0]") + LengthEncodedString(value_doc);
  const std::string rows = Bitmap(2, {}) + LittleEndian(1, 4) + LittleEndian(before_doc.size(), 4) +
                           before_doc + LengthEncoded(1) +
                           Bitmap(1, {0}) +  // value options, partial bits
                           Bitmap(2, {}) + LittleEndian(1, 4) + LittleEndian(diff.size(), 4) + diff;
  const std::string body = RowsBody(42, 2, 2, Bitmap(2, {0, 1}), Bitmap(2, {0, 1}), rows);
  ASSERT_OK_AND_ASSIGN(const RowsEvent event, DecodeRowsEvent(body, Info(39), map, {}));
  ASSERT_EQ(event.rows.size(), 1u);
  EXPECT_EQ(event.rows[0].before.values[1], Value(mysql::Json{"{\"a\": [1]}"}));
  EXPECT_EQ(event.rows[0].after.values[1], Value(mysql::Json{"{\"a\": [\"new\", 1]}"}));

  // Without the column in the before image (MINIMAL), the diff cannot be applied.
  const std::string minimal_rows = Bitmap(1, {}) + LittleEndian(1, 4) + LengthEncoded(1) +
                                   Bitmap(1, {0}) + Bitmap(2, {}) + LittleEndian(1, 4) +
                                   LittleEndian(diff.size(), 4) + diff;
  EXPECT_THAT(DecodeRowsEvent(RowsBody(42, 2, 2, Bitmap(2, {0}), Bitmap(2, {0, 1}), minimal_rows),
                              Info(39), map, {}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("binlog_row_image=FULL")));
}

TEST(RowsEventTest, MariaDbCompressedRows) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  const std::string rows = Bitmap(4, {2, 3}) + LittleEndian(5, 4) + LittleEndian(6, 4);
  uLongf compressed_size = compressBound(rows.size());
  std::string compressed(compressed_size, '\0');
  ASSERT_EQ(compress(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size,
                     reinterpret_cast<const Bytef*>(rows.data()), rows.size()),
            Z_OK);
  compressed.resize(compressed_size);
  const std::string payload = std::string("\x81", 1) + static_cast<char>(rows.size()) + compressed;
  const std::string body = RowsBody(42, 1, 4, Bitmap(4, {0, 1, 2, 3}), "", payload);
  ASSERT_OK_AND_ASSIGN(const RowsEvent event, DecodeRowsEvent(body, Info(166), map, {}));
  ASSERT_EQ(event.rows.size(), 1u);
  EXPECT_EQ(event.rows[0].after.values[1], Value(uint64_t{6}));
  RowDecodeOptions small;
  small.max_decompressed_bytes = 4;
  EXPECT_THAT(DecodeRowsEvent(body, Info(166), map, small), StatusIs(StatusCode::kCorruption));
}

TEST(RowsEventTest, SchemaSuppliesSignednessAndMariaDbHiresPrecision) {
  TableMapSpec spec;
  spec.types = Types({kLong, 12 /* DATETIME */, 11 /* TIME */});
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  mysql::TableSchema schema;
  schema.columns.resize(3);
  schema.columns[0].type.kind = mysql::ColumnKind::kInt;
  schema.columns[0].type.is_unsigned = true;
  schema.columns[1].type.kind = mysql::ColumnKind::kDateTime;
  schema.columns[1].type.scale = 3;
  schema.columns[2].type.kind = mysql::ColumnKind::kTime;
  schema.columns[2].type.scale = 3;
  // DATETIME(3) 2024-02-29 23:59:59.987 in 7 bytes; TIME(3) -12:34:56.789 in 5 bytes.
  const uint64_t packed = ((((uint64_t{2024} * 13 + 2) * 32 + 29) * 24 + 23) * 60 + 59) * 60 + 59;
  const uint64_t dt = packed * 1000 + 987;
  const uint64_t zero = (838ULL * 3600 + 59 * 60 + 59 + 1) * 1000;
  const uint64_t time = zero - ((12ULL * 3600 + 34 * 60 + 56) * 1000 + 789);
  auto big_endian = [](uint64_t v, size_t n) {
    std::string out = LittleEndian(v, n);
    return std::string(out.rbegin(), out.rend());
  };
  const std::string row =
      Bitmap(3, {}) + LittleEndian(0x80000000, 4) + big_endian(dt, 7) + big_endian(time, 5);
  RowDecodeOptions options;
  options.schema = &schema;
  ASSERT_OK_AND_ASSIGN(
      const RowsEvent event,
      DecodeRowsEvent(RowsBody(42, 1, 3, Bitmap(3, {0, 1, 2}), "", row), Info(23), map, options));
  const auto& v = event.rows[0].after.values;
  EXPECT_EQ(v[0], Value(uint64_t{0x80000000}));
  EXPECT_EQ(v[1], Value(mysql::DateTime{.year = 2024,
                                        .month = 2,
                                        .day = 29,
                                        .hour = 23,
                                        .minute = 59,
                                        .second = 59,
                                        .micros = 987000}));
  EXPECT_EQ(v[2],
            Value(mysql::Time{
                .negative = true, .hours = 12, .minutes = 34, .seconds = 56, .micros = 789000}));
}

TEST(RowsEventTest, ReusingADecoderGivesTheSameRows) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  RowsDecoder decoder;
  RowsEvent event;
  for (uint32_t id : {1u, 2u}) {
    const std::string row = Bitmap(4, {}) + LittleEndian(id, 4) + LittleEndian(id, 4) +
                            std::string(
                                "\x03\x00"
                                "abc",
                                5) +
                            std::string(1, static_cast<char>(id)) + std::string(id, 'p');
    ASSERT_THAT(decoder.DecodeInto(RowsBody(42, 2, 4, Bitmap(4, {0, 1, 2, 3}), "", row), Info(30),
                                   map, {}, &event),
                IsOk());
    ASSERT_EQ(event.rows.size(), 1u);
    EXPECT_EQ(event.rows[0].after.values[0], Value(int64_t{id}));
    EXPECT_EQ(event.rows[0].after.values[3], Value(mysql::Text{std::string(id, 'p')}));
  }
}

TEST(RowsEventTest, GeometryVectorJsonWideTextFloatsAndDecimal) {
  TableMapSpec spec;
  spec.types = Types({255, 242, kJsonType, kBlob, 4, 5, 246});
  spec.metadata = std::string("\x04\x04\x04\x02\x04\x08\x05\x02", 8);
  // MySQL 9 lists VECTOR columns among the character columns: BLOB ucs2 (35), VECTOR binary.
  spec.optional = OptionalField(kColumnCharset, LengthEncoded(63) + LengthEncoded(35));
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  const std::string wkb = std::string("\x01\x01\x00\x00\x00", 5) + std::string(16, '\0');
  const std::string vector = LittleEndian(0x3F800000, 4) + LittleEndian(0x40000000, 4);
  const std::string json = JsonDocument(JsonContainer(false, {}, {JsonLiteral(1)}));
  const std::string ucs2 = std::string("\x00h\x04\x10", 4);
  const std::string row = Bitmap(7, {}) + LittleEndian(4 + wkb.size(), 4) + LittleEndian(4326, 4) +
                          wkb + LittleEndian(vector.size(), 4) + vector +
                          LittleEndian(json.size(), 4) + json + LittleEndian(ucs2.size(), 2) +
                          ucs2 + LittleEndian(0x3FC00000, 4) + LittleEndian(0xC002000000000000, 8) +
                          "\x80\x7B\x2D";
  ASSERT_OK_AND_ASSIGN(
      const RowsEvent event,
      DecodeRowsEvent(RowsBody(42, 2, 7, Bitmap(7, {0, 1, 2, 3, 4, 5, 6}), "", row), Info(30), map,
                      {}));
  const auto& v = event.rows[0].after.values;
  EXPECT_EQ(v[0], Value(mysql::Geometry{.srid = 4326, .wkb = wkb}));
  EXPECT_EQ(v[1], Value(mysql::Vector{vector}));
  EXPECT_EQ(v[2], Value(mysql::Json{"[true]"}));
  EXPECT_EQ(v[3], Value(mysql::Text{"h\xD0\x90"}));
  EXPECT_EQ(v[4], Value(1.5f));
  EXPECT_EQ(v[5], Value(-2.25));
  EXPECT_EQ(v[6], Value(mysql::Decimal{"123.45"}));
}

TEST(RowsEventTest, UnsupportedAndUnknownTextAreErrorsNotGuesses) {
  TableMapSpec spec;
  spec.types = Types({kVarchar, kVarchar});
  spec.metadata = std::string("\x0A\x00\x0A\x00", 4);
  spec.optional = OptionalField(kColumnCharset, LengthEncoded(28) + LengthEncoded(9999));
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(spec), 8));
  const std::string body = RowsBody(42, 2, 2, Bitmap(2, {0}), "", Bitmap(1, {}) + "\x02\xC4\xE3");
  EXPECT_THAT(DecodeRowsEvent(body, Info(30), map, {}),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("gbk")));
  const std::string unknown = RowsBody(42, 2, 2, Bitmap(2, {1}), "", Bitmap(1, {}) + "\x01x");
  EXPECT_THAT(DecodeRowsEvent(unknown, Info(30), map, {}),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("collation id 9999")));
  // Without any charset information text stays raw bytes.
  TableMapSpec bare = spec;
  bare.optional.clear();
  ASSERT_OK_AND_ASSIGN(const TableMap bare_map, DecodeTableMap(TableMapBody(bare), 8));
  ASSERT_OK_AND_ASSIGN(const RowsEvent event, DecodeRowsEvent(body, Info(30), bare_map, {}));
  EXPECT_EQ(event.rows[0].after.values[0], Value(mysql::Binary{"\xC4\xE3"}));
  EXPECT_THAT(DecodeRowsEvent(body, Info(2), map, {}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("not a rows event")));
}

TEST(RowsEventTest, RowsWithoutBytesAndOversizedExpansionsAreRefused) {
  ASSERT_OK_AND_ASSIGN(const TableMap map, DecodeTableMap(TableMapBody(SysbenchTable()), 8));
  // No column present: a row would take no bytes and the rows would never end.
  EXPECT_THAT(DecodeRowsEvent(RowsBody(42, 1, 4, Bitmap(4, {}), "", "x"), Info(23), map, {}),
              StatusIs(StatusCode::kCorruption, HasSubstr("no columns")));
  std::string rows;
  for (uint32_t id = 0; id < 10; ++id) {
    rows += Bitmap(1, {}) + LittleEndian(id, 4);
  }
  RowDecodeOptions options;
  options.max_values_per_event = 16;  // 4 rows of 4 columns
  EXPECT_THAT(DecodeRowsEvent(RowsBody(42, 1, 4, Bitmap(4, {0}), "", rows), Info(25), map, options),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("max_values_per_event")));
}

}  // namespace
}  // namespace binlake::binlog
