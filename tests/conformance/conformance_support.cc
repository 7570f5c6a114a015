#include "tests/conformance/conformance_support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <variant>

#include "adapters/fs/binlog_file_transport.h"
#include "binlake/base/utf8.h"
#include "binlake/binlog/charset.h"
#include "binlake/binlog/event_decoder.h"
#include "binlake/binlog/event_type.h"

namespace binlake::conformance {
namespace {

namespace fs = std::filesystem;
using binlog::MysqlbinlogVerbosity;
using binlog::RowChange;
using binlog::RowImage;
using binlog::RowOp;
using binlog::TableMap;
using mysql::FieldType;

const fs::path& FixtureRoot() {
  static const fs::path root(BINLAKE_BINLOG_FIXTURE_DIR);
  return root;
}

bool IsBinlogFile(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext != ".md" && ext != ".txt" && ext != ".sql";
}

// ---------------------------------------------------------------------------------------------
// Event type names.

struct TypeNames {
  uint8_t code;
  std::string_view walker;  // PROVENANCE.md
  std::string_view java;    // mysql-binlog-connector-java EventType
};

constexpr TypeNames kTypeNames[] = {
    {2, "QUERY", "QUERY"},
    {3, "STOP", "STOP"},
    {4, "ROTATE", "ROTATE"},
    {5, "INTVAR", "INTVAR"},
    {9, "APPEND_BLOCK", "APPEND_BLOCK"},
    {13, "RAND", "RAND"},
    {14, "USER_VAR", "USER_VAR"},
    {15, "FORMAT_DESCRIPTION", "FORMAT_DESCRIPTION"},
    {16, "XID", "XID"},
    {17, "BEGIN_LOAD_QUERY", "BEGIN_LOAD_QUERY"},
    {18, "EXECUTE_LOAD_QUERY", "EXECUTE_LOAD_QUERY"},
    {19, "TABLE_MAP", "TABLE_MAP"},
    {20, "PRE_GA_WRITE_ROWS", "PRE_GA_WRITE_ROWS"},
    {21, "PRE_GA_UPDATE_ROWS", "PRE_GA_UPDATE_ROWS"},
    {22, "PRE_GA_DELETE_ROWS", "PRE_GA_DELETE_ROWS"},
    {23, "WRITE_ROWS_V1", "WRITE_ROWS"},
    {24, "UPDATE_ROWS_V1", "UPDATE_ROWS"},
    {25, "DELETE_ROWS_V1", "DELETE_ROWS"},
    {26, "INCIDENT", "INCIDENT"},
    {29, "ROWS_QUERY", "ROWS_QUERY"},
    {30, "WRITE_ROWS_V2", "EXT_WRITE_ROWS"},
    {31, "UPDATE_ROWS_V2", "EXT_UPDATE_ROWS"},
    {32, "DELETE_ROWS_V2", "EXT_DELETE_ROWS"},
    {33, "GTID", "GTID"},
    {34, "ANONYMOUS_GTID", "ANONYMOUS_GTID"},
    {35, "PREVIOUS_GTIDS", "PREVIOUS_GTIDS"},
    {38, "XA_PREPARE", "XA_PREPARE"},
    {39, "PARTIAL_UPDATE_ROWS", "PARTIAL_UPDATE_ROWS_EVENT"},
    {40, "TRANSACTION_PAYLOAD", "TRANSACTION_PAYLOAD"},
    {42, "GTID_TAGGED", "GTID_TAGGED"},
    {160, "MARIA_ANNOTATE_ROWS", "ANNOTATE_ROWS"},
    {161, "MARIA_BINLOG_CHECKPOINT", "BINLOG_CHECKPOINT"},
    {162, "MARIA_GTID", "MARIADB_GTID"},
    {163, "MARIA_GTID_LIST", "MARIADB_GTID_LIST"},
    {165, "MARIA_QUERY_COMPRESSED", "QUERY_COMPRESSED"},
    {166, "MARIA_WRITE_ROWS_COMPRESSED_V1", "WRITE_ROWS_COMPRESSED_V1"},
    {167, "MARIA_UPDATE_ROWS_COMPRESSED_V1", "UPDATE_ROWS_COMPRESSED_V1"},
    {168, "MARIA_DELETE_ROWS_COMPRESSED_V1", "DELETE_ROWS_COMPRESSED_V1"},
};

std::string WalkerName(uint8_t code) {
  for (const TypeNames& names : kTypeNames) {
    if (names.code == code) {
      return std::string(names.walker);
    }
  }
  return fmt::format("TYPE{}", code);
}

std::string JavaName(uint8_t code) {
  for (const TypeNames& names : kTypeNames) {
    if (names.code == code) {
      return std::string(names.java);
    }
  }
  return fmt::format("TYPE{}", code);
}

// The event type a MariaDB mysqlbinlog header describes, by the start of its description.
struct MysqlbinlogDescription {
  std::string_view prefix;
  uint8_t code;
};
constexpr MysqlbinlogDescription kDescriptions[] = {
    {"Start: binlog", 15},
    {"Gtid list", 163},
    {"Binlog checkpoint", 161},
    {"GTID ", 162},
    {"Query_compressed", 165},
    {"Query", 2},
    {"Annotate_rows:", 160},
    {"Table_map:", 19},
    {"Write_rows:", 23},
    {"Update_rows:", 24},
    {"Delete_rows:", 25},
    {"Write_compressed_rows:", 166},
    {"Update_compressed_rows:", 167},
    {"Delete_compressed_rows:", 168},
    {"Xid =", 16},
    {"XID =", 38},
    {"Rotate to", 4},
};

std::optional<uint8_t> CodeOfDescription(std::string_view description) {
  for (const MysqlbinlogDescription& entry : kDescriptions) {
    if (description.starts_with(entry.prefix)) {
      return entry.code;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Column types and per-image helpers.

std::vector<mysql::ColumnType> ResolveTypes(const TableMap& table) {
  std::vector<mysql::ColumnType> types(table.column_types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    Result<mysql::ColumnType> type = binlog::ResolveColumnType(table, i, nullptr);
    if (type.ok()) {
      types[i] = *type;
    }
  }
  return types;
}

bool Present(const RowImage& image, size_t column) {
  return column < image.values.size() && (column >= image.present.size() || image.present[column]);
}

// ---------------------------------------------------------------------------------------------
// mysqlbinlog comparison.

class MysqlbinlogComparer {
 public:
  MysqlbinlogComparer(const DecodedFile& decoded, MysqlbinlogVerbosity verbosity)
      : verbosity_(verbosity) {
    if (!decoded.status.ok()) {
      // Decoding stopped at an error (checked by the caller); positions from there on are not
      // ours to compare.
      stopped_at_ = decoded.events.empty() ? 0 : decoded.events.back().end_offset;
    }
    for (const DecodedEvent& event : decoded.events) {
      if (!event.inner) {
        by_end_[event.end_offset] = &event;
        offsets_.insert(event.offset);
        top_level_.push_back(&event);
      }
    }
  }

  MysqlbinlogComparison Run(const MysqlbinlogText& expected) {
    ComparePositions(expected.positions);
    for (const ExpectedEvent& event : expected.events) {
      CompareEvent(event);
    }
    return std::move(result_);
  }

 private:
  void Mismatch(std::string text) { result_.mismatches.push_back(std::move(text)); }

  void ComparePositions(const std::vector<uint64_t>& positions) {
    if (positions.empty()) {
      return;
    }
    const uint64_t last = *std::max_element(positions.begin(), positions.end());
    const std::set<uint64_t> expected(positions.begin(), positions.end());
    for (const uint64_t position : expected) {
      if (offsets_.count(position) == 0 && position < stopped_at_) {
        Mismatch(fmt::format("mysqlbinlog has an event at {}, we do not", position));
      }
    }
    for (const uint64_t offset : offsets_) {
      if (offset <= last && expected.count(offset) == 0) {
        Mismatch(fmt::format("we have an event at {}, mysqlbinlog does not", offset));
      }
    }
  }

  void CompareEvent(const ExpectedEvent& expected) {
    if (expected.end_log_pos > stopped_at_) {
      return;
    }
    const auto found = by_end_.find(expected.end_log_pos);
    if (found == by_end_.end()) {
      Mismatch(fmt::format("no event of ours ends at {} ({})", expected.end_log_pos,
                           expected.description));
      return;
    }
    const DecodedEvent& ours = *found->second;
    ++result_.events_compared;
    const std::optional<uint8_t> code = CodeOfDescription(expected.description);
    if (!code.has_value() || *code != ours.type) {
      Mismatch(fmt::format("event ending at {}: mysqlbinlog \"{}\", ours type {}",
                           expected.end_log_pos, expected.description, ours.type));
      return;
    }
    if (expected.rows.empty()) {
      return;
    }
    if (!ours.rows.has_value() || ours.table == nullptr) {
      Mismatch(fmt::format("event ending at {}: mysqlbinlog prints rows, we decoded none",
                           expected.end_log_pos));
      return;
    }
    CompareRows(expected, ours);
  }

  // mysqlbinlog prints the rows of a statement's events together, after the last one (the
  // event with STMT_END_F): gather ours the same way.
  std::vector<RowChange> StatementRows(const DecodedEvent& last) const {
    size_t first = 0;
    for (size_t i = 0; i < top_level_.size(); ++i) {
      if (top_level_[i] == &last) {
        first = i;
        while (first > 0 && top_level_[first - 1]->rows.has_value() &&
               (top_level_[first - 1]->rows->flags & 1u) == 0) {
          --first;
        }
        std::vector<RowChange> rows;
        for (size_t j = first; j <= i; ++j) {
          rows.insert(rows.end(), top_level_[j]->rows->rows.begin(),
                      top_level_[j]->rows->rows.end());
        }
        return rows;
      }
    }
    return {};
  }

  void CompareRows(const ExpectedEvent& expected, const DecodedEvent& ours) {
    const TableMap& table = *ours.table;
    const std::vector<RowChange> rows = StatementRows(ours);
    if (rows.size() != expected.rows.size()) {
      Mismatch(fmt::format("event ending at {}: {} rows in mysqlbinlog, {} ours",
                           expected.end_log_pos, expected.rows.size(), rows.size()));
      return;
    }
    const std::vector<mysql::ColumnType> types = ResolveTypes(table);
    const std::string table_name = fmt::format("`{}`.`{}`", table.database, table.table);
    for (size_t r = 0; r < rows.size(); ++r) {
      const ExpectedRow& want = expected.rows[r];
      const std::string where = fmt::format("event ending at {} row {}", expected.end_log_pos, r);
      ++result_.rows_compared;
      if (want.statement != binlog::MysqlbinlogStatement(rows[r].op) || want.table != table_name) {
        Mismatch(fmt::format("{}: mysqlbinlog \"{} {}\", ours \"{} {}\"", where, want.statement,
                             want.table, binlog::MysqlbinlogStatement(rows[r].op), table_name));
        continue;
      }
      CompareImage(where + " WHERE", want.where, rows[r].op != RowOp::kInsert, rows[r].before,
                   table, types);
      CompareImage(where + " SET", want.set, rows[r].op != RowOp::kDelete, rows[r].after, table,
                   types);
    }
  }

  void CompareImage(const std::string& where,
                    const std::optional<std::vector<ExpectedColumn>>& want, bool ours_has_image,
                    const RowImage& image, const TableMap& table,
                    const std::vector<mysql::ColumnType>& types) {
    if (want.has_value() != ours_has_image) {
      Mismatch(fmt::format("{}: image present in mysqlbinlog {}, ours {}", where, want.has_value(),
                           ours_has_image));
      return;
    }
    if (!want.has_value()) {
      return;
    }
    std::vector<size_t> present;
    for (size_t i = 0; i < image.values.size(); ++i) {
      if (Present(image, i)) {
        present.push_back(i);
      }
    }
    if (present.size() != want->size()) {
      Mismatch(fmt::format("{}: {} columns in mysqlbinlog, {} ours", where, want->size(),
                           present.size()));
      return;
    }
    for (size_t k = 0; k < present.size(); ++k) {
      CompareColumn(where, (*want)[k], present[k], image.values[present[k]], table, types);
    }
  }

  void CompareColumn(const std::string& where, const ExpectedColumn& want, size_t index,
                     const mysql::Value& value, const TableMap& table,
                     const std::vector<mysql::ColumnType>& types) {
    ++result_.values_compared;
    std::string expected_line = fmt::format("@{}={}", want.number, want.value);
    if (verbosity_ == MysqlbinlogVerbosity::kVeryVerbose) {
      expected_line += fmt::format(" /* {} */", want.comment);
    }
    const Result<std::string> line = binlog::FormatMysqlbinlogColumnLine(
        binlog::MysqlbinlogColumnOf(table, index, types[index]), index, value, verbosity_);
    const std::string ours = line.ok() ? *line : line.status().ToString();
    if (ours != expected_line) {
      Mismatch(fmt::format("{} column @{}: mysqlbinlog {}, ours {}", where, index + 1,
                           Abbreviate(expected_line), Abbreviate(ours)));
    }
  }

  static std::string Abbreviate(const std::string& text) {
    return text.size() <= 300 ? text : text.substr(0, 300) + "...";
  }

  MysqlbinlogVerbosity verbosity_;
  std::map<uint64_t, const DecodedEvent*> by_end_;
  std::set<uint64_t> offsets_;
  std::vector<const DecodedEvent*> top_level_;
  uint64_t stopped_at_ = UINT64_MAX;
  MysqlbinlogComparison result_;
};

// ---------------------------------------------------------------------------------------------
// Peer value conventions.

std::optional<uint32_t> ReadHex(std::string_view text, size_t pos, size_t digits) {
  if (pos + digits > text.size()) {
    return std::nullopt;
  }
  uint32_t value = 0;
  const char* begin = text.data() + pos;
  const auto [end, error] = std::from_chars(begin, begin + digits, value, 16);
  if (error != std::errc() || end != begin + digits) {
    return std::nullopt;
  }
  return value;
}

// Go's strconv.Quote output (go-mysql dumps strings with %q) back to its bytes.
std::optional<std::string> GoUnquote(std::string_view quoted) {
  if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') {
    return std::nullopt;
  }
  quoted = quoted.substr(1, quoted.size() - 2);
  std::string out;
  size_t i = 0;
  while (i < quoted.size()) {
    if (quoted[i] != '\\' || i + 1 == quoted.size()) {
      out.push_back(quoted[i++]);
      continue;
    }
    const char kind = quoted[i + 1];
    i += 2;
    constexpr std::string_view kSimple = "abfnrtv";
    constexpr std::string_view kSimpleBytes = "\a\b\f\n\r\t\v";
    if (const size_t simple = kSimple.find(kind); simple != std::string_view::npos) {
      out.push_back(kSimpleBytes[simple]);
      continue;
    }
    const size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
    if (digits == 0) {
      out.push_back(kind);  // \\ \" \'
      continue;
    }
    const std::optional<uint32_t> value = ReadHex(quoted, i, digits);
    if (!value.has_value()) {
      return std::nullopt;
    }
    i += digits;
    if (kind == 'x') {
      out.push_back(static_cast<char>(*value));
    } else {
      AppendUtf8(*value, &out);
    }
  }
  return out;
}

// Go's strconv.FormatFloat(v, 'g', -1, bits): the shortest digits that read back as the same
// float, in %e form when the decimal exponent is < -4 or >= 6 (e+06: at least two digits).
template <typename Float>
std::string GoFloat(Float value) {
  if (value == 0) {
    return std::signbit(value) ? "-0" : "0";
  }
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  std::string sign;
  if (text.front() == '-') {
    sign = "-";
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits(text.substr(0, e));
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(),
                  exponent);
  if (exponent < -4 || exponent >= 6) {
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) {
      out += "." + digits.substr(1);
    }
    return out + fmt::format("e{}{:02}", exponent < 0 ? '-' : '+', std::abs(exponent));
  }
  if (exponent < 0) {
    return sign + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  const auto integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    return sign + digits + std::string(integer_digits - digits.size(), '0');
  }
  return sign + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
}

std::string Fraction(uint32_t micros, uint16_t precision) {
  if (precision == 0) {
    return "";
  }
  return "." + fmt::format("{:06}", micros).substr(0, std::min<size_t>(precision, 6));
}

// Civil date of a day count since 1970-01-01 (proleptic Gregorian).
void CivilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

std::string UtcText(const mysql::Timestamp& ts, uint16_t precision) {
  if (ts.seconds == 0 && ts.micros == 0) {
    return "0000-00-00 00:00:00" + Fraction(0, precision);
  }
  int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
  const int64_t days = ts.seconds >= 0 ? ts.seconds / 86400 : (ts.seconds - 86399) / 86400;
  const int64_t rest = ts.seconds - days * 86400;
  CivilFromDays(days, year, month, day);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}", year, month, day, rest / 3600,
                     (rest / 60) % 60, rest % 60, Fraction(ts.micros, precision));
}

uint16_t Precision(FieldType type, uint16_t metadata) {
  return type == FieldType::kTimestamp2 || type == FieldType::kDateTime2 ||
                 type == FieldType::kTime2
             ? metadata
             : 0;
}

bool JsonEqual(std::string_view a, std::string_view b) {
  const nlohmann::json left = nlohmann::json::parse(a, nullptr, false);
  const nlohmann::json right = nlohmann::json::parse(b, nullptr, false);
  return !left.is_discarded() && !right.is_discarded() && left == right;
}

// The outcome of comparing one value with a peer's text.
enum class Verdict { kEqual, kDifferent, kNotComparable };

Verdict Check(bool equal) {
  return equal ? Verdict::kEqual : Verdict::kDifferent;
}

// The bytes our value stands for, as the peer (which does not convert charsets) sees them:
// rendered through the mysqlbinlog quoting so that latin1 text is compared as latin1 bytes.
std::string QuotedAsStored(const binlog::MysqlbinlogColumn& column, const mysql::Value& value) {
  binlog::MysqlbinlogColumn varchar = column;
  varchar.wire_type = FieldType::kVarchar;
  const Result<std::string> text = binlog::FormatMysqlbinlogValue(varchar, value);
  return text.ok() ? *text : "";
}

std::string QuotedBytes(const std::string& bytes) {
  binlog::MysqlbinlogColumn varchar;
  varchar.wire_type = FieldType::kVarchar;
  const Result<std::string> text = binlog::FormatMysqlbinlogValue(varchar, mysql::Binary{bytes});
  return text.ok() ? *text : "";
}

// What go-mysql v1.9.1 prints (useDecimal on, parseTime off, timestamps in UTC): %#v of ints,
// floats, nil; %q of strings/[]byte (dates and times are strings); a decimal.Decimal pointer we
// cannot compare; ENUM/SET/BIT as their numbers; YEAR as the year (1900 for the zero year, as
// mysqlbinlog).
Verdict CompareGo(const binlog::MysqlbinlogColumn& column, const mysql::Value& value,
                  const std::string& peer) {
  const uint16_t precision = Precision(column.wire_type, column.metadata);
  const std::optional<std::string> bytes = GoUnquote(peer);
  return std::visit(
      [&](const auto& v) -> Verdict {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, mysql::Null>) {
          return Check(peer == "<nil>");
        } else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t>) {
          return Check(peer == fmt::format("{}", v));
        } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
          return Check(peer == GoFloat(v));
        } else if constexpr (std::is_same_v<T, mysql::Decimal>) {
          return peer.starts_with("decimal.Decimal{") ? Verdict::kNotComparable
                                                      : Check(peer == v.text);
        } else if constexpr (std::is_same_v<T, mysql::Text> || std::is_same_v<T, mysql::Binary>) {
          return Check(bytes.has_value() && QuotedBytes(*bytes) == QuotedAsStored(column, value));
        } else if constexpr (std::is_same_v<T, mysql::Json>) {
          if (peer.starts_with("json_diff(")) {
            return Verdict::kNotComparable;
          }
          return Check(bytes.has_value() && (*bytes == v.text || JsonEqual(*bytes, v.text)));
        } else if constexpr (std::is_same_v<T, mysql::Date>) {
          return Check(bytes == fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day));
        } else if constexpr (std::is_same_v<T, mysql::DateTime>) {
          return Check(bytes == fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}", v.year,
                                            v.month, v.day, v.hour, v.minute, v.second,
                                            Fraction(v.micros, precision)));
        } else if constexpr (std::is_same_v<T, mysql::Timestamp>) {
          return Check(bytes == UtcText(v, precision));
        } else if constexpr (std::is_same_v<T, mysql::Time>) {
          return Check(bytes == fmt::format("{}{:02}:{:02}:{:02}{}", v.negative ? "-" : "", v.hours,
                                            v.minutes, v.seconds, Fraction(v.micros, precision)));
        } else if constexpr (std::is_same_v<T, mysql::Year>) {
          return Check(peer == fmt::format("{}", v.year == 0 ? 1900 : v.year));
        } else if constexpr (std::is_same_v<T, mysql::Enum>) {
          return Check(peer == fmt::format("{}", v.index));
        } else if constexpr (std::is_same_v<T, mysql::Set> || std::is_same_v<T, mysql::Bit>) {
          return Check(peer == fmt::format("{}", v.bits));
        } else if constexpr (std::is_same_v<T, mysql::Geometry>) {
          std::string stored(4, '\0');
          for (size_t i = 0; i < 4; ++i) {
            stored[i] = static_cast<char>((v.srid >> (8 * i)) & 0xFFu);
          }
          return Check(bytes == stored + v.wkb);
        } else {
          return Verdict::kNotComparable;  // VECTOR: go-mysql v1.9.1 rejects the type
        }
      },
      value);
}

