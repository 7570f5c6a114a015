#include "binlake/staging/change_file_reader.h"

#include <charconv>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/parquet/reader.h"
#include "binlake/staging/cell_text.h"
#include "binlake/staging/change_layout.h"
#include "binlake/staging/csv.h"
#include "binlake/staging/gzip_stream.h"
#include "binlake/staging/utc_time.h"

namespace binlake::staging {
namespace {

using Record = std::vector<Cell>;

std::optional<int64_t> ParseInt64(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// Micros since the epoch of "YYYY-MM-DD HH:MM:SS.ffffff" (the commit time's cell text).
std::optional<int64_t> ParseCommitTime(std::string_view text) {
  constexpr std::string_view kShape = "0000-00-00 00:00:00.000000";
  if (text.size() != kShape.size()) {
    return std::nullopt;
  }
  for (size_t i = 0; i < kShape.size(); ++i) {
    if ((kShape[i] == '0') != (text[i] >= '0' && text[i] <= '9') ||
        (kShape[i] != '0' && kShape[i] != text[i])) {
      return std::nullopt;
    }
  }
  const auto part = [text](size_t at, size_t length) {
    return ParseInt64(text.substr(at, length)).value_or(-1);
  };
  return JoinMicros(UtcTime{
      .year = part(0, 4),
      .month = part(5, 2),
      .day = part(8, 2),
      .hour = part(11, 2),
      .minute = part(14, 2),
      .second = part(17, 2),
      .micros = part(20, 6),
  });
}

// Where a record is, for errors: "<file>: line 3" or "<file>: row 7". Built only on error.
struct Place {
  std::string_view file;
  std::string_view unit;
  uint64_t number = 0;

  std::string Text() const {
    return std::string(file) + ": " + std::string(unit) + " " + std::to_string(number);
  }
};

Result<StagedRow> ToStagedRow(const ChangeFileLayout& layout, Record record, const Place& place) {
  StagedRow row;
  if (layout.has_op) {
    const Cell& op = record[0];
    if (!op || op->size() != 1 || (*op != "I" && *op != "U" && *op != "D")) {
      return CorruptionError(place.Text() + ": Op is " + (op ? "\"" + *op + "\"" : "NULL") +
                             ", not I, U or D");
    }
    row.op = static_cast<ChangeOp>((*op)[0]);
  }
  const auto begin = record.begin();
  row.cells.assign(std::make_move_iterator(begin + static_cast<long>(layout.first_table_column)),
                   std::make_move_iterator(begin + static_cast<long>(layout.first_meta_column)));
  const size_t meta = layout.first_meta_column;
  if (const Cell& seq = record[meta]) {
    row.change_seq = ParseInt64(*seq);
    if (!row.change_seq) {
      return CorruptionError(place.Text() + ": " + std::string(kChangeSeqColumn) + " \"" + *seq +
                             "\" is not an integer");
    }
  }
  if (const Cell& commit = record[meta + 1]) {
    row.commit_micros = ParseCommitTime(*commit);
    if (!row.commit_micros) {
      return CorruptionError(place.Text() + ": " + std::string(kCommitTsColumn) + " \"" + *commit +
                             "\" is not YYYY-MM-DD HH:MM:SS.ffffff");
    }
  }
  row.txn = std::move(record[meta + 2]);
  row.before_key.assign(
      std::make_move_iterator(begin + static_cast<long>(layout.first_before_column)),
      std::make_move_iterator(record.end()));
  return row;
}

bool SameColumn(const parquet::ColumnSpec& file, const parquet::ColumnSpec& layout) {
  return file.name == layout.name && file.physical_type == layout.physical_type &&
         file.repetition == layout.repetition && file.type_length == layout.type_length &&
         file.logical_type == layout.logical_type;
}

// The layout (with or without Op, exact or DMS mapping) whose columns the file has.
Result<ChangeFileLayout> MatchParquetLayout(const mysql::TableSchema& table, FileKind kind,
                                            const std::vector<parquet::ColumnSpec>& file,
                                            const std::string& name) {
  std::string mismatch;
  // CDC files always have Op; LOAD files have it with include_op_for_full_load.
  const std::vector<bool> op_choices =
      kind == FileKind::kCdc ? std::vector<bool>{true} : std::vector<bool>{false, true};
  for (const bool with_op : op_choices) {
    for (const auto mode : {parquet::TypeMappingMode::kExact, parquet::TypeMappingMode::kDms}) {
      StagingFileOptions options;
      options.parquet_types.mode = mode;
      options.include_op_for_full_load = with_op;
      ASSIGN_OR_RETURN(
          ChangeFileLayout layout,
          MakeChangeFileLayout(table, with_op ? FileKind::kCdc : FileKind::kLoad, options));
      if (layout.columns.size() != file.size()) {
        continue;
      }
      size_t i = 0;
      while (i < file.size() && SameColumn(file[i], layout.columns[i].spec)) {
        ++i;
      }
      if (i == file.size()) {
        return layout;
      }
      if (mismatch.empty()) {
        mismatch = ": column " + std::to_string(i + 1) + " `" + file[i].name + "` differs";
      }
    }
  }
  return CorruptionError(name + ": the Parquet columns are not those of a change file of " +
                         table.database + "." + table.table + mismatch);
}

Result<std::vector<StagedRow>> ReadParquet(const mysql::TableSchema& table, FileKind kind,
                                           io::RandomAccessSource* source) {
  const std::string name = source->Describe();
  ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(source));
  ASSIGN_OR_RETURN(ChangeFileLayout layout,
                   MatchParquetLayout(table, kind, reader->schema(), name));
  ASSIGN_OR_RETURN(auto batches, reader->ReadBatches({}, 8192));
  std::vector<StagedRow> rows;
  parquet::RowBatch batch;
  uint64_t row_number = 0;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, batches->Next(&batch));
    if (!more) {
      return rows;
    }
    std::vector<size_t> next_value(batch.num_columns(), 0);
    for (size_t r = 0; r < batch.num_rows(); ++r, ++row_number) {
      const Place place{name, "row", row_number};
      Record record(batch.num_columns());
      for (size_t c = 0; c < batch.num_columns(); ++c) {
        if (!batch.column(c).IsValid(r)) {
          continue;
        }
        record[c].emplace();
        const LayoutColumn& column = layout.columns[c];
        const Status status = AppendCellText(column.type, column.lake_type, batch.column(c),
                                             next_value[c]++, &*record[c]);
        if (!status.ok()) {
          return status.WithContext(place.Text() + ", column `" + column.spec.name + "`");
        }
      }
      ASSIGN_OR_RETURN(StagedRow row, ToStagedRow(layout, std::move(record), place));
      rows.push_back(std::move(row));
    }
  }
}

