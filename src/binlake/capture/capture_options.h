// CaptureOptions and FullLoadOptions: what `binlake capture` reads and how it loads it (config
// keys `capture.*` and `full_load.*`). Plain values; defaults are the product defaults,
// documented in docs/configuration.md and docs/capture.md.
#pragma once

#include <cstdint>
#include <string>

namespace binlake::capture {

// The least complete binlog row image the user accepts (binlog_row_image). binlake needs FULL
// to write DMS-compatible whole rows; NOBLOB and MINIMAL are accepted only when the user opts
// in, and then the missing columns are written as documented in docs/capture.md.
enum class RowImage : uint8_t { kFull, kNoblob, kMinimal };

// What to do with a selected table that has neither a primary key nor a configured unique key.
enum class KeylessPolicy : uint8_t {
  kRefuse,   // stop at start-up, naming the table and the ways out
  kFullRow,  // capture it; a row is identified by all its columns (docs/capture.md)
};

struct CaptureOptions {
  // Comma-separated `schema.table` glob patterns (`*` any run, `?` one character; a backslash
  // escapes the next character). A table is captured when it matches an include pattern and no
  // exclude pattern. The system schemas (mysql, information_schema, performance_schema, sys)
  // are never captured.
  std::string include = "*.*";
  std::string exclude;
  // Unique keys to use for tables without a primary key: `schema.table=col1,col2;schema.t=c`.
  std::string unique_keys;
  KeylessPolicy keyless_tables = KeylessPolicy::kRefuse;
  RowImage accept_row_image = RowImage::kFull;
};

// How each full-load chunk gets its consistent snapshot and binlog position (docs/capture.md).
enum class SnapshotMethod : uint8_t {
  // Every chunk in its own START TRANSACTION WITH CONSISTENT SNAPSHOT, whose exact binlog
  // position MariaDB reports: no lock at all. Refused on servers without it (MySQL).
  kLockFree,
  // Each reader opens one snapshot, kept for all its chunks, under a brief FLUSH TABLES WITH
  // READ LOCK while the position is read (milliseconds; RELOAD privilege). Any server.
  kGlobalReadLock,
};

struct FullLoadOptions {
  // Rows per chunk; one chunk is read in one snapshot and written as one LOAD file.
  // 250,000: per-chunk costs (snapshot, checkpoint commit) stay under 2 % of a chunk, and a
  // crash re-reads at most that many rows per reader (docs/benchmarks.md, full load).
  int64_t chunk_rows = 250'000;
  // Chunks read at once, each on its own source connection.
  int64_t parallelism = 2;
  SnapshotMethod snapshot = SnapshotMethod::kLockFree;
};

}  // namespace binlake::capture
