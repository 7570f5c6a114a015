// The tables the Parquet benchmarks write, generated deterministically in memory (the same
// rows on every run and in every program): parquet_writer_bench (google-benchmark) and
// parquet_vs_duckdb_bench (bench/parquet_vs_duckdb.sh, side by side with DuckDB).
//
//   Sysbench  sysbench's sbtest: id INT, k INT, c CHAR(120), pad CHAR(60) (119 and 59 chars of
//             11-digit groups joined by dashes, as sysbench fills them).
//   Wide      20 mixed columns (ints, bigints, doubles, decimals, dates, timestamps, short and
//             long strings, booleans, ~10 % NULLs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/io/byte_sink.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/schema.h"

namespace binlake::parquet {

inline constexpr size_t kBatchRows = 8192;

// Counts bytes without keeping them.
class CountingSink final : public io::ByteSink {
 public:
  Status Append(std::string_view bytes) override {
    size_ += bytes.size();
    return Status::Ok();
  }
  uint64_t size() const { return size_; }

 private:
  uint64_t size_ = 0;
};

std::vector<ColumnSpec> SysbenchSchema();
// Appends rows [first, first + count) of a `total`-row sysbench table to `batch` (row ids are
// first + 1...; k is uniform in 1..total). `rng` carries the random stream from call to call.
void AppendSysbenchRows(size_t first, size_t count, size_t total, std::mt19937_64& rng,
                        RowBatch* batch);
// All rows, in batches of kBatchRows.
std::vector<RowBatch> SysbenchRows(size_t rows);

std::vector<ColumnSpec> WideSchema();
std::vector<RowBatch> WideRows(size_t rows);

}  // namespace binlake::parquet
