#include "binlake/parquet/metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "binlake/parquet/thrift_compact.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using thrift::CompactWriter;
using thrift::WireType;

PageHeader SmallDataPageHeader() {
  PageHeader header;
  header.type = PageType::kDataPage;
  header.uncompressed_page_size = 100;
  header.compressed_page_size = 50;
  header.data_page_header = DataPageHeader{.num_values = 10,
                                           .encoding = Encoding::kPlain,
                                           .definition_level_encoding = Encoding::kRle,
                                           .repetition_level_encoding = Encoding::kRle,
                                           .statistics = std::nullopt};
  return header;
}

// Hand-computed from the compact protocol: field headers (delta << 4 | type), zigzag varints.
const std::string kSmallDataPageHeaderBytes = Bytes({
    0x15, 0x00,        // 1: type = DATA_PAGE (i32 0)
    0x15, 0xc8, 0x01,  // 2: uncompressed_page_size = 100 (zigzag 200)
    0x15, 0x64,        // 3: compressed_page_size = 50
    0x2c,              // 5: data_page_header (struct, delta 2)
    0x15, 0x14,        //   1: num_values = 10
    0x15, 0x00,        //   2: encoding = PLAIN
    0x15, 0x06,        //   3: definition_level_encoding = RLE (3)
    0x15, 0x06,        //   4: repetition_level_encoding = RLE
    0x00,              //   stop
    0x00,              // stop
});

FileMetaData SmallFileMetaData() {
  FileMetaData metadata;
  metadata.version = 1;
  SchemaElement root;
  root.name = "s";
  root.num_children = 1;
  SchemaElement leaf;
  leaf.type = PhysicalType::kInt64;
  leaf.repetition_type = Repetition::kRequired;
  leaf.name = "a";
  leaf.field_id = 1;
  metadata.schema = {root, leaf};
  metadata.num_rows = 3;
  metadata.created_by = "x";
  return metadata;
}

const std::string kSmallFileMetaDataBytes = Bytes({
    0x15, 0x02,                          // 1: version = 1
    0x19, 0x2c,                          // 2: schema, list of 2 structs
    0x48, 0x01, 's',  0x15, 0x02, 0x00,  // {4: name "s", 5: num_children 1}
    0x15, 0x04, 0x25, 0x00, 0x18, 0x01, 'a', 0x55, 0x02,
    0x00,             // {1: type INT64, 3: REQUIRED, 4: name "a", 9: field_id 1}
    0x16, 0x06,       // 3: num_rows = 3 (i64)
    0x19, 0x0c,       // 4: row_groups, empty list of structs
    0x28, 0x01, 'x',  // 6: created_by "x"
    0x00,             // stop
});

