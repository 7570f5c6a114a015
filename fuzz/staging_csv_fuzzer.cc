// Fuzz target for reading CSV change files: the input is the bytes of a CSV file of a table
// `t(k INT PRIMARY KEY, v VARCHAR, d DECIMAL(10,2))`, read as a CDC file and as a LOAD file,
// plain and as gzip, and folded. Checks:
//   * reading never crashes and fails only with Corruption;
//   * a file that reads is re-written by AppendCsvField (as records with Op) to records that
//     read back equal;
//   * folding what was read never crashes (its errors are Corruption).
// A broken invariant aborts, which libFuzzer (or the replay driver) reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/status.h"
#include "binlake/staging/change_file_reader.h"
#include "binlake/staging/csv.h"
#include "binlake/staging/fold.h"

namespace binlake::staging {
namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "staging_csv_fuzzer: %s\n", what);
    std::abort();
  }
}

mysql::TableSchema Table() {
  mysql::TableSchema table;
  table.database = "db";
  table.table = "t";
  table.columns.resize(3);
  table.columns[0].name = "k";
  table.columns[0].type.kind = mysql::ColumnKind::kInt;
  table.columns[0].nullable = false;
  table.columns[1].name = "v";
  table.columns[1].type.kind = mysql::ColumnKind::kVarchar;
  table.columns[1].type.charset = "utf8mb4";
  table.columns[2].name = "d";
  table.columns[2].type.kind = mysql::ColumnKind::kDecimal;
  table.columns[2].type.length = 10;
  table.columns[2].type.scale = 2;
  table.primary_key = {0};
  return table;
}

void AppendRecord(const StagedRow& row, std::string* out) {
  std::vector<Cell> fields = {std::string(1, static_cast<char>(row.op))};
  fields.insert(fields.end(), row.cells.begin(), row.cells.end());
  fields.push_back(row.change_seq ? Cell(std::to_string(*row.change_seq)) : std::nullopt);
  fields.push_back(std::nullopt);  // commit time: checked through its parse, not re-rendered
  fields.push_back(row.txn);
  fields.insert(fields.end(), row.before_key.begin(), row.before_key.end());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out->push_back(',');
    }
    AppendCsvField(fields[i] ? std::optional<std::string_view>(*fields[i]) : std::nullopt, out);
  }
  out->push_back('\n');
}

void ReadAndFold(const mysql::TableSchema& table, std::string_view bytes, FileKind kind,
                 FileCompression compression) {
  io::StringSource source{std::string(bytes), "fuzz.csv"};
  auto rows = ReadChangeFile(table, kind, FileFormat::kCsv, compression, &source);
  if (!rows.ok()) {
    Check(rows.status().code() == StatusCode::kCorruption, "read error is not Corruption");
    return;
  }
  if (compression == FileCompression::kNone) {
    std::string again;
    for (const StagedRow& row : *rows) {
      AppendRecord(row, &again);
    }
    io::StringSource rewritten{again, "again.csv"};
    auto reread = ReadChangeFile(table, FileKind::kCdc, FileFormat::kCsv, compression, &rewritten);
    Check(reread.ok(), "re-written records do not read");
    Check(reread->size() == rows->size(), "re-written records read as another row count");
    for (size_t i = 0; i < rows->size(); ++i) {
      Check((*reread)[i].cells == (*rows)[i].cells, "re-written cells differ");
      Check((*reread)[i].op == (*rows)[i].op, "re-written Op differs");
    }
  }
  const std::string key =
      kind == FileKind::kCdc ? "db/t/20261125-000000000.csv" : "db/t/LOAD00000001.csv";
  FoldedTable folded(table);
  const Status applied =
      folded.Apply(OrderedFile{key, ParseStagingKey(key).value()}, std::move(rows).value());
  Check(applied.ok() || applied.code() == StatusCode::kCorruption, "fold error is not Corruption");
}

}  // namespace
}  // namespace binlake::staging

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using binlake::staging::FileCompression;
  using binlake::staging::FileKind;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const binlake::mysql::TableSchema table = binlake::staging::Table();
  binlake::staging::ReadAndFold(table, bytes, FileKind::kCdc, FileCompression::kNone);
  binlake::staging::ReadAndFold(table, bytes, FileKind::kLoad, FileCompression::kNone);
  binlake::staging::ReadAndFold(table, bytes, FileKind::kCdc, FileCompression::kGzip);
  return 0;
}
