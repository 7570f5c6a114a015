// The capture checkpoint: what `binlake capture` has durably done, so a restart resumes exactly
// there. One JSON document per version in the staging store (docs/capture.md, "Checkpoint
// layout"):
//
//   _binlake/capture/checkpoints/<20-digit zero-padded version>.json
//
// Contents: the format version, the source's identity (a checkpoint of one server is refused on
// another), next change sequence (for the binlog stream), and per table ("schema.table"): the
// schema version in force (schema_history.h), the full-load state, the table's row estimate, the
// chunks planned so far and, once every chunk is done, the stream start (the minimum chunk snapshot
// position). A chunk is a key range (lower exclusive, upper inclusive; a missing bound is
// unbounded), read in one consistent snapshot whose binlog position is recorded, and written as one
// LOAD file numbered index + 1.
//
// Key values are typed so they round-trip exactly: {"i":"-5"}, {"u":"18446744073709551615"},
// {"x":"<hex bytes>"} for text and binary, and so on (checkpoint.cc lists every tag).
//
// Rules the writers keep: a checkpoint is committed only after the files it covers are durable;
// a chunk's range is committed before the chunk is read, so a restart re-reads exactly that range
// into the same LOAD file name.
//
// Thread-safety: Checkpoint is a plain value. CheckpointStore may be shared, but Commit must not
// be called concurrently (the full load serializes commits under its mutex).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/object_store.h"
#include "binlake/source/binlog_position.h"
#include "binlake/source/sql_text.h"

namespace binlake::capture {

inline constexpr int64_t kCheckpointFormatVersion = 1;
inline constexpr std::string_view kCheckpointPrefix = "_binlake/capture/checkpoints/";
// Versions kept after a commit; older ones are deleted.
inline constexpr uint64_t kCheckpointVersionsKept = 10;

// The server a checkpoint belongs to.
struct SourceIdentity {
  std::string flavor;  // "mariadb" or "mysql"
  uint32_t server_id = 0;
  std::string server_uuid;  // MySQL only; empty on MariaDB

  bool operator==(const SourceIdentity&) const = default;
};

enum class LoadState : uint8_t { kPending, kLoading, kDone };
enum class ChunkState : uint8_t { kPlanned, kDone };

struct ChunkCheckpoint {
  uint32_t index = 0;  // 0-based; the LOAD file number is index + 1
  source::KeyRange range;
  ChunkState state = ChunkState::kPlanned;
  uint64_t rows = 0;  // rows read (kDone)
  // The binlog position of the snapshot the chunk was read in (kDone).
  std::optional<source::BinlogPosition> snapshot;
};

struct TableCheckpoint {
  std::string schema;
  std::string table;
  uint64_t schema_version = 0;  // sequence number in the schema history
  LoadState load = LoadState::kPending;
  uint64_t estimated_rows = 0;  // information_schema estimate, for progress
  // In index order, index == position. Planning is finished when the last chunk's upper bound
  // is unbounded.
  std::vector<ChunkCheckpoint> chunks;
  // The minimum snapshot position of the chunks, set when `load` becomes kDone.
  std::optional<source::BinlogPosition> stream_start;
};

struct Checkpoint {
  uint64_t version = 0;  // the version it was committed as; 0 for a fresh state
  SourceIdentity source;
  int64_t next_change_seq = 1;
  std::map<std::string, TableCheckpoint> tables;  // by TableKey(schema, table)
};

// "schema.table", the key of Checkpoint::tables.
std::string TableKey(std::string_view schema, std::string_view table);

// True when every chunk of `table` is planned (the last one is unbounded above).
bool PlanningFinished(const TableCheckpoint& table);

// The JSON document of `checkpoint`. InvalidArgument if a name is not valid UTF-8.
Result<std::string> EncodeCheckpoint(const Checkpoint& checkpoint);

// Parses and checks a document; errors are Corruption naming `object_key` and the JSON path
// (`tables["shop.orders"].chunks[3].upper`). `version` is taken from the caller.
Result<Checkpoint> DecodeCheckpoint(std::string_view text, std::string_view object_key);

// "_binlake/capture/checkpoints/00000000000000000042.json".
std::string CheckpointKey(uint64_t version);

// Versions of the checkpoint in one staging store.
class CheckpointStore {
 public:
  // `store` must outlive this object.
  explicit CheckpointStore(io::ObjectStore& store) : store_(store) {}

  // The newest committed checkpoint, or a fresh Checkpoint (version 0) when there is none.
  Result<Checkpoint> LoadLatest();

  // Writes `checkpoint` as version checkpoint.version + 1 with PutIfAbsent and, on success,
  // sets checkpoint.version to it and deletes versions older than the last
  // kCheckpointVersionsKept. AlreadyExists from the store means another capture is writing
  // this staging store: FailedPrecondition saying so.
  Status Commit(Checkpoint& checkpoint);

 private:
  Result<std::vector<uint64_t>> ListVersions();

  io::ObjectStore& store_;
};

}  // namespace binlake::capture
