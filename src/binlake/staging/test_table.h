// A small table with one column of most kinds, and rows of it, for the staging tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::staging::testing {

inline mysql::ColumnSchema Column(std::string name, mysql::ColumnKind kind, bool nullable = true,
                                  uint32_t length = 0, uint32_t scale = 0) {
  mysql::ColumnSchema column;
  column.name = std::move(name);
  column.type.kind = kind;
  column.type.length = length;
  column.type.scale = scale;
  column.nullable = nullable;
  if (kind == mysql::ColumnKind::kVarchar || kind == mysql::ColumnKind::kText) {
    column.type.charset = "utf8mb4";
  }
  return column;
}

// id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2), ratio FLOAT, at TIMESTAMP(3),
// local DATETIME(6), day DATE, span TIME(1), raw VARBINARY(8), flags BIT(5),
// big BIGINT UNSIGNED, doc JSON.
inline mysql::TableSchema SmallTable() {
  using mysql::ColumnKind;
  mysql::TableSchema table;
  table.database = "shop";
  table.table = "items";
  table.columns = {
      Column("id", ColumnKind::kInt, false),
      Column("name", ColumnKind::kVarchar, true, 20),
      Column("price", ColumnKind::kDecimal, true, 10, 2),
      Column("ratio", ColumnKind::kFloat),
      Column("at", ColumnKind::kTimestamp, true, 0, 3),
      Column("local", ColumnKind::kDateTime, true, 0, 6),
      Column("day", ColumnKind::kDate),
      Column("span", ColumnKind::kTime, true, 0, 1),
      Column("raw", ColumnKind::kVarbinary, true, 8),
      Column("flags", ColumnKind::kBit, true, 5),
      Column("big", ColumnKind::kBigInt),
      Column("doc", ColumnKind::kJson),
  };
  table.columns[10].type.is_unsigned = true;
  table.primary_key = {0};
  return table;
}

// Row `i` of SmallTable: every third row has NULLs, the others edge values.
inline std::vector<mysql::Value> SmallRow(int64_t i) {
  if (i % 3 == 2) {
    std::vector<mysql::Value> row(12, mysql::Null{});
    row[0] = i;
    row[1] = mysql::Text{""};
    return row;
  }
  return {
      i,
      mysql::Text{i % 2 == 0 ? "plain" : "a \"quoted\", multi\nline\r\ntext \xC3\xA9"},
      mysql::Decimal{i % 2 == 0 ? "-12.50" : "99999999.99"},
      i % 2 == 0 ? 0.1f : -0.0f,
      mysql::Timestamp{1'795'620'612 + i, 345'000},
      mysql::DateTime{2026, 11, 25, 15, 30, 12, 123'456},
      mysql::Date{i % 2 == 0 ? uint16_t{1000} : uint16_t{9999}, 12, 31},
      mysql::Time{true, 838, 59, 59, 900'000},
      mysql::Binary{std::string("\x00\xFF,\"", 4)},
      mysql::Bit{static_cast<uint64_t>(i % 32), 5},
      uint64_t{18'446'744'073'709'551'615u},
      mysql::Json{R"({"a": [1, 2]})"},
  };
}

// The canonical text SmallRow(i) reads back as (cell_text.h).
inline std::vector<std::optional<std::string>> SmallRowText(int64_t i) {
  if (i % 3 == 2) {
    std::vector<std::optional<std::string>> row(12);
    row[0] = std::to_string(i);
    row[1] = "";
    return row;
  }
  return {
      std::to_string(i),
      i % 2 == 0 ? "plain" : "a \"quoted\", multi\nline\r\ntext \xC3\xA9",
      i % 2 == 0 ? "-12.50" : "99999999.99",
      i % 2 == 0 ? "0.1" : "-0",
      "2026-11-25 15:30:" + std::to_string(12 + i) + ".345",
      "2026-11-25 15:30:12.123456",
      i % 2 == 0 ? "1000-12-31" : "9999-12-31",
      "-838:59:59.9",
      "00FF2C22",
      std::to_string(i % 32),
      "18446744073709551615",
      R"({"a": [1, 2]})",
  };
}

}  // namespace binlake::staging::testing
