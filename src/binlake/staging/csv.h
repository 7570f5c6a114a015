// CSV of change files, RFC 4180 with the AWS DMS defaults: ',' between fields, '\n' after each
// record (also after the last), no header. A field is quoted when it contains '"', ',', '\r' or
// '\n' or is the empty string, with '"' doubled inside; NULL is an empty unquoted field, so
// `,,` is NULL and `,"",` the empty string. Field text is the canonical cell text (cell_text.h).
//
// Thread-safety: plain functions; a CsvParser is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/staging/change_layout.h"

namespace binlake::staging {

// Appends `field` (nullopt: NULL) as one CSV field, quoted when needed.
void AppendCsvField(std::optional<std::string_view> field, std::string* out);

// Appends every row of `batch`, whose columns are the layout's, as CSV records.
Status AppendCsvRows(const ChangeFileLayout& layout, const parquet::RowBatch& batch,
                     std::string* out);

// Reads CSV records from text held in memory. Records are bounded by the text; a field never
// allocates more than the bytes it spans.
class CsvParser {
 public:
  // `name` names the file in errors.
  CsvParser(std::string_view text, std::string name) : text_(text), name_(std::move(name)) {}

  // Reads the next record into `*fields` (one entry per field, nullopt for an empty unquoted
  // field) and returns true, or returns false at the end of the text. Corruption naming the
  // file, line (1-based) and field (1-based) for a quote that is not closed, bytes after a
  // closing quote, a '"' inside an unquoted field, a '\r' not followed by '\n', or a last record
  // without its '\n'.
  Result<bool> Next(std::vector<std::optional<std::string>>* fields);

  // The 1-based line the last record returned started on.
  uint64_t record_line() const { return record_line_; }

 private:
  Status Error(size_t field, std::string_view what) const;
  Result<std::optional<std::string>> QuotedField(size_t field);
  Result<std::optional<std::string>> PlainField(size_t field);

  std::string_view text_;
  std::string name_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
  uint64_t record_line_ = 0;
};

}  // namespace binlake::staging
