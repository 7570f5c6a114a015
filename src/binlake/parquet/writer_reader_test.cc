// Round trips through FileWriter and FileReader: every physical type, required and optional,
// every codec, dictionary and PLAIN, edge values, several pages and row groups; determinism;
// offsets and statistics invariants; truncated and corrupted files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "binlake/io/byte_sink.h"
#include "binlake/io/random_access_source.h"
#include "binlake/parquet/reader.h"
#include "binlake/parquet/writer.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

// One column of each writable kind, required and optional.
std::vector<ColumnSpec> AllTypesSchema() {
  std::vector<ColumnSpec> schema;
  int32_t id = 1;
  for (const Repetition repetition : {Repetition::kRequired, Repetition::kOptional}) {
    const std::string suffix = repetition == Repetition::kRequired ? "_req" : "_opt";
    auto add = [&](std::string name, PhysicalType type, std::optional<LogicalType> logical,
                   int32_t length = 0) {
      schema.push_back(MakeColumn(name + suffix, id++, type, repetition, logical, length));
    };
    add("bool", PhysicalType::kBoolean, std::nullopt);
    add("i8", PhysicalType::kInt32, IntType{8, true});
    add("u32", PhysicalType::kInt32, IntType{32, false});
    add("i64", PhysicalType::kInt64, std::nullopt);
    add("u64", PhysicalType::kInt64, IntType{64, false});
    add("f32", PhysicalType::kFloat, std::nullopt);
    add("f64", PhysicalType::kDouble, std::nullopt);
    add("str", PhysicalType::kByteArray, StringType{});
    add("bin", PhysicalType::kByteArray, std::nullopt);
    add("dec9", PhysicalType::kInt32, DecimalType{2, 9});
    add("dec18", PhysicalType::kInt64, DecimalType{4, 18});
    add("dec38", PhysicalType::kFixedLenByteArray, DecimalType{10, 38}, 16);
    add("date", PhysicalType::kInt32, DateType{});
    add("time", PhysicalType::kInt64, TimeType{false, TimeUnit::kMicros});
    add("ts", PhysicalType::kInt64, TimestampType{true, TimeUnit::kMicros});
    add("uuid", PhysicalType::kFixedLenByteArray, UuidType{}, 16);
  }
  return schema;
}

// Deterministic pseudo-random rows; `cardinality` bounds distinct values (small = dictionary).
void FillRandom(RowBatch* batch, size_t rows, uint32_t seed, uint32_t cardinality,
                double null_fraction) {
  std::mt19937 rng(seed);
  auto pick = [&] { return static_cast<uint32_t>(rng()) % cardinality; };
  for (ColumnValues& column : batch->columns()) {
    for (size_t r = 0; r < rows; ++r) {
      if (column.optional() && std::uniform_real_distribution<double>(0, 1)(rng) < null_fraction) {
        column.AppendNull();
        continue;
      }
      const uint32_t v = pick();
      switch (column.physical_type()) {
        case PhysicalType::kBoolean:
          column.AppendBool(v % 2 == 0);
          break;
        case PhysicalType::kInt32:
          column.AppendInt32(static_cast<int32_t>(v * 2654435761U));
          break;
        case PhysicalType::kInt64:
          column.AppendInt64(static_cast<int64_t>(uint64_t{v} * 0x9E3779B97F4A7C15ULL));
          break;
        case PhysicalType::kFloat:
          column.AppendFloat(static_cast<float>(v) * 0.5f - 100.0f);
          break;
        case PhysicalType::kDouble:
          column.AppendDouble(static_cast<double>(v) * 0.25 - 1000.0);
          break;
        case PhysicalType::kByteArray:
          column.AppendBytes(std::string(v % 37, static_cast<char>('a' + v % 26)) +
                             std::to_string(v));
          break;
        default: {
          std::string fixed(static_cast<size_t>(column.type_length()), '\0');
          for (size_t i = 0; i < fixed.size(); ++i) {
            fixed[i] = static_cast<char>((v >> (i % 4 * 8)) + i);
          }
          column.AppendBytes(fixed);
          break;
        }
      }
    }
  }
}

