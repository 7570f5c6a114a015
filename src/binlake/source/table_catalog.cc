#include "binlake/source/table_catalog.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/source/server_text.h"
#include "binlake/source/sql_text.h"

namespace binlake::source {
namespace {

using mysql::ColumnKind;
using TableName = std::pair<std::string, std::string>;  // (schema, table)

constexpr std::array<std::string_view, 4> kSystemSchemas = {"mysql", "information_schema",
                                                            "performance_schema", "sys"};

bool IsSystemSchema(std::string_view schema) {
  std::string upper = ToUpperAscii(schema);
  return std::any_of(kSystemSchemas.begin(), kSystemSchemas.end(),
                     [&](std::string_view system) { return ToUpperAscii(system) == upper; });
}

// `text` split at each `separator` that no backslash escapes; the parts keep their escapes.
std::vector<std::string> SplitUnescaped(std::string_view text, char separator) {
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == separator) {
      parts.emplace_back();
      continue;
    }
    parts.back() += text[i];
    if (text[i] == '\\' && i + 1 < text.size()) {
      parts.back() += text[++i];
    }
  }
  return parts;
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      ++i;
    }
    out += text[i];
  }
  return out;
}

// `schema.table` split at its first unescaped '.': both sides non-empty, escapes kept.
std::optional<TableName> SplitQualifiedName(std::string_view text) {
  std::vector<std::string> parts = SplitUnescaped(TrimSpaces(text), '.');
  if (parts.size() < 2) {
    return std::nullopt;
  }
  std::string schema = parts[0];
  std::string table = fmt::format("{}", fmt::join(parts.begin() + 1, parts.end(), "."));
  if (schema.empty() || table.empty()) {
    return std::nullopt;
  }
  return TableName{std::move(schema), std::move(table)};
}

std::string Qualified(const TableName& name) {
  return QuoteTable(name.first, name.second);
}

// ---- information_schema rows ----------------------------------------------------------------

std::string Cell(const std::vector<std::optional<std::string>>& row, size_t index) {
  return index < row.size() ? row[index].value_or("") : "";
}

uint32_t CellNumber(const std::vector<std::optional<std::string>>& row, size_t index) {
  std::optional<uint64_t> value = ParseUnsigned(Cell(row, index));
  return value.has_value() && *value <= UINT32_MAX ? static_cast<uint32_t>(*value) : 0;
}

// The SQL condition restricting an information_schema table to `schemas` (and `table`, when
// given).
std::string Restriction(const std::set<std::string>& schemas, const std::string* table) {
  std::vector<std::string> literals;
  for (const std::string& schema : schemas) {
    literals.push_back(QuoteString(schema));
  }
  std::string where = fmt::format("TABLE_SCHEMA IN ({})", fmt::join(literals, ", "));
  if (table != nullptr) {
    where += fmt::format(" AND TABLE_NAME = {}", QuoteString(*table));
  }
  return where;
}

constexpr std::string_view kColumnsSelect =
    "SELECT TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, "
    "IS_NULLABLE, CHARACTER_SET_NAME, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, "
    "CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE ";
enum ColumnField : size_t {
  kSchema,
  kTable,
  kOrdinal,
  kName,
  kDataType,
  kColumnType,
  kNullable,
  kCharset,
  kPrecision,
  kScale,
  kFsp,
  kMaxLength,
};

constexpr std::string_view kIndexesSelect =
    "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM "
    "information_schema.STATISTICS WHERE NON_UNIQUE = 0 AND ";

// ---- column types -------------------------------------------------------------------------

