// Consistent snapshots for the full load: a REPEATABLE READ transaction and the binlog position
// it is consistent with, so the stream can start exactly where the snapshot ends.
#pragma once

#include "binlake/base/result.h"
#include "binlake/io/sql_connection.h"
#include "binlake/source/binlog_position.h"
#include "binlake/source/server_checks.h"

namespace binlake::source {

// Starts a consistent-snapshot transaction on `connection` and returns the binlog position
// the snapshot is consistent with, without any lock: the session's isolation level becomes
// REPEATABLE READ, then START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY; MariaDB reports
// the snapshot's position as binlog_snapshot_file/binlog_snapshot_position (exact: every
// transaction committed before the snapshot ends before it, every later one starts at or after
// it), and gtid_set is BINLOG_GTID_POS of that position. The caller reads, then ends the
// transaction with Execute("COMMIT"); on an error the transaction is already rolled back.
// FailedPrecondition when the server has no lock-free snapshot position (MySQL), naming
// full_load.snapshot: global_read_lock.
Result<BinlogPosition> BeginSnapshotLockFree(io::SqlConnection& connection,
                                             const ServerInfo& server);

// Starts a consistent-snapshot transaction on `reader` under a brief global read lock held by
// `locker` (another session): FLUSH TABLES WITH READ LOCK, then on `reader` REPEATABLE READ +
// START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY, then CurrentPosition on `locker`, then
// UNLOCK TABLES — on every path, so an error never leaves the server locked (a lost `locker`
// session releases its lock with it). No commit can happen while the lock is held, so the
// snapshot is consistent with the returned position on any server. Needs RELOAD. The caller
// reads on `reader`, then ends the transaction with Execute("COMMIT").
Result<BinlogPosition> BeginSnapshotUnderReadLock(io::SqlConnection& locker,
                                                  io::SqlConnection& reader,
                                                  const ServerInfo& server);

// The server's current binlog position (SHOW MASTER STATUS; SHOW BINARY LOG STATUS on MySQL
// 8.2+, which 8.4 requires), with the executed GTID set: MySQL's Executed_Gtid_Set of the same
// statement; MariaDB's @@gtid_binlog_pos, read by a second statement, so commits in between may
// make it run ahead of file/offset. FailedPrecondition when binary logging is off.
Result<BinlogPosition> CurrentPosition(io::SqlConnection& connection, const ServerInfo& server);

}  // namespace binlake::source
