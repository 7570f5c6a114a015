#include "binlake/capture/full_load.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/capture/json_codec.h"
#include "binlake/source/snapshot.h"
#include "binlake/source/sql_text.h"
#include "binlake/staging/change_file.h"
#include "binlake/staging/layout.h"

namespace binlake::capture {

// An integer key spread evenly over [min, max] (as AUTO_INCREMENT keys are) is cut
// arithmetically, `step` key values per chunk: no OFFSET scan of the clustered index per chunk,
// which on InnoDB reads the whole table a second time.
struct IntegerSplit {
  int64_t min = 0;
  int64_t max = 0;
  int64_t step = 1;
  bool is_unsigned = false;
};

struct FullLoad::TableRun {
  LoadTable load;
  std::string key;           // "schema.table"
  std::set<uint32_t> taken;  // chunk indexes in flight; guarded by mu_
  std::atomic<uint64_t> in_flight_rows{0};
  bool split_probed = false;          // guarded by mu_
  std::optional<IntegerSplit> split;  // guarded by mu_
};

struct FullLoad::Task {
  TableRun* run = nullptr;
  uint32_t index = 0;
  source::KeyRange range;
};

namespace {

// The ObjectWriter as the change-file writer's sink (completing the object stays with us).
class WriterSink final : public io::ByteSink {
 public:
  explicit WriterSink(io::ObjectWriter& writer) : writer_(writer) {}
  Status Append(std::string_view bytes) override { return writer_.Append(bytes); }

