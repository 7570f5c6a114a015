// consistency_replay: the binlog side of tests/capture/full_load_consistency_test.sh. It proves
// the snapshot positions a full load records: reading the server's binlog files from the
// smallest chunk position, a row change belongs after the LOAD rows exactly when its transaction
// starts at or after the snapshot position of the chunk whose key range holds the row's key
// (the before key and the after key of an UPDATE are checked separately). The test applies the
// changes printed here to the folded LOAD files and must get the source table as it is now.
//
//   consistency_replay STAGING_DIR SCHEMA TABLE BINLOG_DIR
//
// STAGING_DIR is the file:// staging store the full load wrote (its checkpoint is read with
// capture::CheckpointStore); BINLOG_DIR holds the server's binlog.NNNNNN files. Prints, in
// commit order, one line per row image to apply (tab-separated cells, NULL as \N):
//   D <cells of the before image>   the row must be there, equal to this image; remove it
//   I <cells of the after image>    the row must be absent; insert it
// (an UPDATE is a D of its before image and an I of its after image, each printed when its own
// key's chunk was read before the transaction), and a summary line on stderr. The table's key
// must be one signed integer column, and its other columns integers or ASCII text without tabs or
// newlines (enough for the test's table).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "adapters/fs/binlog_file_transport.h"
#include "adapters/fs/local_object_store.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/event_decoder.h"
#include "binlake/binlog/transaction_assembler.h"
#include "binlake/capture/checkpoint.h"

namespace binlake {
namespace {

using source::BinlogPosition;

// One chunk of the full load: keys in (lower, upper], read at `snapshot`.
struct Chunk {
  std::optional<int64_t> lower;
  std::optional<int64_t> upper;
  BinlogPosition snapshot;
};

Result<int64_t> KeyOf(const std::vector<mysql::Value>& key, const char* what) {
  if (key.size() != 1 || !std::holds_alternative<int64_t>(key[0])) {
    return InvalidArgumentError(std::string("chunk ") + what +
                                " bound: the key must be one signed integer column");
  }
  return std::get<int64_t>(key[0]);
}

Result<std::vector<Chunk>> LoadChunks(const std::string& staging_dir, const std::string& schema,
                                      const std::string& table) {
  ASSIGN_OR_RETURN(std::unique_ptr<adapters::LocalObjectStore> store,
                   adapters::LocalObjectStore::Open(staging_dir));
  capture::CheckpointStore checkpoints(*store);
  ASSIGN_OR_RETURN(capture::Checkpoint checkpoint, checkpoints.LoadLatest());
  auto it = checkpoint.tables.find(capture::TableKey(schema, table));
  if (it == checkpoint.tables.end() || it->second.load != capture::LoadState::kDone) {
    return FailedPreconditionError("the checkpoint has no finished full load of " + schema + "." +
                                   table);
  }
  std::vector<Chunk> chunks;
  for (const capture::ChunkCheckpoint& chunk : it->second.chunks) {
    if (!chunk.snapshot.has_value()) {
      return FailedPreconditionError("chunk " + std::to_string(chunk.index) +
                                     " has no snapshot position");
    }
    Chunk out{.lower = std::nullopt, .upper = std::nullopt, .snapshot = *chunk.snapshot};
    if (chunk.range.lower.has_value()) {
      ASSIGN_OR_RETURN(out.lower, KeyOf(*chunk.range.lower, "lower"));
    }
    if (chunk.range.upper.has_value()) {
      ASSIGN_OR_RETURN(out.upper, KeyOf(*chunk.range.upper, "upper"));
    }
    chunks.push_back(std::move(out));
  }
  if (chunks.empty()) {
    return FailedPreconditionError("the full load of " + schema + "." + table + " has no chunks");
  }
  return chunks;
}

// The binlog files of BINLOG_DIR from `first` on, in sequence order.
std::vector<std::string> BinlogFilesFrom(const std::string& dir, const std::string& first) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const BinlogPosition candidate{.file = name, .offset = 4, .gtid_set = ""};
    const BinlogPosition start{.file = first, .offset = 4, .gtid_set = ""};
    if (name.rfind("binlog.", 0) == 0 && name != "binlog.index" &&
        source::ComparePositions(candidate, start) >= 0) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return source::ComparePositions({.file = a, .offset = 4, .gtid_set = ""},
                                    {.file = b, .offset = 4, .gtid_set = ""}) < 0;
  });
  return names;
}

Result<std::string> CellText(const mysql::Value& value, size_t column) {
  if (mysql::IsNull(value)) {
    return std::string("\\N");
  }
  if (const auto* i = std::get_if<int64_t>(&value)) {
    return std::to_string(*i);
  }
  if (const auto* u = std::get_if<uint64_t>(&value)) {
    return std::to_string(*u);
  }
  if (const auto* text = std::get_if<mysql::Text>(&value)) {
    return text->utf8;
  }
  // Without binlog_row_metadata=FULL the binlog does not say a VARCHAR's charset, and the
  // decoder hands its bytes over as Binary; the test's text is ASCII.
  if (const auto* bytes = std::get_if<mysql::Binary>(&value)) {
    return bytes->bytes;
  }
  return UnimplementedError("column " + std::to_string(column + 1) +
                            ": only integers and text are printed");
}