// A footer using every field and every logical type this library models.
FileMetaData FullFileMetaData() {
  FileMetaData metadata;
  metadata.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 15;
  metadata.schema.push_back(root);
  const LogicalType logical_types[] = {
      StringType{},
      MapType{},
      ListType{},
      EnumType{},
      DecimalType{.scale = 30, .precision = 65},
      DateType{},
      TimeType{.is_adjusted_to_utc = false, .unit = TimeUnit::kMicros},
      TimestampType{.is_adjusted_to_utc = true, .unit = TimeUnit::kMillis},
      TimestampType{.is_adjusted_to_utc = false, .unit = TimeUnit::kNanos},
      IntType{.bit_width = 64, .is_signed = false},
      NullType{},
      JsonType{},
      BsonType{},
      UuidType{},
      Float16Type{},
  };
  int32_t field_id = 1;
  for (const LogicalType& logical : logical_types) {
    SchemaElement leaf;
    leaf.type = PhysicalType::kFixedLenByteArray;
    leaf.type_length = 28;
    leaf.repetition_type = Repetition::kOptional;
    leaf.name = "c" + std::to_string(field_id);
    leaf.converted_type = ConvertedType::kDecimal;
    leaf.scale = 30;
    leaf.precision = 65;
    leaf.field_id = field_id++;
    leaf.logical_type = logical;
    metadata.schema.push_back(leaf);
  }
  metadata.num_rows = 1LL << 40;

  Statistics stats;
  stats.max = std::string("\xff\x00", 2);
  stats.min = "";
  stats.null_count = 0;
  stats.distinct_count = 7;
  stats.max_value = "zz";
  stats.min_value = std::string("\0", 1);
  stats.is_max_value_exact = true;
  stats.is_min_value_exact = false;
  stats.nan_count = 2;

  ColumnMetaData column;
  column.type = PhysicalType::kByteArray;
  column.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary,
                      static_cast<Encoding>(42)};
  column.path_in_schema = {"c1"};
  column.codec = Codec::kZstd;
  column.num_values = 1000;
  column.total_uncompressed_size = 123456;
  column.total_compressed_size = 23456;
  column.key_value_metadata = std::vector<KeyValue>{{"k", "v"}, {"no value", std::nullopt}};
  column.data_page_offset = 1004;
  column.index_page_offset = 7;
  column.dictionary_page_offset = 4;
  column.statistics = stats;
  column.encoding_stats =
      std::vector<PageEncodingStats>{{PageType::kDictionaryPage, Encoding::kPlain, 1},
                                     {PageType::kDataPage, Encoding::kRleDictionary, 3}};

  ColumnChunk chunk;
  chunk.file_path = "other.parquet";
  chunk.file_offset = 0;
  chunk.meta_data = column;

  RowGroup group;
  group.columns = {chunk, chunk};
  group.total_byte_size = 999;
  group.num_rows = 1000;
  group.file_offset = 4;
  group.total_compressed_size = 888;
  group.ordinal = 0;
  metadata.row_groups = {group, group};
  metadata.key_value_metadata = std::vector<KeyValue>{{"iceberg.schema", "{}"}};
  metadata.created_by = "binlake version 0.1.0 (build abc)";
  metadata.column_orders = std::vector<ColumnOrder>(15, ColumnOrder::kTypeDefined);
  (*metadata.column_orders)[1] = ColumnOrder::kIeee754Total;
  return metadata;
}

Statistics NullCountOnly(int64_t null_count) {
  Statistics stats;
  stats.null_count = null_count;
  return stats;
}

std::string Encode(const FileMetaData& metadata) {
  std::string out;
  EncodeFileMetaData(metadata, &out);
  return out;
}

std::string Encode(const PageHeader& header) {
  std::string out;
  EncodePageHeader(header, &out);
  return out;
}

Result<PageHeader> DecodeHeader(std::string_view bytes, uint64_t base_offset = 0) {
  ByteReader reader(bytes, base_offset);
  return DecodePageHeader(reader);
}

TEST(PageHeaderEncoding, MatchesHandComputedBytes) {
  EXPECT_EQ(Encode(SmallDataPageHeader()), kSmallDataPageHeaderBytes);
  ASSERT_OK_AND_ASSIGN(PageHeader decoded, DecodeHeader(kSmallDataPageHeaderBytes));
  EXPECT_EQ(decoded, SmallDataPageHeader());
}

TEST(FileMetaDataEncoding, MatchesHandComputedBytes) {
  EXPECT_EQ(Encode(SmallFileMetaData()), kSmallFileMetaDataBytes);
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, DecodeFileMetaData(kSmallFileMetaDataBytes));
  EXPECT_EQ(decoded, SmallFileMetaData());
}

TEST(FileMetaDataEncoding, RoundTripsEveryField) {
  const FileMetaData metadata = FullFileMetaData();
  const std::string bytes = Encode(metadata);
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, DecodeFileMetaData(bytes));
  EXPECT_EQ(decoded, metadata);
  // Deterministic: re-encoding gives the same bytes, and so does a second encoding.
  EXPECT_EQ(Encode(decoded), bytes);
  EXPECT_EQ(Encode(metadata), bytes);
}

TEST(FileMetaDataEncoding, AppendsToExistingBytes) {
  std::string out = "PAR1";
  EncodeFileMetaData(SmallFileMetaData(), &out);
  EXPECT_EQ(out, "PAR1" + kSmallFileMetaDataBytes);
}

