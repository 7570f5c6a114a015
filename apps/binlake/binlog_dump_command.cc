// `binlake binlog dump FILE...` (binlog_command.h).
//
// Each event becomes a set of JSON fields (EventFields); --format json prints them as one object
// per line, text prints "# at N", a mysqlbinlog-style header line with the fields as key=value,
// then the statement (QUERY) or the rows as `mysqlbinlog -vv` prints them (### lines, rendered by
// binlog/mysqlbinlog_format.h). Times are UTC.
#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "binlake/base/macros.h"
#include "binlake/binlog/mysqlbinlog_format.h"
#include "binlog_command.h"

namespace binlake::cli {
namespace {

using Json = nlohmann::ordered_json;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string Hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    fmt::format_to(std::back_inserter(out), "{:02x}", static_cast<uint8_t>(c));
  }
  return out;
}

std::string FractionText(uint32_t micros) {
  return micros == 0 ? std::string() : fmt::format(".{:06d}", micros);
}

// One cell value as JSON: numbers as numbers, temporal values as text, binary as hex.
Json ValueToJson(const mysql::Value& value) {
  return std::visit(
      Overloaded{
          [](const mysql::Null&) { return Json(nullptr); },
          [](int64_t v) { return Json(v); },
          [](uint64_t v) { return Json(v); },
          [](float v) { return Json(v); },
          [](double v) { return Json(v); },
          [](const mysql::Decimal& v) { return Json(v.text); },
          [](const mysql::Date& v) {
            return Json(fmt::format("{:04d}-{:02d}-{:02d}", v.year, v.month, v.day));
          },
          [](const mysql::Time& v) {
            return Json(fmt::format("{}{:02d}:{:02d}:{:02d}{}", v.negative ? "-" : "", v.hours,
                                    v.minutes, v.seconds, FractionText(v.micros)));
          },
          [](const mysql::DateTime& v) {
            return Json(fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}{}", v.year, v.month,
                                    v.day, v.hour, v.minute, v.second, FractionText(v.micros)));
          },
          [](const mysql::Timestamp& v) {
            return Json(fmt::format("{}{}", v.seconds, FractionText(v.micros)));
          },
          [](const mysql::Year& v) { return Json(v.year); },
          [](const mysql::Text& v) { return Json(v.utf8); },
          [](const mysql::Binary& v) {
            return Json{{"hex", Hex(v.bytes)}};
          },
          [](const mysql::Json& v) {
            Json parsed = Json::parse(v.text, nullptr, false);
            return parsed.is_discarded() ? Json(v.text) : parsed;
          },
          [](const mysql::Enum& v) {
            return Json{{"index", v.index}, {"label", v.label}};
          },
          [](const mysql::Set& v) {
            return Json{{"bits", v.bits}, {"labels", v.labels}};
          },
          [](const mysql::Bit& v) {
            return Json{{"bits", v.bits}, {"width", v.width}};
          },
          [](const mysql::Geometry& v) {
            return Json{{"srid", v.srid}, {"wkb", Hex(v.wkb)}};
          },
          [](const mysql::Vector& v) {
            return Json{{"float32_le", Hex(v.float32_le)}};
          },
      },
      value);
}

Json ImageToJson(const binlog::RowImage& image, const binlog::TableMap& map) {
  Json out = Json::object();
  for (size_t i = 0; i < image.values.size(); ++i) {
    if (i < image.present.size() && !image.present[i]) {
      continue;
    }
    const std::string name =
        i < map.column_names.size() ? map.column_names[i] : fmt::format("@{}", i + 1);
    out[name] = ValueToJson(image.values[i]);
  }
  return out;
}

Json RowsToJson(const binlog::RowsEventData& data) {
  static constexpr const char* kOps[] = {"insert", "update", "delete"};
  Json rows = Json::array();
  for (const binlog::RowChange& row : data.rows.rows) {
    Json change{{"op", kOps[static_cast<size_t>(row.op)]}};
    if (row.op != binlog::RowOp::kInsert) {
      change["before"] = ImageToJson(row.before, *data.table);
    }
    if (row.op != binlog::RowOp::kDelete) {
      change["after"] = ImageToJson(row.after, *data.table);
    }
    rows.push_back(std::move(change));
  }
  return Json{{"table", data.table->database + "." + data.table->table},
              {"table_id", data.rows.table_id},
              {"flags", data.rows.flags},
              {"rows", std::move(rows)}};
}

