// Fuzz target for the Parquet reader: the input is a whole file, served from memory. The target
// opens it, renders every statistics bound of the footer, then reads every row group in small
// batches and renders every value as `binlake parquet cat` would. Whatever the bytes, the reader
// must return a Status (Corruption for damaged files, Unimplemented for nested or encrypted
// ones) and never crash, read out of bounds or allocate beyond the limits below; the checks:
//   * a failing Open or Next returns an error Status, never OK with an inconsistent batch;
//   * every batch has one column per projected column, all with the batch's row count, and
//     null count + values = rows.
// Seeds (corpus/parquet_reader/): small files written by binlake (tests/interop/
// parquet_interop_writer DIR 10) and by DuckDB 1.5.6 (v1/v2 pages, dictionary and plain, four
// codecs), files written by parquet-mr 1.8 and 1.13 and Impala (PLAIN_DICTIONARY, BIT_PACKED
// levels, INT96, legacy FLBA decimals; data files of github.com/apache/parquet-testing, named
// parquet_testing_*), a truncated file and regression inputs found by fuzzing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "binlake/io/random_access_source.h"
#include "binlake/parquet/reader.h"
#include "binlake/parquet/value_json.h"

namespace binlake {
namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "parquet_reader_fuzzer: broken invariant: %s\n", what);
    std::abort();
  }
}

void RenderStatistics(const parquet::FileReader& reader) {
  for (const parquet::RowGroup& group : reader.metadata().row_groups) {
    for (size_t c = 0; c < group.columns.size() && c < reader.schema().size(); ++c) {
      const auto& meta = group.columns[c].meta_data;
      if (!meta || !meta->statistics) {
        continue;
      }
      for (const auto& bound : {meta->statistics->min_value, meta->statistics->max_value}) {
        if (bound) {
          (void)parquet::StatisticJson(reader.schema()[c], *bound);
        }
      }
    }
  }
}

void ReadAll(parquet::FileReader& reader) {
  Result<std::unique_ptr<parquet::BatchReader>> batches = reader.ReadBatches({}, 97);
  if (!batches.ok()) {
    return;
  }
  parquet::RowBatch batch;
  for (;;) {
    Result<bool> more = (*batches)->Next(&batch);
    if (!more.ok() || !*more) {
      return;
    }
    Check(batch.num_columns() == reader.schema().size(), "one batch column per schema column");
    for (size_t c = 0; c < batch.num_columns(); ++c) {
      const parquet::ColumnValues& values = batch.column(c);
      Check(values.num_rows() == batch.num_rows(), "every column has the batch's rows");
      Check(values.null_count() + values.num_values() == values.num_rows(), "nulls + values");
      for (size_t i = 0; i < values.num_values(); ++i) {
        (void)parquet::ValueJson(reader.schema()[c], values, i);
      }
    }
  }
}

}  // namespace
}  // namespace binlake

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  binlake::io::StringSource source(std::string(reinterpret_cast<const char*>(data), size),
                                   "fuzz-input");
  binlake::parquet::ReaderOptions options;
  options.max_footer_size = 1 << 20;
  options.max_page_size = 4 << 20;
  auto reader = binlake::parquet::FileReader::Open(&source, options);
  if (!reader.ok()) {
    return 0;
  }
  binlake::RenderStatistics(**reader);
  binlake::ReadAll(**reader);
  return 0;
}
