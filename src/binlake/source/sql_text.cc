#include "binlake/source/sql_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <variant>

#include "binlake/base/macros.h"
#include "binlake/base/utf8.h"

namespace binlake::source {
namespace {

using mysql::ColumnKind;

// `text` as a MySQL string literal body: backslash escapes for the characters that could end
// the literal or that the protocol and logs mangle (NUL, CR, LF, Ctrl-Z).
std::string EscapeString(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\0':
        out += "\\0";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\x1a':
        out += "\\Z";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HexLiteral(std::string_view bytes) {
  std::string out = "X'";
  for (char c : bytes) {
    out += fmt::format("{:02X}", static_cast<unsigned char>(c));
  }
  out += '\'';
  return out;
}

// ".ffffff" cut to `fsp` digits, or all six when the value has more precision than the column
// declares (never rounded); empty for a whole second at fsp 0.
std::string Fraction(uint32_t micros, uint32_t fsp) {
  uint32_t digits = std::min<uint32_t>(fsp, 6);
  uint32_t dropped = 1;
  for (uint32_t i = digits; i < 6; ++i) {
    dropped *= 10;
  }
  if (micros % dropped != 0) {
    digits = 6;
    dropped = 1;
  }
  if (digits == 0) {
    return "";
  }
  return fmt::format(".{:0{}}", micros / dropped, digits);
}

bool IsDecimalText(std::string_view text) {
  if (text.starts_with('-')) {
    text.remove_prefix(1);
  }
  size_t dot = text.find('.');
  std::string_view integer = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return !integer.empty() && digits(integer) && digits(fraction) &&
         (dot == std::string_view::npos || !fraction.empty());
}

// A DOUBLE literal that reads back to exactly `value`: the shortest round-trip digits, with an
// exponent so the server parses it as DOUBLE, not as an exact DECIMAL. A FLOAT column compares
// as the double its float widens to, so a FLOAT key is rendered from the widened value too
// (0.1f is 0.10000000149011612e0, the value the server compares).
Result<std::string> DoubleLiteral(double value, const mysql::ColumnSchema& column) {
  if (!std::isfinite(value)) {
    return InvalidArgumentError(
        fmt::format("column `{}`: {} has no SQL literal (MySQL stores no NaN or infinity)",
                    column.name, value));
  }
  std::string text = fmt::format("{}", value);
  if (text.find('e') == std::string::npos) {
    text += "e0";
  }
  return text;
}

std::string BitLiteral(const mysql::Bit& bit) {
  std::string digits;
  for (int i = std::max<int>(bit.width, 1) - 1; i >= 0; --i) {
    digits += ((bit.bits >> i) & 1U) != 0 ? '1' : '0';
  }
  return fmt::format("b'{}'", digits);
}

// Renders one value kind, refusing kinds that do not belong to the column's declared type.
class LiteralRenderer {
 public:
  explicit LiteralRenderer(const mysql::ColumnSchema& column) : column_(column) {}

  Result<std::string> operator()(const mysql::Null&) const { return std::string("NULL"); }
  Result<std::string> operator()(int64_t v) const { return Integer(fmt::format("{}", v)); }
  Result<std::string> operator()(uint64_t v) const { return Integer(fmt::format("{}", v)); }
  Result<std::string> operator()(float v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kFloat}, "FLOAT"));
    return DoubleLiteral(static_cast<double>(v), column_);
  }
  Result<std::string> operator()(double v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kFloat, ColumnKind::kDouble}, "DOUBLE"));
    return DoubleLiteral(v, column_);
  }
  Result<std::string> operator()(const mysql::Decimal& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kDecimal}, "DECIMAL"));
    if (!IsDecimalText(v.text)) {
      return InvalidArgumentError(
          fmt::format("column `{}`: \"{}\" is not decimal text", column_.name, v.text));
    }
    return v.text;
  }
  Result<std::string> operator()(const mysql::Date& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kDate}, "DATE"));
    return fmt::format("'{:04}-{:02}-{:02}'", v.year, v.month, v.day);
  }
  Result<std::string> operator()(const mysql::Time& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kTime}, "TIME"));
    return fmt::format("'{}{:02}:{:02}:{:02}{}'", v.negative ? "-" : "", v.hours, v.minutes,
                       v.seconds, Fraction(v.micros, column_.type.scale));
  }
  Result<std::string> operator()(const mysql::DateTime& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kDateTime}, "DATETIME"));
    return fmt::format("'{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}'", v.year, v.month, v.day, v.hour,
                       v.minute, v.second, Fraction(v.micros, column_.type.scale));
  }
  // An instant as FROM_UNIXTIME of its epoch seconds: exact in the session's UTC time zone, with
  // no calendar arithmetic here. Seconds 0 is the stored zero TIMESTAMP (mysql/value.h).
  Result<std::string> operator()(const mysql::Timestamp& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kTimestamp}, "TIMESTAMP"));
    if (v.seconds == 0 && v.micros == 0) {
      return std::string("'0000-00-00 00:00:00'");
    }
    return fmt::format("FROM_UNIXTIME({}{})", v.seconds, Fraction(v.micros, column_.type.scale));
  }
  Result<std::string> operator()(const mysql::Year& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kYear}, "YEAR"));
    return fmt::format("{}", v.year);
  }
  Result<std::string> operator()(const mysql::Text& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kChar, ColumnKind::kVarchar, ColumnKind::kText,
                            ColumnKind::kUuid, ColumnKind::kInet4, ColumnKind::kInet6},
                           "text"));
    return Utf8String(v.utf8);
  }
  Result<std::string> operator()(const mysql::Binary& v) const {
    RETURN_IF_ERROR(
        Expect({ColumnKind::kBinary, ColumnKind::kVarbinary, ColumnKind::kBlob}, "binary"));
    return HexLiteral(v.bytes);
  }
  Result<std::string> operator()(const mysql::Json& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kJson}, "JSON"));
    ASSIGN_OR_RETURN(std::string text, Utf8String(v.text));
    return fmt::format("CAST({} AS JSON)", text);
  }
  // ENUM and SET compare by their stored number: ORDER BY sorts them by index (bits), and only
  // a numeric literal compares in that same order (a label compares as a string).
  Result<std::string> operator()(const mysql::Enum& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kEnum}, "ENUM"));
    return fmt::format("{}", v.index);
  }
  Result<std::string> operator()(const mysql::Set& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kSet}, "SET"));
    return fmt::format("{}", v.bits);
  }
  Result<std::string> operator()(const mysql::Bit& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kBit}, "BIT"));
    return BitLiteral(v);
  }
  Result<std::string> operator()(const mysql::Geometry& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kGeometry}, "GEOMETRY"));
    return fmt::format("ST_GeomFromWKB({}, {})", HexLiteral(v.wkb), v.srid);
  }
  Result<std::string> operator()(const mysql::Vector& v) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kVector}, "VECTOR"));
    return HexLiteral(v.float32_le);
  }

 private:
  Result<std::string> Integer(std::string digits) const {
    RETURN_IF_ERROR(Expect({ColumnKind::kTinyInt, ColumnKind::kSmallInt, ColumnKind::kMediumInt,
                            ColumnKind::kInt, ColumnKind::kBigInt},
                           "integer"));
    return digits;
  }

  Result<std::string> Utf8String(std::string_view text) const {
    if (!IsValidUtf8(text)) {
      return InvalidArgumentError(
          fmt::format("column `{}`: a text value is not valid UTF-8", column_.name));
    }
    return QuoteString(text);
  }

  Status Expect(std::initializer_list<ColumnKind> kinds, std::string_view value_kind) const {
    if (std::find(kinds.begin(), kinds.end(), column_.type.kind) != kinds.end()) {
      return Status::Ok();
    }
    return InvalidArgumentError(
        fmt::format("column `{}`: a {} value does not fit its type", column_.name, value_kind));
  }

  const mysql::ColumnSchema& column_;
};