std::string_view ChecksumName(binlog::ChecksumAlgorithm checksum) {
  switch (checksum) {
    case binlog::ChecksumAlgorithm::kOff:
      return "NONE";
    case binlog::ChecksumAlgorithm::kCrc32:
      return "CRC32";
    case binlog::ChecksumAlgorithm::kUndefined:
      break;
  }
  return "none (pre-5.6)";
}

Json GtidToJson(const binlog::GtidEvent& gtid) {
  Json out{{"gtid", binlog::GtidToString(gtid)}, {"flags", gtid.flags}};
  if (gtid.has_logical_clock) {
    out["last_committed"] = gtid.last_committed;
    out["sequence_number"] = gtid.sequence_number;
  }
  if (gtid.immediate_commit_micros) {
    out["immediate_commit_timestamp"] = *gtid.immediate_commit_micros;
    out["original_commit_timestamp"] = gtid.original_commit_micros.value_or(0);
  }
  if (gtid.transaction_length) {
    out["transaction_length"] = *gtid.transaction_length;
  }
  if (gtid.immediate_server_version) {
    out["immediate_server_version"] = *gtid.immediate_server_version;
    out["original_server_version"] = gtid.original_server_version.value_or(0);
  }
  return out;
}

Json PreviousGtidsToJson(const binlog::PreviousGtidsEvent& previous) {
  Json sets = Json::array();
  for (const binlog::GtidSetEntry& entry : previous.entries) {
    std::string text = binlog::UuidToString(entry.source_id);
    if (!entry.tag.empty()) {
      text += ":" + entry.tag;
    }
    for (const binlog::GtidInterval& interval : entry.intervals) {
      text += fmt::format(":{}-{}", interval.start, interval.end - 1);
    }
    sets.push_back(std::move(text));
  }
  return Json{{"gtid_set", std::move(sets)}};
}

Json MariaGtidToJson(const binlog::Event& event, const binlog::MariaGtidEvent& gtid) {
  Json out{
      {"gtid", binlog::MariaGtidToString(gtid.domain_id, event.header.server_id, gtid.sequence)},
      {"flags", gtid.flags}};
  if (gtid.commit_id) {
    out["commit_id"] = *gtid.commit_id;
  }
  if (gtid.xid) {
    out["xid"] = binlog::XaIdToString(*gtid.xid);
  }
  return out;
}

Json GtidListToJson(const binlog::MariaGtidListEvent& list) {
  Json gtids = Json::array();
  for (const binlog::MariaGtid& gtid : list.gtids) {
    gtids.push_back(binlog::MariaGtidToString(gtid.domain_id, gtid.server_id, gtid.sequence));
  }
  return Json{{"gtids", std::move(gtids)}};
}

// The body of `event` as JSON fields.
Json BodyFields(const binlog::Event& event) {
  using namespace binlog;  // NOLINT(google-build-using-namespace): the event structs
  return std::visit(Overloaded{
                        [](const FormatDescriptionEvent& e) {
                          return Json{{"binlog_version", e.binlog_version},
                                      {"server_version", e.server_version},
                                      {"checksum", ChecksumName(e.checksum)}};
                        },
                        [](const RotateEvent& e) {
                          return Json{{"next_file", e.next_file}, {"position", e.position}};
                        },
                        [](const StopEvent&) { return Json::object(); },
                        [](const QueryEvent& e) {
                          return Json{{"thread_id", e.thread_id},
                                      {"exec_time", e.exec_time},
                                      {"error_code", e.error_code},
                                      {"database", e.database},
                                      {"statement", e.statement}};
                        },
                        [](const XidEvent& e) {
                          return Json{{"xid", e.xid}};
                        },
                        [](const GtidEvent& e) { return GtidToJson(e); },
                        [](const PreviousGtidsEvent& e) { return PreviousGtidsToJson(e); },
                        [](const XaPrepareEvent& e) {
                          return Json{{"one_phase", e.one_phase}, {"xid", XaIdToString(e.xid)}};
                        },
                        [&event](const MariaGtidEvent& e) { return MariaGtidToJson(event, e); },
                        [](const MariaGtidListEvent& e) { return GtidListToJson(e); },
                        [](const BinlogCheckpointEvent& e) {
                          return Json{{"file", e.file}};
                        },
                        [](const RowsQueryEvent& e) {
                          return Json{{"statement", e.statement}};
                        },
                        [](const IntvarEvent& e) {
                          return Json{{"kind", e.kind}, {"value", e.value}};
                        },
                        [](const RandEvent& e) {
                          return Json{{"seed1", e.seed1}, {"seed2", e.seed2}};
                        },
                        [](const UserVarEvent& e) {
                          return Json{{"name", e.name},
                                      {"is_null", e.is_null},
                                      {"value_type", e.value_type},
                                      {"charset", e.charset},
                                      {"value_hex", Hex(e.value)}};
                        },
                        [](const IncidentEvent& e) {
                          return Json{{"incident", e.incident}, {"message", e.message}};
                        },
                        [](const HeartbeatEvent& e) {
                          return Json{{"log_file", e.log_file}, {"position", e.position}};
                        },
                        [](const TransactionPayloadEvent& e) {
                          return Json{{"compression", e.compression == 0 ? "ZSTD" : "NONE"},
                                      {"payload_size", e.payload_size},
                                      {"uncompressed_size", e.uncompressed_size}};
                        },
                        [](const TableMapEvent& e) {
                          return Json{{"table", e.table->database + "." + e.table->table},
                                      {"table_id", e.table->table_id},
                                      {"columns", e.table->column_types.size()}};
                        },
                        [](const RowsEventData& e) { return RowsToJson(e); },
                        [](const OpaqueEvent&) { return Json::object(); },
                    },
                    event.body);
}

