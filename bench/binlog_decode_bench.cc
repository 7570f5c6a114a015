// binlog_decode_bench: decoding rate of the binlog event decoder (binlog/event_decoder.h) on a
// binlog file held in memory, rows fully decoded into values; no I/O in the timed loop.
//
//   build/bench/binlog_decode_bench [--benchmark_filter=...]
//   BINLAKE_BENCH_BINLOG=/path/to/binlog.000001 build/bench/binlog_decode_bench
//
// The file defaults to a fixture with ~1,800 TABLE_MAP + WRITE_ROWS events (MySQL 8.0.28 time
// zone tables). Counters: items_per_second = row changes per second, events per second, and
// bytes_per_second of binlog.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/event_decoder.h"
#include "binlake/binlog/transaction_assembler.h"

namespace binlake {
namespace {

std::string BinlogPath() {
  const char* path = std::getenv("BINLAKE_BENCH_BINLOG");
  return path != nullptr ? std::string(path)
                         : std::string(BINLAKE_SOURCE_DIR
                                       "/tests/fixtures/binlog/mysql-docker-datadirs/"
                                       "mysql-8.0.28-tzinfo.binlog.000001");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class CountingHandler : public binlog::TransactionHandler {
 public:
  Status OnBegin(const binlog::TransactionBegin&) override { return Status::Ok(); }
  Status OnRows(const binlog::Event&, const binlog::RowsEventData& rows) override {
    row_changes += rows.rows.rows.size();
    return Status::Ok();
  }
  Status OnStatement(const binlog::Statement&) override { return Status::Ok(); }
  Status OnCommit(const binlog::TransactionCommit&) override { return Status::Ok(); }
  Status OnDiscard(const binlog::TransactionDiscard&) override { return Status::Ok(); }
  Status OnXaOutcome(const binlog::XaOutcome&) override { return Status::Ok(); }

  uint64_t row_changes = 0;
};

// Frames and decodes every event of `file`, assembling transactions as capture will.
Status DecodeFile(const std::string& file, CountingHandler& handler, uint64_t& events) {
  binlog::EventDecoder decoder;
  binlog::TransactionAssembler assembler(handler);
  const binlog::EventCallback on_event = [&](const binlog::Event& event) {
    ++events;
    return assembler.Process(event);
  };
  size_t offset = io::kBinlogMagic.size();
  while (offset + io::kMinBinlogEventLength <= file.size()) {
    ByteReader length_reader(std::string_view(file).substr(offset + 9, 4));
    const uint32_t length = *length_reader.ReadU32Le();
    const io::RawBinlogEvent raw{std::string_view(file).substr(offset, length), "bench", offset};
    RETURN_IF_ERROR(decoder.Decode(raw, on_event));
    offset += length;
  }
  return assembler.Finish();
}

void BM_DecodeBinlog(benchmark::State& state) {
  const std::string file = ReadFile(BinlogPath());
  uint64_t rows = 0;
  uint64_t events = 0;
  for (auto _ : state) {
    CountingHandler handler;
    const Status status = DecodeFile(file, handler, events);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    rows += handler.row_changes;
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows));
  state.SetBytesProcessed(static_cast<int64_t>(file.size() * state.iterations()));
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeBinlog)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace binlake

BENCHMARK_MAIN();
