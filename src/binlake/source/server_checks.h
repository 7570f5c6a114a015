// Start-up checks of the source server: what it is, and whether binlake can capture from it
// correctly. Reads server variables and grants through io::SqlConnection; refuses with an
// actionable message (what is wrong, the setting or GRANT that fixes it) rather than capture
// something wrong later.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/capture/capture_options.h"
#include "binlake/io/sql_connection.h"

namespace binlake::source {

enum class Flavor : uint8_t { kMySql, kMariaDb };

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
};

// Reads the server's identity and settings and checks, in order, and stops at the first
// failure (FailedPrecondition; PermissionDenied for missing privileges):
//   - binlog enabled (log_bin=ON), binlog_format=ROW,
//   - binlog_row_image at least options.accept_row_image (FULL unless the user opted in),
//   - privileges: SELECT, REPLICATION CLIENT (MariaDB 10.5+: BINLOG MONITOR), REPLICATION SLAVE,
//   - a supported flavor and version (MySQL 5.7+, MariaDB 10.5+).
Result<ServerInfo> CheckServer(io::SqlConnection& connection,
                               const capture::CaptureOptions& options);

}  // namespace binlake::source
