// FileWriter output checked through its metadata: exact offsets and sizes, statistics in each
// column order, dictionary fallback, row-group cutting, determinism, a golden file, the Iceberg
// metrics, and the errors of bad schemas and batches.
#include "binlake/parquet/writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "binlake/base/byte_reader.h"
#include "binlake/io/random_access_source.h"
#include "binlake/parquet/reader.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Write(const std::vector<ColumnSpec>& schema, const WriterOptions& options,
                  const std::vector<RowBatch>& batches, FileSummary* summary = nullptr) {
  io::StringSink sink;
  auto writer = FileWriter::Open(schema, options, &sink);
  EXPECT_THAT(writer.status(), IsOk());
  for (const RowBatch& batch : batches) {
    EXPECT_THAT((*writer)->Write(batch), IsOk());
  }
  auto result = (*writer)->Finish();
  EXPECT_THAT(result.status(), IsOk());
  if (summary != nullptr && result.ok()) {
    *summary = *result;
  }
  return sink.Release();
}

FileMetaData Footer(const std::string& file) {
  io::StringSource source(file);
  auto reader = FileReader::Open(&source);
  EXPECT_THAT(reader.status(), IsOk());
  return (*reader)->metadata();
}

std::string Le32(int32_t v) {
  std::string out(4, '\0');
  for (size_t i = 0; i < 4; ++i) {
    out[i] = static_cast<char>(static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * i)));
  }
  return out;
}

std::string LeFloat(float v) {
  return Le32(std::bit_cast<int32_t>(v));
}

std::vector<ColumnSpec> TwoColumns() {
  return {MakeColumn("id", 1, PhysicalType::kInt64, Repetition::kRequired),
          MakeColumn("name", 2, PhysicalType::kByteArray, Repetition::kOptional, StringType{})};
}

RowBatch TwoColumnRows(int64_t first, int64_t count) {
  RowBatch batch(TwoColumns());
  for (int64_t i = first; i < first + count; ++i) {
    batch.column(0).AppendInt64(i);
    if (i % 4 == 0) {
      batch.column(1).AppendNull();
    } else {
      batch.column(1).AppendBytes("name-" + std::to_string(i % 100));
    }
  }
  return batch;
}

// Walks the pages of every chunk: offsets and total sizes must match the bytes.
TEST(WriterTest, OffsetsAndSizesMatchThePages) {
  WriterOptions options;
  options.data_page_size = 2000;
  options.row_group_size = 30000;
  const std::string file = Write(TwoColumns(), options, {TwoColumnRows(0, 20000)});
  const FileMetaData footer = Footer(file);
  ASSERT_GT(footer.row_groups.size(), 1U);
  int64_t expected_offset = 4;
  for (const RowGroup& group : footer.row_groups) {
    ASSERT_TRUE(group.file_offset.has_value());
    EXPECT_EQ(*group.file_offset, expected_offset);
    int64_t group_compressed = 0;
    for (const ColumnChunk& chunk : group.columns) {
      const ColumnMetaData& meta = *chunk.meta_data;
      const int64_t start = meta.dictionary_page_offset.value_or(meta.data_page_offset);
      EXPECT_EQ(start, expected_offset);
      ByteReader pages(
          std::string_view(file).substr(static_cast<size_t>(start),
                                        static_cast<size_t>(meta.total_compressed_size)),
          static_cast<uint64_t>(start));
      int64_t uncompressed = 0;
      int64_t values = 0;
      bool first = true;
      while (!pages.AtEnd()) {
        const uint64_t page_offset = pages.offset();
        ASSERT_OK_AND_ASSIGN(const PageHeader header, DecodePageHeader(pages));
        const auto header_size = static_cast<int64_t>(pages.offset() - page_offset);
        if (first && meta.dictionary_page_offset.has_value()) {
          EXPECT_EQ(header.type, PageType::kDictionaryPage);
        } else if (header.type != PageType::kDictionaryPage && values == 0) {
          EXPECT_EQ(static_cast<int64_t>(page_offset), meta.data_page_offset);
        }
        if (header.type == PageType::kDataPage) {
          values += header.data_page_header->num_values;
        }
        first = false;
        uncompressed += header_size + header.uncompressed_page_size;
        ASSERT_THAT(pages.Skip(static_cast<size_t>(header.compressed_page_size)), IsOk());
      }
      EXPECT_EQ(uncompressed, meta.total_uncompressed_size);
      EXPECT_EQ(values, meta.num_values);
      EXPECT_EQ(values, group.num_rows);
      expected_offset += meta.total_compressed_size;
      group_compressed += meta.total_compressed_size;
    }
    EXPECT_EQ(group.total_compressed_size, group_compressed);
  }
}