int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool SameNumber(const std::string& peer, double ours, bool is_float) {
  double parsed = 0;
  const auto [end, error] = std::from_chars(peer.data(), peer.data() + peer.size(), parsed);
  if (error != std::errc() || end != peer.data() + peer.size()) {
    return false;
  }
  return is_float ? static_cast<float>(parsed) == static_cast<float>(ours) : parsed == ours;
}

// BigDecimal.toString uses scientific notation for small numbers ("-1.234500E-8"); this gives
// the plain form with the same scale ("-0.00000001234500"), or the text unchanged.
std::string JavaDecimalPlain(const std::string& peer) {
  const size_t e = peer.find('E');
  if (e == std::string::npos) {
    return peer;
  }
  std::string mantissa = peer.substr(0, e);
  int exponent = 0;
  std::from_chars(peer.data() + e + 1 + (peer[e + 1] == '+' ? 1 : 0), peer.data() + peer.size(),
                  exponent);
  const bool negative = !mantissa.empty() && mantissa.front() == '-';
  if (negative) {
    mantissa.erase(0, 1);
  }
  const size_t dot = mantissa.find('.');
  const int fraction_digits =
      dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  mantissa.erase(std::remove(mantissa.begin(), mantissa.end(), '.'), mantissa.end());
  const int scale = fraction_digits - exponent;
  if (scale <= 0) {
    return (negative ? "-" : "") + mantissa + std::string(static_cast<size_t>(-scale), '0');
  }
  if (static_cast<size_t>(scale) >= mantissa.size()) {
    mantissa.insert(0, static_cast<size_t>(scale) - mantissa.size() + 1, '0');
  }
  mantissa.insert(mantissa.size() - static_cast<size_t>(scale), ".");
  return (negative ? "-" : "") + mantissa;
}