std::optional<ColumnKind> KindOfDataType(std::string_view data_type) {
  static const std::map<std::string, ColumnKind, std::less<>> kKinds = {
      {"TINYINT", ColumnKind::kTinyInt},
      {"SMALLINT", ColumnKind::kSmallInt},
      {"MEDIUMINT", ColumnKind::kMediumInt},
      {"INT", ColumnKind::kInt},
      {"INTEGER", ColumnKind::kInt},
      {"BIGINT", ColumnKind::kBigInt},
      {"FLOAT", ColumnKind::kFloat},
      {"DOUBLE", ColumnKind::kDouble},
      {"REAL", ColumnKind::kDouble},
      {"DECIMAL", ColumnKind::kDecimal},
      {"NUMERIC", ColumnKind::kDecimal},
      {"BIT", ColumnKind::kBit},
      {"YEAR", ColumnKind::kYear},
      {"DATE", ColumnKind::kDate},
      {"TIME", ColumnKind::kTime},
      {"DATETIME", ColumnKind::kDateTime},
      {"TIMESTAMP", ColumnKind::kTimestamp},
      {"CHAR", ColumnKind::kChar},
      {"VARCHAR", ColumnKind::kVarchar},
      {"TINYTEXT", ColumnKind::kText},
      {"TEXT", ColumnKind::kText},
      {"MEDIUMTEXT", ColumnKind::kText},
      {"LONGTEXT", ColumnKind::kText},
      {"BINARY", ColumnKind::kBinary},
      {"VARBINARY", ColumnKind::kVarbinary},
      {"TINYBLOB", ColumnKind::kBlob},
      {"BLOB", ColumnKind::kBlob},
      {"MEDIUMBLOB", ColumnKind::kBlob},
      {"LONGBLOB", ColumnKind::kBlob},
      {"ENUM", ColumnKind::kEnum},
      {"SET", ColumnKind::kSet},
      {"JSON", ColumnKind::kJson},
      {"GEOMETRY", ColumnKind::kGeometry},
      {"POINT", ColumnKind::kGeometry},
      {"LINESTRING", ColumnKind::kGeometry},
      {"POLYGON", ColumnKind::kGeometry},
      {"MULTIPOINT", ColumnKind::kGeometry},
      {"MULTILINESTRING", ColumnKind::kGeometry},
      {"MULTIPOLYGON", ColumnKind::kGeometry},
      {"GEOMETRYCOLLECTION", ColumnKind::kGeometry},
      {"GEOMCOLLECTION", ColumnKind::kGeometry},
      {"VECTOR", ColumnKind::kVector},
      {"UUID", ColumnKind::kUuid},
      {"INET4", ColumnKind::kInet4},
      {"INET6", ColumnKind::kInet6},
  };
  auto found = kKinds.find(ToUpperAscii(data_type));
  return found == kKinds.end() ? std::nullopt : std::optional<ColumnKind>(found->second);
}

// The number in "bit(5)" / "vector(3)"; nullopt without one.
std::optional<uint64_t> ParenthesizedNumber(std::string_view column_type) {
  size_t open = column_type.find('(');
  size_t close = column_type.find(')', open);
  if (open == std::string_view::npos || close == std::string_view::npos) {
    return std::nullopt;
  }
  return ParseUnsigned(column_type.substr(open + 1, close - open - 1));
}

// The members of "enum('a','it''s','back\\slash')": quotes doubled, backslash escapes as the
// server prints them.
Result<std::vector<std::string>> ParseMembers(std::string_view column_type) {
  size_t open = column_type.find('(');
  if (open == std::string_view::npos || !column_type.ends_with(')')) {
    return InvalidArgumentError(fmt::format("cannot read the members of {}", column_type));
  }
  std::string_view list = column_type.substr(open + 1, column_type.size() - open - 2);
  std::vector<std::string> members;
  size_t i = 0;
  while (i < list.size()) {
    if (list[i] != '\'') {
      return InvalidArgumentError(fmt::format("cannot read the members of {}", column_type));
    }
    std::string member;
    for (++i; i < list.size(); ++i) {
      char c = list[i];
      if (c == '\'' && i + 1 < list.size() && list[i + 1] == '\'') {
        member += '\'';
        ++i;
      } else if (c == '\'') {
        break;
      } else if (c == '\\' && i + 1 < list.size()) {
        char next = list[++i];
        member += next == '0'   ? '\0'
                  : next == 'n' ? '\n'
                  : next == 'r' ? '\r'
                  : next == 'Z' ? '\x1a'
                                : next;
      } else {
        member += c;
      }
    }
    members.push_back(std::move(member));
    i += 2;  // the closing quote and the comma
  }
  return members;
}

