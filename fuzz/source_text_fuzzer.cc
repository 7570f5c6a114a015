// Fuzz target for the server text the source core parses. The input is lines:
//   0 capture.include, 1 capture.exclude, 2 capture.unique_keys, 3 an ENUM/SET COLUMN_TYPE,
//   4.. SHOW GRANTS statements.
// Checks:
//   * TableFilter::Make fails only with InvalidArgument; a made filter never selects a system
//     schema;
//   * DiscoverTables over a one-table information_schema built from lines 2 and 3 never
//     crashes and fails only with InvalidArgument or FailedPrecondition; a table it returns has
//     its key positions inside its columns;
//   * ParseGrants fails only with InvalidArgument; CanSelect never crashes;
//   * SqlLiteral of the parsed ENUM members (as Text in a VARCHAR column) is refused only for
//     invalid UTF-8, and never leaves an unescaped quote.
// A broken invariant aborts, which libFuzzer (or the replay driver) reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/status.h"
#include "binlake/base/utf8.h"
#include "binlake/source/server_checks.h"
#include "binlake/source/sql_text.h"
#include "binlake/source/table_catalog.h"

namespace binlake::source {
namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "source_text_fuzzer: %s\n", what);
    std::abort();
  }
}

std::vector<std::string> Lines(std::string_view input) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= input.size() && lines.size() < 64) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) {
      end = input.size();
    }
    lines.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }
  lines.resize(std::max<size_t>(lines.size(), 4));
  return lines;
}

// information_schema with one table `s`.`t`: column `e` of `column_type`, column `k` INT NOT
// NULL with a UNIQUE index, no primary key.
class OneTableConnection : public io::SqlConnection {
 public:
  explicit OneTableConnection(std::string column_type) : column_type_(std::move(column_type)) {}

  Status Execute(std::string_view) override { return Status::Ok(); }
  Result<io::TextResult> QueryText(std::string_view sql) override {
    if (sql.find("information_schema.TABLES") != std::string_view::npos) {
      return io::TextResult{{}, {{"s", "t"}}};
    }
    if (sql.find("information_schema.COLUMNS") != std::string_view::npos) {
      std::string data_type = column_type_.substr(0, column_type_.find('('));
      return io::TextResult{{},
                            {{"s", "t", "1", "e", data_type, column_type_, "YES", "utf8mb4",
                              std::nullopt, std::nullopt, std::nullopt, std::nullopt},
                             {"s", "t", "2", "k", "int", "int", "NO", std::nullopt, "10", "0",
                              std::nullopt, std::nullopt}}};
    }
    return io::TextResult{{}, {{"s", "t", "k_unique", "1", "k"}}};
  }
  Status StreamRows(std::string_view, std::span<const mysql::ColumnSchema>,
                    const io::RowCallback&) override {
    return InternalError("not used");
  }
  std::string Describe() const override { return "fuzz"; }

 private:
  std::string column_type_;
};

bool IsOneOf(StatusCode code, StatusCode a, StatusCode b) {
  return code == a || code == b;
}

void CheckLiteral(const std::string& member) {
  mysql::ColumnType varchar;
  varchar.kind = mysql::ColumnKind::kVarchar;
  // Constructed, not assigned: GCC 12 reports a false -Wrestrict on `name = "c"` under ASan.
  const mysql::ColumnSchema column{std::string("c"), varchar, true};
  Result<std::string> literal = SqlLiteral(mysql::Text{member}, column);
  Check(literal.ok() == IsValidUtf8(member), "literal refused valid UTF-8 or took invalid");
  if (!literal.ok()) {
    return;
  }
  std::string_view body(*literal);
  body.remove_prefix(std::string_view("_utf8mb4'").size());
  body.remove_suffix(1);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\') {
      ++i;
    } else {
      Check(body[i] != '\'' && body[i] != '\0', "unescaped quote or NUL in a literal");
    }
  }
}

void CheckDiscovery(const std::vector<std::string>& lines, const TableFilter& filter) {
  capture::CaptureOptions options;
  options.unique_keys = lines[2];
  options.keyless_tables = capture::KeylessPolicy::kFullRow;
  OneTableConnection connection(lines[3]);
  Result<std::vector<CapturedTable>> tables = DiscoverTables(connection, filter, options);
  if (!tables.ok()) {
    Check(IsOneOf(tables.status().code(), StatusCode::kInvalidArgument,
                  StatusCode::kFailedPrecondition),
          "discovery error is neither InvalidArgument nor FailedPrecondition");
    return;
  }
  for (const CapturedTable& table : *tables) {
    for (uint32_t position : table.schema.primary_key) {
      Check(position < table.schema.columns.size(), "key position outside the columns");
    }
    for (const std::string& member : table.schema.columns[0].type.elements) {
      CheckLiteral(member);
    }
  }
}

void CheckGrants(const std::vector<std::string>& lines) {
  io::TextResult rows;
  for (size_t i = 4; i < lines.size(); ++i) {
    rows.rows.push_back({lines[i]});
  }
  Result<Grants> grants = ParseGrants(rows);
  if (!grants.ok()) {
    Check(grants.status().code() == StatusCode::kInvalidArgument,
          "grants error is not InvalidArgument");
    return;
  }
  (void)CanSelect(*grants, "shop_1", "orders");
  for (const Grants::On& on : grants->on) {
    (void)CanSelect(*grants, on.schema, on.table);
  }
}

}  // namespace
}  // namespace binlake::source

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace binlake::source;
  std::vector<std::string> lines =
      Lines(std::string_view(reinterpret_cast<const char*>(data), size));
  binlake::Result<TableFilter> filter = TableFilter::Make(lines[0], lines[1]);
  if (filter.ok()) {
    Check(!filter->Selects("mysql", lines[0]), "a system schema was selected");
    CheckDiscovery(lines, *filter);
  } else {
    Check(filter.status().code() == binlake::StatusCode::kInvalidArgument,
          "filter error is not InvalidArgument");
  }
  CheckGrants(lines);
  return 0;
}
