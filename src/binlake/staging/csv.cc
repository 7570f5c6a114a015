#include "binlake/staging/csv.h"

#include "binlake/base/macros.h"
#include "binlake/staging/cell_text.h"

namespace binlake::staging {

void AppendCsvField(std::optional<std::string_view> field, std::string* out) {
  if (!field) {
    return;
  }
  if (!field->empty() && field->find_first_of("\",\r\n") == std::string_view::npos) {
    out->append(*field);
    return;
  }
  out->push_back('"');
  for (const char c : *field) {
    if (c == '"') {
      out->push_back('"');
    }
    out->push_back(c);
  }
  out->push_back('"');
}

Status AppendCsvRows(const ChangeFileLayout& layout, const parquet::RowBatch& batch,
                     std::string* out) {
  std::vector<size_t> next_value(batch.num_columns(), 0);
  std::string cell;
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    for (size_t c = 0; c < batch.num_columns(); ++c) {
      if (c > 0) {
        out->push_back(',');
      }
      const parquet::ColumnValues& values = batch.column(c);
      if (!values.IsValid(row)) {
        continue;
      }
      cell.clear();
      const LayoutColumn& column = layout.columns[c];
      const Status status =
          AppendCellText(column.type, column.lake_type, values, next_value[c]++, &cell);
      if (!status.ok()) {
        return status.WithContext("column `" + column.spec.name + "`");
      }
      AppendCsvField(cell, out);
    }
    out->push_back('\n');
  }
  return Status::Ok();
}

Status CsvParser::Error(size_t field, std::string_view what) const {
  return CorruptionError(name_ + ": line " + std::to_string(line_) + ", field " +
                         std::to_string(field) + ": " + std::string(what));
}

Result<std::optional<std::string>> CsvParser::QuotedField(size_t field) {
  std::string value;
  ++pos_;  // the opening quote
  while (true) {
    const size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) {
      return Error(field, "a quoted field is not closed before the end of the file");
    }
    const std::string_view part = text_.substr(pos_, quote - pos_);
    for (const char c : part) {
      line_ += c == '\n' ? 1 : 0;
    }
    value.append(part);
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      value.push_back('"');
      ++pos_;
      continue;
    }
    return std::optional<std::string>(std::move(value));
  }
}

Result<std::optional<std::string>> CsvParser::PlainField(size_t field) {
  const size_t end = text_.find_first_of(",\r\n\"", pos_);
  const size_t stop = end == std::string_view::npos ? text_.size() : end;
  if (stop < text_.size() && text_[stop] == '"') {
    return Error(field, "a '\"' inside an unquoted field");
  }
  const std::string_view value = text_.substr(pos_, stop - pos_);
  pos_ = stop;
  if (value.empty()) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::string(value));
}

Result<bool> CsvParser::Next(std::vector<std::optional<std::string>>* fields) {
  fields->clear();
  if (pos_ >= text_.size()) {
    return false;
  }
  record_line_ = line_;
  while (true) {
    const size_t field = fields->size() + 1;
    if (text_[pos_] == '"') {
      ASSIGN_OR_RETURN(std::optional<std::string> value, QuotedField(field));
      fields->push_back(std::move(value));
    } else {
      ASSIGN_OR_RETURN(std::optional<std::string> value, PlainField(field));
      fields->push_back(std::move(value));
    }
    if (pos_ >= text_.size()) {
      return Error(field, "the last record does not end in '\\n'");
    }
    const char next = text_[pos_++];
    if (next == ',') {
      if (pos_ >= text_.size()) {
        return Error(field + 1, "the last record does not end in '\\n'");
      }
      continue;
    }
    if (next == '\r') {
      if (pos_ >= text_.size() || text_[pos_] != '\n') {
        return Error(field, "a '\\r' not followed by '\\n'");
      }
      ++pos_;
    } else if (next != '\n') {
      return Error(field, "bytes after the closing quote of a field");
    }
    ++line_;
    return true;
  }
}

}  // namespace binlake::staging