 private:
  io::ObjectWriter& writer_;
};

std::string DescribeRange(const source::KeyRange& range) {
  // Values are tagged with hex strings and numbers only, so the dump cannot fail.
  auto bound = [](const std::optional<std::vector<mysql::Value>>& values, const char* none) {
    return values ? json::OptionalValuesToJson(values).dump() : std::string(none);
  };
  return fmt::format("({}, {}]", bound(range.lower, "start"), bound(range.upper, "end"));
}

std::string SourceFlavor(const source::ServerInfo& server) {
  return server.flavor == source::Flavor::kMariaDb ? "mariadb" : "mysql";
}

Result<std::string> LoadKey(const mysql::TableSchema& schema, uint32_t index,
                            const staging::StagingFileOptions& options) {
  ASSIGN_OR_RETURN(std::string folder, staging::TableFolder(schema.database, schema.table));
  return folder + staging::LoadFileName(index + 1, options);
}

// Streams the chunk into the open `writer`; returns the row count. Completing or abandoning the
// object is the caller's.
Result<uint64_t> StreamChunk(io::SqlConnection& connection, const mysql::TableSchema& schema,
                             const source::KeyRange& range,
                             const staging::StagingFileOptions& options, io::ObjectWriter& writer,
                             std::atomic<uint64_t>& progress) {
  ASSIGN_OR_RETURN(std::string sql, source::ChunkSelectSql(schema, range));
  WriterSink sink(writer);
  ASSIGN_OR_RETURN(
      auto file, staging::ChangeFileWriter::Make(schema, staging::FileKind::kLoad, options, &sink));
  uint64_t rows = 0;
  RETURN_IF_ERROR(
      connection.StreamRows(sql, schema.columns, [&](std::span<const mysql::Value> row) {
        ++rows;
        progress.fetch_add(1, std::memory_order_relaxed);
        return file->AppendLoadRow(row);
      }));
  if (rows == 0) {
    return rows;  // no file: the caller abandons the object
  }
  Result<staging::ChangeFileStats> finished = file->Finish();
  if (!finished.ok()) {
    return finished.status();
  }
  return rows;
}

bool IsIntegerKind(mysql::ColumnKind kind) {
  using mysql::ColumnKind;
  return kind == ColumnKind::kTinyInt || kind == ColumnKind::kSmallInt ||
         kind == ColumnKind::kMediumInt || kind == ColumnKind::kInt || kind == ColumnKind::kBigInt;
}

// The value as int64_t, when it is an integer that fits.
std::optional<int64_t> AsInt64(const mysql::Value& value) {
  if (const auto* signed_value = std::get_if<int64_t>(&value)) {
    return *signed_value;
  }
  if (const auto* unsigned_value = std::get_if<uint64_t>(&value)) {
    if (*unsigned_value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return static_cast<int64_t>(*unsigned_value);
    }
  }
  return std::nullopt;
}

// How to cut `schema`'s key arithmetically into chunks of about `chunk_rows` rows, or nullopt
// when the key is not one integer column or its values are too sparse for even chunks (more
// than four key values per row: the OFFSET planner then keeps chunks even).
Result<std::optional<IntegerSplit>> ProbeIntegerSplit(io::SqlConnection& connection,
                                                      const mysql::TableSchema& schema,
                                                      uint64_t estimated_rows, int64_t chunk_rows) {
  if (schema.primary_key.size() != 1 ||
      !IsIntegerKind(schema.columns[schema.primary_key[0]].type.kind) || estimated_rows == 0) {
    return std::optional<IntegerSplit>();
  }
  ASSIGN_OR_RETURN(std::string sql, source::KeyMinMaxSql(schema));
  mysql::ColumnSchema key = schema.columns[schema.primary_key[0]];
  key.nullable = true;  // MIN and MAX of an empty table are NULL
  const std::vector<mysql::ColumnSchema> columns = {key, key};
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  RETURN_IF_ERROR(connection.StreamRows(sql, columns, [&](std::span<const mysql::Value> row) {
    min = AsInt64(row[0]);
    max = AsInt64(row[1]);
    return Status::Ok();
  }));
  if (!min || !max || *max < *min) {
    return std::optional<IntegerSplit>();
  }
  const double span = static_cast<double>(*max) - static_cast<double>(*min) + 1;
  const double rows = static_cast<double>(estimated_rows);
  if (span > 4 * rows) {
    return std::optional<IntegerSplit>();
  }
  const double step = std::min(static_cast<double>(chunk_rows) * span / rows, span);
  return std::optional<IntegerSplit>(IntegerSplit{
      *min, *max, std::max<int64_t>(1, static_cast<int64_t>(step)), key.type.is_unsigned});
}

// The upper bound of the chunk after `lower` under `split`; nullopt for the last chunk.
std::optional<std::vector<mysql::Value>> SplitUpper(
    const IntegerSplit& split, const std::optional<std::vector<mysql::Value>>& lower) {
  std::optional<int64_t> after = lower ? AsInt64(lower->front()) : std::optional<int64_t>();
  const int64_t start = after ? *after : split.min - 1;
  if (start >= split.max - split.step) {
    return std::nullopt;  // the rest, including keys inserted above today's maximum
  }
  const int64_t upper = start + split.step;
  return std::vector<mysql::Value>{split.is_unsigned ? mysql::Value(static_cast<uint64_t>(upper))
                                                     : mysql::Value(upper)};
}

constexpr std::string_view kRowEstimatesSql =
    "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES "
    "WHERE TABLE_TYPE = 'BASE TABLE'";

Result<std::map<std::string, uint64_t>> RowEstimates(io::SqlConnection& connection) {
  ASSIGN_OR_RETURN(io::TextResult result, connection.QueryText(kRowEstimatesSql));
  std::map<std::string, uint64_t> estimates;
  for (const auto& row : result.rows) {
    if (row.size() != 3 || !row[0] || !row[1] || !row[2]) {
      continue;  // no estimate
    }
    uint64_t rows = 0;
    const std::string& text = *row[2];
    std::from_chars(text.data(), text.data() + text.size(), rows);
    estimates[TableKey(*row[0], *row[1])] = rows;
  }
  return estimates;
}

// The recorded schema version of `table`, writing version 1 at `position` when there is none.
Result<uint64_t> RecordSchema(SchemaHistory& history, const source::CapturedTable& table,
                              const source::BinlogPosition& position) {
  const mysql::TableSchema& schema = table.schema;
  SchemaVersion discovered{1, position, schema, table.key_source};
  Result<SchemaVersion> latest = history.Latest(schema.database, schema.table);
  if (latest.status().code() == StatusCode::kNotFound) {
    RETURN_IF_ERROR(history.Write(discovered));
    return discovered.seq;
  }
  RETURN_IF_ERROR(latest.status());
  discovered.seq = latest->seq;
  discovered.valid_from = latest->valid_from;
  ASSIGN_OR_RETURN(std::string now_text, EncodeSchemaVersion(discovered));
  ASSIGN_OR_RETURN(std::string recorded_text, EncodeSchemaVersion(*latest));
  if (now_text != recorded_text) {
    return FailedPreconditionError(fmt::format(
        "the schema of {}.{} changed since schema version {} was recorded (valid from {}), and "
        "no stream recorded the change: load into a fresh staging store",
        schema.database, schema.table, latest->seq, source::FormatPosition(latest->valid_from)));
  }
  return latest->seq;
}

}  // namespace

Result<std::vector<LoadTable>> PrepareLoadTables(io::SqlConnection& connection,
                                                 std::vector<source::CapturedTable> discovered,
                                                 SchemaHistory& history,
                                                 const source::BinlogPosition& position) {
  ASSIGN_OR_RETURN(auto estimates, RowEstimates(connection));
  std::vector<LoadTable> tables;
  for (source::CapturedTable& captured : discovered) {
    LoadTable table;
    ASSIGN_OR_RETURN(table.schema_version, RecordSchema(history, captured, position));
    auto estimate = estimates.find(TableKey(captured.schema.database, captured.schema.table));
    if (estimate != estimates.end()) {
      table.estimated_rows = estimate->second;
    }
    table.captured = std::move(captured);
    tables.push_back(std::move(table));
  }
  return tables;
}

FullLoad::FullLoad(FullLoadDeps deps, Checkpoint checkpoint)
    : deps_(std::move(deps)), checkpoint_(std::move(checkpoint)) {}

FullLoad::~FullLoad() = default;

Result<std::unique_ptr<FullLoad>> FullLoad::Make(FullLoadDeps deps, Checkpoint checkpoint,
                                                 std::vector<LoadTable> tables) {
  if (deps.options.snapshot == SnapshotMethod::kLockFree &&
      !deps.server.lock_free_snapshot_position) {
    return FailedPreconditionError(
        "full_load.snapshot lock_free needs a server that reports its snapshot's binlog "
        "position (MariaDB 10.5+); for this one set full_load.snapshot: global_read_lock (a "
        "brief FLUSH TABLES WITH READ LOCK per reader, RELOAD privilege; docs/capture.md)");
  }
  SourceIdentity source{SourceFlavor(deps.server), deps.server.server_id, deps.server.server_uuid};
  if (checkpoint.version > 0 && checkpoint.source != source) {
    return FailedPreconditionError(fmt::format(
        "the staging store's checkpoint belongs to another server ({} server_id={} uuid='{}'; "
        "this is {} server_id={} uuid='{}'): use a fresh staging store for this source",
        checkpoint.source.flavor, checkpoint.source.server_id, checkpoint.source.server_uuid,
        source.flavor, source.server_id, source.server_uuid));
  }
  checkpoint.source = source;
  std::unique_ptr<FullLoad> load(new FullLoad(std::move(deps), std::move(checkpoint)));
  for (LoadTable& table : tables) {
    auto run = std::make_unique<TableRun>();
    const mysql::TableSchema& schema = table.captured.schema;
    run->key = TableKey(schema.database, schema.table);
    auto [it, added] = load->checkpoint_.tables.try_emplace(run->key);
    if (added) {
      it->second.schema = schema.database;
      it->second.table = schema.table;
      it->second.schema_version = table.schema_version;
    }
    it->second.estimated_rows = table.estimated_rows;
    run->load = std::move(table);
    load->runs_.push_back(std::move(run));
  }
  return load;
}

Status FullLoad::RunWorker(io::SqlConnection& connection,
                           const std::optional<source::BinlogPosition>& snapshot) {
  while (true) {
    Result<std::optional<Task>> next = NextTask(connection);
    if (!next.ok()) {
      return FailUnlessRetryable(next.status());
    }
    if (!next->has_value()) {
      return Status::Ok();
    }
    const Task& task = **next;
    source::BinlogPosition position;
    Result<uint64_t> rows = ReadChunk(connection, task, snapshot, &position);
    if (!rows.ok()) {
      std::lock_guard lock(mu_);
      task.run->taken.erase(task.index);  // another worker (or a reconnected one) redoes it
      return FailUnlessRetryable(rows.status());
    }
    RETURN_IF_ERROR(Fail(MarkDone(task, *rows, position)));
  }
}

Status FullLoad::Fail(Status status) {
  if (!status.ok()) {
    failed_ = true;
  }
  return status;
}

Status FullLoad::FailUnlessRetryable(Status status) {
  return status.retryable() ? status : Fail(std::move(status));
}

Result<std::optional<FullLoad::Task>> FullLoad::NextTask(io::SqlConnection& connection) {
  std::lock_guard lock(mu_);
  if (stop_requested_ || failed_) {
    return std::optional<Task>();
  }
  if (std::optional<Task> resume = ResumeTask()) {
    return resume;
  }
  return PlanTask(connection);
}

std::optional<FullLoad::Task> FullLoad::ResumeTask() {
  for (auto& run : runs_) {
    const TableCheckpoint& table = checkpoint_.tables.at(run->key);
    for (const ChunkCheckpoint& chunk : table.chunks) {
      if (chunk.state == ChunkState::kPlanned && !run->taken.contains(chunk.index)) {
        run->taken.insert(chunk.index);
        return Task{run.get(), chunk.index, chunk.range};
      }
    }
  }
  return std::nullopt;
}

Result<std::optional<FullLoad::Task>> FullLoad::PlanTask(io::SqlConnection& connection) {
  for (auto& run : runs_) {
    TableCheckpoint& table = checkpoint_.tables.at(run->key);
    if (table.load == LoadState::kDone || PlanningFinished(table)) {
      continue;
    }
    const mysql::TableSchema& schema = run->load.captured.schema;
    source::KeyRange range;
    if (!table.chunks.empty()) {
      range.lower = table.chunks.back().range.upper;
    }
    if (!run->split_probed && run->load.captured.key_source != source::KeySource::kFullRow) {
      ASSIGN_OR_RETURN(run->split, ProbeIntegerSplit(connection, schema, table.estimated_rows,
                                                     deps_.options.chunk_rows));
      run->split_probed = true;
    }
    if (run->split) {
      range.upper = SplitUpper(*run->split, range.lower);
    } else if (run->load.captured.key_source != source::KeySource::kFullRow) {
      ASSIGN_OR_RETURN(std::string sql,
                       source::NextChunkBoundarySql(schema, range.lower, deps_.options.chunk_rows));
      std::vector<mysql::ColumnSchema> key_columns = source::KeyColumns(schema);
      RETURN_IF_ERROR(
          connection
              .StreamRows(sql, key_columns,
                          [&](std::span<const mysql::Value> row) {
                            range.upper.emplace(row.begin(), row.end());
                            return Status::Ok();
                          })
              .WithContext(fmt::format("planning chunk {} of {}", table.chunks.size(), run->key)));
      if (range.upper && range.upper == range.lower) {
        // The server found the previous bound again: its literal does not read back as the
        // same key, and planning would never end.
        return InternalError(fmt::format(
            "planning chunk {} of {}: the boundary query returned the previous bound {} again",
            table.chunks.size(), run->key, DescribeRange(range)));
      }
    }
    ChunkCheckpoint chunk;
    chunk.index = static_cast<uint32_t>(table.chunks.size());
    chunk.range = range;
    table.chunks.push_back(chunk);
    table.load = LoadState::kLoading;
    RETURN_IF_ERROR(deps_.checkpoints->Commit(checkpoint_));
    run->taken.insert(chunk.index);
    return std::optional<Task>(Task{run.get(), chunk.index, std::move(range)});
  }
  return std::optional<Task>();
}

Result<uint64_t> FullLoad::ReadChunk(io::SqlConnection& connection, const Task& task,
                                     const std::optional<source::BinlogPosition>& shared_snapshot,
                                     source::BinlogPosition* position) {
  const mysql::TableSchema& schema = task.run->load.captured.schema;
  std::string where = fmt::format("full load of {} chunk {} key range {}", task.run->key,
                                  task.index, DescribeRange(task.range));
  deps_.logger->Info(fmt::format("full load: {} chunk {} reading", task.run->key, task.index));
  ASSIGN_OR_RETURN(std::string key, LoadKey(schema, task.index, deps_.file_options));
  Result<source::BinlogPosition> snapshot =
      shared_snapshot ? Result<source::BinlogPosition>(*shared_snapshot)
                      : source::BeginSnapshotLockFree(connection, deps_.server);
  if (!snapshot.ok()) {
    return snapshot.status().WithContext(where);
  }
  *position = *snapshot;
  where += " at " + source::FormatPosition(*position);
  Result<std::unique_ptr<io::ObjectWriter>> writer = deps_.staging->OpenWriter(key, {});
  Result<uint64_t> rows = writer.ok()
                              ? StreamChunk(connection, schema, task.range, deps_.file_options,
                                            **writer, task.run->in_flight_rows)
                              : Result<uint64_t>(writer.status());
  if (!shared_snapshot) {  // a shared snapshot outlives the chunk; its owner ends it
    Status commit = connection.Execute(rows.ok() ? "COMMIT" : "ROLLBACK");
    if (rows.ok() && !commit.ok()) {
      rows = commit;
    }
  }
  if (rows.ok() && *rows > 0) {
    Status closed = (*writer)->Close();
    if (!closed.ok()) {
      rows = closed;
    }
  } else if (writer.ok()) {
    (void)(*writer)->Abort();  // nothing to publish; the upload is released
  }
  if (rows.ok() && *rows == 0) {
    Status removed = deps_.staging->Delete(key);  // a crashed earlier attempt's file
    if (!removed.ok()) {
      rows = removed;
    }
  }
  if (!rows.ok()) {
    return rows.status().WithContext(fmt::format("{} ({})", where, key));
  }
  return rows;
}

Status FullLoad::MarkDone(const Task& task, uint64_t rows, const source::BinlogPosition& position) {
  std::lock_guard lock(mu_);
  task.run->taken.erase(task.index);
  TableCheckpoint& table = checkpoint_.tables.at(task.run->key);
  ChunkCheckpoint& chunk = table.chunks.at(task.index);
  chunk.state = ChunkState::kDone;
  chunk.rows = rows;
  chunk.snapshot = position;
  bool all_done = PlanningFinished(table) &&
                  std::all_of(table.chunks.begin(), table.chunks.end(),
                              [](const auto& c) { return c.state == ChunkState::kDone; });
  if (all_done) {
    RETURN_IF_ERROR(FinishTable(table));
  }
  RETURN_IF_ERROR(deps_.checkpoints->Commit(checkpoint_));
  task.run->in_flight_rows.fetch_sub(rows, std::memory_order_relaxed);
  deps_.logger->Info(
      fmt::format("full load: {} chunk {} done rows={}", task.run->key, task.index, rows));
  if (all_done) {
    deps_.logger->Info(
        fmt::format("full load: {} done chunks={}", task.run->key, table.chunks.size()));
  }
  return Status::Ok();
}

Status FullLoad::FinishTable(TableCheckpoint& table) {
  ASSIGN_OR_RETURN(std::string folder, staging::TableFolder(table.schema, table.table));
  io::ListOptions options;
  options.prefix = folder;
  do {
    ASSIGN_OR_RETURN(io::ListPage page, deps_.staging->List(options));
    for (const io::ObjectInfo& object : page.objects) {
      Result<staging::StagingKey> parsed = staging::ParseStagingKey(object.key);
      if (parsed.ok() && parsed->kind == staging::StagingKey::Kind::kLoad &&
          parsed->load_number > table.chunks.size()) {
        RETURN_IF_ERROR(deps_.staging->Delete(object.key));
      }
    }
    options.page_token = std::move(page.next_page_token);
  } while (!options.page_token.empty());
  table.load = LoadState::kDone;
  for (const ChunkCheckpoint& chunk : table.chunks) {
    if (!table.stream_start || source::ComparePositions(*chunk.snapshot, *table.stream_start) < 0) {
      table.stream_start = chunk.snapshot;
    }
  }
  return Status::Ok();
}

bool FullLoad::Finished() const {
  std::lock_guard lock(mu_);
  return std::all_of(runs_.begin(), runs_.end(), [&](const auto& run) {
    return checkpoint_.tables.at(run->key).load == LoadState::kDone;
  });
}

std::vector<TableProgress> FullLoad::Progress() const {
  std::lock_guard lock(mu_);
  std::vector<TableProgress> progress;
  for (const auto& run : runs_) {
    const TableCheckpoint& table = checkpoint_.tables.at(run->key);
    TableProgress entry;
    entry.table = run->key;
    entry.estimated_rows = table.estimated_rows;
    entry.chunks_planned = static_cast<uint32_t>(table.chunks.size());
    entry.rows = run->in_flight_rows.load(std::memory_order_relaxed);
    for (const ChunkCheckpoint& chunk : table.chunks) {
      if (chunk.state != ChunkState::kDone) {
        continue;
      }
      ++entry.chunks_done;
      entry.rows += chunk.rows;
    }
    entry.done = table.load == LoadState::kDone;
    progress.push_back(std::move(entry));
  }
  return progress;
}

Checkpoint FullLoad::checkpoint() const {
  std::lock_guard lock(mu_);
  return checkpoint_;
}

}  // namespace binlake::capture
