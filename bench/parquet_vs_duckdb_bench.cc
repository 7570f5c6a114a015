// parquet_vs_duckdb_bench: binlake's side of bench/parquet_vs_duckdb.sh, and the memory check.
//
//   parquet_vs_duckdb_bench write sysbench|wide ROWS OUT.parquet INPUT.parquet
//       Generates the table (parquet_bench_tables.h) in memory, writes it UNCOMPRESSED to
//       INPUT.parquet (untimed; DuckDB loads the same rows from it), then writes it with ZSTD to
//       OUT.parquet and prints the CPU seconds (user + sys, getrusage) of that write alone:
//         binlake rows=<n> cpu_s=<seconds> bytes=<file size>
//   parquet_vs_duckdb_bench stream GIB
//       Streams sysbench rows, GIB GiB of raw row data (4 + 4 bytes of ints plus the c and pad
//       text), generated one batch at a time, through the ZSTD writer into a sink that only
//       counts bytes; memory must stay bounded by the row group, not the stream. Prints
//         stream rows=<n> raw_bytes=<n> file_bytes=<n> row_groups_flushed_by_size cpu_s=<s>
//       (run it under /usr/bin/time -v for the maximum RSS).
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/fs/local_file.h"
#include "binlake/base/macros.h"
#include "binlake/parquet/writer.h"
#include "parquet_bench_tables.h"

namespace binlake::parquet {
namespace {

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](timeval t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

Result<FileSummary> WriteAll(const std::vector<ColumnSpec>& schema,
                             const std::vector<RowBatch>& batches, Codec codec,
                             io::ByteSink* sink) {
  WriterOptions options;
  options.codec = codec;
  ASSIGN_OR_RETURN(auto writer, FileWriter::Open(schema, options, sink));
  for (const RowBatch& batch : batches) {
    RETURN_IF_ERROR(writer->Write(batch));
  }
  return writer->Finish();
}

Status WriteFile(const std::string& path, const std::vector<ColumnSpec>& schema,
                 const std::vector<RowBatch>& batches, Codec codec, double* cpu_seconds,
                 uint64_t* bytes) {
  ASSIGN_OR_RETURN(auto sink, adapters::LocalFileSink::Create(path));
  double start = CpuSeconds();
  ASSIGN_OR_RETURN(FileSummary summary, WriteAll(schema, batches, codec, sink.get()));
  *cpu_seconds = CpuSeconds() - start;
  *bytes = summary.file_size;
  return sink->Close();
}

Status RunWrite(std::string_view table, size_t rows, const std::string& out,
                const std::string& input) {
  bool sysbench = table == "sysbench";
  if (!sysbench && table != "wide") {
    return InvalidArgumentError("table must be sysbench or wide");
  }
  std::vector<ColumnSpec> schema = sysbench ? SysbenchSchema() : WideSchema();
  std::vector<RowBatch> batches = sysbench ? SysbenchRows(rows) : WideRows(rows);
  double cpu = 0;
  uint64_t bytes = 0;
  RETURN_IF_ERROR(WriteFile(input, schema, batches, Codec::kUncompressed, &cpu, &bytes));
  RETURN_IF_ERROR(WriteFile(out, schema, batches, Codec::kZstd, &cpu, &bytes));
  std::printf("binlake rows=%zu cpu_s=%.3f bytes=%llu\n", rows, cpu,
              static_cast<unsigned long long>(bytes));
  return Status::Ok();
}

Status RunStream(double gib) {
  const auto target = static_cast<uint64_t>(gib * 1024 * 1024 * 1024);
  constexpr uint64_t kRawRowBytes = 4 + 4 + 119 + 59;
  const uint64_t total_rows = target / kRawRowBytes;
  std::vector<ColumnSpec> schema = SysbenchSchema();
  CountingSink sink;
  WriterOptions options;
  options.codec = Codec::kZstd;
  ASSIGN_OR_RETURN(auto writer, FileWriter::Open(schema, options, &sink));
  std::mt19937_64 rng(7);
  RowBatch batch(schema);
  double start = CpuSeconds();
  for (uint64_t first = 0; first < total_rows; first += kBatchRows) {
    batch.Clear();
    AppendSysbenchRows(first, std::min<uint64_t>(kBatchRows, total_rows - first), total_rows, rng,
                       &batch);
    RETURN_IF_ERROR(writer->Write(batch));
  }
  ASSIGN_OR_RETURN(FileSummary summary, writer->Finish());
  const uint64_t raw_bytes = total_rows * kRawRowBytes;
  std::printf("stream rows=%llu raw_bytes=%llu file_bytes=%llu row_groups=%zu cpu_s=%.1f\n",
              static_cast<unsigned long long>(total_rows),
              static_cast<unsigned long long>(raw_bytes),
              static_cast<unsigned long long>(summary.file_size), summary.split_offsets.size(),
              CpuSeconds() - start);
  return Status::Ok();
}

}  // namespace
}  // namespace binlake::parquet

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  binlake::Status status = binlake::InvalidArgumentError(
      "usage: parquet_vs_duckdb_bench write sysbench|wide ROWS OUT.parquet INPUT.parquet | "
      "stream GIB");
  if (args.size() == 5 && args[0] == "write") {
    status = binlake::parquet::RunWrite(args[1], std::strtoull(args[2].c_str(), nullptr, 10),
                                        args[3], args[4]);
  } else if (args.size() == 2 && args[0] == "stream") {
    status = binlake::parquet::RunStream(std::strtod(args[1].c_str(), nullptr));
  }
  if (!status.ok()) {
    std::fprintf(stderr, "parquet_vs_duckdb_bench: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