TEST(PageHeaderEncoding, RoundTripsEveryPageKind) {
  PageHeader dictionary;
  dictionary.type = PageType::kDictionaryPage;
  dictionary.uncompressed_page_size = 1 << 20;
  dictionary.compressed_page_size = 1000;
  dictionary.crc = -5;
  dictionary.dictionary_page_header =
      DictionaryPageHeader{.num_values = 77, .encoding = Encoding::kPlain, .is_sorted = false};

  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  v2.uncompressed_page_size = 400;
  v2.compressed_page_size = 300;
  v2.data_page_header_v2 = DataPageHeaderV2{.num_values = 50,
                                            .num_nulls = 5,
                                            .num_rows = 50,
                                            .encoding = Encoding::kRleDictionary,
                                            .definition_levels_byte_length = 12,
                                            .repetition_levels_byte_length = 0,
                                            .is_compressed = false,
                                            .statistics = NullCountOnly(5)};
  PageHeader v1 = SmallDataPageHeader();
  Statistics v1_stats = NullCountOnly(0);
  v1_stats.max_value = "b";
  v1_stats.min_value = "a";
  v1.data_page_header->statistics = v1_stats;

  for (const PageHeader& header : {dictionary, v2, v1}) {
    const std::string bytes = Encode(header);
    ASSERT_OK_AND_ASSIGN(PageHeader decoded, DecodeHeader(bytes));
    EXPECT_EQ(decoded, header) << PageTypeName(header.type);
    EXPECT_EQ(Encode(decoded), bytes);
  }
  EXPECT_FALSE(v2.data_page_header_v2->compressed());
  EXPECT_TRUE(DataPageHeaderV2{}.compressed());
}

TEST(PageHeaderDecoding, ConsumesExactlyTheHeader) {
  const std::string bytes = kSmallDataPageHeaderBytes + "page";
  ByteReader reader(bytes, 4);
  ASSERT_OK(DecodePageHeader(reader).status());
  EXPECT_EQ(reader.position(), kSmallDataPageHeaderBytes.size());
  EXPECT_EQ(reader.Rest(), "page");
}

TEST(PageHeaderDecoding, MissingRequiredFieldNamesStructFieldAndOffset) {
  // Field 2 (uncompressed_page_size) left out: 1 then 3 (delta 2).
  const std::string bytes = Bytes(
      {0x15, 0x00, 0x25, 0x64, 0x2c, 0x15, 0x14, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00});
  EXPECT_THAT(
      DecodeHeader(bytes, 4096),
      StatusIs(StatusCode::kCorruption, HasSubstr("PageHeader at offset 4096: required field 2 "
                                                  "(uncompressed_page_size) is missing")));
}

TEST(PageHeaderDecoding, WrongWireTypeNamesTheField) {
  // Field 2 as a binary.
  const std::string bytes = Bytes({0x15, 0x00, 0x18, 0x01, 'x', 0x00});
  EXPECT_THAT(DecodeHeader(bytes),
              StatusIs(StatusCode::kCorruption,
                       AllOf(HasSubstr("PageHeader.uncompressed_page_size"),
                             HasSubstr("wire type BINARY"), HasSubstr("expected I32"))));
}

TEST(PageHeaderDecoding, NestedErrorsCarryThePathAndTheAbsoluteOffset) {
  std::string bytes = kSmallDataPageHeaderBytes;
  bytes[9] = static_cast<char>(0x80);  // num_values varint now runs into the next bytes...
  bytes.resize(10);                    // ...and the input ends
  EXPECT_THAT(DecodeHeader(bytes, 1000),
              StatusIs(StatusCode::kCorruption,
                       AllOf(HasSubstr("PageHeader.data_page_header"),
                             HasSubstr("DataPageHeader.num_values"), HasSubstr("offset 1009"))));
}

TEST(PageHeaderDecoding, RejectsNegativeSizesAndMissingSubHeaders) {
  PageHeader negative = SmallDataPageHeader();
  negative.compressed_page_size = -1;
  EXPECT_THAT(DecodeHeader(Encode(negative)),
              StatusIs(StatusCode::kCorruption, HasSubstr("negative page size")));

  PageHeader bare = SmallDataPageHeader();
  bare.data_page_header.reset();
  EXPECT_THAT(DecodeHeader(Encode(bare)),
              StatusIs(StatusCode::kCorruption, HasSubstr("DATA_PAGE page without its header")));

  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  v2.uncompressed_page_size = 10;
  v2.compressed_page_size = 10;
  v2.data_page_header_v2.emplace();
  v2.data_page_header_v2->definition_levels_byte_length = 8;
  v2.data_page_header_v2->repetition_levels_byte_length = 4;
  EXPECT_THAT(DecodeHeader(Encode(v2)),
              StatusIs(StatusCode::kCorruption, HasSubstr("level lengths 8 + 4 do not fit")));

  PageHeader index;  // INDEX_PAGE has no modelled sub-header; it is accepted
  index.type = PageType::kIndexPage;
  EXPECT_OK(DecodeHeader(Encode(index)).status());
}

