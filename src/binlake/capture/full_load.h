// The chunked full load (docs/capture.md): every captured table is read in key-range chunks, each
// chunk in its own lock-free consistent snapshot whose binlog position is recorded, and written as
// one LOAD file. Pure core: the caller owns the threads and the connections.
//
// Contract.
//   - One FullLoad is shared by N workers; each calls RunWorker with its own connection. A worker
//     takes the next chunk under the mutex: first a chunk planned but not done (a restart's
//     resume), else it plans the next chunk of the first table whose planning is not finished
//     (NextChunkBoundarySql on its connection) and commits the chunk's range in the checkpoint
//     BEFORE reading it, so a restart re-reads exactly that range into the same LOAD name.
//   - A chunk is read with source::BeginSnapshotLockFree (or, with full_load.snapshot:
//     global_read_lock, in the snapshot the caller opened on the worker's connection) +
//     ChunkSelectSql, streamed row by row
//     into a staging::ChangeFileWriter over an ObjectWriter (bounded memory), COMMITted, the
//     object Closed, and only then marked done in a committed checkpoint. A chunk that reads no
//     row writes no file (and deletes one a crashed earlier attempt may have left).
//   - Tables without a key (KeySource::kFullRow) are one unbounded chunk.
//   - When a table's last chunk is done: load=kDone, stream_start = the minimum chunk snapshot
//     position, and LOAD files numbered beyond the chunk count (left by a crash before a
//     re-plan) are deleted.
//   - Logs one line per chunk event, exactly "full load: <schema.table> chunk <index> reading"
//     and "full load: <schema.table> chunk <index> done rows=<n>".
//   - Errors name the table, chunk, key range and position. A retryable error (the connection
//     was lost or timed out) ends only this worker's RunWorker: its chunk goes back to the
//     queue, and the caller reconnects and calls RunWorker again. Any other error stops every
//     worker at a safe point: finished chunks stay done, the chunk in flight is redone on
//     restart.
//   - RequestStop() (SIGINT/SIGTERM) makes workers take no new chunk; the one in flight finishes.
//
// Thread-safety: RunWorker, RequestStop, Progress and checkpoint() may be called concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/capture/capture_options.h"
#include "binlake/capture/checkpoint.h"
#include "binlake/capture/schema_history.h"
#include "binlake/io/logger.h"
#include "binlake/io/object_store.h"
#include "binlake/io/sql_connection.h"
#include "binlake/source/server_checks.h"
#include "binlake/source/table_catalog.h"
#include "binlake/staging/staging_options.h"

namespace binlake::capture {

// A table to load, as discovered, with its row estimate and schema version.
struct LoadTable {
  source::CapturedTable captured;
  uint64_t estimated_rows = 0;
  uint64_t schema_version = 1;
};

// The tables to load: each discovered table with its row estimate (information_schema.TABLES)
// and its schema version. A table without a schema history gets version 1, valid from
// `position` (the server's position before discovery). A table whose recorded latest version
// differs from what the server now declares is FailedPrecondition (the schema changed while no
// stream recorded it; reloading into a fresh staging store is the way out).
Result<std::vector<LoadTable>> PrepareLoadTables(io::SqlConnection& connection,
                                                 std::vector<source::CapturedTable> discovered,
                                                 SchemaHistory& history,
                                                 const source::BinlogPosition& position);

// Where one table stands, for the progress display.
struct TableProgress {
  std::string table;  // "schema.table"
  uint64_t rows = 0;  // rows written, chunks in flight included
  uint64_t estimated_rows = 0;
  uint32_t chunks_done = 0;
  uint32_t chunks_planned = 0;
  bool done = false;
};

struct FullLoadDeps {
  io::ObjectStore* staging = nullptr;      // LOAD files
  CheckpointStore* checkpoints = nullptr;  // over the same store
  io::Logger* logger = nullptr;
  source::ServerInfo server;
  staging::StagingFileOptions file_options;
  FullLoadOptions options;
};

class FullLoad {
 public:
  // `checkpoint` is the latest committed state (LoadLatest). Refused with FailedPrecondition
  // when options.snapshot is kLockFree and the server has no lock-free snapshot position
  // (MySQL; docs/capture.md), or when the checkpoint belongs to another server. Tables missing
  // from the checkpoint are added pending.
  static Result<std::unique_ptr<FullLoad>> Make(FullLoadDeps deps, Checkpoint checkpoint,
                                                std::vector<LoadTable> tables);
  ~FullLoad();

  // Loads chunks on `connection` until none is left, a stop is requested, or an error (a
  // retryable one asks the caller to reconnect and call again). `snapshot` is given with
  // options.snapshot kGlobalReadLock: `connection` is already inside a consistent snapshot at
  // that position (source::BeginSnapshotUnderReadLock), every chunk is read in it and records
  // it, and the caller ends the transaction afterwards. Without it each chunk opens its own.
  Status RunWorker(io::SqlConnection& connection,
                   const std::optional<source::BinlogPosition>& snapshot = std::nullopt);

  void RequestStop() { stop_requested_ = true; }
  bool stop_requested() const { return stop_requested_; }
  // True when every table's load is done.
  bool Finished() const;

  std::vector<TableProgress> Progress() const;
  Checkpoint checkpoint() const;

 private:
  struct TableRun;
  struct Task;

  FullLoad(FullLoadDeps deps, Checkpoint checkpoint);

  Result<std::optional<Task>> NextTask(io::SqlConnection& connection);
  std::optional<Task> ResumeTask();
  Result<std::optional<Task>> PlanTask(io::SqlConnection& connection);
  Result<uint64_t> ReadChunk(io::SqlConnection& connection, const Task& task,
                             const std::optional<source::BinlogPosition>& shared_snapshot,
                             source::BinlogPosition* position);
  Status MarkDone(const Task& task, uint64_t rows, const source::BinlogPosition& position);
  Status FinishTable(TableCheckpoint& table);
  Status Fail(Status status);
  Status FailUnlessRetryable(Status status);

  FullLoadDeps deps_;
  mutable std::mutex mu_;
  Checkpoint checkpoint_;                        // guarded by mu_
  std::vector<std::unique_ptr<TableRun>> runs_;  // fixed after Make
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> failed_{false};
};

}  // namespace binlake::capture
