// Schema history: every schema a captured table has had, each with the binlog position from
// which it holds, stored as immutable objects in the staging store:
//
//   _binlake/capture/schemas/<encoded schema>/<encoded table>/<20-digit seq>.json
//
// (names encoded with staging::EncodeNameSegment; seq counts from 1 per table). The full load
// writes version 1 at discovery, valid from the table's first chunk snapshot (or the server's
// current position); the binlog stream appends a version per DDL. A reader of a staging file
// (the CSV reader, the fold) asks for the version in force at the file's position.
//
// The JSON holds the TableSchema exactly: every column's name, kind, unsigned, length, scale,
// charset, elements and nullable, and the key columns with how the key was chosen.
//
// Thread-safety: a SchemaHistory may be shared; every call is independent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/io/object_store.h"
#include "binlake/mysql/column_type.h"
#include "binlake/source/binlog_position.h"
#include "binlake/source/table_catalog.h"

namespace binlake::capture {

inline constexpr std::string_view kSchemaHistoryPrefix = "_binlake/capture/schemas/";

struct SchemaVersion {
  uint64_t seq = 1;                   // 1, 2, ... per table
  source::BinlogPosition valid_from;  // the version holds for events at or after this position
  mysql::TableSchema schema;          // schema.database / schema.table name the table
  source::KeySource key_source = source::KeySource::kPrimaryKey;
};

// The JSON document of `version`. InvalidArgument if a name or label is not valid UTF-8.
Result<std::string> EncodeSchemaVersion(const SchemaVersion& version);

// Parses and checks a document; Corruption naming `object_key` and the JSON path.
Result<SchemaVersion> DecodeSchemaVersion(std::string_view text, std::string_view object_key);

// "_binlake/capture/schemas/<schema>/<table>/" and the key of one version.
Result<std::string> SchemaTablePrefix(std::string_view schema, std::string_view table);
Result<std::string> SchemaVersionKey(std::string_view schema, std::string_view table, uint64_t seq);

class SchemaHistory {
 public:
  // `store` (the staging store) must outlive this object.
  explicit SchemaHistory(io::ObjectStore& store) : store_(store) {}

  // Stores `version` with PutIfAbsent. Rewriting an identical version (a restart) is Ok; a
  // different document under the same seq is FailedPrecondition.
  Status Write(const SchemaVersion& version);

  // Every version of the table, by seq. Empty when the table has none.
  Result<std::vector<SchemaVersion>> Versions(std::string_view schema, std::string_view table);

  // The newest version; NotFound when the table has none.
  Result<SchemaVersion> Latest(std::string_view schema, std::string_view table);

  // The version in force at `position`: the one with the greatest valid_from <= position
  // (source::ComparePositions). NotFound naming the table and position when none holds yet.
  Result<SchemaVersion> VersionAt(std::string_view schema, std::string_view table,
                                  const source::BinlogPosition& position);

 private:
  io::ObjectStore& store_;
};

}  // namespace binlake::capture
