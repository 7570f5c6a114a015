// Checks docs/formats/types.md against the mapping table: the page's table must list exactly
// the code's rows, in order, with the code's text for the MySQL type, the exact Parquet type,
// the Iceberg type and the DMS-mode Parquet type (the last column, "why", is free prose).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/parquet/type_mapping.h"

namespace binlake::parquet {
namespace {

constexpr std::string_view kTableHeader =
    "| MySQL / MariaDB | exact: Parquet | Iceberg | DMS mode: Parquet | why |";

std::string ReadTypesDoc() {
  std::ifstream file(BINLAKE_TYPES_MD);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_TRUE(file.good()) << "cannot read " << BINLAKE_TYPES_MD;
  return text.str();
}

std::string Trimmed(std::string_view cell) {
  while (!cell.empty() && cell.front() == ' ') {
    cell.remove_prefix(1);
  }
  while (!cell.empty() && cell.back() == ' ') {
    cell.remove_suffix(1);
  }
  if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') {
    cell = cell.substr(1, cell.size() - 2);
  }
  return std::string(cell);
}

// The first four cells of each row of the table under kTableHeader (after its separator line).
std::vector<std::vector<std::string>> DocRows(const std::string& doc) {
  std::vector<std::vector<std::string>> rows;
  size_t at = doc.find(kTableHeader);
  EXPECT_NE(at, std::string::npos) << "no mapping table in docs/formats/types.md";
  if (at == std::string::npos) {
    return rows;
  }
  std::istringstream lines(doc.substr(at));
  std::string line;
  std::getline(lines, line);  // header
  std::getline(lines, line);  // |---|
  while (std::getline(lines, line) && line.starts_with("|")) {
    std::vector<std::string> cells;
    std::string_view rest = std::string_view(line).substr(1);
    for (size_t bar; cells.size() < 4 && (bar = rest.find('|')) != std::string_view::npos;) {
      cells.push_back(Trimmed(rest.substr(0, bar)));
      rest.remove_prefix(bar + 1);
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

TEST(TypeMappingDoc, TableMatchesTheCode) {
  std::vector<std::vector<std::string>> expected;
  for (const MappingRow& row : TypeMappingTable()) {
    expected.push_back({std::string(row.mysql), std::string(ParquetTypeText(row.exact)),
                        std::string(IcebergTypeText(row.exact)),
                        std::string(ParquetTypeText(row.dms))});
  }
  EXPECT_EQ(DocRows(ReadTypesDoc()), expected);
}

}  // namespace
}  // namespace binlake::parquet