TEST(WriterTest, OutputDoesNotDependOnHowRowsAreSplitIntoBatches) {
  WriterOptions options;
  options.data_page_size = 1000;
  options.row_group_size = 20000;
  const std::string whole = Write(TwoColumns(), options, {TwoColumnRows(0, 9000)});
  const std::string split = Write(TwoColumns(), options,
                                  {TwoColumnRows(0, 1), TwoColumnRows(1, 4000),
                                   TwoColumnRows(4001, 999), TwoColumnRows(5000, 4000)});
  EXPECT_EQ(whole, split);
  EXPECT_EQ(whole, Write(TwoColumns(), options, {TwoColumnRows(0, 9000)}));
}

// A small file's exact bytes: any change to the writer's output shows up here. Regenerate with
// BINLAKE_UPDATE_GOLDEN=1 after checking the new file with DuckDB.
TEST(WriterTest, GoldenFile) {
  WriterOptions options;
  options.codec = Codec::kUncompressed;
  options.created_by = MakeCreatedBy("0.1.0", "golden");
  options.key_value_metadata = {{"origin", "binlake golden test"}};
  const std::string file = Write(TwoColumns(), options, {TwoColumnRows(0, 10)});
  const std::string path = std::string(BINLAKE_PARQUET_TESTDATA) + "/binlake_golden_small.parquet";
  if (std::getenv("BINLAKE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << file;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(file, golden.str());
}

TEST(WriterTest, SchemaElementsCarryFieldIdsAndBothTypeAnnotations) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("u8", 7, PhysicalType::kInt32, Repetition::kRequired, IntType{8, false}),
      MakeColumn("d", 8, PhysicalType::kFixedLenByteArray, Repetition::kOptional,
                 DecimalType{0, 20}, 9),
      MakeColumn("ts", 9, PhysicalType::kInt64, Repetition::kOptional,
                 TimestampType{false, TimeUnit::kMicros}),
      MakeColumn("j", 10, PhysicalType::kByteArray, Repetition::kOptional, JsonType{})};
  const FileMetaData footer = Footer(Write(schema, WriterOptions{}, {RowBatch(schema)}));
  ASSERT_EQ(footer.schema.size(), 5U);
  EXPECT_EQ(footer.schema[0].num_children, 4);
  EXPECT_EQ(footer.schema[1].field_id, 7);
  EXPECT_EQ(footer.schema[1].converted_type, ConvertedType::kUint8);
  EXPECT_EQ(footer.schema[2].converted_type, ConvertedType::kDecimal);
  EXPECT_EQ(footer.schema[2].precision, 20);
  EXPECT_EQ(footer.schema[2].scale, 0);
  EXPECT_EQ(footer.schema[2].type_length, 9);
  EXPECT_EQ(footer.schema[3].converted_type, ConvertedType::kTimestampMicros);
  EXPECT_EQ(footer.schema[3].logical_type, LogicalType(TimestampType{false, TimeUnit::kMicros}));
  EXPECT_EQ(footer.schema[4].converted_type, ConvertedType::kJson);
  ASSERT_TRUE(footer.column_orders.has_value());
  EXPECT_THAT(*footer.column_orders,
              ElementsAre(ColumnOrder::kTypeDefined, ColumnOrder::kTypeDefined,
                          ColumnOrder::kTypeDefined, ColumnOrder::kTypeDefined));
  EXPECT_EQ(footer.created_by, WriterOptions{}.created_by);
}

TEST(WriterTest, CreatedByMatchesParquetJavasPattern) {
  EXPECT_EQ(MakeCreatedBy("1.2.3", "abc123"), "binlake version 1.2.3 (build abc123)");
}

Statistics ChunkStatistics(const std::vector<ColumnSpec>& schema, const RowBatch& batch,
                           size_t column = 0) {
  const FileMetaData footer = Footer(Write(schema, WriterOptions{}, {batch}));
  return *footer.row_groups.at(0).columns.at(column).meta_data->statistics;
}

