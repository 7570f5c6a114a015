// Folding a table's change files into its current rows: the reader's algorithm of
// docs/formats/staging.md, as code.
//
//   ASSIGN_OR_RETURN(auto files, OrderTableFiles(keys));       // apply order
//   FoldedTable folded(table);
//   for (const OrderedFile& file : files) {
//     ASSIGN_OR_RETURN(auto rows, ReadChangeFile(...));
//     RETURN_IF_ERROR(folded.Apply(file, std::move(rows)));
//   }
//   folded.ForEachRow(print);                                   // key order
//
// Apply order: every LOAD file by number, then every CDC file by time (its name), and within a
// CDC file its rows by _binlake_change_seq.
//
// Rules, for a table with a key (TableSchema.primary_key):
//   LOAD row          inserts; a key already present is Corruption (a capture never writes one)
//   I                 puts the row under its key (an upsert: a replayed insert is harmless)
//   U                 when the before key (_binlake_before_*) differs from the row's key, first
//                     removes the row under the before key; then puts the row under its key
//   D                 removes the row under its key
// A U or D whose row is absent is tolerated and counted (FoldStats): DMS-written data can
// hold such changes (a table captured from a later start than its files), and the after image
// of a U is complete, so the result is still defined.
//
// For a keyless table the rows are a multiset: LOAD rows and I add a row, D removes one row
// equal to the whole before image (absent: counted), and U is Corruption (binlake's capture
// writes the update of a keyless row as D of the before image and I of the after image).
//
// Thread-safety: a FoldedTable is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/mysql/column_type.h"
#include "binlake/staging/change_file_reader.h"
#include "binlake/staging/layout.h"

namespace binlake::staging {

struct OrderedFile {
  std::string key;
  StagingKey parsed;
};

// The change files among `keys` (keys of one table folder, relative to the store root) in
// apply order. InvalidArgument naming the key for a key that is not a change file of the layout
// (ParseStagingKey) or belongs to another table than the first.
Result<std::vector<OrderedFile>> OrderTableFiles(std::span<const std::string> keys);

// Orders key cells: NULL first, then two numbers ("-12", "3.50") by value, otherwise bytes.
struct KeyLess {
  bool operator()(const std::vector<Cell>& a, const std::vector<Cell>& b) const;
};

struct FoldStats {
  uint64_t files = 0;
  uint64_t rows = 0;            // change rows applied
  uint64_t absent_updates = 0;  // U whose before-key row was not present
  uint64_t absent_deletes = 0;  // D whose row was not present
};

class FoldedTable {
 public:
  explicit FoldedTable(mysql::TableSchema table) : table_(std::move(table)) {}

  // Applies the rows of one file (as ReadChangeFile returned them). Corruption naming the file
  // for a duplicate LOAD key, a CDC row without _binlake_change_seq, a NULL key cell, or a U in
  // a keyless table.
  Status Apply(const OrderedFile& file, std::vector<StagedRow> rows);

  // Calls `visit` with each current row (one cell per column) in key order (keyless: whole-row
  // order, a row as often as it is present), without copying the rows.
  void ForEachRow(const std::function<void(const std::vector<Cell>&)>& visit) const;
  uint64_t num_rows() const;
  const FoldStats& stats() const { return stats_; }

 private:
  Status ApplyRow(const OrderedFile& file, StagedRow row);
  Status ApplyKeyless(const OrderedFile& file, StagedRow row);
  Result<std::vector<Cell>> KeyOf(const OrderedFile& file, const StagedRow& row) const;

  mysql::TableSchema table_;
  std::map<std::vector<Cell>, std::vector<Cell>, KeyLess> keyed_;
  std::map<std::vector<Cell>, uint64_t, KeyLess> keyless_;  // whole row -> count
  FoldStats stats_;
};

}  // namespace binlake::staging
