#include "binlake/capture/checkpoint.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/capture/json_codec.h"

namespace binlake::capture {
namespace {

using json::Json;

constexpr std::string_view kLoadStateNames[] = {"pending", "loading", "done"};
constexpr std::string_view kChunkStateNames[] = {"planned", "done"};
constexpr std::string_view kCheckpointSuffix = ".json";
constexpr size_t kVersionDigits = 20;

Json OptionalPositionToJson(const std::optional<source::BinlogPosition>& position) {
  return position ? json::PositionToJson(*position) : Json(nullptr);
}

Json ChunkToJson(const ChunkCheckpoint& chunk) {
  Json json = Json::object();
  json["index"] = chunk.index;
  json["lower"] = json::OptionalValuesToJson(chunk.range.lower);
  json["upper"] = json::OptionalValuesToJson(chunk.range.upper);
  json["state"] = kChunkStateNames[static_cast<size_t>(chunk.state)];
  json["rows"] = chunk.rows;
  json["snapshot"] = OptionalPositionToJson(chunk.snapshot);
  return json;
}

Json TableToJson(const TableCheckpoint& table) {
  Json json = Json::object();
  json["schema"] = table.schema;
  json["table"] = table.table;
  json["schema_version"] = table.schema_version;
  json["load"] = kLoadStateNames[static_cast<size_t>(table.load)];
  json["estimated_rows"] = table.estimated_rows;
  Json chunks = Json::array();
  for (const ChunkCheckpoint& chunk : table.chunks) {
    chunks.push_back(ChunkToJson(chunk));
  }
  json["chunks"] = std::move(chunks);
  json["stream_start"] = OptionalPositionToJson(table.stream_start);
  return json;
}

Result<std::optional<source::BinlogPosition>> OptionalPositionMember(const json::Reader& reader,
                                                                     const Json& object,
                                                                     std::string_view path,
                                                                     std::string_view name) {
  ASSIGN_OR_RETURN(const Json* member, reader.Member(object, path, name));
  if (member->is_null()) {
    return std::optional<source::BinlogPosition>();
  }
  ASSIGN_OR_RETURN(source::BinlogPosition position,
                   reader.Position(*member, json::MemberPath(path, name)));
  return std::optional<source::BinlogPosition>(std::move(position));
}

Result<ChunkCheckpoint> ChunkFromJson(const json::Reader& reader, const Json& json,
                                      std::string_view path, size_t position_in_list) {
  ChunkCheckpoint chunk;
  ASSIGN_OR_RETURN(chunk.index, reader.IntegerMember<uint32_t>(json, path, "index"));
  if (chunk.index != position_in_list) {
    return reader.Error(
        json::MemberPath(path, "index"),
        fmt::format("expected {} (chunks are listed in index order)", position_in_list));
  }
  ASSIGN_OR_RETURN(const Json* lower, reader.Member(json, path, "lower"));
  ASSIGN_OR_RETURN(chunk.range.lower,
                   reader.OptionalValues(*lower, json::MemberPath(path, "lower")));
  ASSIGN_OR_RETURN(const Json* upper, reader.Member(json, path, "upper"));
  ASSIGN_OR_RETURN(chunk.range.upper,
                   reader.OptionalValues(*upper, json::MemberPath(path, "upper")));
  ASSIGN_OR_RETURN(chunk.state,
                   reader.EnumMember<ChunkState>(json, path, "state", kChunkStateNames));
  ASSIGN_OR_RETURN(chunk.rows, reader.IntegerMember<uint64_t>(json, path, "rows"));
  ASSIGN_OR_RETURN(chunk.snapshot, OptionalPositionMember(reader, json, path, "snapshot"));
  if (chunk.state == ChunkState::kDone && !chunk.snapshot) {
    return reader.Error(json::MemberPath(path, "snapshot"), "a done chunk needs its position");
  }
  return chunk;
}

Result<TableCheckpoint> TableFromJson(const json::Reader& reader, const Json& json,
                                      std::string_view path, std::string_view key) {
  TableCheckpoint table;
  ASSIGN_OR_RETURN(table.schema, reader.StringMember(json, path, "schema"));
  ASSIGN_OR_RETURN(table.table, reader.StringMember(json, path, "table"));
  if (TableKey(table.schema, table.table) != key) {
    return reader.Error(path, "schema and table do not match the key");
  }
  ASSIGN_OR_RETURN(table.schema_version,
                   reader.IntegerMember<uint64_t>(json, path, "schema_version"));
  ASSIGN_OR_RETURN(table.load, reader.EnumMember<LoadState>(json, path, "load", kLoadStateNames));
  ASSIGN_OR_RETURN(table.estimated_rows,
                   reader.IntegerMember<uint64_t>(json, path, "estimated_rows"));
  std::string chunks_path = json::MemberPath(path, "chunks");
  ASSIGN_OR_RETURN(const Json* chunks, reader.Member(json, path, "chunks"));
  RETURN_IF_ERROR(reader.ExpectArray(*chunks, chunks_path));
  for (size_t i = 0; i < chunks->size(); ++i) {
    ASSIGN_OR_RETURN(ChunkCheckpoint chunk,
                     ChunkFromJson(reader, (*chunks)[i], json::IndexPath(chunks_path, i), i));
    table.chunks.push_back(std::move(chunk));
  }
  ASSIGN_OR_RETURN(table.stream_start, OptionalPositionMember(reader, json, path, "stream_start"));
  return table;
}

Result<SourceIdentity> SourceFromJson(const json::Reader& reader, const Json& document) {
  ASSIGN_OR_RETURN(const Json* json, reader.Member(document, "", "source"));
  SourceIdentity source;
  ASSIGN_OR_RETURN(source.flavor, reader.StringMember(*json, "source", "flavor"));
  ASSIGN_OR_RETURN(source.server_id, reader.IntegerMember<uint32_t>(*json, "source", "server_id"));
  ASSIGN_OR_RETURN(source.server_uuid, reader.StringMember(*json, "source", "server_uuid"));
  return source;
}

// The version number of a checkpoint key, or nullopt when the key is not one.
std::optional<uint64_t> VersionOfKey(std::string_view key) {
  if (!key.starts_with(kCheckpointPrefix) || !key.ends_with(kCheckpointSuffix)) {
    return {};
  }
  std::string_view digits = key.substr(kCheckpointPrefix.size());
  digits.remove_suffix(kCheckpointSuffix.size());
  uint64_t version = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (digits.size() != kVersionDigits || error != std::errc() ||
      end != digits.data() + digits.size()) {
    return {};
  }
  return version;
}

}  // namespace

std::string TableKey(std::string_view schema, std::string_view table) {
  return fmt::format("{}.{}", schema, table);
}

bool PlanningFinished(const TableCheckpoint& table) {
  return !table.chunks.empty() && !table.chunks.back().range.upper.has_value();
}

Result<std::string> EncodeCheckpoint(const Checkpoint& checkpoint) {
  Json document = Json::object();
  document["format"] = kCheckpointFormatVersion;
  Json source = Json::object();
  source["flavor"] = checkpoint.source.flavor;
  source["server_id"] = checkpoint.source.server_id;
  source["server_uuid"] = checkpoint.source.server_uuid;
  document["source"] = std::move(source);
  document["next_change_seq"] = checkpoint.next_change_seq;
  Json tables = Json::object();
  for (const auto& [key, table] : checkpoint.tables) {
    tables[key] = TableToJson(table);
  }
  document["tables"] = std::move(tables);
  return json::Dump(document);
}

Result<Checkpoint> DecodeCheckpoint(std::string_view text, std::string_view object_key) {
  json::Reader reader(object_key);
  ASSIGN_OR_RETURN(Json document, reader.Parse(text));
  ASSIGN_OR_RETURN(int64_t format, reader.IntegerMember<int64_t>(document, "", "format"));
  if (format != kCheckpointFormatVersion) {
    return reader.Error("format", fmt::format("unsupported checkpoint format {} (this binlake "
                                              "reads format {})",
                                              format, kCheckpointFormatVersion));
  }
  Checkpoint checkpoint;
  ASSIGN_OR_RETURN(checkpoint.source, SourceFromJson(reader, document));
  ASSIGN_OR_RETURN(checkpoint.next_change_seq,
                   reader.IntegerMember<int64_t>(document, "", "next_change_seq"));
  ASSIGN_OR_RETURN(const Json* tables, reader.Member(document, "", "tables"));
  RETURN_IF_ERROR(reader.ExpectObject(*tables, "tables"));
  for (const auto& [key, table_json] : tables->items()) {
    ASSIGN_OR_RETURN(TableCheckpoint table,
                     TableFromJson(reader, table_json, json::KeyPath("tables", key), key));
    checkpoint.tables.emplace(key, std::move(table));
  }
  return checkpoint;
}

std::string CheckpointKey(uint64_t version) {
  return fmt::format("{}{:0{}}{}", kCheckpointPrefix, version, kVersionDigits, kCheckpointSuffix);
}

Result<std::vector<uint64_t>> CheckpointStore::ListVersions() {
  std::vector<uint64_t> versions;
  io::ListOptions options;
  options.prefix = std::string(kCheckpointPrefix);
  do {
    ASSIGN_OR_RETURN(io::ListPage page, store_.List(options));
    for (const io::ObjectInfo& object : page.objects) {
      if (std::optional<uint64_t> version = VersionOfKey(object.key)) {
        versions.push_back(*version);
      }
    }
    options.page_token = std::move(page.next_page_token);
  } while (!options.page_token.empty());
  std::sort(versions.begin(), versions.end());
  return versions;
}

Result<Checkpoint> CheckpointStore::LoadLatest() {
  ASSIGN_OR_RETURN(std::vector<uint64_t> versions, ListVersions());
  if (versions.empty()) {
    return Checkpoint{};
  }
  std::string key = CheckpointKey(versions.back());
  ASSIGN_OR_RETURN(std::string text, store_.Get(key));
  ASSIGN_OR_RETURN(Checkpoint checkpoint, DecodeCheckpoint(text, key));
  checkpoint.version = versions.back();
  return checkpoint;
}

Status CheckpointStore::Commit(Checkpoint& checkpoint) {
  ASSIGN_OR_RETURN(std::string text, EncodeCheckpoint(checkpoint));
  uint64_t version = checkpoint.version + 1;
  std::string key = CheckpointKey(version);
  Status put = store_.PutIfAbsent(key, text);
  if (put.code() == StatusCode::kAlreadyExists) {
    return FailedPreconditionError(fmt::format(
        "checkpoint {} in {} already exists: another binlake capture is writing this staging "
        "store (run one capture per staging store)",
        key, store_.Describe()));
  }
  RETURN_IF_ERROR(put.WithContext(fmt::format("committing checkpoint {}", key)));
  checkpoint.version = version;
  if (version <= kCheckpointVersionsKept) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(std::vector<uint64_t> versions, ListVersions());
  for (uint64_t old : versions) {
    if (old + kCheckpointVersionsKept > version) {
      break;
    }
    RETURN_IF_ERROR(store_.Delete(CheckpointKey(old)));
  }
  return Status::Ok();
}

}  // namespace binlake::capture