// A ColumnChunk written field by field, including fields newer writers add (bloom filter
// offsets, size statistics, geospatial statistics, page index offsets) which must be skipped.
std::string ColumnChunkWithNewerFields() {
  std::string out;
  CompactWriter w(&out);
  w.BeginStruct();  // ColumnChunk
  w.FieldHeader(2, WireType::kI64);
  w.I64(0);
  w.FieldHeader(3, WireType::kStruct);  // meta_data
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI32);
  w.I32(2);  // INT64
  w.FieldHeader(2, WireType::kList);
  w.ListHeader(WireType::kI32, 1);
  w.I32(0);
  w.FieldHeader(3, WireType::kList);
  w.ListHeader(WireType::kBinary, 1);
  w.Binary("id");
  w.FieldHeader(4, WireType::kI32);
  w.I32(6);
  w.FieldHeader(5, WireType::kI64);
  w.I64(3);
  w.FieldHeader(6, WireType::kI64);
  w.I64(40);
  w.FieldHeader(7, WireType::kI64);
  w.I64(30);
  w.FieldHeader(9, WireType::kI64);
  w.I64(4);
  w.FieldHeader(14, WireType::kI64);  // bloom_filter_offset
  w.I64(100);
  w.FieldHeader(15, WireType::kI32);  // bloom_filter_length
  w.I32(32);
  w.FieldHeader(16, WireType::kStruct);  // size_statistics
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI64);
  w.I64(9);
  w.FieldHeader(3, WireType::kList);
  w.ListHeader(WireType::kI64, 2);
  w.I64(1);
  w.I64(2);
  w.EndStruct();
  w.FieldHeader(17, WireType::kStruct);  // geospatial_statistics
  w.BeginStruct();
  w.FieldHeader(1, WireType::kStruct);
  w.BeginStruct();
  w.FieldHeader(1, WireType::kDouble);
  w.Double(-1.5);
  w.EndStruct();
  w.EndStruct();
  w.EndStruct();                     // meta_data
  w.FieldHeader(4, WireType::kI64);  // offset_index_offset
  w.I64(200);
  w.FieldHeader(5, WireType::kI32);  // offset_index_length
  w.I32(20);
  w.FieldHeader(6, WireType::kI64);  // column_index_offset
  w.I64(220);
  w.FieldHeader(7, WireType::kI32);  // column_index_length
  w.I32(22);
  w.FieldHeader(30, WireType::kMap);  // a field from the future
  w.MapHeader(WireType::kBinary, WireType::kBoolTrue, 1);
  w.Binary("k");
  w.Bool(true);
  w.EndStruct();
  return out;
}

TEST(FileMetaDataDecoding, SkipsFieldsFromNewerWriters) {
  std::string bytes;
  CompactWriter w(&bytes);
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI32);
  w.I32(1);
  w.FieldHeader(2, WireType::kList);
  w.ListHeader(WireType::kStruct, 0);
  w.FieldHeader(3, WireType::kI64);
  w.I64(3);
  w.FieldHeader(4, WireType::kList);
  w.ListHeader(WireType::kStruct, 1);
  bytes += [] {
    // RowGroup {1: columns [chunk], 2: 40, 3: 3, 4: sorting_columns [...]}
    std::string group;
    CompactWriter g(&group);
    g.BeginStruct();
    g.FieldHeader(1, WireType::kList);
    g.ListHeader(WireType::kStruct, 1);
    group += ColumnChunkWithNewerFields();
    g.FieldHeader(2, WireType::kI64);
    g.I64(40);
    g.FieldHeader(3, WireType::kI64);
    g.I64(3);
    g.FieldHeader(4, WireType::kList);
    g.ListHeader(WireType::kStruct, 1);
    g.BeginStruct();
    g.FieldHeader(1, WireType::kI32);
    g.I32(0);
    g.BoolField(2, false);
    g.BoolField(3, true);
    g.EndStruct();
    g.EndStruct();
    return group;
  }();
  // A logical type from a newer format version (VARIANT, field 16) in a schema element is
  // kept as unsupported; here it sits in the file's top level as an unknown field 20 instead.
  w.FieldHeader(20, WireType::kStruct);
  w.BeginStruct();
  w.EndStruct();
  w.EndStruct();

  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, DecodeFileMetaData(bytes));
  ASSERT_EQ(decoded.row_groups.size(), 1u);
  ASSERT_EQ(decoded.row_groups[0].columns.size(), 1u);
  const ColumnMetaData& column = *decoded.row_groups[0].columns[0].meta_data;
  EXPECT_EQ(column.path_in_schema, std::vector<std::string>{"id"});
  EXPECT_EQ(column.codec, Codec::kZstd);
  EXPECT_EQ(column.data_page_offset, 4);
  EXPECT_EQ(decoded.row_groups[0].num_rows, 3);
}