// java.sql.Timestamp.toString: "yyyy-mm-dd hh:mm:ss.f" with the fraction's trailing zeros
// dropped (at least one digit).
std::string JavaTimestampText(int64_t year, unsigned month, unsigned day, unsigned hour,
                              unsigned minute, unsigned second, uint32_t micros) {
  std::string fraction = fmt::format("{:06}", micros);
  while (fraction.size() > 1 && fraction.back() == '0') {
    fraction.pop_back();
  }
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{}", year, month, day, hour, minute,
                     second, fraction);
}

// What mysql-binlog-connector-java prints in its toString (Arrays.toString of the row, the dump
// made with DATE_AND_TIME_AS_LONG_MICRO and CHAR_AND_BINARY_AS_BYTE_ARRAY for most files):
// integers as Java int/long (unsigned columns wrap), null, DECIMAL as BigDecimal text, FLOAT and
// DOUBLE in Java's shortest form (compared as numbers), ENUM/SET/YEAR as numbers, temporal
// values as microseconds since the epoch read as UTC (or, in the older dumps, as
// java.sql.Date/Time/Timestamp text); strings and blobs as byte[] identity hashes ([B@...) and
// BIT as a BitSet, neither comparable.
Verdict CompareJava(const binlog::MysqlbinlogColumn& column, const mysql::Value& value,
                    const std::string& peer) {
  if (peer.starts_with("[B@")) {
    return Verdict::kNotComparable;
  }
  return std::visit(
      [&](const auto& v) -> Verdict {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, mysql::Null>) {
          return Check(peer == "null");
        } else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t>) {
          // mysqlbinlog prints "signed (unsigned)"; java prints one of the two readings.
          const Result<std::string> ours = binlog::FormatMysqlbinlogValue(column, value);
          const std::string text = ours.ok() ? *ours : "";
          const size_t space = text.find(" (");
          if (space == std::string::npos) {
            return Check(peer == text);
          }
          return Check(peer == text.substr(0, space) ||
                       peer == text.substr(space + 2, text.size() - space - 3));
        } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
          return Check(SameNumber(peer, static_cast<double>(v), std::is_same_v<T, float>));
        } else if constexpr (std::is_same_v<T, mysql::Decimal>) {
          return Check(JavaDecimalPlain(peer) == v.text);
        } else if constexpr (std::is_same_v<T, mysql::Text>) {
          return Check(peer == v.utf8);
        } else if constexpr (std::is_same_v<T, mysql::Date>) {
          const int64_t micros = DaysFromCivil(v.year, v.month, v.day) * 86400000000;
          return Check(peer == fmt::format("{}", micros) ||
                       peer == fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day));
        } else if constexpr (std::is_same_v<T, mysql::DateTime>) {
          const int64_t micros = (DaysFromCivil(v.year, v.month, v.day) * 86400 + v.hour * 3600 +
                                  v.minute * 60 + v.second) *
                                     1000000 +
                                 v.micros;
          return Check(peer == fmt::format("{}", micros) ||
                       peer == JavaTimestampText(v.year, v.month, v.day, v.hour, v.minute, v.second,
                                                 v.micros));
        } else if constexpr (std::is_same_v<T, mysql::Timestamp>) {
          int64_t year = 0;
          unsigned month = 0;
          unsigned day = 0;
          const int64_t days = v.seconds >= 0 ? v.seconds / 86400 : (v.seconds - 86399) / 86400;
          const auto rest = static_cast<unsigned>(v.seconds - days * 86400);
          CivilFromDays(days, year, month, day);
          return Check(peer == fmt::format("{}", v.seconds * 1000000 + v.micros) ||
                       peer == JavaTimestampText(year, month, day, rest / 3600, (rest / 60) % 60,
                                                 rest % 60, v.micros));
        } else if constexpr (std::is_same_v<T, mysql::Time>) {
          const int64_t micros =
              (int64_t{v.hours} * 3600 + v.minutes * 60 + v.seconds) * 1000000 + v.micros;
          return Check(peer == fmt::format("{}", v.negative ? -micros : micros) ||
                       peer == fmt::format("{:02}:{:02}:{:02}", v.hours, v.minutes, v.seconds));
        } else if constexpr (std::is_same_v<T, mysql::Year>) {
          return Check(peer == fmt::format("{}", v.year));
        } else if constexpr (std::is_same_v<T, mysql::Enum>) {
          return Check(peer == fmt::format("{}", v.index));
        } else if constexpr (std::is_same_v<T, mysql::Set>) {
          return Check(peer == fmt::format("{}", v.bits));
        } else {
          return Verdict::kNotComparable;  // Binary, Json, Bit, Geometry, Vector
        }
      },
      value);
}

