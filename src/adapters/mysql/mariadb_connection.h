// MariaDbConnection: io::SqlConnection over one libmariadb session (see io/sql_connection.h
// for the contract). Made by MariaDbConnector, which has already set the session up (utf8mb4,
// UTC, sql_mode, autocommit).
//
// StreamRows uses a server-side prepared statement, so values arrive in the binary protocol
// (exact floats and temporals), and fetches unbuffered: one row at a time from the socket,
// decoded by BinaryRowReader. When the callback fails, the statement is closed (libmariadb
// reads and discards the rest of the result) and the callback's error is returned.
// After an Unavailable error the session is unusable: every later call fails the same way
// and the caller connects again.
// Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "binlake/io/sql_connection.h"

// libmariadb's handles, declared here so users of this header need not see <mysql.h>.
using MYSQL = struct st_mysql;
using MYSQL_STMT = struct st_mysql_stmt;

namespace binlake::adapters {

class MariaDbConnection : public io::SqlConnection {
 public:
  // Takes ownership of `session`, an open connection. `where` names it in messages
  // ("source HOST:PORT (user USER)"), `describe` is Describe()'s "user@host:port".
  MariaDbConnection(MYSQL* session, std::string where, std::string describe);
  ~MariaDbConnection() override;

  Status Execute(std::string_view sql) override;
  Result<io::TextResult> QueryText(std::string_view sql) override;
  Status StreamRows(std::string_view sql, std::span<const mysql::ColumnSchema> columns,
                    const io::RowCallback& on_row) override;
  std::string Describe() const override { return describe_; }

  // The server's id for this session (CONNECTION_ID()), e.g. for KILL.
  unsigned long ServerThreadId() const;

 private:
  Status SessionError();
  Status StatementError(MYSQL_STMT* stmt);
  Status Remember(Status status);

  MYSQL* session_;
  std::string where_;
  std::string describe_;
  Status lost_;  // the Unavailable error that made the session unusable, else OK
};

}  // namespace binlake::adapters
