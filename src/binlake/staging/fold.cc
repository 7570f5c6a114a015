#include "binlake/staging/fold.h"

#include <algorithm>
#include <tuple>

#include "binlake/base/macros.h"

namespace binlake::staging {
namespace {

// Digits of "[-]I[.F]" split for comparison; nullopt for other text.
struct Number {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
};

std::optional<Number> AsNumber(std::string_view text) {
  Number number;
  if (text.starts_with('-')) {
    number.negative = true;
    text.remove_prefix(1);
  }
  const size_t point = text.find('.');
  number.integer = text.substr(0, point);
  number.fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (number.integer.empty() || !digits(number.integer) || !digits(number.fraction) ||
      (point != std::string_view::npos && number.fraction.empty())) {
    return std::nullopt;
  }
  while (number.integer.size() > 1 && number.integer.front() == '0') {
    number.integer.remove_prefix(1);
  }
  while (!number.fraction.empty() && number.fraction.back() == '0') {
    number.fraction.remove_suffix(1);
  }
  if (number.integer == "0" && number.fraction.empty()) {
    number.negative = false;  // -0 == 0
  }
  return number;
}

// <0, 0, >0 comparing magnitudes.
int CompareMagnitude(const Number& a, const Number& b) {
  if (a.integer.size() != b.integer.size()) {
    return a.integer.size() < b.integer.size() ? -1 : 1;
  }
  if (const int c = a.integer.compare(b.integer); c != 0) {
    return c;
  }
  return a.fraction.compare(b.fraction);
}

int CompareCells(const Cell& a, const Cell& b) {
  if (!a || !b) {
    return static_cast<int>(a.has_value()) - static_cast<int>(b.has_value());
  }
  const std::optional<Number> x = AsNumber(*a);
  const std::optional<Number> y = AsNumber(*b);
  if (x && y) {
    if (x->negative != y->negative) {
      return x->negative ? -1 : 1;
    }
    const int magnitude = CompareMagnitude(*x, *y);
    return x->negative ? -magnitude : magnitude;
  }
  return a->compare(*b);
}

// "<key>: U row", for errors.
std::string RowPlace(const OrderedFile& file, const StagedRow& row) {
  return file.key + ": " + std::string(1, static_cast<char>(row.op)) + " row";
}

}  // namespace

bool KeyLess::operator()(const std::vector<Cell>& a, const std::vector<Cell>& b) const {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (const int c = CompareCells(a[i], b[i]); c != 0) {
      return c < 0;
    }
  }
  return a.size() < b.size();
}

Result<std::vector<OrderedFile>> OrderTableFiles(std::span<const std::string> keys) {
  std::vector<OrderedFile> files;
  for (const std::string& key : keys) {
    ASSIGN_OR_RETURN(StagingKey parsed, ParseStagingKey(key));
    if (!files.empty() && (parsed.schema != files.front().parsed.schema ||
                           parsed.table != files.front().parsed.table)) {
      return InvalidArgumentError("staging key \"" + key + "\" is not in the table folder of \"" +
                                  files.front().key + "\"");
    }
    files.push_back(OrderedFile{key, std::move(parsed)});
  }
  const auto order = [](const OrderedFile& f) {
    return std::tuple(f.parsed.kind == StagingKey::Kind::kCdc, f.parsed.load_number,
                      f.parsed.cdc_millis, std::string_view(f.key));
  };
  std::sort(files.begin(), files.end(),
            [&order](const OrderedFile& a, const OrderedFile& b) { return order(a) < order(b); });
  return files;
}

Status FoldedTable::Apply(const OrderedFile& file, std::vector<StagedRow> rows) {
  ++stats_.files;
  if (file.parsed.kind == StagingKey::Kind::kCdc) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].change_seq) {
        return CorruptionError(file.key + ": row " + std::to_string(i) +
                               " of a CDC file has no _binlake_change_seq");
      }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const StagedRow& a, const StagedRow& b) {
      return *a.change_seq < *b.change_seq;
    });
  }
  for (StagedRow& row : rows) {
    RETURN_IF_ERROR(ApplyRow(file, std::move(row)));
  }
  return Status::Ok();
}

Result<std::vector<Cell>> FoldedTable::KeyOf(const OrderedFile& file, const StagedRow& row) const {
  std::vector<Cell> key;
  for (const uint32_t position : table_.primary_key) {
    if (position >= row.cells.size() || !row.cells[position]) {
      return CorruptionError(RowPlace(file, row) + ": key column " + std::to_string(position + 1) +
                             " is NULL");
    }
    key.push_back(row.cells[position]);
  }
  return key;
}

Status FoldedTable::ApplyRow(const OrderedFile& file, StagedRow row) {
  ++stats_.rows;
  if (table_.primary_key.empty()) {
    return ApplyKeyless(file, std::move(row));
  }
  ASSIGN_OR_RETURN(std::vector<Cell> key, KeyOf(file, row));
  const bool load = file.parsed.kind == StagingKey::Kind::kLoad;
  switch (row.op) {
    case ChangeOp::kInsert:
      if (load && keyed_.contains(key)) {
        return CorruptionError(RowPlace(file, row) + ": a LOAD row repeats a key already loaded");
      }
      keyed_.insert_or_assign(std::move(key), std::move(row.cells));
      return Status::Ok();
    case ChangeOp::kUpdate: {
      const bool has_before = std::all_of(row.before_key.begin(), row.before_key.end(),
                                          [](const Cell& c) { return c.has_value(); });
      const std::vector<Cell>& before = has_before ? row.before_key : key;
      if (keyed_.erase(before) == 0) {
        ++stats_.absent_updates;
      }
      keyed_.insert_or_assign(std::move(key), std::move(row.cells));
      return Status::Ok();
    }
    case ChangeOp::kDelete:
      if (keyed_.erase(key) == 0) {
        ++stats_.absent_deletes;
      }
      return Status::Ok();
  }
  return InternalError("unhandled change op");
}

Status FoldedTable::ApplyKeyless(const OrderedFile& file, StagedRow row) {
  switch (row.op) {
    case ChangeOp::kInsert:
      ++keyless_[std::move(row.cells)];
      return Status::Ok();
    case ChangeOp::kUpdate:
      return CorruptionError(file.key +
                             ": a U row in a keyless table (updates of keyless rows "
                             "are written as D then I)");
    case ChangeOp::kDelete: {
      const auto found = keyless_.find(row.cells);
      if (found == keyless_.end()) {
        ++stats_.absent_deletes;
      } else if (--found->second == 0) {
        keyless_.erase(found);
      }
      return Status::Ok();
    }
  }
  return InternalError("unhandled change op");
}

void FoldedTable::ForEachRow(const std::function<void(const std::vector<Cell>&)>& visit) const {
  for (const auto& [key, cells] : keyed_) {
    visit(cells);
  }
  for (const auto& [cells, count] : keyless_) {
    for (uint64_t i = 0; i < count; ++i) {
      visit(cells);
    }
  }
}

uint64_t FoldedTable::num_rows() const {
  uint64_t rows = keyed_.size();
  for (const auto& [cells, count] : keyless_) {
    rows += count;
  }
  return rows;
}

}  // namespace binlake::staging
