#include "binlake/capture/schema_history.h"

#include <fmt/format.h>

#include <utility>

#include "binlake/base/macros.h"
#include "binlake/capture/json_codec.h"
#include "binlake/staging/layout.h"

namespace binlake::capture {
namespace {

using json::Json;

constexpr size_t kSeqDigits = 20;

// Names of the enums as stored; the index is the enum's value.
constexpr std::string_view kKindNames[] = {
    "tinyint", "smallint", "mediumint", "int",    "bigint",    "float",    "double",
    "decimal", "bit",      "year",      "date",   "time",      "datetime", "timestamp",
    "char",    "varchar",  "text",      "binary", "varbinary", "blob",     "enum",
    "set",     "json",     "geometry",  "vector", "uuid",      "inet4",    "inet6"};
constexpr std::string_view kKeySourceNames[] = {"primary_key", "unique_key", "full_row"};

static_assert(std::size(kKindNames) == static_cast<size_t>(mysql::ColumnKind::kInet6) + 1);

Json ColumnToJson(const mysql::ColumnSchema& column) {
  Json json = Json::object();
  json["name"] = column.name;
  json["kind"] = kKindNames[static_cast<size_t>(column.type.kind)];
  json["unsigned"] = column.type.is_unsigned;
  json["length"] = column.type.length;
  json["scale"] = column.type.scale;
  json["charset"] = column.type.charset;
  json["elements"] = column.type.elements;
  json["nullable"] = column.nullable;
  return json;
}

Result<mysql::ColumnSchema> ColumnFromJson(const json::Reader& reader, const Json& json,
                                           std::string_view path) {
  mysql::ColumnSchema column;
  ASSIGN_OR_RETURN(column.name, reader.StringMember(json, path, "name"));
  ASSIGN_OR_RETURN(column.type.kind,
                   reader.EnumMember<mysql::ColumnKind>(json, path, "kind", kKindNames));
  ASSIGN_OR_RETURN(const Json* is_unsigned, reader.Member(json, path, "unsigned"));
  ASSIGN_OR_RETURN(column.type.is_unsigned,
                   reader.Bool(*is_unsigned, json::MemberPath(path, "unsigned")));
  ASSIGN_OR_RETURN(column.type.length, reader.IntegerMember<uint32_t>(json, path, "length"));
  ASSIGN_OR_RETURN(column.type.scale, reader.IntegerMember<uint32_t>(json, path, "scale"));
  ASSIGN_OR_RETURN(column.type.charset, reader.StringMember(json, path, "charset"));
  std::string elements_path = json::MemberPath(path, "elements");
  ASSIGN_OR_RETURN(const Json* elements, reader.Member(json, path, "elements"));
  RETURN_IF_ERROR(reader.ExpectArray(*elements, elements_path));
  for (size_t i = 0; i < elements->size(); ++i) {
    ASSIGN_OR_RETURN(std::string element,
                     reader.String((*elements)[i], json::IndexPath(elements_path, i)));
    column.type.elements.push_back(std::move(element));
  }
  ASSIGN_OR_RETURN(const Json* nullable, reader.Member(json, path, "nullable"));
  ASSIGN_OR_RETURN(column.nullable, reader.Bool(*nullable, json::MemberPath(path, "nullable")));
  return column;
}

Result<std::vector<uint32_t>> KeyFromJson(const json::Reader& reader, const Json& document,
                                          size_t column_count) {
  ASSIGN_OR_RETURN(const Json* key, reader.Member(document, "", "key"));
  RETURN_IF_ERROR(reader.ExpectArray(*key, "key"));
  std::vector<uint32_t> positions;
  for (size_t i = 0; i < key->size(); ++i) {
    std::string path = json::IndexPath("key", i);
    ASSIGN_OR_RETURN(uint32_t position, reader.Integer<uint32_t>((*key)[i], path));
    if (position >= column_count) {
      return reader.Error(path, "not a column position");
    }
    positions.push_back(position);
  }
  return positions;
}

}  // namespace

Result<std::string> EncodeSchemaVersion(const SchemaVersion& version) {
  Json document = Json::object();
  document["seq"] = version.seq;
  document["valid_from"] = json::PositionToJson(version.valid_from);
  document["database"] = version.schema.database;
  document["table"] = version.schema.table;
  Json columns = Json::array();
  for (const mysql::ColumnSchema& column : version.schema.columns) {
    columns.push_back(ColumnToJson(column));
  }
  document["columns"] = std::move(columns);
  document["key"] = version.schema.primary_key;
  document["key_source"] = kKeySourceNames[static_cast<size_t>(version.key_source)];
  return json::Dump(document);
}

Result<SchemaVersion> DecodeSchemaVersion(std::string_view text, std::string_view object_key) {
  json::Reader reader(object_key);
  ASSIGN_OR_RETURN(Json document, reader.Parse(text));
  SchemaVersion version;
  ASSIGN_OR_RETURN(version.seq, reader.IntegerMember<uint64_t>(document, "", "seq"));
  ASSIGN_OR_RETURN(const Json* valid_from, reader.Member(document, "", "valid_from"));
  ASSIGN_OR_RETURN(version.valid_from, reader.Position(*valid_from, "valid_from"));
  ASSIGN_OR_RETURN(version.schema.database, reader.StringMember(document, "", "database"));
  ASSIGN_OR_RETURN(version.schema.table, reader.StringMember(document, "", "table"));
  ASSIGN_OR_RETURN(const Json* columns, reader.Member(document, "", "columns"));
  RETURN_IF_ERROR(reader.ExpectArray(*columns, "columns"));
  for (size_t i = 0; i < columns->size(); ++i) {
    ASSIGN_OR_RETURN(mysql::ColumnSchema column,
                     ColumnFromJson(reader, (*columns)[i], json::IndexPath("columns", i)));
    version.schema.columns.push_back(std::move(column));
  }
  ASSIGN_OR_RETURN(version.schema.primary_key,
                   KeyFromJson(reader, document, version.schema.columns.size()));
  ASSIGN_OR_RETURN(version.key_source, reader.EnumMember<source::KeySource>(
                                           document, "", "key_source", kKeySourceNames));
  return version;
}

Result<std::string> SchemaTablePrefix(std::string_view schema, std::string_view table) {
  ASSIGN_OR_RETURN(std::string folder, staging::TableFolder(schema, table));
  return fmt::format("{}{}", kSchemaHistoryPrefix, folder);
}

Result<std::string> SchemaVersionKey(std::string_view schema, std::string_view table,
                                     uint64_t seq) {
  ASSIGN_OR_RETURN(std::string prefix, SchemaTablePrefix(schema, table));
  return fmt::format("{}{:0{}}.json", prefix, seq, kSeqDigits);
}

Status SchemaHistory::Write(const SchemaVersion& version) {
  ASSIGN_OR_RETURN(std::string key,
                   SchemaVersionKey(version.schema.database, version.schema.table, version.seq));
  ASSIGN_OR_RETURN(std::string text, EncodeSchemaVersion(version));
  Status put = store_.PutIfAbsent(key, text);
  if (put.code() != StatusCode::kAlreadyExists) {
    return put.WithContext(key);
  }
  ASSIGN_OR_RETURN(std::string existing, store_.Get(key));
  if (existing == text) {
    return Status::Ok();
  }
  return FailedPreconditionError(fmt::format(
      "schema version {} of {}.{} already exists in {} with a different schema ({}): the "
      "staging store belongs to another capture or the table changed under a stopped capture",
      version.seq, version.schema.database, version.schema.table, store_.Describe(), key));
}

Result<std::vector<SchemaVersion>> SchemaHistory::Versions(std::string_view schema,
                                                           std::string_view table) {
  ASSIGN_OR_RETURN(std::string prefix, SchemaTablePrefix(schema, table));
  std::vector<SchemaVersion> versions;
  io::ListOptions options;
  options.prefix = prefix;
  do {
    ASSIGN_OR_RETURN(io::ListPage page, store_.List(options));
    for (const io::ObjectInfo& object : page.objects) {
      if (object.key.find('/', prefix.size()) != std::string::npos) {
        continue;  // deeper folder
      }
      ASSIGN_OR_RETURN(std::string text, store_.Get(object.key));
      ASSIGN_OR_RETURN(SchemaVersion version, DecodeSchemaVersion(text, object.key));
      versions.push_back(std::move(version));
    }
    options.page_token = std::move(page.next_page_token);
  } while (!options.page_token.empty());
  return versions;  // the 20-digit names list in seq order
}

Result<SchemaVersion> SchemaHistory::Latest(std::string_view schema, std::string_view table) {
  ASSIGN_OR_RETURN(std::vector<SchemaVersion> versions, Versions(schema, table));
  if (versions.empty()) {
    return NotFoundError(
        fmt::format("no schema version of {}.{} in {}", schema, table, store_.Describe()));
  }
  return std::move(versions.back());
}

Result<SchemaVersion> SchemaHistory::VersionAt(std::string_view schema, std::string_view table,
                                               const source::BinlogPosition& position) {
  ASSIGN_OR_RETURN(std::vector<SchemaVersion> versions, Versions(schema, table));
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    if (source::ComparePositions(it->valid_from, position) <= 0) {
      return std::move(*it);
    }
  }
  return NotFoundError(fmt::format("no schema version of {}.{} holds at {} (in {})", schema, table,
                                   source::FormatPosition(position), store_.Describe()));
}

}  // namespace binlake::capture