// ---------------------------------------------------------------------------------------------
// Peer comparison driver.

std::vector<const DecodedEvent*> RowsEvents(const DecodedFile& decoded) {
  std::vector<const DecodedEvent*> out;
  for (const DecodedEvent& event : decoded.events) {
    if (event.rows.has_value()) {
      out.push_back(&event);
    }
  }
  return out;
}

bool IsPeerRowsEvent(const std::string& type) {
  if (type.find("RowsQuery") != std::string::npos || type.find("Annotate") != std::string::npos ||
      type == "ROWS_QUERY" || type == "ANNOTATE_ROWS") {
    return false;
  }
  return type.find("RowsEvent") != std::string::npos || type.find("_ROWS") != std::string::npos;
}

// The images of a row change in the order the peers list them.
std::vector<const RowImage*> Images(const RowChange& row) {
  switch (row.op) {
    case RowOp::kInsert:
      return {&row.after};
    case RowOp::kDelete:
      return {&row.before};
    case RowOp::kUpdate:
      return {&row.before, &row.after};
  }
  return {};
}

using ValueComparer = Verdict (*)(const binlog::MysqlbinlogColumn&, const mysql::Value&,
                                  const std::string&);

class PeerComparer {
 public:
  PeerComparer(const DecodedFile& decoded, const PeerFile& peer, ValueComparer compare)
      : decoded_(decoded), peer_(peer), compare_(compare) {
    result_.files = 1;
  }

