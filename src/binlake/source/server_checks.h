// Start-up checks of the source server: what it is, and whether binlake can capture from it
// correctly. Reads server variables and grants through io::SqlConnection; refuses with an
// actionable message (what is wrong, the setting or GRANT that fixes it) rather than capture
// something wrong later.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/capture/capture_options.h"
#include "binlake/io/sql_connection.h"

namespace binlake::source {

enum class Flavor : uint8_t { kMySql, kMariaDb };

// The privileges of the session's user, as SHOW GRANTS FOR CURRENT_USER() lists them. Privilege
// names are upper case as the server prints them; ALL PRIVILEGES stands for every privilege.
// Column-level grants, routine grants, PROXY and roles are not read (MySQL roles are not
// expanded: grant the privileges to the user itself).
struct Grants {
  std::string user;                 // `binlake`@`%`, as the TO clause names it
  std::vector<std::string> global;  // privileges ON *.*
  struct On {
    std::string schema;  // as granted: a LIKE pattern (`shop\_%`) for schema-level grants
    std::string table;   // empty for `schema`.*
    std::vector<std::string> privileges;
  };
  std::vector<On> on;  // grants ON `schema`.* and ON `schema`.`table`
};

// Parses SHOW GRANTS rows (one GRANT statement in the first column of each row). Rows that are
// not a privilege grant on tables (roles, PROXY, routines) are skipped. InvalidArgument when no
// row names the user.
Result<Grants> ParseGrants(const io::TextResult& show_grants);

// True when `grants` let the user SELECT from `schema`.`table`.
bool CanSelect(const Grants& grants, std::string_view schema, std::string_view table);

struct ServerInfo {
  Flavor flavor = Flavor::kMariaDb;
  std::string version;        // "10.11.6-MariaDB-0+deb12u1", as @@version
  uint32_t version_number{};  // 101106 (major*10000 + minor*100 + patch)
  uint32_t server_id{};
  std::string server_uuid;      // MySQL @@server_uuid; empty on MariaDB
  bool gtid_enabled = false;    // MySQL gtid_mode=ON; MariaDB always (domain-server-seq GTIDs)
  std::string binlog_checksum;  // "CRC32" or "NONE"
  capture::RowImage row_image = capture::RowImage::kFull;
  // START TRANSACTION WITH CONSISTENT SNAPSHOT reports the binlog position of its snapshot
  // (MariaDB's binlog_snapshot_file/position): the full load needs no lock.
  bool lock_free_snapshot_position = false;
  Grants grants;
};

// "full", "noblob" or "minimal", as capture.accept_row_image spells it.
std::string_view RowImageName(capture::RowImage image);

// "MariaDB 10.11.6-MariaDB-0+deb12u1" / "MySQL 8.0.36" for messages.
std::string DescribeServer(const ServerInfo& server);

// Reads the server's identity and settings (one SHOW GLOBAL VARIABLES, one SHOW GRANTS) and
// checks, in order, and stops at the first failure (FailedPrecondition; PermissionDenied for
// missing privileges), with a message saying what is wrong and the setting or GRANT that fixes
// it:
//   - a supported flavor and version (MySQL 5.7+, MariaDB 10.5+),
//   - binlog enabled (log_bin=ON), server_id set, binlog_format=ROW,
//   - binlog_row_image at least options.accept_row_image (FULL unless the user opted in;
//     MariaDB's FULL_NODUP counts as MINIMAL: its after images lack unchanged columns),
//   - privileges: REPLICATION SLAVE, REPLICATION CLIENT (MariaDB 10.5+: BINLOG MONITOR) on *.*,
//     and SELECT on *.* or on some schema (CanSelect says it per table).
Result<ServerInfo> CheckServer(io::SqlConnection& connection,
                               const capture::CaptureOptions& options);

}  // namespace binlake::source