TEST(FileMetaDataDecoding, KeepsUnmodelledLogicalTypesByFieldId) {
  std::string bytes;
  CompactWriter w(&bytes);
  w.BeginStruct();  // SchemaElement
  w.FieldHeader(4, WireType::kBinary);
  w.Binary("v");
  w.FieldHeader(10, WireType::kStruct);  // logicalType
  w.BeginStruct();
  w.FieldHeader(16, WireType::kStruct);  // VARIANT {1: specification_version}
  w.BeginStruct();
  w.FieldHeader(1, WireType::kI8);
  w.I8(1);
  w.EndStruct();
  w.EndStruct();
  w.EndStruct();
  // A footer whose schema is just the element above.
  std::string custom;
  CompactWriter f(&custom);
  f.BeginStruct();
  f.FieldHeader(1, WireType::kI32);
  f.I32(1);
  f.FieldHeader(2, WireType::kList);
  f.ListHeader(WireType::kStruct, 1);
  custom += bytes;
  f.FieldHeader(3, WireType::kI64);
  f.I64(0);
  f.FieldHeader(4, WireType::kList);
  f.ListHeader(WireType::kStruct, 0);
  f.EndStruct();
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, DecodeFileMetaData(custom));
  ASSERT_EQ(decoded.schema.size(), 1u);
  ASSERT_TRUE(decoded.schema[0].logical_type.has_value());
  EXPECT_EQ(*decoded.schema[0].logical_type, LogicalType(UnsupportedLogicalType{16}));
  EXPECT_EQ(LogicalTypeName(*decoded.schema[0].logical_type), "LOGICAL_TYPE(16)");
  // Written back as an empty member of the same id.
  ASSERT_OK_AND_ASSIGN(FileMetaData again, DecodeFileMetaData(Encode(decoded)));
  EXPECT_EQ(again, decoded);
}

TEST(FileMetaDataDecoding, EveryTruncationIsCorruption) {
  const std::string bytes = Encode(FullFileMetaData());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_THAT(DecodeFileMetaData(std::string_view(bytes).substr(0, cut)),
                StatusIs(StatusCode::kCorruption))
        << "cut at " << cut;
  }
}

TEST(FileMetaDataDecoding, RequiresColumnMetaData) {
  FileMetaData metadata = FullFileMetaData();
  metadata.row_groups[1].columns[1].meta_data.reset();
  EXPECT_THAT(
      DecodeFileMetaData(Encode(metadata)),
      StatusIs(StatusCode::kCorruption,
               AllOf(HasSubstr("FileMetaData.row_groups: element 1: RowGroup.columns: element 1"),
                     HasSubstr("required field 3 (meta_data) is missing"))));
}

TEST(FileMetaDataDecoding, EncryptedFilesAreUnimplemented) {
  std::string bytes = kSmallFileMetaDataBytes;
  bytes.pop_back();  // reopen the struct: append field 8 (encryption_algorithm)
  bytes += Bytes({0x08, 0x10, 0x1c, 0x00, 0x00, 0x00});
  EXPECT_THAT(DecodeFileMetaData(bytes),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("encrypted Parquet files")));
}

TEST(FileMetaDataDecoding, HugeListSizesFailWithoutAllocating) {
  // schema: a list claiming 2^31 - 1 structs in a few bytes.
  const std::string bytes = Bytes({0x15, 0x02, 0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00});
  EXPECT_THAT(DecodeFileMetaData(bytes),
              StatusIs(StatusCode::kCorruption, HasSubstr("declares 2147483647 elements")));
}