TEST(WriterTest, IntegerStatisticsFollowTheSignOfTheLogicalType) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("s", 1, PhysicalType::kInt32, Repetition::kRequired),
      MakeColumn("u", 2, PhysicalType::kInt32, Repetition::kRequired, IntType{32, false})};
  RowBatch batch(schema);
  for (const int32_t v : {5, -1, 7}) {
    batch.column(0).AppendInt32(v);
    batch.column(1).AppendInt32(v);
  }
  const Statistics signed_stats = ChunkStatistics(schema, batch, 0);
  EXPECT_EQ(signed_stats.min_value, Le32(-1));
  EXPECT_EQ(signed_stats.max_value, Le32(7));
  EXPECT_EQ(signed_stats.min, Le32(-1));  // legacy fields: same order
  const Statistics unsigned_stats = ChunkStatistics(schema, batch, 1);
  EXPECT_EQ(unsigned_stats.min_value, Le32(5));
  EXPECT_EQ(unsigned_stats.max_value, Le32(-1));  // 0xffffffff
  EXPECT_FALSE(unsigned_stats.min.has_value());
  EXPECT_EQ(unsigned_stats.null_count, 0);
}

TEST(WriterTest, FloatStatisticsSkipNanAndSignZeros) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("f", 1, PhysicalType::kFloat, Repetition::kOptional)};
  RowBatch batch(schema);
  batch.column(0).AppendFloat(std::numeric_limits<float>::quiet_NaN());
  batch.column(0).AppendFloat(0.0f);
  batch.column(0).AppendNull();
  batch.column(0).AppendFloat(-0.0f);
  const Statistics stats = ChunkStatistics(schema, batch);
  EXPECT_EQ(stats.min_value, LeFloat(-0.0f));
  EXPECT_EQ(stats.max_value, LeFloat(0.0f));
  EXPECT_EQ(stats.null_count, 1);

  RowBatch only_nan(schema);
  only_nan.column(0).AppendFloat(std::numeric_limits<float>::quiet_NaN());
  const Statistics nan_stats = ChunkStatistics(schema, only_nan);
  EXPECT_FALSE(nan_stats.min_value.has_value());
  EXPECT_FALSE(nan_stats.max_value.has_value());
}

TEST(WriterTest, BinaryStatisticsAreUnsignedAndDecimalsSigned) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("s", 1, PhysicalType::kByteArray, Repetition::kRequired, StringType{}),
      MakeColumn("d", 2, PhysicalType::kFixedLenByteArray, Repetition::kRequired, DecimalType{0, 4},
                 2)};
  RowBatch batch(schema);
  for (const char* s : {"b", "\xc3\xa9", "a"}) {
    batch.column(0).AppendBytes(s);
  }
  for (const char* d : {"\x00\x05", "\xff\xfe", "\x7f\x00"}) {
    batch.column(1).AppendBytes(std::string_view(d, 2));
  }
  const Statistics strings = ChunkStatistics(schema, batch, 0);
  EXPECT_EQ(strings.min_value, "a");
  EXPECT_EQ(strings.max_value, "\xc3\xa9");
  EXPECT_FALSE(strings.min.has_value());
  const Statistics decimals = ChunkStatistics(schema, batch, 1);
  EXPECT_EQ(decimals.min_value, std::string("\xff\xfe", 2));
  EXPECT_EQ(decimals.max_value, std::string("\x7f\x00", 2));
}

TEST(WriterTest, DictionaryFallsBackToPlainWhenFull) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("s", 1, PhysicalType::kByteArray, Repetition::kRequired, StringType{})};
  RowBatch batch(schema);
  for (int i = 0; i < 3000; ++i) {
    batch.column(0).AppendBytes("value-" + std::to_string(i));
  }
  WriterOptions options;
  options.dictionary_page_limit = 4096;
  options.data_page_size = 1024;
  const FileMetaData footer = Footer(Write(schema, options, {batch}));
  const ColumnMetaData& meta = *footer.row_groups[0].columns[0].meta_data;
  EXPECT_THAT(meta.encodings,
              ElementsAre(Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary));
  ASSERT_TRUE(meta.dictionary_page_offset.has_value());
  ASSERT_TRUE(meta.encoding_stats.has_value());
  ASSERT_EQ(meta.encoding_stats->size(), 3U);
  EXPECT_EQ((*meta.encoding_stats)[0].page_type, PageType::kDictionaryPage);
  EXPECT_EQ((*meta.encoding_stats)[1].encoding, Encoding::kRleDictionary);
  EXPECT_EQ((*meta.encoding_stats)[2].encoding, Encoding::kPlain);
  EXPECT_GT((*meta.encoding_stats)[2].count, 0);
}

