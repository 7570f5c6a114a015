// compression_bench: page compression and decompression throughput of parquet::Compressor.
//
//   cmake -S . -B build -G Ninja -DBINLAKE_BUILD_BENCHMARKS=ON && ninja -C build compression_bench
//   build/bench/compression_bench
//
// Input: one 1 MiB page of sysbench-shaped column data (PLAIN BYTE_ARRAY values: a 4-byte
// length and 120 characters of digit groups like sysbench's `c` column). One Compressor per
// benchmark, reused across iterations as the writer does. bytes_per_second counts uncompressed
// bytes; the "ratio" counter is uncompressed / compressed size.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "binlake/parquet/compression.h"

namespace binlake::parquet {
namespace {

constexpr size_t kPageSize = size_t{1} << 20;

std::string SysbenchPage() {
  std::string page;
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  while (page.size() + 124 <= kPageSize) {
    page.append({120, 0, 0, 0});  // PLAIN length prefix
    for (int group = 0; group < 10; ++group) {
      for (int digit = 0; digit < 11; ++digit) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        page.push_back(static_cast<char>('0' + (state >> 60) % 10));
      }
      page.push_back('-');
    }
  }
  return page;
}

void BM_Compress(benchmark::State& state, Codec codec, int level) {
  const std::string page = SysbenchPage();
  Compressor compressor(
      CompressorOptions{.zstd_level = level, .gzip_level = level, .brotli_quality = level});
  std::string out;
  for (auto _ : state) {
    out.clear();
    if (!compressor.Compress(codec, page, &out).ok()) {
      state.SkipWithError("compression failed");
      return;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(page.size()));
  state.counters["ratio"] = static_cast<double>(page.size()) / static_cast<double>(out.size());
}

void BM_Decompress(benchmark::State& state, Codec codec, int level) {
  const std::string page = SysbenchPage();
  Compressor compressor(
      CompressorOptions{.zstd_level = level, .gzip_level = level, .brotli_quality = level});
  std::string compressed;
  if (!compressor.Compress(codec, page, &compressed).ok()) {
    state.SkipWithError("compression failed");
    return;
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    if (!compressor.Decompress(codec, compressed, page.size(), &out).ok()) {
      state.SkipWithError("decompression failed");
      return;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(page.size()));
}

BENCHMARK_CAPTURE(BM_Compress, snappy, Codec::kSnappy, 1);
BENCHMARK_CAPTURE(BM_Compress, zstd_1, Codec::kZstd, 1);
BENCHMARK_CAPTURE(BM_Compress, zstd_3, Codec::kZstd, 3);
BENCHMARK_CAPTURE(BM_Compress, gzip_6, Codec::kGzip, 6);
BENCHMARK_CAPTURE(BM_Compress, lz4_raw, Codec::kLz4Raw, 1);
BENCHMARK_CAPTURE(BM_Compress, brotli_1, Codec::kBrotli, 1);
BENCHMARK_CAPTURE(BM_Decompress, snappy, Codec::kSnappy, 1);
BENCHMARK_CAPTURE(BM_Decompress, zstd_3, Codec::kZstd, 3);
BENCHMARK_CAPTURE(BM_Decompress, gzip_6, Codec::kGzip, 6);
BENCHMARK_CAPTURE(BM_Decompress, lz4_raw, Codec::kLz4Raw, 1);
BENCHMARK_CAPTURE(BM_Decompress, brotli_1, Codec::kBrotli, 1);

}  // namespace
}  // namespace binlake::parquet

BENCHMARK_MAIN();
