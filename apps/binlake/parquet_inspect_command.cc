// `binlake parquet inspect FILE [--json]`: the footer of a Parquet file, readable.
//
// The footer is gathered once into a JSON document (nlohmann ordered_json, keys in a fixed
// order); --json prints it as is, the text form prints the same tree indented, one `key: value`
// per line, so both always show the same facts.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "adapters/fs/local_file.h"
#include "binlake/base/macros.h"
#include "binlake/parquet/reader.h"
#include "binlake/parquet/value_json.h"
#include "parquet_command.h"

namespace binlake::cli {
namespace {

using Json = nlohmann::ordered_json;

Json SchemaJson(const std::vector<parquet::ColumnSpec>& schema) {
  Json columns = Json::array();
  for (const parquet::ColumnSpec& column : schema) {
    Json entry;
    entry["name"] = column.name;
    entry["field_id"] = column.field_id ? Json(*column.field_id) : Json();
    entry["physical_type"] = parquet::PhysicalTypeName(column.physical_type);
    if (column.physical_type == parquet::PhysicalType::kFixedLenByteArray) {
      entry["type_length"] = column.type_length;
    }
    entry["repetition"] = parquet::RepetitionName(column.repetition);
    entry["logical_type"] =
        column.logical_type ? Json(parquet::LogicalTypeName(*column.logical_type)) : Json();
    entry["converted_type"] =
        column.converted_type ? Json(parquet::ConvertedTypeName(*column.converted_type)) : Json();
    columns.push_back(std::move(entry));
  }
  return columns;
}

// A bound rendered by the column's type; the raw bytes in base64 when they do not decode.
Json BoundJson(const parquet::ColumnSpec& column, const std::string& plain) {
  Result<std::string> text = parquet::StatisticJson(column, plain);
  if (!text.ok()) {
    return Json{{"undecodable_base64", parquet::Base64(plain)}};
  }
  return Json::parse(*text, nullptr, /*allow_exceptions=*/false);
}

Json StatisticsJson(const parquet::ColumnSpec& column, const parquet::Statistics& stats) {
  Json out = Json::object();
  if (stats.null_count) {
    out["null_count"] = *stats.null_count;
  }
  if (stats.distinct_count) {
    out["distinct_count"] = *stats.distinct_count;
  }
  if (stats.nan_count) {
    out["nan_count"] = *stats.nan_count;
  }
  if (stats.min_value) {
    out["min"] = BoundJson(column, *stats.min_value);
  }
  if (stats.max_value) {
    out["max"] = BoundJson(column, *stats.max_value);
  }
  // Deprecated fields (signed order), written by old writers such as parquet-mr before 1.10.
  if (stats.min && !stats.min_value) {
    out["legacy_min"] = BoundJson(column, *stats.min);
  }
  if (stats.max && !stats.max_value) {
    out["legacy_max"] = BoundJson(column, *stats.max);
  }
  return out;
}

Json ChunkJson(const parquet::ColumnSpec& column, const parquet::ColumnChunk& chunk) {
  Json out;
  out["column"] = column.name;
  if (!chunk.meta_data) {
    return out;
  }
  const parquet::ColumnMetaData& meta = *chunk.meta_data;
  out["codec"] = parquet::CodecName(meta.codec);
  Json encodings = Json::array();
  for (parquet::Encoding encoding : meta.encodings) {
    encodings.push_back(parquet::EncodingName(encoding));
  }
  out["encodings"] = std::move(encodings);
  out["num_values"] = meta.num_values;
  out["dictionary_page_offset"] =
      meta.dictionary_page_offset ? Json(*meta.dictionary_page_offset) : Json();
  out["data_page_offset"] = meta.data_page_offset;
  out["total_compressed_size"] = meta.total_compressed_size;
  out["total_uncompressed_size"] = meta.total_uncompressed_size;
  if (meta.encoding_stats) {
    Json pages = Json::array();
    for (const parquet::PageEncodingStats& page : *meta.encoding_stats) {
      pages.push_back(fmt::format("{} {} x{}", parquet::PageTypeName(page.page_type),
                                  parquet::EncodingName(page.encoding), page.count));
    }
    out["pages"] = std::move(pages);
  }
  if (meta.statistics) {
    out["statistics"] = StatisticsJson(column, *meta.statistics);
  }
  return out;
}

Json RowGroupJson(const std::vector<parquet::ColumnSpec>& schema, const parquet::RowGroup& group) {
  Json out;
  out["num_rows"] = group.num_rows;
  out["file_offset"] = group.file_offset ? Json(*group.file_offset) : Json();
  out["total_byte_size"] = group.total_byte_size;
  out["total_compressed_size"] =
      group.total_compressed_size ? Json(*group.total_compressed_size) : Json();
  Json columns = Json::array();
  for (size_t i = 0; i < group.columns.size() && i < schema.size(); ++i) {
    columns.push_back(ChunkJson(schema[i], group.columns[i]));
  }
  out["columns"] = std::move(columns);
  return out;
}

Json FileJson(const std::string& path, uint64_t size, const parquet::FileReader& reader) {
  const parquet::FileMetaData& meta = reader.metadata();
  Json out;
  out["file"] = path;
  out["size"] = size;
  out["created_by"] = meta.created_by ? Json(*meta.created_by) : Json();
  out["version"] = meta.version;
  out["num_rows"] = meta.num_rows;
  out["schema"] = SchemaJson(reader.schema());
  Json key_values = Json::object();
  if (meta.key_value_metadata) {
    for (const parquet::KeyValue& entry : *meta.key_value_metadata) {
      key_values[entry.key] = entry.value ? Json(*entry.value) : Json();
    }
  }
  out["key_value_metadata"] = std::move(key_values);
  Json groups = Json::array();
  for (const parquet::RowGroup& group : meta.row_groups) {
    groups.push_back(RowGroupJson(reader.schema(), group));
  }
  out["row_groups"] = std::move(groups);
  return out;
}

std::string Scalar(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The tree as indented text: objects as "key: value" lines, arrays as "- " items.
void AppendText(const Json& node, int indent, std::string* out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  auto append_child = [&](std::string label, const Json& child) {
    bool nested = (child.is_object() || child.is_array()) && !child.empty();
    bool scalar_list = child.is_array() && std::all_of(child.begin(), child.end(),
                                                       [](auto& e) { return e.is_primitive(); });
    if (nested && !(scalar_list && child.size() <= 8)) {
      *out += pad + label + "\n";
      AppendText(child, indent + 2, out);
    } else if (scalar_list) {
      std::string joined;
      for (const Json& element : child) {
        joined += (joined.empty() ? "" : ", ") + Scalar(element);
      }
      *out += fmt::format("{}{} [{}]\n", pad, label, joined);
    } else {
      *out += fmt::format("{}{} {}\n", pad, label, child.is_object() ? "{}" : Scalar(child));
    }
  };
  if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      append_child(fmt::format("[{}]", i), node[i]);
    }
    return;
  }
  for (const auto& [key, child] : node.items()) {
    append_child(key + ":", child);
  }
}

}  // namespace

Status RunParquetInspect(const std::string& path, bool json) {
  ASSIGN_OR_RETURN(auto source, adapters::LocalFileSource::Open(path));
  ASSIGN_OR_RETURN(uint64_t size, source->Size());
  ASSIGN_OR_RETURN(auto reader, parquet::FileReader::Open(source.get()));
  Json file = FileJson(path, size, *reader);
  std::string text;
  if (json) {
    text = file.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  } else {
    AppendText(file, 0, &text);
  }
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
    return UnavailableError("writing to standard output failed");
  }
  return Status::Ok();
}

}  // namespace binlake::cli
