// binlog_rows_bench: row-image decoding speed (RowsDecoder::DecodeInto), the hot path of capture.
//
//   cmake -B build -DBINLAKE_BUILD_BENCHMARKS=ON && ninja -C build binlog_rows_bench
//   build/bench/binlog_rows_bench
//
// Rows have the sysbench shape (id INT, k INT, c CHAR(120) utf8mb4, pad CHAR(60) utf8mb4) with
// sysbench-like digit strings, and full optional metadata. Cases: one row per WRITE_ROWS_V2
// event (the hard case: per-event work is not amortized), 100 rows per event, and UPDATE events
// with before and after images (one row change = one RowChange). items_per_second is fully
// decoded row changes per second (every value converted to mysql::Value, text validated).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "binlake/binlog/rows_event.h"
#include "binlake/binlog/rows_test_builder.h"

namespace binlake::binlog {
namespace {

using namespace ::binlake::binlog::testing;  // NOLINT(google-build-using-namespace)

TableMap SysbenchMap() {
  TableMapSpec spec;
  spec.types = std::string("\x03\x03\xfe\xfe", 4);
  spec.metadata = std::string("\xEE\xE0\xFE\xF0", 4);  // CHAR(120), CHAR(60) in utf8mb4
  spec.optional = OptionalField(1, MsbBitmap({false, false})) +
                  OptionalField(2, LengthEncoded(255)) +
                  OptionalField(4, LengthEncodedString("id") + LengthEncodedString("k") +
                                       LengthEncodedString("c") + LengthEncodedString("pad"));
  Result<TableMap> map = DecodeTableMap(TableMapBody(spec), 8);
  if (!map.ok()) {
    std::abort();
  }
  return *map;
}

std::string Digits(size_t groups, uint32_t seed) {
  std::string out;
  for (size_t g = 0; g < groups; ++g) {
    if (g > 0) {
      out.push_back('-');
    }
    for (int i = 0; i < 11; ++i) {
      seed = seed * 1103515245 + 12345;
      out.push_back(static_cast<char>('0' + (seed >> 16) % 10));
    }
  }
  return out;
}

std::string SysbenchRow(uint32_t id) {
  const std::string c = Digits(10, id);   // 119 characters
  const std::string pad = Digits(5, id);  // 59 characters
  return Bitmap(4, {}) + LittleEndian(id, 4) + LittleEndian(id * 7, 4) + LittleEndian(c.size(), 2) +
         c + LittleEndian(pad.size(), 1) + pad;
}

void DecodeLoop(benchmark::State& state, uint8_t event_type, const std::string& body,
                int64_t rows_per_event) {
  const TableMap map = SysbenchMap();
  RowsDecoder decoder;
  RowsEvent event;
  const RowsEventInfo info{.event_type = event_type, .post_header_length = 10};
  for (auto _ : state) {
    const Status status = decoder.DecodeInto(body, info, map, {}, &event);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(event.rows.data());
  }
  state.SetItemsProcessed(state.iterations() * rows_per_event);
}

void BM_WriteOneRowPerEvent(benchmark::State& state) {
  DecodeLoop(state, 30, RowsBody(1, 2, 4, Bitmap(4, {0, 1, 2, 3}), "", SysbenchRow(1)), 1);
}
BENCHMARK(BM_WriteOneRowPerEvent);

void BM_Write100RowsPerEvent(benchmark::State& state) {
  std::string rows;
  for (uint32_t id = 1; id <= 100; ++id) {
    rows += SysbenchRow(id);
  }
  DecodeLoop(state, 30, RowsBody(1, 2, 4, Bitmap(4, {0, 1, 2, 3}), "", rows), 100);
}
BENCHMARK(BM_Write100RowsPerEvent);

void BM_UpdateOneRowPerEvent(benchmark::State& state) {
  const std::string all = Bitmap(4, {0, 1, 2, 3});
  DecodeLoop(state, 31, RowsBody(1, 2, 4, all, all, SysbenchRow(1) + SysbenchRow(2)), 1);
}
BENCHMARK(BM_UpdateOneRowPerEvent);

}  // namespace
}  // namespace binlake::binlog

BENCHMARK_MAIN();
