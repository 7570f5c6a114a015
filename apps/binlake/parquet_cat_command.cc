// `binlake parquet cat FILE [--limit N] [--columns a,b]`: rows as JSON lines.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "adapters/fs/local_file.h"
#include "binlake/base/macros.h"
#include "binlake/parquet/reader.h"
#include "binlake/parquet/value_json.h"
#include "parquet_command.h"

namespace binlake::cli {
namespace {

// Schema indexes of `names` (all columns when empty); InvalidArgument naming an unknown one.
Result<std::vector<size_t>> ProjectColumns(const std::vector<parquet::ColumnSpec>& schema,
                                           const std::vector<std::string>& names) {
  std::vector<size_t> indexes;
  for (const std::string& name : names) {
    size_t i = 0;
    while (i < schema.size() && schema[i].name != name) {
      ++i;
    }
    if (i == schema.size()) {
      std::string known;
      for (const parquet::ColumnSpec& column : schema) {
        known += (known.empty() ? "" : ", ") + column.name;
      }
      return InvalidArgumentError(fmt::format("no column \"{}\" (columns: {})", name, known));
    }
    indexes.push_back(i);
  }
  if (indexes.empty()) {
    for (size_t i = 0; i < schema.size(); ++i) {
      indexes.push_back(i);
    }
  }
  return indexes;
}

// Appends rows [0, rows) of `batch` as JSON lines to `out`.
void AppendRows(const std::vector<const parquet::ColumnSpec*>& columns,
                const parquet::RowBatch& batch, size_t rows, std::string* out) {
  std::vector<size_t> next_value(columns.size(), 0);
  for (size_t row = 0; row < rows; ++row) {
    out->push_back('{');
    for (size_t c = 0; c < columns.size(); ++c) {
      const parquet::ColumnValues& values = batch.column(c);
      out->append(c == 0 ? "" : ",");
      parquet::AppendJsonString(columns[c]->name, out);
      out->push_back(':');
      out->append(values.IsValid(row) ? parquet::ValueJson(*columns[c], values, next_value[c]++)
                                      : "null");
    }
    out->append("}\n");
  }
}

}  // namespace

Status RunParquetCat(const std::string& path, int64_t limit,
                     const std::vector<std::string>& columns) {
  ASSIGN_OR_RETURN(auto source, adapters::LocalFileSource::Open(path));
  ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(source.get()));
  ASSIGN_OR_RETURN(std::vector<size_t> projection, ProjectColumns(reader->schema(), columns));
  std::vector<const parquet::ColumnSpec*> specs;
  specs.reserve(projection.size());
  for (size_t i : projection) {
    specs.push_back(&reader->schema()[i]);
  }
  ASSIGN_OR_RETURN(auto batches, reader->ReadBatches(projection, 4096));
  parquet::RowBatch batch;
  std::string out;
  auto remaining = static_cast<uint64_t>(limit);
  while (limit == 0 || remaining > 0) {
    ASSIGN_OR_RETURN(bool more, batches->Next(&batch));
    if (!more) {
      break;
    }
    size_t rows = batch.num_rows();
    if (limit > 0) {
      rows = static_cast<size_t>(std::min<uint64_t>(rows, remaining));
      remaining -= rows;
    }
    out.clear();
    AppendRows(specs, batch, rows, &out);
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
      return UnavailableError("writing to standard output failed");
    }
  }
  return Status::Ok();
}

}  // namespace binlake::cli