Result<mysql::ColumnType> ColumnTypeOf(const std::vector<std::optional<std::string>>& row,
                                       std::string_view where) {
  std::string column_type = Cell(row, kColumnType);
  std::optional<ColumnKind> kind = KindOfDataType(Cell(row, kDataType));
  if (!kind.has_value()) {
    return InvalidArgumentError(
        fmt::format("{}: type {} is not supported by binlake", where, column_type));
  }
  mysql::ColumnType type;
  type.kind = *kind;
  type.is_unsigned = ToUpperAscii(column_type).find(" UNSIGNED") != std::string::npos;
  type.charset = Cell(row, kCharset);
  switch (type.kind) {
    case ColumnKind::kDecimal:
      type.length = CellNumber(row, kPrecision);
      type.scale = CellNumber(row, kScale);
      break;
    case ColumnKind::kBit:
    case ColumnKind::kVector:
      type.length = static_cast<uint32_t>(ParenthesizedNumber(column_type).value_or(1));
      break;
    case ColumnKind::kTime:
    case ColumnKind::kDateTime:
    case ColumnKind::kTimestamp:
      type.scale = CellNumber(row, kFsp);
      break;
    case ColumnKind::kChar:
    case ColumnKind::kVarchar:
    case ColumnKind::kBinary:
    case ColumnKind::kVarbinary:
      type.length = CellNumber(row, kMaxLength);
      break;
    case ColumnKind::kEnum:
    case ColumnKind::kSet: {
      Result<std::vector<std::string>> members = ParseMembers(column_type);
      if (!members.ok()) {
        return members.status().WithContext(where);
      }
      type.elements = std::move(*members);
      break;
    }
    default:
      break;
  }
  return type;
}

// ---- tables -------------------------------------------------------------------------------

struct TableFacts {
  mysql::TableSchema schema;
  std::vector<uint32_t> ordinals;  // ORDINAL_POSITION of each column, to sort them
  // Unique indexes by name ("PRIMARY" among them): column names in SEQ_IN_INDEX order.
  std::map<std::string, std::vector<std::pair<uint32_t, std::string>>> unique_indexes;
};

using Catalog = std::map<TableName, TableFacts>;

Status AddColumns(const io::TextResult& result, Catalog* catalog) {
  for (const auto& row : result.rows) {
    auto table = catalog->find(TableName{Cell(row, kSchema), Cell(row, kTable)});
    if (table == catalog->end()) {
      continue;  // a table of a listed schema that was not selected
    }
    std::string where =
        fmt::format("{}.{}", Qualified(table->first), QuoteIdentifier(Cell(row, kName)));
    ASSIGN_OR_RETURN(mysql::ColumnType type, ColumnTypeOf(row, where));
    table->second.schema.columns.push_back(
        mysql::ColumnSchema{Cell(row, kName), std::move(type), Cell(row, kNullable) == "YES"});
    table->second.ordinals.push_back(CellNumber(row, kOrdinal));
  }
  for (auto& [name, facts] : *catalog) {
    std::vector<size_t> order(facts.ordinals.size());
    for (size_t i = 0; i < order.size(); ++i) {
      order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return facts.ordinals[a] < facts.ordinals[b]; });
    std::vector<mysql::ColumnSchema> sorted;
    for (size_t i : order) {
      sorted.push_back(std::move(facts.schema.columns[i]));
    }
    facts.schema.columns = std::move(sorted);
    if (facts.schema.columns.empty()) {
      return FailedPreconditionError(
          fmt::format("information_schema.COLUMNS lists no column of {}", Qualified(name)));
    }
  }
  return Status::Ok();
}

void AddIndexes(const io::TextResult& result, Catalog* catalog) {
  enum : size_t { kIndexSchema, kIndexTable, kIndexName, kSeq, kColumn };
  for (const auto& row : result.rows) {
    auto table = catalog->find(TableName{Cell(row, kIndexSchema), Cell(row, kIndexTable)});
    if (table == catalog->end()) {
      continue;
    }
    // A functional key part (MySQL 8) has no column: such an index cannot identify rows here.
    std::string column = row.size() > kColumn && row[kColumn].has_value() ? *row[kColumn] : "";
    table->second.unique_indexes[Cell(row, kIndexName)].emplace_back(CellNumber(row, kSeq), column);
  }
  for (auto& [name, facts] : *catalog) {
    for (auto& [index, parts] : facts.unique_indexes) {
      std::sort(parts.begin(), parts.end());
    }
  }
}

std::optional<uint32_t> ColumnPosition(const mysql::TableSchema& schema, std::string_view name) {
  for (size_t i = 0; i < schema.columns.size(); ++i) {
    if (schema.columns[i].name == name) {
      return static_cast<uint32_t>(i);
    }
  }
  return std::nullopt;
}