Status CheckKey(const mysql::TableSchema& table) {
  for (uint32_t position : table.primary_key) {
    if (position >= table.columns.size()) {
      return InvalidArgumentError(
          fmt::format("table {}: key column position {} is past its {} columns",
                      QuoteTable(table.database, table.table), position, table.columns.size()));
    }
  }
  return Status::Ok();
}

Status CheckBound(const mysql::TableSchema& table, const std::vector<mysql::Value>& bound) {
  RETURN_IF_ERROR(CheckKey(table));
  if (table.primary_key.empty()) {
    return InvalidArgumentError(fmt::format("table {} has no key to bound a range of rows by",
                                            QuoteTable(table.database, table.table)));
  }
  if (bound.size() != table.primary_key.size()) {
    return InvalidArgumentError(fmt::format(
        "table {}: a key bound has {} values for {} key columns",
        QuoteTable(table.database, table.table), bound.size(), table.primary_key.size()));
  }
  return Status::Ok();
}

// `k1 op v1`, or for a composite key the tuple comparison expanded so every term can use the
// index: (k1 op' v1 OR (k1 = v1 AND k2 op' v2) OR ...), where op' is the strict form of `op`
// and the last term alone uses `op` itself (so `<=` includes the bound).
Result<std::string> TupleComparison(const mysql::TableSchema& table,
                                    const std::vector<mysql::Value>& bound, std::string_view strict,
                                    std::string_view last) {
  RETURN_IF_ERROR(CheckBound(table, bound));
  std::vector<std::string> terms;
  std::string equal_prefix;
  for (size_t i = 0; i < bound.size(); ++i) {
    const mysql::ColumnSchema& column = table.columns[table.primary_key[i]];
    ASSIGN_OR_RETURN(std::string literal, SqlLiteral(bound[i], column));
    std::string name = QuoteIdentifier(column.name);
    bool is_last = i + 1 == bound.size();
    std::string comparison = fmt::format("{} {} {}", name, is_last ? last : strict, literal);
    terms.push_back(equal_prefix.empty() ? comparison
                                         : fmt::format("({}{})", equal_prefix, comparison));
    equal_prefix += fmt::format("{} = {} AND ", name, literal);
  }
  if (terms.size() == 1) {
    return terms.front();
  }
  return fmt::format("({})", fmt::join(terms, " OR "));
}