// Collects the table's row changes per transaction and prints the applicable ones at commit.
class Replay final : public binlog::TransactionHandler {
 public:
  Replay(std::string schema, std::string table, std::vector<Chunk> chunks)
      : schema_(std::move(schema)), table_(std::move(table)), chunks_(std::move(chunks)) {}

  Status OnBegin(const binlog::TransactionBegin& begin) override {
    start_ = BinlogPosition{.file = begin.source, .offset = begin.start_offset, .gtid_set = ""};
    pending_.clear();
    return Status::Ok();
  }
  Status OnRows(const binlog::Event&, const binlog::RowsEventData& rows) override {
    if (rows.table->database != schema_ || rows.table->table != table_) {
      return Status::Ok();
    }
    for (const binlog::RowChange& change : rows.rows.rows) {
      pending_.push_back(change);
    }
    return Status::Ok();
  }
  Status OnStatement(const binlog::Statement&) override { return Status::Ok(); }
  Status OnCommit(const binlog::TransactionCommit&) override {
    for (const binlog::RowChange& change : pending_) {
      RETURN_IF_ERROR(Apply(change));
    }
    pending_.clear();
    return Status::Ok();
  }
  Status OnDiscard(const binlog::TransactionDiscard&) override {
    pending_.clear();
    return Status::Ok();
  }
  Status OnXaOutcome(const binlog::XaOutcome&) override { return Status::Ok(); }

  uint64_t applied() const { return applied_; }
  uint64_t skipped() const { return skipped_; }

 private:
  // True when a change at the current transaction's position to the row with `key` is not in
  // the LOAD file of the chunk holding `key`.
  Result<bool> AfterSnapshot(const mysql::Value& key) const {
    if (!std::holds_alternative<int64_t>(key)) {
      return InvalidArgumentError("the key column of a row image is not a signed integer");
    }
    const int64_t k = std::get<int64_t>(key);
    for (const Chunk& chunk : chunks_) {
      if ((!chunk.lower.has_value() || k > *chunk.lower) &&
          (!chunk.upper.has_value() || k <= *chunk.upper)) {
        return source::ComparePositions(start_, chunk.snapshot) >= 0;
      }
    }
    return InternalError("no chunk holds key " + std::to_string(k));
  }

  Status Apply(const binlog::RowChange& change) {
    if (change.op != binlog::RowOp::kInsert) {
      RETURN_IF_ERROR(PrintIfAfterSnapshot('D', change.before));
    }
    if (change.op != binlog::RowOp::kDelete) {
      RETURN_IF_ERROR(PrintIfAfterSnapshot('I', change.after));
    }
    return Status::Ok();
  }

  // Prints "<op>\t<cells>" when the image's key is in a chunk read before this transaction.
  Status PrintIfAfterSnapshot(char op, const binlog::RowImage& image) {
    ASSIGN_OR_RETURN(bool apply, AfterSnapshot(image.values[0]));
    ++(apply ? applied_ : skipped_);
    if (!apply) {
      return Status::Ok();
    }
    std::string line(1, op);
    for (size_t column = 0; column < image.values.size(); ++column) {
      ASSIGN_OR_RETURN(std::string cell, CellText(image.values[column], column));
      line += '\t';
      line += cell;
    }
    std::printf("%s\n", line.c_str());
    return Status::Ok();
  }

  std::string schema_;
  std::string table_;
  std::vector<Chunk> chunks_;
  BinlogPosition start_;
  std::vector<binlog::RowChange> pending_;
  uint64_t applied_ = 0;
  uint64_t skipped_ = 0;
};

Status Run(const std::string& staging_dir, const std::string& schema, const std::string& table,
           const std::string& binlog_dir) {
  ASSIGN_OR_RETURN(std::vector<Chunk> chunks, LoadChunks(staging_dir, schema, table));
  BinlogPosition start = chunks[0].snapshot;
  for (const Chunk& chunk : chunks) {
    if (source::ComparePositions(chunk.snapshot, start) < 0) {
      start = chunk.snapshot;
    }
  }
  const size_t chunk_count = chunks.size();
  Replay replay(schema, table, std::move(chunks));
  for (const std::string& name : BinlogFilesFrom(binlog_dir, start.file)) {
    const uint64_t offset = name == start.file ? start.offset : 4;
    ASSIGN_OR_RETURN(std::unique_ptr<adapters::BinlogFileTransport> transport,
                     adapters::BinlogFileTransport::Open(binlog_dir + "/" + name, offset));
    binlog::EventDecoder decoder;
    binlog::TransactionAssembler assembler(replay);
    RETURN_IF_ERROR(binlog::DecodeAll(
        *transport, decoder, [&](const binlog::Event& event) { return assembler.Process(event); }));
    RETURN_IF_ERROR(assembler.Finish());
  }
  std::fprintf(stderr,
               "consistency_replay: %zu chunks, binlog from %s, row images applied=%llu "
               "skipped (in the LOAD files already)=%llu\n",
               chunk_count, source::FormatPosition(start).c_str(),
               static_cast<unsigned long long>(replay.applied()),
               static_cast<unsigned long long>(replay.skipped()));
  return Status::Ok();
}

}  // namespace
}  // namespace binlake

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: consistency_replay STAGING_DIR SCHEMA TABLE BINLOG_DIR\n");
    return 2;
  }
  const binlake::Status status = binlake::Run(argv[1], argv[2], argv[3], argv[4]);
  if (!status.ok()) {
    std::fprintf(stderr, "consistency_replay: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