// The positions of an index's columns; nullopt when one is not a column (a functional part).
std::optional<std::vector<uint32_t>> IndexPositions(
    const mysql::TableSchema& schema, const std::vector<std::pair<uint32_t, std::string>>& parts) {
  std::vector<uint32_t> positions;
  for (const auto& [seq, column] : parts) {
    std::optional<uint32_t> position = ColumnPosition(schema, column);
    if (!position.has_value()) {
      return std::nullopt;
    }
    positions.push_back(*position);
  }
  return positions;
}

bool AllNotNull(const mysql::TableSchema& schema, const std::vector<uint32_t>& positions) {
  return std::all_of(positions.begin(), positions.end(),
                     [&](uint32_t p) { return !schema.columns[p].nullable; });
}

void SetPrimaryKey(TableFacts* facts) {
  auto primary = facts->unique_indexes.find("PRIMARY");
  if (primary != facts->unique_indexes.end()) {
    facts->schema.primary_key =
        IndexPositions(facts->schema, primary->second).value_or(std::vector<uint32_t>());
  }
}

// A UNIQUE index of NOT NULL columns, as "col1,col2" for a capture.unique_keys suggestion.
std::optional<std::string> UsableUniqueIndex(const TableFacts& facts) {
  for (const auto& [index, parts] : facts.unique_indexes) {
    std::optional<std::vector<uint32_t>> positions = IndexPositions(facts.schema, parts);
    if (positions.has_value() && AllNotNull(facts.schema, *positions)) {
      std::vector<std::string> names;
      for (uint32_t p : *positions) {
        names.push_back(facts.schema.columns[p].name);
      }
      return fmt::format("{}", fmt::join(names, ","));
    }
  }
  return std::nullopt;
}

// ---- capture.unique_keys ------------------------------------------------------------------

using UniqueKeys = std::map<TableName, std::vector<std::string>>;

Result<UniqueKeys> ParseUniqueKeys(std::string_view text) {
  UniqueKeys keys;
  for (const std::string& entry : SplitUnescaped(text, ';')) {
    if (TrimSpaces(entry).empty()) {
      continue;
    }
    std::vector<std::string> sides = SplitUnescaped(entry, '=');
    std::optional<TableName> name = sides.size() == 2 ? SplitQualifiedName(sides[0]) : std::nullopt;
    std::vector<std::string> columns;
    for (const std::string& column :
         sides.size() == 2 ? SplitUnescaped(sides[1], ',') : std::vector<std::string>()) {
      columns.push_back(Unescape(TrimSpaces(column)));
    }
    bool empty_column =
        std::any_of(columns.begin(), columns.end(), [](const std::string& c) { return c.empty(); });
    if (!name.has_value() || columns.empty() || empty_column) {
      return InvalidArgumentError(fmt::format(
          "capture.unique_keys entry \"{}\" is not schema.table=col1,col2", TrimSpaces(entry)));
    }
    keys[TableName{Unescape(name->first), Unescape(name->second)}] = std::move(columns);
  }
  return keys;
}

// The configured key of `facts` as column positions, checked against its unique indexes.
Result<std::vector<uint32_t>> ConfiguredKey(const TableName& name, const TableFacts& facts,
                                            const std::vector<std::string>& columns) {
  std::vector<uint32_t> positions;
  for (const std::string& column : columns) {
    std::optional<uint32_t> position = ColumnPosition(facts.schema, column);
    if (!position.has_value()) {
      return InvalidArgumentError(fmt::format("capture.unique_keys: {} has no column {}",
                                              Qualified(name), QuoteIdentifier(column)));
    }
    positions.push_back(*position);
  }
  std::vector<uint32_t> wanted = positions;
  std::sort(wanted.begin(), wanted.end());
  bool is_unique_index =
      std::any_of(facts.unique_indexes.begin(), facts.unique_indexes.end(), [&](const auto& index) {
        std::optional<std::vector<uint32_t>> have = IndexPositions(facts.schema, index.second);
        if (have.has_value()) {
          std::sort(have->begin(), have->end());
        }
        return have == wanted;
      });
  if (!is_unique_index || !AllNotNull(facts.schema, positions)) {
    return FailedPreconditionError(fmt::format(
        "capture.unique_keys: ({}) of {} is not a UNIQUE index of NOT NULL columns; create one "
        "(ALTER TABLE {} MODIFY each column ... NOT NULL, ADD UNIQUE ({})) or name another key",
        fmt::join(columns, ", "), Qualified(name), Qualified(name), fmt::join(columns, ", ")));
  }
  return positions;
}

