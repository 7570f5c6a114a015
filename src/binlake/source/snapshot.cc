#include "binlake/source/snapshot.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "binlake/base/macros.h"
#include "binlake/source/server_text.h"
#include "binlake/source/sql_text.h"

namespace binlake::source {
namespace {

constexpr uint32_t kMySqlBinaryLogStatus = 80200;  // SHOW BINARY LOG STATUS; 8.4 drops MASTER

// The value in `column` of the first row of `result`; nullopt when there is no row or column.
std::optional<std::string> FirstRowValue(const io::TextResult& result, std::string_view column) {
  auto found = std::find_if(
      result.column_names.begin(), result.column_names.end(),
      [&](const std::string& name) { return ToUpperAscii(name) == ToUpperAscii(column); });
  if (found == result.column_names.end() || result.rows.empty()) {
    return std::nullopt;
  }
  size_t index = static_cast<size_t>(found - result.column_names.begin());
  return index < result.rows[0].size() ? result.rows[0][index] : std::nullopt;
}

Result<BinlogPosition> FileAndOffset(std::optional<std::string> file,
                                     std::optional<std::string> offset, std::string_view source) {
  std::optional<uint64_t> number =
      offset.has_value() ? ParseUnsigned(*offset) : std::optional<uint64_t>();
  if (!file.has_value() || file->empty() || !number.has_value()) {
    return FailedPreconditionError(
        fmt::format("{} reported no binlog position: is binary logging on (log_bin)?", source));
  }
  return BinlogPosition{std::move(*file), *number, ""};
}

Result<BinlogPosition> ReadSnapshotPosition(io::SqlConnection& connection) {
  constexpr std::string_view kStatusSql = "SHOW STATUS LIKE 'binlog_snapshot_%'";
  ASSIGN_OR_RETURN(io::TextResult status, connection.QueryText(kStatusSql));
  ASSIGN_OR_RETURN(BinlogPosition position,
                   FileAndOffset(NamedValue(status, "binlog_snapshot_file"),
                                 NamedValue(status, "binlog_snapshot_position"), kStatusSql));
  ASSIGN_OR_RETURN(io::TextResult gtid,
                   connection.QueryText(fmt::format("SELECT BINLOG_GTID_POS({}, {})",
                                                    QuoteString(position.file), position.offset)));
  if (!gtid.rows.empty() && !gtid.rows[0].empty()) {
    position.gtid_set = gtid.rows[0][0].value_or("");
  }
  return position;
}

Status StartSnapshot(io::SqlConnection& connection) {
  RETURN_IF_ERROR(connection.Execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  return connection.Execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
}

std::string WithoutNewlines(std::string text) {
  std::erase_if(text, [](char c) { return c == '\n' || c == '\r'; });
  return text;
}

}  // namespace

Result<BinlogPosition> BeginSnapshotLockFree(io::SqlConnection& connection,
                                             const ServerInfo& server) {
  if (!server.lock_free_snapshot_position) {
    return FailedPreconditionError(fmt::format(
        "{} does not report the binlog position of a consistent snapshot, so a full load "
        "there needs a brief global read lock (FLUSH TABLES WITH READ LOCK, RELOAD privilege): "
        "allow it with full_load.snapshot: global_read_lock",
        DescribeServer(server)));
  }
  RETURN_IF_ERROR(StartSnapshot(connection));
  Result<BinlogPosition> position = ReadSnapshotPosition(connection);
  if (!position.ok()) {
    // Best effort: the session may be gone; the caller sees the first error.
    (void)connection.Execute("ROLLBACK");
  }
  return position;
}

Result<BinlogPosition> BeginSnapshotUnderReadLock(io::SqlConnection& locker,
                                                  io::SqlConnection& reader,
                                                  const ServerInfo& server) {
  RETURN_IF_ERROR(locker.Execute("FLUSH TABLES WITH READ LOCK")
                      .WithContext("the global read lock of full_load.snapshot: global_read_lock "
                                   "(needs the RELOAD privilege)"));
  Status started = StartSnapshot(reader);
  Result<BinlogPosition> position =
      started.ok() ? CurrentPosition(locker, server) : Result<BinlogPosition>(started);
  Status unlocked = locker.Execute("UNLOCK TABLES");
  if (position.ok() && !unlocked.ok()) {
    position = unlocked;
  }
  if (!position.ok() && started.ok()) {
    (void)reader.Execute("ROLLBACK");  // best effort; the caller sees the first error
  }
  return position;
}

Result<BinlogPosition> CurrentPosition(io::SqlConnection& connection, const ServerInfo& server) {
  bool mysql = server.flavor == Flavor::kMySql;
  std::string_view status_sql = mysql && server.version_number >= kMySqlBinaryLogStatus
                                    ? "SHOW BINARY LOG STATUS"
                                    : "SHOW MASTER STATUS";
  ASSIGN_OR_RETURN(io::TextResult status, connection.QueryText(status_sql));
  ASSIGN_OR_RETURN(
      BinlogPosition position,
      FileAndOffset(FirstRowValue(status, "File"), FirstRowValue(status, "Position"), status_sql));
  if (mysql) {
    position.gtid_set = WithoutNewlines(FirstRowValue(status, "Executed_Gtid_Set").value_or(""));
    return position;
  }
  ASSIGN_OR_RETURN(io::TextResult gtid, connection.QueryText("SELECT @@gtid_binlog_pos"));
  std::optional<std::string> gtid_set = FirstRowValue(gtid, "@@gtid_binlog_pos");
  position.gtid_set = gtid_set.value_or("");
  return position;
}

}  // namespace binlake::source
