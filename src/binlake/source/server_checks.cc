#include "binlake/source/server_checks.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>

#include "binlake/base/macros.h"
#include "binlake/source/server_text.h"

namespace binlake::source {
namespace {

constexpr std::string_view kVariablesSql =
    "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('version', 'server_id', 'log_bin', "
    "'binlog_format', 'binlog_row_image', 'binlog_checksum', 'server_uuid', 'gtid_mode')";
constexpr std::string_view kGrantsSql = "SHOW GRANTS FOR CURRENT_USER()";

constexpr uint32_t kMinMySql = 50700;
constexpr uint32_t kMinMariaDb = 100500;

// One identifier of a GRANT target: `quoted` (doubled backticks) or bare up to the next '.'.
std::string TakeIdentifier(std::string_view* text) {
  std::string name;
  if (!text->starts_with('`')) {
    size_t end = std::min(text->find('.'), text->size());
    name = std::string(text->substr(0, end));
    text->remove_prefix(end);
    return name;
  }
  size_t i = 1;
  for (; i < text->size(); ++i) {
    if ((*text)[i] != '`') {
      name += (*text)[i];
    } else if (i + 1 < text->size() && (*text)[i + 1] == '`') {
      name += '`';
      ++i;
    } else {
      break;
    }
  }
  text->remove_prefix(std::min(i + 1, text->size()));
  return name;
}

std::vector<std::string> TablePrivileges(std::string_view list) {
  std::vector<std::string> privileges;
  for (const std::string& part : SplitOutsideQuotes(list, ',')) {
    if (part.find('(') == std::string::npos) {  // column-level grants do not cover tables
      privileges.push_back(ToUpperAscii(part));
    }
  }
  return privileges;
}

bool Includes(const std::vector<std::string>& privileges, std::string_view wanted) {
  return std::any_of(privileges.begin(), privileges.end(), [&](const std::string& p) {
    return p == wanted || p == "ALL PRIVILEGES" || p == "ALL";
  });
}

// Reads one "GRANT <privileges> ON <target> TO <user> ..." into `grants`; other statements
// (roles, PROXY, routines) are left out.
void AddGrant(std::string_view statement, Grants* grants) {
  if (!statement.starts_with("GRANT ")) {
    return;
  }
  size_t on = FindOutsideQuotes(statement, " ON ");
  size_t to = FindOutsideQuotes(statement, " TO ");
  if (on == std::string_view::npos || to == std::string_view::npos || to < on) {
    return;
  }
  std::string_view rest = statement.substr(to + 4);
  grants->user = std::string(rest.substr(0, FindOutsideQuotes(rest, " ")));
  std::string_view target = TrimSpaces(statement.substr(on + 4, to - on - 4));
  std::vector<std::string> privileges = TablePrivileges(statement.substr(6, on - 6));
  if (target == "*.*") {
    grants->global.insert(grants->global.end(), privileges.begin(), privileges.end());
    return;
  }
  if (target.starts_with("FUNCTION ") || target.starts_with("PROCEDURE ") ||
      target.starts_with("PACKAGE ") || target.starts_with("''")) {
    return;
  }
  std::string schema = TakeIdentifier(&target);
  if (!target.starts_with('.')) {
    return;
  }
  target.remove_prefix(1);
  std::string table = target == "*" ? "" : TakeIdentifier(&target);
  grants->on.push_back(Grants::On{std::move(schema), std::move(table), std::move(privileges)});
}

// major*10000 + minor*100 + patch of "10.11.6-MariaDB-0+deb12u1" or "8.4.0-log".
std::optional<uint32_t> VersionNumber(std::string_view version) {
  if (version.starts_with("5.5.5-")) {  // MariaDB's replication-compatibility prefix
    version.remove_prefix(6);
  }
  std::string_view numbers = version.substr(0, version.find_first_not_of("0123456789."));
  std::vector<std::string> parts = SplitOutsideQuotes(numbers, '.');
  if (parts.size() < 2) {
    return std::nullopt;
  }
  uint32_t number = 0;
  for (size_t i = 0; i < 3; ++i) {
    std::optional<uint64_t> part =
        i < parts.size() ? ParseUnsigned(parts[i]) : std::optional<uint64_t>(0);
    if (!part.has_value() || *part > 99) {
      return std::nullopt;
    }
    number = number * 100 + static_cast<uint32_t>(*part);
  }
  return number;
}

class Variables {
 public:
  explicit Variables(io::TextResult result) : result_(std::move(result)) {}