std::string ColumnList(std::span<const mysql::ColumnSchema> columns) {
  std::string out;
  for (const mysql::ColumnSchema& column : columns) {
    if (!out.empty()) {
      out += ',';
    }
    out += QuoteIdentifier(column.name);
  }
  return out;
}

std::string OrderByKey(const mysql::TableSchema& table) {
  if (table.primary_key.empty()) {
    return "";
  }
  return fmt::format(" ORDER BY {}", ColumnList(KeyColumns(table)));
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') {
      out += '`';
    }
  }
  out += '`';
  return out;
}

std::string QuoteTable(std::string_view schema, std::string_view table) {
  return fmt::format("{}.{}", QuoteIdentifier(schema), QuoteIdentifier(table));
}

std::string QuoteString(std::string_view text) {
  return fmt::format("_utf8mb4'{}'", EscapeString(text));
}

Result<std::string> SqlLiteral(const mysql::Value& value, const mysql::ColumnSchema& column) {
  return std::visit(LiteralRenderer(column), value);
}

Result<std::string> KeyRangePredicate(const mysql::TableSchema& table, const KeyRange& range) {
  std::vector<std::string> parts;
  if (range.lower.has_value()) {
    ASSIGN_OR_RETURN(std::string lower, TupleComparison(table, *range.lower, ">", ">"));
    parts.push_back(std::move(lower));
  }
  if (range.upper.has_value()) {
    ASSIGN_OR_RETURN(std::string upper, TupleComparison(table, *range.upper, "<", "<="));
    parts.push_back(std::move(upper));
  }
  if (parts.empty()) {
    return std::string("TRUE");
  }
  return fmt::format("{}", fmt::join(parts, " AND "));
}

Result<std::string> ChunkSelectSql(const mysql::TableSchema& table, const KeyRange& range) {
  RETURN_IF_ERROR(CheckKey(table));
  std::string sql = fmt::format("SELECT {} FROM {}", ColumnList(table.columns),
                                QuoteTable(table.database, table.table));
  if (range.lower.has_value() || range.upper.has_value()) {
    ASSIGN_OR_RETURN(std::string predicate, KeyRangePredicate(table, range));
    sql += fmt::format(" WHERE {}", predicate);
  }
  return sql + OrderByKey(table);
}

Result<std::string> NextChunkBoundarySql(const mysql::TableSchema& table,
                                         const std::optional<std::vector<mysql::Value>>& after,
                                         int64_t rows) {
  RETURN_IF_ERROR(CheckKey(table));
  if (table.primary_key.empty()) {
    return InvalidArgumentError(fmt::format("table {} has no key to cut chunks by",
                                            QuoteTable(table.database, table.table)));
  }
  if (rows < 1) {
    return InvalidArgumentError(fmt::format("chunk of {} rows: must be at least 1", rows));
  }
  std::string sql = fmt::format("SELECT {} FROM {}", ColumnList(KeyColumns(table)),
                                QuoteTable(table.database, table.table));
  if (after.has_value()) {
    ASSIGN_OR_RETURN(std::string predicate, KeyRangePredicate(table, KeyRange{after, {}}));
    sql += fmt::format(" WHERE {}", predicate);
  }
  return fmt::format("{}{} LIMIT 1 OFFSET {}", sql, OrderByKey(table), rows - 1);
}

Result<std::string> KeyMinMaxSql(const mysql::TableSchema& table) {
  RETURN_IF_ERROR(CheckKey(table));
  if (table.primary_key.size() != 1) {
    return InvalidArgumentError(
        fmt::format("table {} has no single-column key", QuoteTable(table.database, table.table)));
  }
  std::string column = QuoteIdentifier(table.columns[table.primary_key[0]].name);
  return fmt::format("SELECT MIN({0}), MAX({0}) FROM {1}", column,
                     QuoteTable(table.database, table.table));
}

std::vector<mysql::ColumnSchema> KeyColumns(const mysql::TableSchema& table) {
  std::vector<mysql::ColumnSchema> columns;
  columns.reserve(table.primary_key.size());
  for (uint32_t position : table.primary_key) {
    if (position < table.columns.size()) {
      columns.push_back(table.columns[position]);
    }
  }
  return columns;
}

}  // namespace binlake::source