Result<std::vector<StagedRow>> ReadCsv(const mysql::TableSchema& table, FileKind kind,
                                       FileCompression compression,
                                       io::RandomAccessSource* source) {
  const std::string name = source->Describe();
  ASSIGN_OR_RETURN(const uint64_t size, source->Size());
  ASSIGN_OR_RETURN(std::string text, source->ReadAt(0, size));
  if (compression == FileCompression::kGzip) {
    Result<std::string> plain = Gunzip(text, kMaxCsvBytes);
    if (!plain.ok()) {
      return plain.status().WithContext(name);
    }
    text = std::move(plain).value();
  }
  StagingFileOptions options;
  ASSIGN_OR_RETURN(ChangeFileLayout without_op,
                   MakeChangeFileLayout(table, FileKind::kLoad, options));
  ASSIGN_OR_RETURN(ChangeFileLayout with_op, MakeChangeFileLayout(table, FileKind::kCdc, options));
  CsvParser parser(text, name);
  std::vector<StagedRow> rows;
  Record record;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, parser.Next(&record));
    if (!more) {
      return rows;
    }
    const Place place{name, "line", parser.record_line()};
    const bool has_op = record.size() == with_op.columns.size();
    if (!has_op && (record.size() != without_op.columns.size() || kind == FileKind::kCdc)) {
      return CorruptionError(
          place.Text() + ": " + std::to_string(record.size()) + " fields, want " +
          std::to_string(with_op.columns.size()) +
          (kind == FileKind::kCdc ? "" : " or " + std::to_string(without_op.columns.size())));
    }
    ASSIGN_OR_RETURN(StagedRow row,
                     ToStagedRow(has_op ? with_op : without_op, std::move(record), place));
    rows.push_back(std::move(row));
  }
}

}  // namespace

Result<std::vector<StagedRow>> ReadChangeFile(const mysql::TableSchema& table, FileKind kind,
                                              FileFormat format, FileCompression compression,
                                              io::RandomAccessSource* source) {
  if (format == FileFormat::kCsv) {
    return ReadCsv(table, kind, compression, source);
  }
  return ReadParquet(table, kind, source);
}

}  // namespace binlake::staging