std::string WriteFile(const std::vector<ColumnSpec>& schema, const WriterOptions& options,
                      const std::vector<const RowBatch*>& batches, FileSummary* summary = nullptr) {
  io::StringSink sink;
  auto writer = FileWriter::Open(schema, options, &sink);
  EXPECT_THAT(writer.status(), IsOk());
  if (!writer.ok()) {
    return {};
  }
  for (const RowBatch* batch : batches) {
    EXPECT_THAT((*writer)->Write(*batch), IsOk());
  }
  auto result = (*writer)->Finish();
  EXPECT_THAT(result.status(), IsOk());
  if (result.ok() && summary != nullptr) {
    *summary = *result;
  }
  return sink.Release();
}

// Values compared bit for bit (NaN and -0.0 included).
void ExpectSameColumn(const ColumnValues& want, const ColumnValues& got, const std::string& name) {
  SCOPED_TRACE(name);
  ASSERT_EQ(want.num_rows(), got.num_rows());
  ASSERT_EQ(want.num_values(), got.num_values());
  EXPECT_TRUE(std::equal(want.validity().begin(), want.validity().end(), got.validity().begin(),
                         got.validity().end()));
  EXPECT_TRUE(
      std::equal(want.bools().begin(), want.bools().end(), got.bools().begin(), got.bools().end()));
  EXPECT_TRUE(std::equal(want.int32s().begin(), want.int32s().end(), got.int32s().begin(),
                         got.int32s().end()));
  EXPECT_TRUE(std::equal(want.int64s().begin(), want.int64s().end(), got.int64s().begin(),
                         got.int64s().end()));
  ASSERT_EQ(want.floats().size(), got.floats().size());
  for (size_t i = 0; i < want.floats().size(); ++i) {
    EXPECT_EQ(std::bit_cast<uint32_t>(want.floats()[i]), std::bit_cast<uint32_t>(got.floats()[i]));
  }
  ASSERT_EQ(want.doubles().size(), got.doubles().size());
  for (size_t i = 0; i < want.doubles().size(); ++i) {
    EXPECT_EQ(std::bit_cast<uint64_t>(want.doubles()[i]),
              std::bit_cast<uint64_t>(got.doubles()[i]));
  }
  EXPECT_EQ(want.bytes(), got.bytes());
  if (want.physical_type() == PhysicalType::kByteArray) {
    EXPECT_TRUE(std::equal(want.offsets().begin(), want.offsets().end(), got.offsets().begin(),
                           got.offsets().end()));
  }
}

// Reads every row of `file` (batches of `batch_rows`) into one RowBatch.
RowBatch ReadAll(const std::string& file, size_t batch_rows = 1000) {
  io::StringSource source(file, "test.parquet");
  auto reader = FileReader::Open(&source);
  EXPECT_THAT(reader.status(), IsOk());
  if (!reader.ok()) {
    return {};
  }
  RowBatch all((*reader)->schema());
  auto batches = (*reader)->ReadBatches({}, batch_rows);
  EXPECT_THAT(batches.status(), IsOk());
  RowBatch batch;
  while (true) {
    auto more = (*batches)->Next(&batch);
    EXPECT_THAT(more.status(), IsOk());
    if (!more.ok() || !*more) {
      break;
    }
    for (size_t c = 0; c < batch.num_columns(); ++c) {
      const ColumnValues& from = batch.column(c);
      ColumnValues& to = all.column(c);
      size_t v = 0;
      for (size_t r = 0; r < from.num_rows(); ++r) {
        if (!from.IsValid(r)) {
          to.AppendNull();
          continue;
        }
        switch (from.physical_type()) {
          case PhysicalType::kBoolean:
            to.AppendBool(from.bools()[v] != 0);
            break;
          case PhysicalType::kInt32:
            to.AppendInt32(from.int32s()[v]);
            break;
          case PhysicalType::kInt64:
            to.AppendInt64(from.int64s()[v]);
            break;
          case PhysicalType::kInt96:
            to.AppendInt96(from.int96s()[v]);
            break;
          case PhysicalType::kFloat:
            to.AppendFloat(from.floats()[v]);
            break;
          case PhysicalType::kDouble:
            to.AppendDouble(from.doubles()[v]);
            break;
          default:
            to.AppendBytes(from.BytesValue(v));
            break;
        }
        ++v;
      }
    }
  }
  return all;
}

