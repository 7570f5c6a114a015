// SqlConnection: one client session on the source MySQL/MariaDB server, the way the core runs
// SQL without touching sockets. Production: adapters/mysql (libmariadb); tests: a scripted fake
// (testing/fake_sql_connection.h) or the real server.
//
// Every session is set up by its connector the same way before the core sees it: character set
// utf8mb4 (text arrives as UTF-8; the server converts from each column's charset), time_zone
// '+00:00' (TIMESTAMP values are UTC), sql_mode without NO_BACKSLASH_ESCAPES, autocommit on.
//
// Errors (Status codes):
//   Unavailable        the connection was lost or timed out (retryable: reconnect, retry)
//   PermissionDenied   the server refused the user or a statement for lack of a privilege
//   InvalidArgument    the server rejected the SQL (syntax, unknown table or column)
//   Corruption         a value the server sent does not fit the column it was declared as
//   FailedPrecondition anything else the server reported (lock wait timeout, read-only, ...)
// Messages carry the server's error number and text and the connection's Describe().
//
// Thread-safety: a SqlConnection is used by one thread at a time; open one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::io {

// A small result as text, exactly as the server sent it (NULL is nullopt).
struct TextResult {
  std::vector<std::string> column_names;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// Receives one streamed row: one value per requested column, valid only during the call.
// Returning an error stops the stream (the connection then drains or drops the rest) and
// StreamRows returns that error.
using RowCallback = std::function<Status(std::span<const mysql::Value> row)>;

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  // Runs a statement that returns no rows (SET, START TRANSACTION ..., COMMIT, FLUSH ...).
  virtual Status Execute(std::string_view sql) = 0;

  // Runs a query whose result is small (SHOW, information_schema, a few boundary keys) and
  // returns it whole, as text.
  virtual Result<TextResult> QueryText(std::string_view sql) = 0;

  // Runs `sql` (a SELECT whose select list is exactly `columns`, in order) and streams its rows
  // without buffering the result: memory stays bounded by one row whatever the row count. Each
  // value is decoded exactly per the mysql::Value conventions (mysql/value.h) for its column:
  // the binary protocol, so FLOAT/DOUBLE/DATETIME/BIT arrive bit-exact; ENUM/SET carry index
  // and labels from the column's elements; GEOMETRY splits SRID and WKB; TIMESTAMP is UTC.
  virtual Status StreamRows(std::string_view sql, std::span<const mysql::ColumnSchema> columns,
                            const RowCallback& on_row) = 0;

  // "user@host:port" for messages and logs (never the password).
  virtual std::string Describe() const = 0;
};

// Opens sessions to one server; the full load opens one per parallel reader. Connect() retries
// retryable failures with backoff (source.reconnect.*) and then returns the last error.
// Thread-safety: Connect may be called from several threads at once.
class SqlConnector {
 public:
  virtual ~SqlConnector() = default;
  virtual Result<std::unique_ptr<SqlConnection>> Connect() = 0;
};

}  // namespace binlake::io