TEST(WriterTest, MostlyDistinctColumnsLeaveTheDictionaryAfterTheProbe) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("id", 1, PhysicalType::kInt64, Repetition::kRequired),
      MakeColumn("k", 2, PhysicalType::kInt64, Repetition::kRequired)};
  RowBatch batch(schema);
  for (int64_t i = 0; i < 10000; ++i) {
    batch.column(0).AppendInt64(i);
    batch.column(1).AppendInt64(i % 10);
  }
  const FileMetaData footer = Footer(Write(schema, WriterOptions{}, {batch}));
  const ColumnMetaData& ids = *footer.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(ids.encoding_stats.has_value());
  ASSERT_EQ(ids.encoding_stats->size(), 3U);
  EXPECT_EQ((*ids.encoding_stats)[1].encoding, Encoding::kRleDictionary);
  EXPECT_EQ((*ids.encoding_stats)[1].count, 1);  // the probe's first 4096 values
  EXPECT_EQ((*ids.encoding_stats)[2].encoding, Encoding::kPlain);
  const ColumnMetaData& ks = *footer.row_groups[0].columns[1].meta_data;
  ASSERT_TRUE(ks.encoding_stats.has_value());
  EXPECT_EQ(ks.encoding_stats->size(), 2U);  // ten values: dictionary to the end
}

TEST(WriterTest, PlainOnlyWhenDictionaryIsOff) {
  WriterOptions options;
  options.dictionary = false;
  const FileMetaData footer = Footer(Write(TwoColumns(), options, {TwoColumnRows(0, 100)}));
  for (const ColumnChunk& chunk : footer.row_groups[0].columns) {
    EXPECT_FALSE(chunk.meta_data->dictionary_page_offset.has_value());
    EXPECT_THAT(chunk.meta_data->encodings, ElementsAre(Encoding::kPlain, Encoding::kRle));
  }
}

TEST(WriterTest, IcebergMetrics) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("id", 1, PhysicalType::kInt32, Repetition::kRequired),
      MakeColumn("f", 2, PhysicalType::kDouble, Repetition::kOptional),
      MakeColumn("s", 3, PhysicalType::kByteArray, Repetition::kOptional, StringType{}),
      MakeColumn("d", 4, PhysicalType::kInt64, Repetition::kOptional, DecimalType{2, 18}),
      MakeColumn("u64", 5, PhysicalType::kInt64, Repetition::kOptional, IntType{64, false})};
  RowBatch batch(schema);
  batch.column(0).AppendInt32(3);
  batch.column(0).AppendInt32(-2);
  batch.column(1).AppendDouble(std::numeric_limits<double>::quiet_NaN());
  batch.column(1).AppendDouble(1.5);
  batch.column(2).AppendBytes("abcdefghijklmnopqrstuvwxyz");
  batch.column(2).AppendNull();
  batch.column(3).AppendInt64(-129);
  batch.column(3).AppendInt64(128);
  batch.column(4).AppendInt64(1);
  batch.column(4).AppendNull();
  WriterOptions options;
  options.row_group_size = 1;  // one row group per 1024 rows: here one
  FileSummary summary;
  const std::string file = Write(schema, options, {batch, batch}, &summary);
  EXPECT_EQ(summary.record_count, 4);
  EXPECT_EQ(summary.file_size, file.size());
  EXPECT_THAT(summary.split_offsets, ElementsAre(4));
  ASSERT_EQ(summary.columns.size(), 5U);
  const ColumnMetrics& id = summary.columns[0];
  EXPECT_EQ(id.field_id, 1);
  EXPECT_EQ(id.value_count, 4);
  EXPECT_EQ(id.null_value_count, 0);
  EXPECT_EQ(id.lower_bound, Le32(-2));
  EXPECT_EQ(id.upper_bound, Le32(3));
  EXPECT_FALSE(id.nan_value_count.has_value());
  const FileMetaData footer = Footer(file);
  EXPECT_EQ(id.column_size, footer.row_groups[0].columns[0].meta_data->total_compressed_size);
  const ColumnMetrics& f = summary.columns[1];
  EXPECT_EQ(f.nan_value_count, 2);
  EXPECT_EQ(f.lower_bound, f.upper_bound);
  const ColumnMetrics& s = summary.columns[2];
  EXPECT_EQ(s.null_value_count, 2);
  EXPECT_EQ(s.lower_bound, "abcdefghijklmnop");
  EXPECT_EQ(s.upper_bound, "abcdefghijklmnoq");
  const ColumnMetrics& d = summary.columns[3];
  EXPECT_EQ(d.lower_bound, std::string("\xff\x7f", 2));
  EXPECT_EQ(d.upper_bound, std::string("\x00\x80", 2));
  EXPECT_FALSE(summary.columns[4].lower_bound.has_value());
}

