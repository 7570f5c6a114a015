#include "adapters/mysql/mariadb_connection.h"

#include <fmt/format.h>
#include <mysql.h>

#include <vector>

#include "adapters/mysql/binary_row_reader.h"
#include "adapters/mysql/mariadb_errors.h"
#include "binlake/base/macros.h"

namespace binlake::adapters {
namespace {

struct StatementCloser {
  void operator()(MYSQL_STMT* stmt) const { mysql_stmt_close(stmt); }
};
using StatementPtr = std::unique_ptr<MYSQL_STMT, StatementCloser>;

struct ResultFreer {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};

}  // namespace

MariaDbConnection::MariaDbConnection(MYSQL* session, std::string where, std::string describe)
    : session_(session), where_(std::move(where)), describe_(std::move(describe)) {}

MariaDbConnection::~MariaDbConnection() {
  mysql_close(session_);
}

unsigned long MariaDbConnection::ServerThreadId() const {
  return mysql_thread_id(session_);
}

Status MariaDbConnection::Remember(Status status) {
  if (status.code() == StatusCode::kUnavailable)
    lost_ = status;
  return status;
}

Status MariaDbConnection::SessionError() {
  return Remember(SqlError(mysql_errno(session_), mysql_error(session_), where_));
}

Status MariaDbConnection::StatementError(MYSQL_STMT* stmt) {
  return Remember(SqlError(mysql_stmt_errno(stmt), mysql_stmt_error(stmt), where_));
}

Status MariaDbConnection::Execute(std::string_view sql) {
  RETURN_IF_ERROR(lost_);
  if (mysql_real_query(session_, sql.data(), sql.size()) != 0)
    return SessionError();
  // A statement that unexpectedly returns rows: read and drop them so the session stays usable.
  std::unique_ptr<MYSQL_RES, ResultFreer> result(mysql_store_result(session_));
  if (result == nullptr && mysql_field_count(session_) != 0)
    return SessionError();
  return Status::Ok();
}

Result<io::TextResult> MariaDbConnection::QueryText(std::string_view sql) {
  RETURN_IF_ERROR(lost_);
  if (mysql_real_query(session_, sql.data(), sql.size()) != 0)
    return SessionError();
  std::unique_ptr<MYSQL_RES, ResultFreer> result(mysql_store_result(session_));
  io::TextResult text;
  if (result == nullptr) {
    if (mysql_field_count(session_) != 0)
      return SessionError();
    return text;
  }
  const unsigned count = mysql_num_fields(result.get());
  const MYSQL_FIELD* fields = mysql_fetch_fields(result.get());
  for (unsigned i = 0; i < count; ++i)
    text.column_names.emplace_back(fields[i].name);
  while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(result.get());
    auto& out = text.rows.emplace_back(count);
    for (unsigned i = 0; i < count; ++i) {
      if (row[i] != nullptr)
        out[i].emplace(row[i], lengths[i]);
    }
  }
  return text;
}

Status MariaDbConnection::StreamRows(std::string_view sql,
                                     std::span<const mysql::ColumnSchema> columns,
                                     const io::RowCallback& on_row) {
  RETURN_IF_ERROR(lost_);
  StatementPtr stmt(mysql_stmt_init(session_));
  if (stmt == nullptr)
    return SessionError();
  if (mysql_stmt_prepare(stmt.get(), sql.data(), sql.size()) != 0 ||
      mysql_stmt_execute(stmt.get()) != 0) {
    return StatementError(stmt.get());
  }
  auto created = BinaryRowReader::Create(stmt.get(), columns);
  if (!created.ok())
    return created.status().WithContext(where_);
  const std::unique_ptr<BinaryRowReader> reader = std::move(created).value();
  std::vector<mysql::Value> row(columns.size());
  while (true) {
    RETURN_IF_ERROR(reader->PrepareFetch());
    const int fetched = mysql_stmt_fetch(stmt.get());
    if (fetched == MYSQL_NO_DATA)
      return Status::Ok();
    if (fetched != 0 && fetched != MYSQL_DATA_TRUNCATED)
      return StatementError(stmt.get());
    RETURN_IF_ERROR(reader->Decode(row).WithContext(where_));
    RETURN_IF_ERROR(on_row(row));
  }
}

}  // namespace binlake::adapters
