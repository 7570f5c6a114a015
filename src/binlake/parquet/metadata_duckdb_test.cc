// Footers and page headers written by DuckDB 1.5.6 (src/binlake/parquet/testdata/duckdb_*), decoded
// by our metadata layer. The files came from COPY ... TO (FORMAT parquet) of a 3,000-row table
// with one column per common type; the expectations below were read back with DuckDB's own
// parquet_metadata() / parquet_schema() / parquet_kv_metadata().
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "binlake/parquet/metadata.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::testing::Contains;

std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(BINLAKE_PARQUET_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

const SchemaElement& Element(const FileMetaData& metadata, std::string_view name) {
  const auto it = std::find_if(metadata.schema.begin(), metadata.schema.end(),
                               [&](const SchemaElement& e) { return e.name == name; });
  EXPECT_NE(it, metadata.schema.end()) << name;
  return *it;
}

const ColumnMetaData& Column(const FileMetaData& metadata, std::string_view name) {
  const auto& columns = metadata.row_groups.at(0).columns;
  const auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnChunk& c) {
    return c.meta_data->path_in_schema == std::vector<std::string>{std::string(name)};
  });
  EXPECT_NE(it, columns.end()) << name;
  return *it->meta_data;
}

std::string Int32Le(int32_t value) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) {
    out[static_cast<size_t>(i)] =
        static_cast<char>((static_cast<uint32_t>(value) >> (8 * i)) & 0xff);
  }
  return out;
}

class DuckDbFooter : public ::testing::TestWithParam<std::string> {};

TEST_P(DuckDbFooter, DecodesAndReencodesToTheSameStruct) {
  const std::string bytes = ReadTestFile("duckdb_" + GetParam() + ".footer");
  ASSERT_GT(bytes.size(), 1000u);
  ASSERT_OK_AND_ASSIGN(FileMetaData metadata, DecodeFileMetaData(bytes));
  // PARQUET_VERSION v2 (newer encodings) is recorded as format version 2.
  EXPECT_EQ(metadata.version, GetParam() == "snappy_v2" ? 2 : 1);
  EXPECT_EQ(metadata.created_by, "DuckDB version v1.5.6 (build 069cc9f9b5)");
  EXPECT_EQ(metadata.num_rows, 3000);
  ASSERT_EQ(metadata.schema.size(), 20u);
  EXPECT_EQ(metadata.schema[0].name, "duckdb_schema");
  EXPECT_EQ(metadata.schema[0].num_children, 19);
  ASSERT_EQ(metadata.row_groups.size(), 1u);
  EXPECT_EQ(metadata.row_groups[0].num_rows, 3000);
  EXPECT_EQ(metadata.row_groups[0].columns.size(), 19u);

  std::string reencoded;
  EncodeFileMetaData(metadata, &reencoded);
  ASSERT_OK_AND_ASSIGN(FileMetaData again, DecodeFileMetaData(reencoded));
  // Not byte-identical to DuckDB's footer: DuckDB also writes ColumnMetaData fields 14 and 15
  // (bloom_filter_offset/length), which the decoder skips.
  EXPECT_EQ(again, metadata);
}

INSTANTIATE_TEST_SUITE_P(Codecs, DuckDbFooter,
                         ::testing::Values("zstd_v1", "snappy_v2", "gzip", "uncompressed_kv"));

