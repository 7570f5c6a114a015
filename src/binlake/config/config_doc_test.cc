// Checks docs/configuration.md against the key registry: the keys table must list exactly the
// registry's keys, each with the registry's type and default.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "binlake/config/config_keys.h"

namespace binlake::config {
namespace {

// The page as text; empty (and the test fails) when it cannot be read.
std::string ReadConfigurationDoc() {
  std::ifstream file(BINLAKE_CONFIGURATION_MD);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_TRUE(file.good()) << "cannot read " << BINLAKE_CONFIGURATION_MD;
  return text.str();
}

struct DocRow {
  std::string type;
  std::string default_text;
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// "`x`" -> "x"; other text unchanged.
std::string StripBackticks(std::string_view cell) {
  cell = Trim(cell);
  if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') {
    cell = cell.substr(1, cell.size() - 2);
  }
  return std::string(cell);
}

std::vector<std::string_view> SplitCells(std::string_view line) {
  std::vector<std::string_view> cells;
  line = Trim(line);
  line.remove_prefix(1);  // leading '|'
  size_t bar;
  while ((bar = line.find('|')) != std::string_view::npos) {
    cells.push_back(line.substr(0, bar));
    line.remove_prefix(bar + 1);
  }
  return cells;
}

constexpr std::string_view kTableHeader = "| key | type | default | description |";

// Rows of the keys table: the lines "| `path` | type | `default` | description |" that follow
// kTableHeader, up to the first line that is not a table row.
std::map<std::string, DocRow> ParseKeyTable(std::string_view doc) {
  std::map<std::string, DocRow> rows;
  size_t header = doc.find(kTableHeader);
  EXPECT_NE(header, std::string_view::npos) << "no keys table in docs/configuration.md";
  doc = header == std::string_view::npos ? std::string_view() : doc.substr(header);
  doc.remove_prefix(std::min(doc.find('\n'), doc.size()));  // the header line
  while (!doc.empty()) {
    doc.remove_prefix(1);  // '\n'
    size_t end = doc.find('\n');
    std::string_view line = doc.substr(0, end);
    doc = end == std::string_view::npos ? std::string_view() : doc.substr(end);
    if (!line.starts_with("|")) {
      break;
    }
    if (line.starts_with("|--")) {
      continue;
    }
    std::vector<std::string_view> cells = SplitCells(line);
    EXPECT_EQ(cells.size(), 4u) << line;
    if (cells.size() == 4) {
      rows[StripBackticks(cells[0])] = {std::string(Trim(cells[1])), StripBackticks(cells[2])};
    }
  }
  return rows;
}

TEST(ConfigDocTest, KeyTableMatchesTheRegistry) {
  std::map<std::string, DocRow> doc = ParseKeyTable(ReadConfigurationDoc());
  Config defaults;
  for (const ConfigKey& key : AllConfigKeys()) {
    auto row = doc.find(key.path);
    if (row == doc.end()) {
      ADD_FAILURE() << "docs/configuration.md does not list " << key.path;
      continue;
    }
    EXPECT_EQ(row->second.type, key.type) << key.path;
    EXPECT_EQ(row->second.default_text, DisplayValue(key, defaults)) << key.path;
    doc.erase(row);
  }
  for (const auto& [path, row] : doc) {
    ADD_FAILURE() << "docs/configuration.md lists " << path << ", which is not a key";
  }
}

}  // namespace
}  // namespace binlake::config