Status KeylessRefusal(const std::vector<std::string>& tables) {
  return FailedPreconditionError(fmt::format(
      "{} selected table(s) have no primary key: {}. Either name a UNIQUE key of NOT NULL "
      "columns for each in capture.unique_keys (schema.table=col1,col2;...), or set "
      "capture.keyless_tables: full_row (rows are identified by all their columns; "
      "docs/capture.md)",
      tables.size(), fmt::join(tables, "; ")));
}

// Chooses each table's key: the primary key, else the configured unique key, else the
// keyless policy.
Result<std::vector<CapturedTable>> ChooseKeys(Catalog catalog, const UniqueKeys& unique_keys,
                                              const capture::CaptureOptions& options) {
  for (const auto& [name, columns] : unique_keys) {
    if (!catalog.contains(name)) {
      return InvalidArgumentError(fmt::format(
          "capture.unique_keys names {}, which is not a selected base table", Qualified(name)));
    }
  }
  std::vector<CapturedTable> tables;
  std::vector<std::string> keyless;
  for (auto& [name, facts] : catalog) {
    CapturedTable table;
    SetPrimaryKey(&facts);
    auto configured = unique_keys.find(name);
    if (!facts.schema.primary_key.empty()) {
      if (configured != unique_keys.end()) {
        return InvalidArgumentError(fmt::format(
            "capture.unique_keys names {}, which has a primary key (used as its key); remove "
            "the entry",
            Qualified(name)));
      }
    } else if (configured != unique_keys.end()) {
      ASSIGN_OR_RETURN(facts.schema.primary_key, ConfiguredKey(name, facts, configured->second));
      table.key_source = KeySource::kUniqueKey;
    } else {
      table.key_source = KeySource::kFullRow;
      std::optional<std::string> usable = UsableUniqueIndex(facts);
      keyless.push_back(usable.has_value()
                            ? fmt::format("{} (it has one: {}.{}={})", Qualified(name), name.first,
                                          name.second, *usable)
                            : Qualified(name));
    }
    table.schema = std::move(facts.schema);
    tables.push_back(std::move(table));
  }
  if (!keyless.empty() && options.keyless_tables == capture::KeylessPolicy::kRefuse) {
    return KeylessRefusal(keyless);
  }
  return tables;
}

// Reads the columns and unique indexes of the tables in `catalog` (one query each, for all of
// them), restricted by `table` when given.
Status ReadStructure(io::SqlConnection& connection, const std::string* table, Catalog* catalog) {
  std::set<std::string> schemas;
  for (const auto& [name, facts] : *catalog) {
    schemas.insert(name.first);
  }
  std::string where = Restriction(schemas, table);
  ASSIGN_OR_RETURN(io::TextResult columns,
                   connection.QueryText(fmt::format("{}{} ORDER BY TABLE_SCHEMA, TABLE_NAME, "
                                                    "ORDINAL_POSITION",
                                                    kColumnsSelect, where)));
  RETURN_IF_ERROR(AddColumns(columns, catalog));
  ASSIGN_OR_RETURN(io::TextResult indexes,
                   connection.QueryText(fmt::format("{}{} ORDER BY TABLE_SCHEMA, TABLE_NAME, "
                                                    "INDEX_NAME, SEQ_IN_INDEX",
                                                    kIndexesSelect, where)));
  AddIndexes(indexes, catalog);
  return Status::Ok();
}

Catalog NewCatalog(const std::vector<TableName>& names) {
  Catalog catalog;
  for (const TableName& name : names) {
    TableFacts& facts = catalog[name];
    facts.schema.database = name.first;
    facts.schema.table = name.second;
  }
  return catalog;
}

Result<std::vector<TableName>> ListBaseTables(io::SqlConnection& connection,
                                              std::string_view where) {
  ASSIGN_OR_RETURN(io::TextResult result,
                   connection.QueryText(fmt::format(
                       "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE "
                       "TABLE_TYPE = 'BASE TABLE' AND {}",
                       where)));
  std::vector<TableName> names;
  for (const auto& row : result.rows) {
    names.emplace_back(Cell(row, 0), Cell(row, 1));
  }
  return names;
}