  PeerComparison Run(bool java_rows) {
    CompareEventSequence(/*compare_types=*/java_rows);
    std::vector<const PeerEvent*> peer_rows;
    for (const PeerEvent& event : peer_.events) {
      if (IsPeerRowsEvent(event.type)) {
        peer_rows.push_back(&event);
      }
    }
    const std::vector<const DecodedEvent*> ours = RowsEvents(decoded_);
    const size_t n = std::min(ours.size(), peer_rows.size());
    if (peer_.error.empty() && decoded_.status.ok() && ours.size() != peer_rows.size()) {
      EventDisagreement(0, fmt::format("{} rows events", ours.size()),
                        fmt::format("{} rows events", peer_rows.size()));
    }
    for (size_t i = 0; i < n; ++i) {
      CompareRowsEvent(*ours[i], *peer_rows[i], java_rows);
    }
    return std::move(result_);
  }

 private:
  void EventDisagreement(uint64_t event_end, std::string ours, std::string peer) {
    result_.disagreements.push_back(
        Disagreement{peer_.path, event_end, 0, 0, std::move(ours), std::move(peer)});
  }

  // Top-level events: the peer's end positions (0 inside payloads), and for java the type
  // names, against ours.
  void CompareEventSequence(bool compare_types) {
    std::vector<const DecodedEvent*> ours;
    for (const DecodedEvent& event : decoded_.events) {
      if (!event.inner && event.next_position != 0) {
        ours.push_back(&event);
      }
    }
    std::vector<const PeerEvent*> theirs;
    for (const PeerEvent& event : peer_.events) {
      if (event.end_position != 0) {
        theirs.push_back(&event);
      }
    }
    const size_t n = std::min(ours.size(), theirs.size());
    result_.events_compared += n;
    for (size_t i = 0; i < n; ++i) {
      const std::string our_type = compare_types ? JavaName(ours[i]->type) : theirs[i]->type;
      if (ours[i]->next_position != theirs[i]->end_position || our_type != theirs[i]->type) {
        EventDisagreement(
            ours[i]->next_position,
            fmt::format("event #{} {} log_pos {}", i, our_type, ours[i]->next_position),
            fmt::format("{} ends at {}", theirs[i]->type, theirs[i]->end_position));
        return;
      }
    }
    if (peer_.error.empty() && decoded_.status.ok() && ours.size() != theirs.size()) {
      EventDisagreement(0, fmt::format("{} events", ours.size()),
                        fmt::format("{} events", theirs.size()));
    }
  }