TEST(FileMetaDataDecoding, UnionsMustHaveExactlyOneMember) {
  FileMetaData metadata = SmallFileMetaData();
  metadata.column_orders = std::vector<ColumnOrder>{ColumnOrder::kTypeDefined};
  std::string bytes = Encode(metadata);
  // The column order union is the last field: ... 0x19 0x1c {0x1c 0x00 0x00} 0x00.
  ASSERT_EQ(bytes.substr(bytes.size() - 6), Bytes({0x19, 0x1c, 0x1c, 0x00, 0x00, 0x00}));
  std::string empty_union = bytes.substr(0, bytes.size() - 4) + Bytes({0x00, 0x00});
  EXPECT_THAT(DecodeFileMetaData(empty_union),
              StatusIs(StatusCode::kCorruption, HasSubstr("ColumnOrder union at offset")));
}

TEST(FooterFraming, AppendAndLocate) {
  std::string file = "PAR1data";
  AppendFooter(SmallFileMetaData(), &file);
  ASSERT_EQ(file.substr(file.size() - 4), "PAR1");
  ASSERT_OK_AND_ASSIGN(FooterLocation location,
                       LocateFooter(file.size(), file.substr(file.size() - kFooterTailSize)));
  EXPECT_EQ(location.metadata_offset, 8u);
  EXPECT_EQ(location.metadata_length, kSmallFileMetaDataBytes.size());
  ASSERT_OK_AND_ASSIGN(
      FileMetaData decoded,
      DecodeFileMetaData(file.substr(location.metadata_offset, location.metadata_length),
                         location.metadata_offset));
  EXPECT_EQ(decoded, SmallFileMetaData());
  EXPECT_OK(CheckLeadingMagic(file.substr(0, 4)));
}

TEST(FooterFraming, RejectsBadTails) {
  EXPECT_THAT(LocateFooter(11, std::string(8, 'x')),
              StatusIs(StatusCode::kCorruption, HasSubstr("11 bytes is shorter")));
  EXPECT_THAT(LocateFooter(100, Bytes({4, 0, 0, 0}) + "PAR2"),
              StatusIs(StatusCode::kCorruption, HasSubstr("bytes 96..99")));
  EXPECT_THAT(LocateFooter(100, Bytes({89, 0, 0, 0}) + "PAR1"),
              StatusIs(StatusCode::kCorruption, HasSubstr("footer length 89 at offset 92")));
  EXPECT_OK(LocateFooter(100, Bytes({88, 0, 0, 0}) + "PAR1").status());
  EXPECT_THAT(LocateFooter(100, Bytes({4, 0, 0, 0}) + "PARE"),
              StatusIs(StatusCode::kUnimplemented));
  EXPECT_THAT(LocateFooter(100, "PAR1"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckLeadingMagic("PK\x03\x04"),
              StatusIs(StatusCode::kCorruption, HasSubstr("not a Parquet file")));
  EXPECT_THAT(CheckLeadingMagic("PARE"), StatusIs(StatusCode::kUnimplemented));
}

TEST(Names, FollowParquetThrift) {
  EXPECT_EQ(PhysicalTypeName(PhysicalType::kFixedLenByteArray), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(ConvertedTypeName(ConvertedType::kTimestampMicros), "TIMESTAMP_MICROS");
  EXPECT_EQ(RepetitionName(Repetition::kOptional), "OPTIONAL");
  EXPECT_EQ(EncodingName(Encoding::kRleDictionary), "RLE_DICTIONARY");
  EXPECT_EQ(EncodingName(static_cast<Encoding>(1)), "ENCODING(1)");
  EXPECT_EQ(PageTypeName(static_cast<PageType>(-3)), "PAGE_TYPE(-3)");
  EXPECT_EQ(LogicalTypeName(DecimalType{.scale = 2, .precision = 10}), "DECIMAL(10,2)");
  EXPECT_EQ(LogicalTypeName(TimestampType{.is_adjusted_to_utc = true, .unit = TimeUnit::kMicros}),
            "TIMESTAMP(MICROS,utc)");
  EXPECT_EQ(LogicalTypeName(IntType{.bit_width = 8, .is_signed = false}), "INT(8,unsigned)");
}

}  // namespace
}  // namespace binlake::parquet
