#include "parquet_bench_tables.h"

#include <algorithm>

namespace binlake::parquet {
namespace {

std::string DigitGroups(std::mt19937_64& rng, int groups) {
  std::string out;
  for (int g = 0; g < groups; ++g) {
    if (g > 0) {
      out.push_back('-');
    }
    for (int d = 0; d < 11; ++d) {
      out.push_back(static_cast<char>('0' + rng() % 10));
    }
  }
  return out;
}

void AppendWideValue(ColumnValues& column, size_t index, std::mt19937_64& rng, size_t row) {
  const uint64_t r = rng();
  if (r % 10 == 0) {
    column.AppendNull();
    return;
  }
  switch (index % 10) {
    case 0:
      column.AppendInt32(static_cast<int32_t>(r % 100000));
      break;
    case 1:
      column.AppendInt64(static_cast<int64_t>(row) * 7919 + static_cast<int64_t>(r % 1000));
      break;
    case 2:
      column.AppendDouble(static_cast<double>(r % 1000000) / 100.0);
      break;
    case 3:
      column.AppendInt64(static_cast<int64_t>(r % 100000000));
      break;
    case 4: {
      std::string fixed(16, '\0');
      fixed[15] = static_cast<char>(r);
      fixed[14] = static_cast<char>(r >> 8);
      column.AppendBytes(fixed);
      break;
    }
    case 5:
      column.AppendInt32(static_cast<int32_t>(18000 + r % 3000));
      break;
    case 6:
      column.AppendInt64(1600000000000000 + static_cast<int64_t>(row) * 1000000);
      break;
    case 7:
      column.AppendBytes("code-" + std::to_string(r % 200));
      break;
    case 8:
      column.AppendBytes(DigitGroups(rng, static_cast<int>(1 + r % 6)));
      break;
    default:
      column.AppendBool(r % 3 == 0);
      break;
  }
}

}  // namespace

std::vector<ColumnSpec> SysbenchSchema() {
  return {MakeColumn("id", 1, PhysicalType::kInt32, Repetition::kRequired, IntType{32, true}),
          MakeColumn("k", 2, PhysicalType::kInt32, Repetition::kRequired, IntType{32, true}),
          MakeColumn("c", 3, PhysicalType::kByteArray, Repetition::kRequired, StringType{}),
          MakeColumn("pad", 4, PhysicalType::kByteArray, Repetition::kRequired, StringType{})};
}

void AppendSysbenchRows(size_t first, size_t count, size_t total, std::mt19937_64& rng,
                        RowBatch* batch) {
  for (size_t r = first; r < first + count; ++r) {
    batch->column(0).AppendInt32(static_cast<int32_t>(r + 1));
    batch->column(1).AppendInt32(static_cast<int32_t>(rng() % total + 1));
    batch->column(2).AppendBytes(DigitGroups(rng, 10));
    batch->column(3).AppendBytes(DigitGroups(rng, 5));
  }
}

std::vector<RowBatch> SysbenchRows(size_t rows) {
  const std::vector<ColumnSpec> schema = SysbenchSchema();
  std::mt19937_64 rng(7);
  std::vector<RowBatch> batches;
  for (size_t start = 0; start < rows; start += kBatchRows) {
    RowBatch batch(schema);
    AppendSysbenchRows(start, std::min(kBatchRows, rows - start), rows, rng, &batch);
    batches.push_back(std::move(batch));
  }
  return batches;
}

std::vector<ColumnSpec> WideSchema() {
  std::vector<ColumnSpec> schema;
  int32_t id = 1;
  for (int i = 0; i < 2; ++i) {
    const std::string n = std::to_string(i);
    schema.push_back(MakeColumn("int" + n, id++, PhysicalType::kInt32, Repetition::kOptional));
    schema.push_back(MakeColumn("big" + n, id++, PhysicalType::kInt64, Repetition::kOptional));
    schema.push_back(MakeColumn("dbl" + n, id++, PhysicalType::kDouble, Repetition::kOptional));
    schema.push_back(MakeColumn("dec" + n, id++, PhysicalType::kInt64, Repetition::kOptional,
                                DecimalType{2, 12}));
    schema.push_back(MakeColumn("dec38_" + n, id++, PhysicalType::kFixedLenByteArray,
                                Repetition::kOptional, DecimalType{10, 38}, 16));
    schema.push_back(
        MakeColumn("date" + n, id++, PhysicalType::kInt32, Repetition::kOptional, DateType{}));
    schema.push_back(MakeColumn("ts" + n, id++, PhysicalType::kInt64, Repetition::kOptional,
                                TimestampType{false, TimeUnit::kMicros}));
    schema.push_back(MakeColumn("code" + n, id++, PhysicalType::kByteArray, Repetition::kOptional,
                                StringType{}));
    schema.push_back(MakeColumn("text" + n, id++, PhysicalType::kByteArray, Repetition::kOptional,
                                StringType{}));
    schema.push_back(MakeColumn("flag" + n, id++, PhysicalType::kBoolean, Repetition::kOptional));
  }
  return schema;
}

std::vector<RowBatch> WideRows(size_t rows) {
  const std::vector<ColumnSpec> schema = WideSchema();
  std::mt19937_64 rng(11);
  std::vector<RowBatch> batches;
  for (size_t start = 0; start < rows; start += kBatchRows) {
    RowBatch batch(schema);
    for (size_t row = start; row < std::min(rows, start + kBatchRows); ++row) {
      for (size_t c = 0; c < schema.size(); ++c) {
        AppendWideValue(batch.column(c), c, rng, row);
      }
    }
    batches.push_back(std::move(batch));
  }
  return batches;
}

}  // namespace binlake::parquet