TEST(DuckDbFooter, SchemaCarriesLogicalAndConvertedTypes) {
  ASSERT_OK_AND_ASSIGN(FileMetaData metadata,
                       DecodeFileMetaData(ReadTestFile("duckdb_zstd_v1.footer")));
  EXPECT_EQ(Element(metadata, "tiny").converted_type, ConvertedType::kInt8);
  EXPECT_EQ(Element(metadata, "utiny").converted_type, ConvertedType::kUint8);
  EXPECT_EQ(Element(metadata, "s").converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(Element(metadata, "s").repetition_type, Repetition::kOptional);

  const SchemaElement& dec38 = Element(metadata, "dec38");
  EXPECT_EQ(dec38.type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(dec38.type_length, 16);
  EXPECT_EQ(dec38.scale, 10);
  EXPECT_EQ(dec38.precision, 38);
  EXPECT_EQ(dec38.logical_type, LogicalType(DecimalType{.scale = 10, .precision = 38}));

  EXPECT_EQ(Element(metadata, "ts").logical_type,
            LogicalType(TimestampType{.is_adjusted_to_utc = false, .unit = TimeUnit::kMicros}));
  EXPECT_EQ(Element(metadata, "tstz").logical_type,
            LogicalType(TimestampType{.is_adjusted_to_utc = true, .unit = TimeUnit::kMicros}));
  EXPECT_EQ(Element(metadata, "ts").converted_type, ConvertedType::kTimestampMicros);
  EXPECT_EQ(Element(metadata, "tm").logical_type,
            LogicalType(TimeType{.is_adjusted_to_utc = false, .unit = TimeUnit::kMicros}));
  EXPECT_EQ(Element(metadata, "js").logical_type, LogicalType(JsonType{}));
  EXPECT_EQ(Element(metadata, "u").logical_type, LogicalType(UuidType{}));
  EXPECT_EQ(Element(metadata, "dt").converted_type, ConvertedType::kDate);
}

TEST(DuckDbFooter, ColumnChunksCarryOffsetsCodecsAndStatistics) {
  ASSERT_OK_AND_ASSIGN(FileMetaData metadata,
                       DecodeFileMetaData(ReadTestFile("duckdb_zstd_v1.footer")));
  const ColumnMetaData& tiny = Column(metadata, "tiny");
  EXPECT_EQ(tiny.type, PhysicalType::kInt32);
  EXPECT_EQ(tiny.codec, Codec::kZstd);
  EXPECT_EQ(tiny.num_values, 3000);
  EXPECT_EQ(tiny.dictionary_page_offset, 25406);
  EXPECT_EQ(tiny.data_page_offset, 25456);
  EXPECT_THAT(tiny.encodings, Contains(Encoding::kPlainDictionary));
  ASSERT_TRUE(tiny.statistics.has_value());
  EXPECT_EQ(tiny.statistics->min_value, Int32Le(0));
  EXPECT_EQ(tiny.statistics->max_value, Int32Le(6));
  EXPECT_EQ(tiny.statistics->null_count, 0);

  const ColumnMetaData& s = Column(metadata, "s");
  EXPECT_EQ(s.statistics->min_value, "name-0");
  EXPECT_EQ(s.statistics->max_value, "name-9");
  EXPECT_EQ(Column(metadata, "nullable").statistics->null_count, 600);
  EXPECT_EQ(Column(metadata, "id").data_page_offset, 4);
}

TEST(DuckDbFooter, OtherCodecsAndEncodings) {
  ASSERT_OK_AND_ASSIGN(FileMetaData snappy,
                       DecodeFileMetaData(ReadTestFile("duckdb_snappy_v2.footer")));
  EXPECT_EQ(Column(snappy, "s").codec, Codec::kSnappy);
  EXPECT_THAT(Column(snappy, "s").encodings, Contains(Encoding::kRleDictionary));
  EXPECT_THAT(Column(snappy, "nullable").encodings, Contains(Encoding::kDeltaBinaryPacked));
  ASSERT_OK_AND_ASSIGN(FileMetaData gzip, DecodeFileMetaData(ReadTestFile("duckdb_gzip.footer")));
  EXPECT_EQ(Column(gzip, "b").codec, Codec::kGzip);
}

TEST(DuckDbFooter, KeyValueMetadataAndFieldIds) {
  ASSERT_OK_AND_ASSIGN(FileMetaData metadata,
                       DecodeFileMetaData(ReadTestFile("duckdb_uncompressed_kv.footer")));
  ASSERT_TRUE(metadata.key_value_metadata.has_value());
  EXPECT_THAT(*metadata.key_value_metadata, Contains(KeyValue{"owner", "binlake"}));
  EXPECT_THAT(*metadata.key_value_metadata, Contains(KeyValue{"n", "1"}));
  EXPECT_EQ(Element(metadata, "id").field_id, 0);
  EXPECT_EQ(Element(metadata, "b").field_id, 18);
  EXPECT_EQ(Column(metadata, "b").codec, Codec::kUncompressed);
}

TEST(DuckDbPageHeader, DictionaryPageEndsWhereTheDataPageStarts) {
  // The bytes at dictionary_page_offset 25406 of the zstd file; its data page is at 25456.
  const std::string bytes = ReadTestFile("duckdb_zstd_v1_tiny_dictionary.page");
  ByteReader reader(bytes, 25406);
  ASSERT_OK_AND_ASSIGN(PageHeader header, DecodePageHeader(reader));
  EXPECT_EQ(header.type, PageType::kDictionaryPage);
  ASSERT_TRUE(header.dictionary_page_header.has_value());
  EXPECT_EQ(header.dictionary_page_header->num_values, 7);
  EXPECT_EQ(header.uncompressed_page_size, 7 * 4);
  EXPECT_EQ(reader.offset() + static_cast<uint64_t>(header.compressed_page_size), 25456u);
}

TEST(DuckDbPageHeader, DataPages) {
  const std::string v1_bytes = ReadTestFile("duckdb_zstd_v1_tiny_data.page");
  ByteReader v1_reader(v1_bytes, 25456);
  ASSERT_OK_AND_ASSIGN(PageHeader v1, DecodePageHeader(v1_reader));
  EXPECT_EQ(v1.type, PageType::kDataPage);
  ASSERT_TRUE(v1.data_page_header.has_value());
  EXPECT_EQ(v1.data_page_header->num_values, 3000);
  // DuckDB's format version 1 uses the older name of dictionary indices.
  EXPECT_EQ(v1.data_page_header->encoding, Encoding::kPlainDictionary);

  // Format version 2 keeps v1 data pages but uses the newer encodings.
  const std::string v2_bytes = ReadTestFile("duckdb_snappy_v2_nullable_data.page");
  ByteReader v2_reader(v2_bytes, 31169);
  ASSERT_OK_AND_ASSIGN(PageHeader v2, DecodePageHeader(v2_reader));
  EXPECT_EQ(v2.type, PageType::kDataPage);
  ASSERT_TRUE(v2.data_page_header.has_value());
  EXPECT_EQ(v2.data_page_header->num_values, 3000);
  EXPECT_EQ(v2.data_page_header->encoding, Encoding::kDeltaBinaryPacked);
  EXPECT_EQ(v2.data_page_header->definition_level_encoding, Encoding::kRle);
}

}  // namespace
}  // namespace binlake::parquet