std::string SystemSchemasExcluded() {
  std::vector<std::string> literals;
  for (std::string_view schema : kSystemSchemas) {
    literals.push_back(QuoteString(schema));
  }
  return fmt::format("TABLE_SCHEMA NOT IN ({})", fmt::join(literals, ", "));
}

}  // namespace

Result<TableFilter> TableFilter::Make(std::string_view include, std::string_view exclude) {
  TableFilter filter;
  auto compile = [](std::string_view list, std::string_view key,
                    std::vector<Pattern>* out) -> Status {
    if (TrimSpaces(list).empty()) {
      return Status::Ok();
    }
    for (const std::string& text : SplitUnescaped(list, ',')) {
      std::optional<TableName> parts = SplitQualifiedName(text);
      if (!parts.has_value()) {
        return InvalidArgumentError(fmt::format(
            "{}: \"{}\" is not a schema.table pattern (a backslash escapes a literal '.', ',', "
            "'*' or '?')",
            key, TrimSpaces(text)));
      }
      out->push_back(Pattern{std::move(parts->first), std::move(parts->second)});
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(compile(include, "capture.include", &filter.include_));
  RETURN_IF_ERROR(compile(exclude, "capture.exclude", &filter.exclude_));
  return filter;
}

bool TableFilter::AnyMatches(const std::vector<Pattern>& patterns, std::string_view schema,
                             std::string_view table) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const Pattern& pattern) {
    return WildcardMatch(pattern.schema, schema, '*', '?') &&
           WildcardMatch(pattern.table, table, '*', '?');
  });
}

bool TableFilter::Selects(std::string_view schema, std::string_view table) const {
  return !IsSystemSchema(schema) && AnyMatches(include_, schema, table) &&
         !AnyMatches(exclude_, schema, table);
}

Result<std::vector<CapturedTable>> DiscoverTables(io::SqlConnection& connection,
                                                  const TableFilter& filter,
                                                  const capture::CaptureOptions& options) {
  ASSIGN_OR_RETURN(UniqueKeys unique_keys, ParseUniqueKeys(options.unique_keys));
  ASSIGN_OR_RETURN(std::vector<TableName> all, ListBaseTables(connection, SystemSchemasExcluded()));
  std::vector<TableName> selected;
  std::copy_if(all.begin(), all.end(), std::back_inserter(selected),
               [&](const TableName& name) { return filter.Selects(name.first, name.second); });
  Catalog catalog = NewCatalog(selected);
  if (!catalog.empty()) {
    RETURN_IF_ERROR(ReadStructure(connection, nullptr, &catalog));
  }
  return ChooseKeys(std::move(catalog), unique_keys, options);
}

Result<std::vector<CapturedTable>> DiscoverSelectedTables(io::SqlConnection& connection,
                                                          const capture::CaptureOptions& options,
                                                          std::string_view who) {
  ASSIGN_OR_RETURN(TableFilter filter, TableFilter::Make(options.include, options.exclude));
  ASSIGN_OR_RETURN(std::vector<CapturedTable> tables, DiscoverTables(connection, filter, options));
  if (tables.empty()) {
    return FailedPreconditionError(
        fmt::format("capture.include \"{}\" (exclude \"{}\") selects no base table that {} can see",
                    options.include, options.exclude, who));
  }
  return tables;
}

Result<mysql::TableSchema> DescribeTable(io::SqlConnection& connection, std::string_view schema,
                                         std::string_view table) {
  std::string table_name(table);
  std::string where = Restriction({std::string(schema)}, &table_name);
  ASSIGN_OR_RETURN(std::vector<TableName> found, ListBaseTables(connection, where));
  // information_schema compares names case-insensitively; the table is the exact one.
  TableName wanted{std::string(schema), table_name};
  if (std::find(found.begin(), found.end(), wanted) == found.end()) {
    return NotFoundError(fmt::format("no base table {}", Qualified(wanted)));
  }
  Catalog catalog = NewCatalog({wanted});
  RETURN_IF_ERROR(ReadStructure(connection, &table_name, &catalog));
  TableFacts& facts = catalog.begin()->second;
  SetPrimaryKey(&facts);
  return std::move(facts.schema);
}

}  // namespace binlake::source