void ExpectRoundTrip(const std::vector<ColumnSpec>& schema, const WriterOptions& options,
                     const RowBatch& batch) {
  const std::string file = WriteFile(schema, options, {&batch});
  const RowBatch read = ReadAll(file);
  ASSERT_EQ(read.num_columns(), schema.size());
  for (size_t c = 0; c < schema.size(); ++c) {
    ExpectSameColumn(batch.column(c), read.column(c), schema[c].name);
  }
}

struct CodecCase {
  Codec codec;
  bool dictionary;
};

class RoundTripTest : public ::testing::TestWithParam<CodecCase> {};

TEST_P(RoundTripTest, AllTypesWithFewAndManyDistinctValues) {
  const std::vector<ColumnSpec> schema = AllTypesSchema();
  WriterOptions options;
  options.codec = GetParam().codec;
  options.dictionary = GetParam().dictionary;
  options.data_page_size = 4096;  // many pages
  for (const uint32_t cardinality : {3U, 100000U}) {
    SCOPED_TRACE(cardinality);
    RowBatch batch(schema);
    FillRandom(&batch, 5000, 42, cardinality, 0.3);
    ExpectRoundTrip(schema, options, batch);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Codecs, RoundTripTest,
    ::testing::Values(CodecCase{Codec::kUncompressed, true}, CodecCase{Codec::kUncompressed, false},
                      CodecCase{Codec::kSnappy, true}, CodecCase{Codec::kGzip, false},
                      CodecCase{Codec::kZstd, true}, CodecCase{Codec::kZstd, false}));

TEST(WriterReaderTest, EdgeValuesRoundTrip) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("i32", 1, PhysicalType::kInt32, Repetition::kOptional),
      MakeColumn("i64", 2, PhysicalType::kInt64, Repetition::kOptional),
      MakeColumn("f32", 3, PhysicalType::kFloat, Repetition::kOptional),
      MakeColumn("f64", 4, PhysicalType::kDouble, Repetition::kOptional),
      MakeColumn("s", 5, PhysicalType::kByteArray, Repetition::kOptional, StringType{}),
  };
  RowBatch batch(schema);
  for (const int32_t v :
       {std::numeric_limits<int32_t>::min(), -1, 0, 1, std::numeric_limits<int32_t>::max()}) {
    batch.column(0).AppendInt32(v);
    batch.column(1).AppendInt64(v == 0 ? 0
                                       : (v < 0 ? std::numeric_limits<int64_t>::min()
                                                : std::numeric_limits<int64_t>::max()));
  }
  for (const float v :
       {std::numeric_limits<float>::quiet_NaN(), -0.0f, 0.0f,
        std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()}) {
    batch.column(2).AppendFloat(v);
    batch.column(3).AppendDouble(static_cast<double>(v));
  }
  batch.column(4).AppendBytes("");
  batch.column(4).AppendNull();
  batch.column(4).AppendBytes(std::string(3 << 20, 'x'));  // bigger than a page and a dictionary
  batch.column(4).AppendBytes("\xff\xfe");
  batch.column(4).AppendBytes("");
  for (const Codec codec : {Codec::kUncompressed, Codec::kZstd}) {
    for (const bool dictionary : {true, false}) {
      WriterOptions options;
      options.codec = codec;
      options.dictionary = dictionary;
      ExpectRoundTrip(schema, options, batch);
    }
  }
}

TEST(WriterReaderTest, NullOnlyColumnsAndEmptyFile) {
  const std::vector<ColumnSpec> schema = {
      MakeColumn("s", 1, PhysicalType::kByteArray, Repetition::kOptional, StringType{}),
      MakeColumn("i", 2, PhysicalType::kInt32, Repetition::kOptional)};
  RowBatch batch(schema);
  for (int i = 0; i < 3000; ++i) {
    batch.column(0).AppendNull();
    batch.column(1).AppendNull();
  }
  WriterOptions options;
  ExpectRoundTrip(schema, options, batch);

  const std::string empty = WriteFile(schema, options, {});
  io::StringSource source(empty);
  ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(&source));
  EXPECT_EQ(reader->num_rows(), 0);
  EXPECT_EQ(reader->num_row_groups(), 0U);
  EXPECT_EQ(reader->schema(), schema);
}

}  // namespace
}  // namespace binlake::parquet
