// Files written by DuckDB 1.5.6 (testdata/make_duckdb_files.mjs): page v1 and v2, PLAIN,
// PLAIN_DICTIONARY, RLE_DICTIONARY, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
// BYTE_STREAM_SPLIT, uncompressed/SNAPPY/GZIP/ZSTD, several row groups. Every value is checked
// against the generator's formula for row i.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "binlake/io/random_access_source.h"
#include "binlake/parquet/reader.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(BINLAKE_PARQUET_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The 16-byte big-endian two's complement of a non-negative value.
std::string BigEndian16(int64_t value) {
  std::string out(16, '\0');
  for (size_t i = 0; i < 8; ++i) {
    out[15 - i] = static_cast<char>(static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * i)));
  }
  return out;
}

// Checks rows [first, first + n) of a batch holding every column of the DuckDB table.
void ExpectRows(const RowBatch& batch, int64_t first) {
  // Dense value cursors per column.
  std::vector<size_t> v(batch.num_columns(), 0);
  auto next = [&](size_t c) { return v[c]++; };
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    const int64_t i = first + static_cast<int64_t>(r);
    SCOPED_TRACE(i);
    EXPECT_EQ(batch.column(0).int32s()[next(0)], i);
    ASSERT_EQ(batch.column(1).IsValid(r), i % 7 != 0);
    if (i % 7 != 0) {
      EXPECT_EQ(batch.column(1).int64s()[next(1)], i * 1000003 - 5000000);
    }
    EXPECT_EQ(batch.column(2).int32s()[next(2)], i % 100 - 50);
    EXPECT_EQ(batch.column(3).int64s()[next(3)], -1 - i);  // UINT64 max - i
    ASSERT_EQ(batch.column(4).IsValid(r), i % 5 != 0);
    if (i % 5 != 0) {
      EXPECT_EQ(batch.column(4).floats()[next(4)], static_cast<float>(i) / 4.0f);
    }
    EXPECT_EQ(batch.column(5).doubles()[next(5)], static_cast<double>(i) * 1.5);
    ASSERT_EQ(batch.column(6).IsValid(r), i % 11 != 0);
    if (i % 11 != 0) {
      EXPECT_EQ(batch.column(6).BytesValue(next(6)), "v" + std::to_string(i % 50));
    }
    EXPECT_EQ(batch.column(7).BytesValue(next(7)), "unique-" + std::to_string(i));
    EXPECT_EQ(batch.column(8).bools()[next(8)], i % 3 == 0 ? 1 : 0);
    EXPECT_EQ(batch.column(9).int64s()[next(9)], i * 1125);
    EXPECT_EQ(batch.column(10).BytesValue(next(10)), BigEndian16(i * 300000));
    EXPECT_EQ(batch.column(11).int32s()[next(11)], 18262 + i);
    EXPECT_EQ(batch.column(12).int64s()[next(12)], 1577836800000000 + i * 1000000);
    EXPECT_EQ(batch.column(13).BytesValue(next(13)), "x" + std::to_string(i));
  }
}

struct DuckDbFile {
  const char* name;
  int64_t rows;
};

class DuckDbReadTest : public ::testing::TestWithParam<DuckDbFile> {};

TEST_P(DuckDbReadTest, SchemaAndEveryValue) {
  io::StringSource source(ReadTestFile(GetParam().name), GetParam().name);
  ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(&source));
  ASSERT_EQ(reader->num_rows(), GetParam().rows);
  const std::vector<ColumnSpec>& schema = reader->schema();
  ASSERT_EQ(schema.size(), 14U);
  EXPECT_EQ(schema[0].name, "i");
  EXPECT_EQ(schema[0].logical_type, LogicalType(IntType{32, true}));
  EXPECT_EQ(schema[2].logical_type, LogicalType(IntType{16, true}));
  EXPECT_EQ(schema[3].logical_type, LogicalType(IntType{64, false}));
  EXPECT_EQ(schema[6].logical_type, LogicalType(StringType{}));
  EXPECT_EQ(schema[9].logical_type, LogicalType(DecimalType{3, 18}));
  EXPECT_EQ(schema[10].physical_type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(schema[10].type_length, 16);
  EXPECT_EQ(schema[10].logical_type, LogicalType(DecimalType{5, 38}));
  EXPECT_EQ(schema[11].logical_type, LogicalType(DateType{}));
  EXPECT_EQ(schema[12].logical_type, LogicalType(TimestampType{false, TimeUnit::kMicros}));
  EXPECT_FALSE(schema[13].logical_type.has_value());

  // Odd batch sizes cross page and row-group boundaries.
  ASSERT_OK_AND_ASSIGN(auto batches, reader->ReadBatches({}, 333));
  RowBatch batch;
  int64_t first = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(const bool more, batches->Next(&batch));
    if (!more) {
      break;
    }
    ExpectRows(batch, first);
    first += static_cast<int64_t>(batch.num_rows());
  }
  EXPECT_EQ(first, GetParam().rows);
}

TEST_P(DuckDbReadTest, ProjectionOfOneRowGroup) {
  io::StringSource source(ReadTestFile(GetParam().name), GetParam().name);
  ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(&source));
  const std::vector<size_t> columns = {7, 0};
  ASSERT_OK_AND_ASSIGN(const RowBatch batch, reader->ReadRowGroup(0, columns));
  ASSERT_EQ(batch.num_columns(), 2U);
  ASSERT_EQ(static_cast<int64_t>(batch.num_rows()), reader->metadata().row_groups[0].num_rows);
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    EXPECT_EQ(batch.column(0).BytesValue(r), "unique-" + std::to_string(r));
    EXPECT_EQ(batch.column(1).int32s()[r], static_cast<int32_t>(r));
  }
}

INSTANTIATE_TEST_SUITE_P(Files, DuckDbReadTest,
                         ::testing::Values(DuckDbFile{"duckdb_v1_uncompressed.parquet", 500},
                                           DuckDbFile{"duckdb_v1_snappy.parquet", 500},
                                           DuckDbFile{"duckdb_v2_zstd.parquet", 3000},
                                           DuckDbFile{"duckdb_v2_gzip.parquet", 3000}));

}  // namespace
}  // namespace binlake::parquet