  Result<std::string> Get(std::string_view name) const {
    std::optional<std::string> value = NamedValue(result_, name);
    if (!value.has_value()) {
      return FailedPreconditionError(
          fmt::format("the server did not report the variable {} ({})", name, kVariablesSql));
    }
    return *value;
  }
  std::string GetOr(std::string_view name, std::string fallback) const {
    return NamedValue(result_, name).value_or(std::move(fallback));
  }

 private:
  io::TextResult result_;
};

Result<ServerInfo> IdentifyServer(const Variables& variables) {
  ServerInfo server;
  ASSIGN_OR_RETURN(server.version, variables.Get("version"));
  server.flavor =
      server.version.find("MariaDB") != std::string::npos ? Flavor::kMariaDb : Flavor::kMySql;
  std::optional<uint32_t> number = VersionNumber(server.version);
  if (!number.has_value()) {
    return FailedPreconditionError(
        fmt::format("cannot read the server version from @@version \"{}\"", server.version));
  }
  server.version_number = *number;
  uint32_t minimum = server.flavor == Flavor::kMariaDb ? kMinMariaDb : kMinMySql;
  if (server.version_number < minimum) {
    return FailedPreconditionError(
        fmt::format("{} is not supported: binlake needs MySQL 5.7 or later, or MariaDB 10.5 or "
                    "later",
                    DescribeServer(server)));
  }
  ASSIGN_OR_RETURN(std::string server_id, variables.Get("server_id"));
  std::optional<uint64_t> id = ParseUnsigned(server_id);
  if (!id.has_value() || *id > UINT32_MAX) {
    return FailedPreconditionError(fmt::format("server_id \"{}\" is not a number", server_id));
  }
  server.server_id = static_cast<uint32_t>(*id);
  server.server_uuid = variables.GetOr("server_uuid", "");
  server.gtid_enabled = server.flavor == Flavor::kMariaDb ||
                        ToUpperAscii(variables.GetOr("gtid_mode", "OFF")) == "ON";
  server.binlog_checksum = ToUpperAscii(variables.GetOr("binlog_checksum", "NONE"));
  server.lock_free_snapshot_position = server.flavor == Flavor::kMariaDb;
  return server;
}

Status CheckBinlog(const Variables& variables, const ServerInfo& server) {
  ASSIGN_OR_RETURN(std::string log_bin, variables.Get("log_bin"));
  if (ToUpperAscii(log_bin) != "ON" && log_bin != "1") {
    return FailedPreconditionError(fmt::format(
        "binary logging is off (log_bin={}) on {}: binlake reads changes from the binlog. Enable "
        "it in my.cnf [mysqld]: log_bin=binlog, server_id=1, binlog_format=ROW, then restart "
        "the server",
        log_bin, DescribeServer(server)));
  }
  if (server.server_id == 0) {
    return FailedPreconditionError(
        "server_id is 0: a server without a server_id serves no binlog reader. Set one: SET "
        "GLOBAL server_id=1 (and my.cnf [mysqld] server_id=1)");
  }
  ASSIGN_OR_RETURN(std::string format, variables.Get("binlog_format"));
  if (ToUpperAscii(format) != "ROW") {
    return FailedPreconditionError(fmt::format(
        "binlog_format is {}; set binlog_format=ROW (SET GLOBAL binlog_format=ROW and restart "
        "writers, whose sessions keep the old format, or my.cnf [mysqld] binlog_format=ROW)",
        format));
  }
  return Status::Ok();
}

Result<capture::RowImage> ParseRowImage(std::string_view text) {
  std::string image = ToUpperAscii(text);
  if (image == "FULL") {
    return capture::RowImage::kFull;
  }
  if (image == "NOBLOB") {
    return capture::RowImage::kNoblob;
  }
  if (image == "MINIMAL" || image == "FULL_NODUP") {
    return capture::RowImage::kMinimal;
  }
  return FailedPreconditionError(fmt::format("unknown binlog_row_image \"{}\"", text));
}

Status CheckRowImage(const Variables& variables, const capture::CaptureOptions& options,
                     ServerInfo* server) {
  std::string text = variables.GetOr("binlog_row_image", "FULL");
  ASSIGN_OR_RETURN(server->row_image, ParseRowImage(text));
  // The enum runs from the most complete image to the least.
  if (server->row_image <= options.accept_row_image) {
    return Status::Ok();
  }
  return FailedPreconditionError(fmt::format(
      "binlog_row_image is {}; binlake writes whole rows and needs FULL: SET GLOBAL "
      "binlog_row_image=FULL and restart writers (my.cnf [mysqld] binlog_row_image=FULL), or "
      "accept it with capture.accept_row_image: {} (docs/capture.md says what changes)",
      text, RowImageName(server->row_image)));
}

Status CheckPrivileges(const ServerInfo& server) {
  const Grants& grants = server.grants;
  std::vector<std::string> missing;
  if (!Includes(grants.global, "REPLICATION SLAVE")) {
    missing.emplace_back("REPLICATION SLAVE");
  }
  // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR.
  if (!Includes(grants.global, "REPLICATION CLIENT") &&
      !Includes(grants.global, "BINLOG MONITOR")) {
    missing.emplace_back(server.flavor == Flavor::kMariaDb ? "BINLOG MONITOR"
                                                           : "REPLICATION CLIENT");
  }
  bool selects_somewhere =
      Includes(grants.global, "SELECT") ||
      std::any_of(grants.on.begin(), grants.on.end(),
                  [](const Grants::On& on) { return Includes(on.privileges, "SELECT"); });
  if (!selects_somewhere) {
    missing.emplace_back("SELECT");
  }
  if (missing.empty()) {
    return Status::Ok();
  }
  return PermissionDeniedError(fmt::format(
      "user {} lacks {} on {}: GRANT {} ON *.* TO {} (SELECT may instead be granted per "
      "captured schema: GRANT SELECT ON `schema`.* TO {})",
      grants.user, fmt::join(missing, ", "), DescribeServer(server), fmt::join(missing, ", "),
      grants.user, grants.user));
}

}  // namespace

Result<Grants> ParseGrants(const io::TextResult& show_grants) {
  Grants grants;
  for (const auto& row : show_grants.rows) {
    if (!row.empty() && row[0].has_value()) {
      AddGrant(*row[0], &grants);
    }
  }
  if (grants.user.empty()) {
    return InvalidArgumentError("SHOW GRANTS returned no GRANT ... ON ... TO statement");
  }
  return grants;
}

bool CanSelect(const Grants& grants, std::string_view schema, std::string_view table) {
  if (Includes(grants.global, "SELECT")) {
    return true;
  }
  return std::any_of(grants.on.begin(), grants.on.end(), [&](const Grants::On& on) {
    // Schema-level grants are LIKE patterns (`%`, `_`, `\` escapes); table grants are names.
    bool covers = on.table.empty() ? WildcardMatch(on.schema, schema, '%', '_')
                                   : on.schema == schema && on.table == table;
    return covers && Includes(on.privileges, "SELECT");
  });
}

std::string_view RowImageName(capture::RowImage image) {
  switch (image) {
    case capture::RowImage::kFull:
      return "full";
    case capture::RowImage::kNoblob:
      return "noblob";
    case capture::RowImage::kMinimal:
      return "minimal";
  }
  return "full";
}

std::string DescribeServer(const ServerInfo& server) {
  return fmt::format("{} {}", server.flavor == Flavor::kMariaDb ? "MariaDB" : "MySQL",
                     server.version);
}

Result<ServerInfo> CheckServer(io::SqlConnection& connection,
                               const capture::CaptureOptions& options) {
  ASSIGN_OR_RETURN(io::TextResult variable_rows, connection.QueryText(kVariablesSql));
  Variables variables(std::move(variable_rows));
  ASSIGN_OR_RETURN(ServerInfo server, IdentifyServer(variables));
  RETURN_IF_ERROR(CheckBinlog(variables, server));
  RETURN_IF_ERROR(CheckRowImage(variables, options, &server));
  ASSIGN_OR_RETURN(io::TextResult grant_rows, connection.QueryText(kGrantsSql));
  ASSIGN_OR_RETURN(server.grants, ParseGrants(grant_rows));
  RETURN_IF_ERROR(CheckPrivileges(server));
  return server;
}

}  // namespace binlake::source