std::string TypeLabel(uint8_t code) {
  const std::string_view name = binlog::EventTypeName(code);
  return name.empty() ? fmt::format("type {}", code) : std::string(name);
}

Status PrintJsonEvent(const binlog::Event& event) {
  Json line{{"file", event.source},
            {"offset", event.offset},
            {"end_offset", event.end_offset},
            {"type", TypeLabel(event.header.type_code)},
            {"timestamp", event.header.timestamp},
            {"server_id", event.header.server_id}};
  if (event.payload_offset) {
    line["payload_offset"] = *event.payload_offset;
  }
  line.update(BodyFields(event));
  fmt::print("{}\n", line.dump(-1, ' ', false, Json::error_handler_t::replace));
  return Status::Ok();
}

std::string HeaderTime(uint32_t timestamp) {
  const auto seconds = static_cast<std::time_t>(timestamp);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:02d}{:02d}{:02d} {:2d}:{:02d}:{:02d}", utc.tm_year % 100, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

Result<std::string> RowLines(const binlog::RowsEventData& data) {
  std::vector<mysql::ColumnType> types;
  types.reserve(data.table->column_types.size());
  for (size_t i = 0; i < data.table->column_types.size(); ++i) {
    ASSIGN_OR_RETURN(mysql::ColumnType type, binlog::ResolveColumnType(*data.table, i, nullptr));
    types.push_back(std::move(type));
  }
  return binlog::FormatMysqlbinlogRows(data.rows, *data.table, types,
                                       binlog::MysqlbinlogVerbosity::kVeryVerbose);
}

Status PrintTextEvent(const binlog::Event& event) {
  std::string text = fmt::format("# at {}", event.offset);
  if (event.payload_offset) {
    text += fmt::format(" (payload offset {})", *event.payload_offset);
  }
  text += fmt::format("\n#{} server id {}  end_log_pos {}  {}", HeaderTime(event.header.timestamp),
                      event.header.server_id, event.header.next_position,
                      TypeLabel(event.header.type_code));
  Json fields = BodyFields(event);
  std::string body;
  if (const auto* rows = std::get_if<binlog::RowsEventData>(&event.body)) {
    ASSIGN_OR_RETURN(body, RowLines(*rows));
    fields.erase("rows");
  } else if (fields.contains("statement")) {
    body = fields["statement"].get<std::string>() + "\n/*!*/;\n";
    fields.erase("statement");
  }
  for (const auto& [key, value] : fields.items()) {
    text += fmt::format(" {}={}", key, value.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  fmt::print("{}\n{}", text, body);
  return Status::Ok();
}

}  // namespace

Status RunBinlogDump(const BinlogFilesArgs& args, const std::string& format) {
  const bool json = format == "json";
  return ForEachBinlogEvent(args, [json](const binlog::Event& event) {
    return json ? PrintJsonEvent(event) : PrintTextEvent(event);
  });
}

}  // namespace binlake::cli
