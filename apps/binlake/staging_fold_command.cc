// `binlake staging fold STORE --table schema.table [--format json|csv]`.
#include <fmt/format.h>

#include <cstdio>

#include "binlake/base/macros.h"
#include "binlake/parquet/value_json.h"
#include "binlake/staging/csv.h"
#include "staging_command.h"

namespace binlake::cli {
namespace {

void AppendCsvRow(const std::vector<staging::Cell>& row, std::string* out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      out->push_back(',');
    }
    staging::AppendCsvField(row[i] ? std::optional<std::string_view>(*row[i]) : std::nullopt, out);
  }
  out->push_back('\n');
}

void AppendJsonRow(const mysql::TableSchema& schema, const std::vector<staging::Cell>& row,
                   std::string* out) {
  out->push_back('{');
  for (size_t i = 0; i < row.size(); ++i) {
    out->append(i == 0 ? "" : ",");
    parquet::AppendJsonString(schema.columns[i].name, out);
    out->push_back(':');
    if (row[i]) {
      parquet::AppendJsonString(*row[i], out);
    } else {
      out->append("null");
    }
  }
  out->append("}\n");
}

}  // namespace

Status RunStagingFold(const GlobalOptions& globals, const std::string& store_arg,
                      const std::string& table_arg, const std::string& format) {
  ASSIGN_OR_RETURN(StagedTable table, OpenStagedTable(globals, store_arg, table_arg));
  staging::FoldedTable folded(table.schema);
  for (const staging::OrderedFile& file : table.files) {
    ASSIGN_OR_RETURN(std::vector<staging::StagedRow> rows, ReadStagedFile(table, file));
    RETURN_IF_ERROR(folded.Apply(file, std::move(rows)));
  }
  std::string out;
  bool written = true;
  folded.ForEachRow([&](const std::vector<staging::Cell>& row) {
    if (format == "json") {
      AppendJsonRow(table.schema, row, &out);
    } else {
      AppendCsvRow(row, &out);
    }
    if (out.size() >= (1 << 20)) {
      written = written && std::fwrite(out.data(), 1, out.size(), stdout) == out.size();
      out.clear();
    }
  });
  if (!written || std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
    return UnavailableError("writing to standard output failed");
  }
  const staging::FoldStats& stats = folded.stats();
  fmt::print(stderr,
             "folded {} files, {} change rows: {} current rows; tolerated {} updates and {} "
             "deletes of absent rows\n",
             stats.files, stats.rows, folded.num_rows(), stats.absent_updates,
             stats.absent_deletes);
  return Status::Ok();
}

}  // namespace binlake::cli
