// parquet_writer_bench: rows per CPU-second of the Parquet FileWriter, and the file size.
//
//   cmake -DBINLAKE_BUILD_BENCHMARKS=ON ... && ninja parquet_writer_bench
//   build/bench/parquet_writer_bench --benchmark_filter=Sysbench
//
// Tables (parquet_bench_tables.h; rows built in memory before timing, like DuckDB's in-memory
// table -> Parquet anchor): Sysbench, 2,000,000 rows, and Wide, 500,000 rows.
// Codecs ZSTD (level 3 as DuckDB, and level 1), SNAPPY and UNCOMPRESSED. items_per_second =
// rows per CPU second (the benchmark's CPU time); counters: file_bytes.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "binlake/parquet/writer.h"
#include "parquet_bench_tables.h"

namespace binlake::parquet {
namespace {

void RunWriter(benchmark::State& state, const std::vector<ColumnSpec>& schema,
               const std::vector<RowBatch>& batches, size_t rows) {
  WriterOptions options;
  options.codec = static_cast<Codec>(state.range(0));
  options.compression.zstd_level = static_cast<int>(state.range(1));
  uint64_t file_bytes = 0;
  for (auto _ : state) {
    CountingSink sink;
    auto writer = FileWriter::Open(schema, options, &sink);
    if (!writer.ok()) {
      state.SkipWithError(writer.status().ToString().c_str());
      return;
    }
    for (const RowBatch& batch : batches) {
      const Status status = (*writer)->Write(batch);
      if (!status.ok()) {
        state.SkipWithError(status.ToString().c_str());
        return;
      }
    }
    auto summary = (*writer)->Finish();
    if (!summary.ok()) {
      state.SkipWithError(summary.status().ToString().c_str());
      return;
    }
    file_bytes = summary->file_size;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
  state.counters["file_bytes"] = static_cast<double>(file_bytes);
}

void BM_Sysbench(benchmark::State& state) {
  constexpr size_t kRows = 2000000;
  static const std::vector<RowBatch> batches = SysbenchRows(kRows);
  RunWriter(state, SysbenchSchema(), batches, kRows);
}

void BM_Wide(benchmark::State& state) {
  constexpr size_t kRows = 500000;
  static const std::vector<RowBatch> batches = WideRows(kRows);
  RunWriter(state, WideSchema(), batches, kRows);
}

void Codecs(benchmark::internal::Benchmark* bench) {
  bench->ArgNames({"codec", "zstd_level"})
      ->Args({static_cast<int>(Codec::kZstd), 3})
      ->Args({static_cast<int>(Codec::kZstd), 1})
      ->Args({static_cast<int>(Codec::kSnappy), 3})
      ->Args({static_cast<int>(Codec::kUncompressed), 3})
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1);
}

BENCHMARK(BM_Sysbench)->Apply(Codecs);
BENCHMARK(BM_Wide)->Apply(Codecs);

}  // namespace
}  // namespace binlake::parquet

BENCHMARK_MAIN();