  void CompareRowsEvent(const DecodedEvent& ours, const PeerEvent& peer, bool java_rows) {
    if (peer.end_position != ours.next_position) {
      EventDisagreement(ours.next_position,
                        fmt::format("rows event log_pos {}", ours.next_position),
                        fmt::format("ends at {}", peer.end_position));
      return;
    }
    const std::vector<RowChange>& rows = ours.rows->rows;
    std::vector<std::vector<std::string>> peer_images;
    for (const std::vector<std::string>& row : peer.rows) {
      if (!java_rows) {
        peer_images.push_back(row);
        continue;
      }
      // java: "[a, b]" or "{before=[a, b], after=[c, d]}"
      const std::string& line = row.front();
      const size_t after = line.find("], after=[");
      if (line.starts_with("{before=[") && after != std::string::npos) {
        peer_images.push_back(SplitJavaList(line.substr(8, after - 8 + 1)));
        peer_images.push_back(SplitJavaList(line.substr(after + 9, line.size() - (after + 9) - 1)));
      } else {
        peer_images.push_back(SplitJavaList(line));
      }
    }
    size_t image_index = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      ++result_.rows_compared;
      for (const RowImage* image : Images(rows[r])) {
        if (image_index >= peer_images.size()) {
          EventDisagreement(ours.next_position, fmt::format("{} row changes", rows.size()),
                            fmt::format("{} row images", peer_images.size()));
          return;
        }
        CompareImage(ours, r, *image, peer_images[image_index++], java_rows);
      }
    }
    if (image_index != peer_images.size()) {
      EventDisagreement(ours.next_position, fmt::format("{} row images", image_index),
                        fmt::format("{} row images", peer_images.size()));
    }
  }

  void CompareImage(const DecodedEvent& ours, size_t row, const RowImage& image,
                    const std::vector<std::string>& peer, bool java_rows) {
    const TableMap& table = *ours.table;
    std::vector<size_t> present;
    for (size_t i = 0; i < image.values.size(); ++i) {
      if (Present(image, i)) {
        present.push_back(i);
      }
    }
    // go lists every table column (nil for absent ones); java only the included columns.
    const size_t expected_size = java_rows ? present.size() : image.values.size();
    if (peer.size() != expected_size) {
      if (java_rows) {
        result_.values_not_comparable += present.size();  // a string with ", " split the row
        return;
      }
      result_.disagreements.push_back(Disagreement{peer_.path, ours.next_position, row, 0,
                                                   fmt::format("{} columns", expected_size),
                                                   fmt::format("{} columns", peer.size())});
      return;
    }
    const std::vector<mysql::ColumnType> types = ResolveTypes(table);
    for (size_t k = 0; k < present.size(); ++k) {
      const size_t column = present[k];
      const std::string& peer_value = java_rows ? peer[k] : peer[column];
      const binlog::MysqlbinlogColumn info =
          binlog::MysqlbinlogColumnOf(table, column, types[column]);
      const Verdict verdict = compare_(info, image.values[column], peer_value);
      if (verdict == Verdict::kNotComparable) {
        ++result_.values_not_comparable;
        continue;
      }
      ++result_.values_compared;
      if (verdict == Verdict::kDifferent) {
        const Result<std::string> text = binlog::FormatMysqlbinlogValue(info, image.values[column]);
        result_.disagreements.push_back(
            Disagreement{peer_.path, ours.next_position, row, static_cast<uint32_t>(column + 1),
                         text.ok() ? *text : text.status().ToString(), peer_value});
      }
    }
  }

  const DecodedFile& decoded_;
  const PeerFile& peer_;
  ValueComparer compare_;
  PeerComparison result_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------

