// Consistent snapshots for the full load: a REPEATABLE READ transaction and the binlog position
// it is consistent with, so the stream can start exactly where the snapshot ends.
#pragma once

#include "binlake/base/result.h"
#include "binlake/io/sql_connection.h"
#include "binlake/source/binlog_position.h"
#include "binlake/source/server_checks.h"

namespace binlake::source {

// Starts a consistent-snapshot transaction on `connection` and returns the binlog position
// the snapshot is consistent with, without any lock: MariaDB reports it as
// binlog_snapshot_file/binlog_snapshot_position (gtid_set from BINLOG_GTID_POS). The caller
// reads, then ends the transaction with Execute("COMMIT").
// FailedPrecondition when the server has no lock-free snapshot position (MySQL).
Result<BinlogPosition> BeginSnapshotLockFree(io::SqlConnection& connection,
                                             const ServerInfo& server);

// The server's current binlog position (SHOW MASTER STATUS; SHOW BINARY LOG STATUS on MySQL
// 8.4+), with the executed GTID set.
Result<BinlogPosition> CurrentPosition(io::SqlConnection& connection, const ServerInfo& server);

}  // namespace binlake::source
