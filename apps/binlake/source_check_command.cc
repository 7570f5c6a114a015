// `binlake source check` (declared in source_command.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "adapters/mysql/mariadb_connector.h"
#include "adapters/sys/system_clock.h"
#include "binlake/base/macros.h"
#include "binlake/source/server_checks.h"
#include "binlake/source/snapshot.h"
#include "binlake/source/sql_text.h"
#include "binlake/source/table_catalog.h"
#include "source_command.h"

namespace binlake::cli {
namespace {

void PrintServer(const source::ServerInfo& server, const source::BinlogPosition& position,
                 std::string_view connection) {
  bool mariadb = server.flavor == source::Flavor::kMariaDb;
  fmt::print("server           {} ({})\n", source::DescribeServer(server), connection);
  fmt::print("server_id        {}{}\n", server.server_id,
             server.server_uuid.empty() ? "" : fmt::format(", server_uuid {}", server.server_uuid));
  fmt::print("gtid             {}\n", mariadb               ? "on (MariaDB domain-server-sequence)"
                                      : server.gtid_enabled ? "on (gtid_mode=ON)"
                                                            : "off (gtid_mode is not ON)");
  fmt::print("binlog           format ROW, row image {}, checksum {}\n",
             source::RowImageName(server.row_image), server.binlog_checksum);
  fmt::print("position         {}{}\n", source::FormatPosition(position),
             position.gtid_set.empty() ? "" : fmt::format(" (gtid {})", position.gtid_set));
  fmt::print("full load        {}\n",
             server.lock_free_snapshot_position
                 ? "lock-free (START TRANSACTION WITH CONSISTENT SNAPSHOT reports its position)"
                 : "needs a brief global read lock (full_load.snapshot: global_read_lock)");
  fmt::print("privileges       ok for {}\n", server.grants.user);
}

std::string KeyDescription(const source::CapturedTable& table) {
  std::vector<std::string> names;
  for (const mysql::ColumnSchema& column : source::KeyColumns(table.schema)) {
    names.push_back(column.name);
  }
  switch (table.key_source) {
    case source::KeySource::kPrimaryKey:
      return fmt::format("primary key ({})", fmt::join(names, ", "));
    case source::KeySource::kUniqueKey:
      return fmt::format("unique key ({})", fmt::join(names, ", "));
    case source::KeySource::kFullRow:
      return "full row (no key)";
  }
  return "unknown";
}

// Prints the tables; PermissionDenied naming those the user cannot SELECT from.
Status PrintTables(const std::vector<source::CapturedTable>& tables, const source::Grants& grants) {
  fmt::print("tables           {} selected\n", tables.size());
  std::vector<std::string> names;
  size_t width = 0;
  for (const source::CapturedTable& table : tables) {
    names.push_back(source::QuoteTable(table.schema.database, table.schema.table));
    width = std::max(width, names.back().size());
  }
  std::vector<std::string> unreadable;
  for (size_t i = 0; i < tables.size(); ++i) {
    const source::CapturedTable& table = tables[i];
    const std::string& name = names[i];
    bool readable = source::CanSelect(grants, table.schema.database, table.schema.table);
    fmt::print("  {:<{}}  {:>4} columns  {}{}\n", name, width, table.schema.columns.size(),
               KeyDescription(table), readable ? "" : "  NO SELECT PRIVILEGE");
    if (!readable) {
      unreadable.push_back(name);
    }
  }
  if (unreadable.empty()) {
    return Status::Ok();
  }
  return PermissionDeniedError(
      fmt::format("user {} cannot SELECT from {}: GRANT SELECT ON each (or its schema.*) TO {}",
                  grants.user, fmt::join(unreadable, ", "), grants.user));
}

}  // namespace

Status RunSourceCheck(const GlobalOptions& globals) {
  ASSIGN_OR_RETURN(config::Config config, LoadEffectiveConfig(globals));
  adapters::SystemClock clock;
  adapters::MariaDbConnector connector(config.source, clock,
                                       static_cast<uint64_t>(clock.NowMicros()));
  ASSIGN_OR_RETURN(std::unique_ptr<io::SqlConnection> connection, connector.Connect());
  ASSIGN_OR_RETURN(source::ServerInfo server, source::CheckServer(*connection, config.capture));
  ASSIGN_OR_RETURN(source::BinlogPosition position, source::CurrentPosition(*connection, server));
  PrintServer(server, position, connection->Describe());
  ASSIGN_OR_RETURN(
      std::vector<source::CapturedTable> tables,
      source::DiscoverSelectedTables(*connection, config.capture, connection->Describe()));
  return PrintTables(tables, server.grants);
}

}  // namespace binlake::cli
