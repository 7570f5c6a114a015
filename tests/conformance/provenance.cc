#include "tests/conformance/provenance.h"

#include <fmt/format.h>

#include <charconv>

namespace binlake::conformance {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) {
    return {};
  }
  return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

std::vector<std::string_view> Cells(std::string_view row) {
  std::vector<std::string_view> cells;
  row = Trim(row);
  row.remove_prefix(1);  // leading '|'
  while (!row.empty()) {
    const size_t bar = row.find('|');
    cells.push_back(Trim(row.substr(0, bar)));
    if (bar == std::string_view::npos) {
      break;
    }
    row.remove_prefix(bar + 1);
  }
  return cells;
}

constexpr size_t kNoColumn = std::string_view::npos;

size_t ColumnIndex(const std::vector<std::string_view>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) {
      return i;
    }
  }
  return kNoColumn;
}

Status ParseCountList(std::string_view cell, std::map<std::string, uint64_t>& counts,
                      std::string* error) {
  const size_t err = cell.find("ERR: ");
  if (err != std::string_view::npos) {
    if (error != nullptr) {
      *error = std::string(cell.substr(err + 5));
    }
    cell = Trim(cell.substr(0, err));
  }
  while (!cell.empty()) {
    const size_t comma = cell.find(',');
    const std::string_view item = Trim(cell.substr(0, comma));
    cell = comma == std::string_view::npos ? std::string_view() : cell.substr(comma + 1);
    if (item.empty()) {
      continue;
    }
    const size_t equals = item.find('=');
    uint64_t count = 0;
    const std::string_view digits =
        equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
    const auto [end, code] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (equals == std::string_view::npos || code != std::errc() ||
        end != digits.data() + digits.size()) {
      return InvalidArgumentError(fmt::format("bad count \"{}\"", item));
    }
    counts[std::string(item.substr(0, equals))] = count;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<ProvenanceCounts>> ParseProvenanceCounts(std::string_view markdown) {
  std::vector<ProvenanceCounts> out;
  size_t file_column = kNoColumn;  // set while inside a table with a "file" column
  size_t events_column = kNoColumn;
  size_t inner_column = kNoColumn;
  bool in_table = false;
  while (!markdown.empty()) {
    const size_t newline = markdown.find('\n');
    const std::string_view line = Trim(markdown.substr(0, newline));
    markdown =
        newline == std::string_view::npos ? std::string_view() : markdown.substr(newline + 1);
    if (line.empty() || line.front() != '|') {
      in_table = false;
      continue;
    }
    const std::vector<std::string_view> cells = Cells(line);
    if (!in_table) {
      in_table = true;
      file_column = ColumnIndex(cells, "file");
      events_column = ColumnIndex(cells, "events");
      if (events_column == kNoColumn) {
        events_column = ColumnIndex(cells, "events (walker)");
      }
      inner_column = ColumnIndex(cells, "inner (payload)");
      if (file_column != kNoColumn && events_column == kNoColumn) {
        return InvalidArgumentError("table with a file column but no events column");
      }
      continue;
    }
    if (file_column == kNoColumn || cells.size() <= events_column || cells.size() <= file_column ||
        cells[0].starts_with("---")) {
      continue;
    }
    ProvenanceCounts counts;
    counts.file = std::string(cells[file_column]);
    Status status = ParseCountList(cells[events_column], counts.events, &counts.walker_error);
    if (status.ok() && inner_column < cells.size()) {
      status = ParseCountList(cells[inner_column], counts.inner, nullptr);
    }
    if (!status.ok()) {
      return status.WithContext(counts.file);
    }
    out.push_back(std::move(counts));
  }
  return out;
}

}  // namespace binlake::conformance