TEST(WriterTest, RowGroupsAreCutBySizeAtFixedRowCounts) {
  WriterOptions options;
  options.row_group_size = 1;
  FileSummary summary;
  const FileMetaData footer =
      Footer(Write(TwoColumns(), options, {TwoColumnRows(0, 2500)}, &summary));
  ASSERT_EQ(footer.row_groups.size(), 3U);
  EXPECT_EQ(footer.row_groups[0].num_rows, 1024);
  EXPECT_EQ(footer.row_groups[1].num_rows, 1024);
  EXPECT_EQ(footer.row_groups[2].num_rows, 452);
  ASSERT_EQ(summary.split_offsets.size(), 3U);
  for (size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(summary.split_offsets[g], *footer.row_groups[g].file_offset);
    EXPECT_EQ(footer.row_groups[g].ordinal, static_cast<int16_t>(g));
  }
}

TEST(WriterTest, LargeValuesBringRowGroupChecksForward) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("blob", 1, PhysicalType::kByteArray, Repetition::kOptional)};
  RowBatch batch(schema);
  for (int i = 0; i < 7; ++i) {
    batch.column(0).AppendBytes(std::string(600 << 10, static_cast<char>('a' + i)));
    batch.column(0).AppendNull();
  }
  WriterOptions options;
  options.row_group_size = 1;
  options.codec = Codec::kUncompressed;
  const std::string file = Write(schema, options, {batch});
  const FileMetaData footer = Footer(file);
  // A check (and, with this limit, a flush) after every second value (1.2 MiB): rows
  // v n v | n v n v | n v n v | n v n.
  ASSERT_EQ(footer.row_groups.size(), 4U);
  EXPECT_EQ(footer.row_groups[0].num_rows, 3);
  EXPECT_EQ(footer.row_groups[1].num_rows, 4);
  EXPECT_EQ(footer.row_groups[3].num_rows, 3);
  RowBatch first(schema), second(schema);
  for (int i = 0; i < 7; ++i) {
    ColumnValues& target = i < 3 ? first.column(0) : second.column(0);
    target.AppendBytes(std::string(600 << 10, static_cast<char>('a' + i)));
    target.AppendNull();
  }
  EXPECT_EQ(Write(schema, options, {first, second}), file);
}

TEST(WriterTest, RejectsBadSchemasAndBatches) {
  io::StringSink sink;
  EXPECT_THAT(FileWriter::Open({}, WriterOptions{}, &sink).status(),
              StatusIs(StatusCode::kInvalidArgument));
  std::vector<ColumnSpec> no_id = TwoColumns();
  no_id[1].field_id.reset();
  EXPECT_THAT(FileWriter::Open(no_id, WriterOptions{}, &sink).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'name'")));

  ASSERT_OK_AND_ASSIGN(auto writer, FileWriter::Open(TwoColumns(), WriterOptions{}, &sink));
  RowBatch uneven = TwoColumnRows(0, 3);
  uneven.column(0).AppendInt64(9);
  EXPECT_THAT(writer->Write(uneven), StatusIs(StatusCode::kInvalidArgument, HasSubstr("'name'")));
  RowBatch wrong(std::vector<ColumnSpec>{TwoColumns()[1], TwoColumns()[0]});
  EXPECT_THAT(writer->Write(wrong), StatusIs(StatusCode::kInvalidArgument));
  // A rejected batch leaves the writer usable.
  EXPECT_THAT(writer->Write(TwoColumnRows(0, 3)), IsOk());
  ASSERT_OK_AND_ASSIGN(const FileSummary summary, writer->Finish());
  EXPECT_EQ(summary.record_count, 3);
  EXPECT_THAT(writer->Write(TwoColumnRows(0, 3)), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(writer->Finish().status(), StatusIs(StatusCode::kFailedPrecondition));
}

class FailingSink final : public io::ByteSink {
 public:
  Status Append(std::string_view bytes) override {
    if (budget_ < bytes.size()) {
      return UnavailableError("sink full");
    }
    budget_ -= bytes.size();
    return Status::Ok();
  }

 private:
  size_t budget_ = 100;
};

TEST(WriterTest, SinkErrorsStopTheWriter) {
  FailingSink sink;
  WriterOptions options;
  options.row_group_size = 1;
  ASSERT_OK_AND_ASSIGN(auto writer, FileWriter::Open(TwoColumns(), options, &sink));
  EXPECT_THAT(writer->Write(TwoColumnRows(0, 5000)), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(writer->Write(TwoColumnRows(0, 1)), StatusIs(StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace binlake::parquet
