// QUERY_EVENT, EXECUTE_LOAD_QUERY_EVENT and QUERY_COMPRESSED_EVENT bodies, their status
// variables and the classification of statements (event_bodies.h).
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "binlake/base/macros.h"
#include "binlake/binlog/event_bodies.h"
#include "binlake/binlog/mariadb_compression.h"

namespace binlake::binlog {
namespace {

// Status variable codes (MySQL statement_events.h; MariaDB log_event.h for 128+).
enum StatusVarCode : uint8_t {
  kFlags2 = 0,
  kSqlMode = 1,
  kCatalog = 2,
  kAutoIncrement = 3,
  kCharset = 4,
  kTimeZone = 5,
  kCatalogNz = 6,
  kLcTimeNames = 7,
  kCharsetDatabase = 8,
  kTableMapForUpdate = 9,
  kMasterDataWritten = 10,
  kInvoker = 11,
  kUpdatedDbNames = 12,
  kMicroseconds = 13,
  kExplicitDefaultsForTimestamp = 16,
  kDdlLoggedWithXid = 17,
  kDefaultCollationForUtf8mb4 = 18,
  kSqlRequirePrimaryKey = 19,
  kDefaultTableEncryption = 20,
  kHrnow = 128,
  kMariaXid = 129,
  kGtidFlags3 = 130,
};

// Q_UPDATED_DB_NAMES count meaning "more databases than are listed".
constexpr uint8_t kOverMaxDbsInEventMts = 254;
constexpr size_t kMinQueryPostHeader = 11;  // thread id, exec time, db length, error code

Result<std::string> ReadByteLengthString(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(uint8_t length, reader.ReadU8(what));
  ASSIGN_OR_RETURN(std::string_view bytes, reader.ReadBytes(length, what));
  return std::string(bytes);
}

Result<std::string> ReadNulTerminated(ByteReader& reader, std::string_view what) {
  const std::string_view rest = reader.Rest();
  const size_t end = rest.find('\0');
  if (end == std::string_view::npos) {
    return CorruptionError(
        fmt::format("{} at offset {} has no terminating NUL", what, reader.offset()));
  }
  RETURN_IF_ERROR(reader.Skip(end + 1, what));
  return std::string(rest.substr(0, end));
}

Status ReadUpdatedDbNames(ByteReader& block, QueryStatusVars& vars) {
  ASSIGN_OR_RETURN(uint8_t count, block.ReadU8("updated db count"));
  if (count == kOverMaxDbsInEventMts) {
    vars.updated_db_names_over_max = true;
    return Status::Ok();
  }
  for (uint8_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(std::string name, ReadNulTerminated(block, "updated db name"));
    vars.updated_db_names.push_back(std::move(name));
  }
  return Status::Ok();
}

Result<bool> ReadBool(ByteReader& block, std::string_view what) {
  ASSIGN_OR_RETURN(uint8_t value, block.ReadU8(what));
  return value != 0;
}

// Reads the value of status variable `code`; false when the code is unknown.
Result<bool> ReadStatusVar(ByteReader& block, uint8_t code, QueryStatusVars& vars) {
  switch (code) {
    case kFlags2: {
      ASSIGN_OR_RETURN(vars.flags2, block.ReadU32Le("flags2"));
      return true;
    }
    case kSqlMode: {
      ASSIGN_OR_RETURN(vars.sql_mode, block.ReadU64Le("sql_mode"));
      return true;
    }
    case kCatalog: {  // MySQL 5.0.0-5.0.3: length, text, NUL
      ASSIGN_OR_RETURN(vars.catalog, ReadByteLengthString(block, "catalog"));
      RETURN_IF_ERROR(block.Skip(1, "catalog NUL"));
      return true;
    }
    case kAutoIncrement: {
      ASSIGN_OR_RETURN(vars.auto_increment_increment, block.ReadU16Le("auto_increment_increment"));
      ASSIGN_OR_RETURN(vars.auto_increment_offset, block.ReadU16Le("auto_increment_offset"));
      return true;
    }
    case kCharset: {
      ASSIGN_OR_RETURN(vars.character_set_client, block.ReadU16Le("character_set_client"));
      ASSIGN_OR_RETURN(vars.collation_connection, block.ReadU16Le("collation_connection"));
      ASSIGN_OR_RETURN(vars.collation_server, block.ReadU16Le("collation_server"));
      return true;
    }
    case kTimeZone: {
      ASSIGN_OR_RETURN(vars.time_zone, ReadByteLengthString(block, "time_zone"));
      return true;
    }
    case kCatalogNz: {
      ASSIGN_OR_RETURN(vars.catalog, ReadByteLengthString(block, "catalog"));
      return true;
    }
    case kLcTimeNames: {
      ASSIGN_OR_RETURN(vars.lc_time_names, block.ReadU16Le("lc_time_names"));
      return true;
    }
    case kCharsetDatabase: {
      ASSIGN_OR_RETURN(vars.collation_database, block.ReadU16Le("collation_database"));
      return true;
    }
    case kTableMapForUpdate: {
      ASSIGN_OR_RETURN(vars.table_map_for_update, block.ReadU64Le("table_map_for_update"));
      return true;
    }
    case kMasterDataWritten: {
      ASSIGN_OR_RETURN(vars.master_data_written, block.ReadU32Le("master_data_written"));
      return true;
    }
    case kInvoker: {
      ASSIGN_OR_RETURN(vars.invoker_user, ReadByteLengthString(block, "invoker user"));
      ASSIGN_OR_RETURN(vars.invoker_host, ReadByteLengthString(block, "invoker host"));
      return true;
    }
    case kUpdatedDbNames: {
      RETURN_IF_ERROR(ReadUpdatedDbNames(block, vars));
      return true;
    }
    case kMicroseconds: {
      ASSIGN_OR_RETURN(vars.microseconds, block.ReadU24Le("microseconds"));
      return true;
    }
    case kExplicitDefaultsForTimestamp: {
      ASSIGN_OR_RETURN(vars.explicit_defaults_for_timestamp,
                       ReadBool(block, "explicit_defaults_for_timestamp"));
      return true;
    }
    case kDdlLoggedWithXid: {
      ASSIGN_OR_RETURN(vars.ddl_xid, block.ReadU64Le("ddl xid"));
      return true;
    }
    case kDefaultCollationForUtf8mb4: {
      ASSIGN_OR_RETURN(vars.default_collation_for_utf8mb4,
                       block.ReadU16Le("default_collation_for_utf8mb4"));
      return true;
    }
    case kSqlRequirePrimaryKey: {
      ASSIGN_OR_RETURN(vars.sql_require_primary_key, ReadBool(block, "sql_require_primary_key"));
      return true;
    }
    case kDefaultTableEncryption: {
      ASSIGN_OR_RETURN(vars.default_table_encryption, ReadBool(block, "default_table_encryption"));
      return true;
    }
    case kHrnow: {
      ASSIGN_OR_RETURN(vars.hrnow_micros, block.ReadU24Le("hrnow"));
      return true;
    }
    case kMariaXid: {
      ASSIGN_OR_RETURN(vars.xid, block.ReadU64Le("xid"));
      return true;
    }
    case kGtidFlags3: {
      ASSIGN_OR_RETURN(vars.gtid_flags3, block.ReadU8("gtid_flags3"));
      return true;
    }
    default:
      return false;
  }
}

// --- statement classification ---

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Skips whitespace and comments. Executable comments (/*!50100 ... */, MariaDB /*M!...*/) are
// entered: their text is part of the statement.
std::string_view SkipNoise(std::string_view text) {
  while (!text.empty()) {
    if (IsSpace(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with("/*!") || text.starts_with("/*M!")) {
      text.remove_prefix(text.starts_with("/*!") ? 3 : 4);
      while (!text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
      }
    } else if (text.starts_with("/*")) {
      const size_t end = text.find("*/", 2);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 2);
    } else if (text.starts_with("#") || text.starts_with("-- ")) {
      const size_t end = text.find('\n');
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    } else {
      break;
    }
  }
  return text;
}

// The next word, upper-cased, and the text after it.
std::string NextWord(std::string_view& text) {
  text = SkipNoise(text);
  size_t n = 0;
  while (n < text.size() && IsWordChar(text[n])) {
    ++n;
  }
  std::string word(text.substr(0, n));
  for (char& c : word) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  text.remove_prefix(n);
  return word;
}

QueryKind ClassifyXa(std::string_view rest) {
  const std::string verb = NextWord(rest);
  if (verb == "START" || verb == "BEGIN") {
    return QueryKind::kXaStart;
  }
  if (verb == "END") {
    return QueryKind::kXaEnd;
  }
  if (verb == "PREPARE") {
    return QueryKind::kXaPrepare;
  }
  if (verb == "COMMIT") {
    return QueryKind::kXaCommit;
  }
  if (verb == "ROLLBACK") {
    return QueryKind::kXaRollback;
  }
  return QueryKind::kOther;
}

QueryKind ClassifyRollback(std::string_view rest) {
  std::string next = NextWord(rest);
  if (next == "WORK") {
    next = NextWord(rest);
  }
  return next == "TO" ? QueryKind::kRollbackToSavepoint : QueryKind::kRollback;
}

}  // namespace

QueryKind ClassifyStatement(std::string_view statement) {
  std::string_view rest = statement;
  const std::string first = NextWord(rest);
  if (first == "BEGIN") {
    return QueryKind::kBegin;
  }
  if (first == "START") {
    return NextWord(rest) == "TRANSACTION" ? QueryKind::kBegin : QueryKind::kOther;
  }
  if (first == "COMMIT") {
    return QueryKind::kCommit;
  }
  if (first == "ROLLBACK") {
    return ClassifyRollback(rest);
  }
  if (first == "SAVEPOINT" || first == "RELEASE") {
    return QueryKind::kSavepoint;
  }
  if (first == "XA") {
    return ClassifyXa(rest);
  }
  static constexpr std::array<std::string_view, 7> kDataChange = {
      "INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "WITH", "CALL"};
  static constexpr std::array<std::string_view, 5> kDdl = {"CREATE", "ALTER", "DROP", "RENAME",
                                                           "TRUNCATE"};
  for (std::string_view word : kDataChange) {
    if (first == word) {
      return QueryKind::kDataChange;
    }
  }
  for (std::string_view word : kDdl) {
    if (first == word) {
      return QueryKind::kDdl;
    }
  }
  return QueryKind::kOther;
}

Result<QueryStatusVars> DecodeQueryStatusVars(ByteReader& block) {
  QueryStatusVars vars;
  while (!block.AtEnd()) {
    ASSIGN_OR_RETURN(uint8_t code, block.ReadU8("status variable code"));
    ASSIGN_OR_RETURN(bool known, ReadStatusVar(block, code, vars));
    if (!known) {
      vars.first_unknown_code = code;
      break;
    }
  }
  return vars;
}

// Post-header: thread id (4), exec time (4), db length (1), error code (2), status-vars length
// (2, binlog v4), then type-specific bytes (EXECUTE_LOAD_QUERY). Body: status vars, db, NUL,
// statement.
Result<QueryEvent> DecodeQuery(ByteReader& body, uint8_t post_header_length, bool compressed,
                               uint64_t max_statement_bytes) {
  if (post_header_length < kMinQueryPostHeader) {
    return CorruptionError(fmt::format("query post-header length {} is below {}",
                                       post_header_length, kMinQueryPostHeader));
  }
  QueryEvent query;
  ASSIGN_OR_RETURN(query.thread_id, body.ReadU32Le("thread id"));
  ASSIGN_OR_RETURN(query.exec_time, body.ReadU32Le("exec time"));
  ASSIGN_OR_RETURN(uint8_t db_length, body.ReadU8("database length"));
  ASSIGN_OR_RETURN(query.error_code, body.ReadU16Le("error code"));
  uint16_t status_length = 0;
  size_t post_header_read = kMinQueryPostHeader;
  if (post_header_length >= kMinQueryPostHeader + 2) {
    ASSIGN_OR_RETURN(status_length, body.ReadU16Le("status variables length"));
    post_header_read += 2;
  }
  RETURN_IF_ERROR(body.Skip(post_header_length - post_header_read, "query post-header"));
  ASSIGN_OR_RETURN(ByteReader block, body.SubReader(status_length, "status variables"));
  ASSIGN_OR_RETURN(query.status, DecodeQueryStatusVars(block));
  ASSIGN_OR_RETURN(std::string_view database, body.ReadBytes(db_length, "database"));
  query.database = database;
  RETURN_IF_ERROR(body.Skip(1, "database NUL"));
  if (compressed) {
    ASSIGN_OR_RETURN(query.statement, InflateMariaDbCompressed(body.Rest(), max_statement_bytes));
  } else {
    query.statement = body.Rest();
  }
  RETURN_IF_ERROR(body.Skip(body.remaining()));
  query.kind = ClassifyStatement(query.statement);
  return query;
}

}  // namespace binlake::binlog