std::vector<std::string> FixtureFolders() {
  std::vector<std::string> folders;
  for (const fs::directory_entry& entry : fs::directory_iterator(FixtureRoot())) {
    if (entry.is_directory()) {
      folders.push_back(entry.path().filename().string());
    }
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

std::vector<std::string> AllFixtureFiles() {
  std::vector<std::string> files;
  for (const std::string& folder : FixtureFolders()) {
    for (const fs::directory_entry& entry : fs::directory_iterator(FixtureRoot() / folder)) {
      if (entry.is_regular_file() && IsBinlogFile(entry.path())) {
        files.push_back(folder + "/" + entry.path().filename().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool FixtureExists(const std::string& relative) {
  return fs::exists(FixtureRoot() / relative);
}

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(FixtureRoot() / relative, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

const mysql::TableSchema* DeclaredSchema(std::string_view database, std::string_view table) {
  static const mysql::TableSchema time_old = [] {
    // mariadb-10.11/workload_oldtemporal.sql: the MariaDB 5.3 hires columns need their
    // declared precision (the TABLE_MAP carries none).
    mysql::TableSchema schema;
    schema.database = "fx";
    schema.table = "t_time_old";
    const auto add = [&schema](std::string name, mysql::ColumnKind kind, uint32_t scale,
                               bool nullable) {
      mysql::ColumnSchema column;
      column.name = std::move(name);
      column.type.kind = kind;
      column.type.scale = scale;
      column.nullable = nullable;
      schema.columns.push_back(std::move(column));
    };
    add("id", mysql::ColumnKind::kInt, 0, false);
    add("t0", mysql::ColumnKind::kTime, 0, true);
    add("t3", mysql::ColumnKind::kTime, 3, true);
    add("t6", mysql::ColumnKind::kTime, 6, true);
    add("dt0", mysql::ColumnKind::kDateTime, 0, true);
    add("dt3", mysql::ColumnKind::kDateTime, 3, true);
    add("dt6", mysql::ColumnKind::kDateTime, 6, true);
    add("ts0", mysql::ColumnKind::kTimestamp, 0, true);
    add("ts3", mysql::ColumnKind::kTimestamp, 3, true);
    add("ts6", mysql::ColumnKind::kTimestamp, 6, true);
    schema.primary_key = {0};
    return schema;
  }();
  return database == time_old.database && table == time_old.table ? &time_old : nullptr;
}

const DecodedFile& DecodeFixture(const std::string& relative) {
  static std::map<std::string, DecodedFile> cache;
  const auto found = cache.find(relative);
  if (found != cache.end()) {
    return found->second;
  }
  DecodedFile& out = cache[relative];
  Result<std::unique_ptr<adapters::BinlogFileTransport>> transport =
      adapters::BinlogFileTransport::Open((FixtureRoot() / relative).string());
  if (!transport.ok()) {
    out.status = transport.status();
    return out;
  }
  binlog::DecoderOptions options;
  options.schema_lookup = [](std::string_view database, std::string_view table) {
    return DeclaredSchema(database, table);
  };
  binlog::EventDecoder decoder(std::move(options));
  out.status = binlog::DecodeAll(**transport, decoder, [&out](const binlog::Event& event) {
    DecodedEvent decoded;
    decoded.offset = event.offset;
    decoded.end_offset = event.end_offset;
    decoded.next_position = event.header.next_position;
    decoded.type = event.header.type_code;
    decoded.inner = event.payload_offset.has_value();
    if (const auto* rows = std::get_if<binlog::RowsEventData>(&event.body)) {
      decoded.table = rows->table;
      decoded.rows = rows->rows;
    }
    out.events.push_back(std::move(decoded));
    return Status::Ok();
  });
  return out;
}

size_t CountRows(const DecodedFile& decoded) {
  size_t rows = 0;
  for (const DecodedEvent& event : decoded.events) {
    rows += event.rows.has_value() ? event.rows->rows.size() : 0;
  }
  return rows;
}

std::map<std::string, uint64_t> CountByWalkerName(const DecodedFile& decoded, bool inner) {
  std::map<std::string, uint64_t> counts;
  for (const DecodedEvent& event : decoded.events) {
    if (event.inner == inner) {
      ++counts[WalkerName(event.type)];
    }
  }
  return counts;
}

void ApplyRepositoryCorrections(const std::string& relative, ProvenanceCounts& counts) {
  struct Prefix {
    std::string_view file;
    uint64_t rows_events;
  };
  constexpr Prefix kPrefixes[] = {
      {"mysql-docker-datadirs/mysql-8.0.28-tzinfo.binlog.000001", 254},
      {"mysql-docker-datadirs/mysql-9.4.0-tzinfo.binlog.000001", 258},
  };
  for (const Prefix& prefix : kPrefixes) {
    if (prefix.file == relative) {
      counts.events = {{"FORMAT_DESCRIPTION", 1},
                       {"PREVIOUS_GTIDS", 1},
                       {"ANONYMOUS_GTID", 5},
                       {"QUERY", 5},
                       {"TABLE_MAP", prefix.rows_events},
                       {"WRITE_ROWS_V2", prefix.rows_events}};
    }
  }
  if (relative.find("ver_5_1-wl2325_") == std::string::npos) {
    return;
  }
  // Walker name (GA numbering of codes 16-22) -> the event the 5.2.2-a_drop6 build wrote.
  const std::map<std::string, std::string> renumbered = {
      {"XID", "TABLE_MAP"},
      {"BEGIN_LOAD_QUERY", "PRE_GA_WRITE_ROWS"},
      {"EXECUTE_LOAD_QUERY", "PRE_GA_UPDATE_ROWS"},
      {"TABLE_MAP", "PRE_GA_DELETE_ROWS"},
      {"PRE_GA_WRITE_ROWS", "XID"},
      {"PRE_GA_UPDATE_ROWS", "BEGIN_LOAD_QUERY"},
      {"PRE_GA_DELETE_ROWS", "EXECUTE_LOAD_QUERY"},
  };
  std::map<std::string, uint64_t> corrected;
  for (const auto& [name, count] : counts.events) {
    const auto found = renumbered.find(name);
    corrected[found == renumbered.end() ? name : found->second] += count;
  }
  counts.events = std::move(corrected);
}

MysqlbinlogComparison CompareWithMysqlbinlog(const DecodedFile& decoded,
                                             const MysqlbinlogText& expected,
                                             MysqlbinlogVerbosity verbosity) {
  return MysqlbinlogComparer(decoded, verbosity).Run(expected);
}

std::string Disagreement::Describe() const {
  return fmt::format("{} event log_pos {} row {} column @{}: ours {}, peer {}", file, event_end,
                     row, column, ours.size() > 200 ? ours.substr(0, 200) + "..." : ours,
                     peer.size() > 200 ? peer.substr(0, 200) + "..." : peer);
}

void PeerComparison::Add(const PeerComparison& other) {
  files += other.files;
  events_compared += other.events_compared;
  rows_compared += other.rows_compared;
  values_compared += other.values_compared;
  values_not_comparable += other.values_not_comparable;
  disagreements.insert(disagreements.end(), other.disagreements.begin(), other.disagreements.end());
}

std::string PeerComparison::Summary() const {
  return fmt::format(
      "{} files, {} events, {} rows, {} values compared ({} not comparable), {} disagreements",
      files, events_compared, rows_compared, values_compared, values_not_comparable,
      disagreements.size());
}

PeerComparison CompareWithGoMysql(const DecodedFile& decoded, const PeerFile& peer) {
  return PeerComparer(decoded, peer, &CompareGo).Run(/*java_rows=*/false);
}

PeerComparison CompareWithJava(const DecodedFile& decoded, const PeerFile& peer) {
  return PeerComparer(decoded, peer, &CompareJava).Run(/*java_rows=*/true);
}

namespace {

bool Covers(const KnownDisagreement& known, const Disagreement& seen) {
  return known.file == seen.file && (known.event_end == 0 || known.event_end == seen.event_end) &&
         (known.column == 0 || known.column == seen.column);
}

}  // namespace

void ExpectOnlyKnownDisagreements(const PeerComparison& comparison,
                                  const std::vector<KnownDisagreement>& known) {
  std::vector<bool> used(known.size(), false);
  for (const Disagreement& seen : comparison.disagreements) {
    bool covered = false;
    for (size_t i = 0; i < known.size(); ++i) {
      if (Covers(known[i], seen)) {
        used[i] = true;
        covered = true;
      }
    }
    if (!covered) {
      ADD_FAILURE() << "new disagreement: " << seen.Describe();
    }
  }
  for (size_t i = 0; i < known.size(); ++i) {
    if (!used[i]) {
      ADD_FAILURE() << "known disagreement no longer seen (update the list and "
                       "docs/protocol/binlog-conformance.md): "
                    << known[i].file << " event log_pos " << known[i].event_end << " column @"
                    << known[i].column << " (" << known[i].reason << ")";
    }
  }
}

// Each entry is explained in docs/protocol/binlog-conformance.md ("Disagreements with peers").
const std::vector<KnownDisagreement>& KnownGoMysqlDisagreements() {
  static const std::vector<KnownDisagreement> known = {
      // JSON opaque values (MySQL 9.0.1): we print MySQL's own JSON rendering (opaque VARCHAR as
      // "base64:type15:...", DATE as "YYYY-MM-DD", DECIMAL as a number keeping its scale);
      // go-mysql prints the raw bytes, a DATETIME, and quoted trimmed decimals.
      {"rust_mysql_common/json-opaque.binlog", 792, 1, "opaque VARCHAR rendered as base64"},
      {"rust_mysql_common/json-opaque.binlog", 909, 1, "opaque DATE rendered as a date"},
      {"rust_mysql_common/json-opaque.binlog", 1258, 1, "opaque DECIMAL is a JSON number"},
      {"rust_mysql_common/json-opaque.binlog", 1374, 1, "opaque DECIMAL keeps its scale"},
      // INT UNSIGNED per the TABLE_MAP SIGNEDNESS metadata (go's own dump says unsigned=yes);
      // go-mysql v1.9.1 still decodes the value as a signed int32.
      {"rust_mysql_common/minimal_row_metadata.000001", 420, 5, "go ignores signedness"},
  };
  return known;
}

const std::vector<KnownDisagreement>& KnownJavaDisagreements() {
  static const std::vector<KnownDisagreement> known = {
      // MySQL 5.2.2-a_drop6 development build: the server renumbers type codes 16-22 of this
      // build (log_event.cc); java reads them with the GA numbering (a TABLE_MAP as an XID).
      {"rust_mysql_common/ver_5_1-wl2325_r.001", 0, 0, "5.2 development build numbering"},
      {"rust_mysql_common/ver_5_1-wl2325_s.001", 0, 0, "5.2 development build numbering"},
      // TIME(0) stored as 0x6043e5: 0x6043e5 - 0x800000 = -2079771 = -(507 << 12 | 48 << 6 | 27),
      // i.e. '-507:48:27'; java decodes negative TIME2 values wrongly (516:15:37).
      {"rust_mysql_common/time_issue.000001", 397, 1, "java mis-decodes negative TIME2"},
  };
  return known;
}

}  // namespace binlake::conformance
