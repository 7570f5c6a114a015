// Bodies of the small control events (event_bodies.h): ROTATE, XID, INTVAR, RAND, USER_VAR,
// INCIDENT, HEARTBEAT v1/v2, XA_PREPARE, ROWS_QUERY, ANNOTATE_ROWS, BINLOG_CHECKPOINT.
#include <fmt/format.h>

#include <string>

#include "binlake/base/macros.h"
#include "binlake/binlog/event_bodies.h"

namespace binlake::binlog {
namespace {

// XA ids are at most 64 bytes each (XIDDATASIZE 128 in all).
constexpr uint32_t kMaxXaPartBytes = 64;

Result<std::string> ReadString(ByteReader& reader, size_t n, std::string_view what) {
  ASSIGN_OR_RETURN(std::string_view bytes, reader.ReadBytes(n, what));
  return std::string(bytes);
}

std::string RestAsString(ByteReader& reader) {
  std::string out(reader.Rest());
  (void)reader.Skip(reader.remaining());
  return out;
}

// Heartbeat v2 field codes (MySQL 8.0.26+); 0 is the end mark.
constexpr uint64_t kHeartbeatLogFile = 1;
constexpr uint64_t kHeartbeatPosition = 2;

}  // namespace

Result<uint64_t> ReadLengthEncodedInt(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(uint8_t first, reader.ReadU8(what));
  switch (first) {
    case 0xfb:
      return CorruptionError(
          fmt::format("length-encoded integer ({}) at offset {} is the NULL marker 0xfb", what,
                      reader.offset() - 1));
    case 0xfc: {
      ASSIGN_OR_RETURN(uint16_t value, reader.ReadU16Le(what));
      return uint64_t{value};
    }
    case 0xfd: {
      ASSIGN_OR_RETURN(uint32_t value, reader.ReadU24Le(what));
      return uint64_t{value};
    }
    case 0xfe:
      return reader.ReadU64Le(what);
    case 0xff:
      return CorruptionError(
          fmt::format("length-encoded integer ({}) at offset {} starts with the invalid byte 0xff",
                      what, reader.offset() - 1));
    default:
      return uint64_t{first};
  }
}

Result<RotateEvent> DecodeRotate(ByteReader& body, uint8_t post_header_length) {
  RotateEvent rotate;
  rotate.position = 4;
  if (post_header_length >= 8) {
    ASSIGN_OR_RETURN(rotate.position, body.ReadU64Le("rotate position"));
    RETURN_IF_ERROR(body.Skip(post_header_length - 8u, "rotate post-header"));
  }
  rotate.next_file = RestAsString(body);
  return rotate;
}

Result<XidEvent> DecodeXid(ByteReader& body) {
  XidEvent xid;
  ASSIGN_OR_RETURN(xid.xid, body.ReadU64Le("xid"));
  return xid;
}

Result<IntvarEvent> DecodeIntvar(ByteReader& body) {
  IntvarEvent intvar;
  ASSIGN_OR_RETURN(intvar.kind, body.ReadU8("intvar type"));
  ASSIGN_OR_RETURN(intvar.value, body.ReadU64Le("intvar value"));
  return intvar;
}

Result<RandEvent> DecodeRand(ByteReader& body) {
  RandEvent rand;
  ASSIGN_OR_RETURN(rand.seed1, body.ReadU64Le("rand seed1"));
  ASSIGN_OR_RETURN(rand.seed2, body.ReadU64Le("rand seed2"));
  return rand;
}

// Layout: name length (4), name, is_null (1); unless null: value type (1), charset (4), value
// length (4), value, and (MySQL 5.6+) a flags byte. Newer servers may append more; ignored.
Result<UserVarEvent> DecodeUserVar(ByteReader& body) {
  UserVarEvent var;
  ASSIGN_OR_RETURN(uint32_t name_length, body.ReadU32Le("user variable name length"));
  ASSIGN_OR_RETURN(var.name, ReadString(body, name_length, "user variable name"));
  ASSIGN_OR_RETURN(uint8_t is_null, body.ReadU8("user variable is_null"));
  var.is_null = is_null != 0;
  if (var.is_null) {
    return var;
  }
  ASSIGN_OR_RETURN(var.value_type, body.ReadU8("user variable type"));
  ASSIGN_OR_RETURN(var.charset, body.ReadU32Le("user variable charset"));
  ASSIGN_OR_RETURN(uint32_t value_length, body.ReadU32Le("user variable value length"));
  ASSIGN_OR_RETURN(var.value, ReadString(body, value_length, "user variable value"));
  if (!body.AtEnd()) {
    ASSIGN_OR_RETURN(var.flags, body.ReadU8("user variable flags"));
  }
  return var;
}

Result<IncidentEvent> DecodeIncident(ByteReader& body) {
  IncidentEvent incident;
  ASSIGN_OR_RETURN(incident.incident, body.ReadU16Le("incident number"));
  if (!body.AtEnd()) {
    ASSIGN_OR_RETURN(uint8_t length, body.ReadU8("incident message length"));
    ASSIGN_OR_RETURN(incident.message, ReadString(body, length, "incident message"));
  }
  return incident;
}

Result<HeartbeatEvent> DecodeHeartbeatV1(ByteReader& body, uint32_t next_position) {
  HeartbeatEvent heartbeat;
  heartbeat.log_file = RestAsString(body);
  heartbeat.position = next_position;
  return heartbeat;
}

Result<std::optional<TlvField>> ReadTlvField(ByteReader& reader, std::string_view what) {
  if (reader.AtEnd()) {
    return std::optional<TlvField>();
  }
  ASSIGN_OR_RETURN(uint64_t type, ReadLengthEncodedInt(reader, what));
  if (type == 0) {
    return std::optional<TlvField>();
  }
  ASSIGN_OR_RETURN(uint64_t length, ReadLengthEncodedInt(reader, what));
  if (length > reader.remaining()) {
    return CorruptionError(fmt::format("{} {} at offset {}: length {} exceeds the {} bytes left",
                                       what, type, reader.offset(), length, reader.remaining()));
  }
  ASSIGN_OR_RETURN(ByteReader value, reader.SubReader(length, what));
  return std::optional<TlvField>(TlvField{type, value});
}

Result<HeartbeatEvent> DecodeHeartbeatV2(ByteReader& body) {
  HeartbeatEvent heartbeat;
  heartbeat.v2 = true;
  while (true) {
    ASSIGN_OR_RETURN(std::optional<TlvField> field, ReadTlvField(body, "heartbeat field"));
    if (!field) {
      return heartbeat;
    }
    if (field->type == kHeartbeatLogFile) {
      heartbeat.log_file = RestAsString(field->value);
    } else if (field->type == kHeartbeatPosition) {
      ASSIGN_OR_RETURN(heartbeat.position,
                       ReadLengthEncodedInt(field->value, "heartbeat position"));
    }
  }
}

Result<XaPrepareEvent> DecodeXaPrepare(ByteReader& body) {
  XaPrepareEvent prepare;
  ASSIGN_OR_RETURN(uint8_t one_phase, body.ReadU8("one_phase"));
  prepare.one_phase = one_phase != 0;
  ASSIGN_OR_RETURN(prepare.xid.format_id, body.ReadI32Le("XA format id"));
  ASSIGN_OR_RETURN(uint32_t gtrid_length, body.ReadU32Le("XA gtrid length"));
  ASSIGN_OR_RETURN(uint32_t bqual_length, body.ReadU32Le("XA bqual length"));
  if (gtrid_length > kMaxXaPartBytes || bqual_length > kMaxXaPartBytes) {
    return CorruptionError(
        fmt::format("XA_PREPARE at offset {}: gtrid length {} / bqual length {} exceed {} bytes",
                    body.offset(), gtrid_length, bqual_length, kMaxXaPartBytes));
  }
  ASSIGN_OR_RETURN(prepare.xid.gtrid, ReadString(body, gtrid_length, "XA gtrid"));
  ASSIGN_OR_RETURN(prepare.xid.bqual, ReadString(body, bqual_length, "XA bqual"));
  return prepare;
}

Result<RowsQueryEvent> DecodeRowsQuery(ByteReader& body) {
  RETURN_IF_ERROR(body.Skip(1, "rows query length"));
  return RowsQueryEvent{RestAsString(body)};
}

Result<RowsQueryEvent> DecodeAnnotateRows(ByteReader& body) {
  return RowsQueryEvent{RestAsString(body)};
}

Result<BinlogCheckpointEvent> DecodeBinlogCheckpoint(ByteReader& body) {
  ASSIGN_OR_RETURN(uint32_t length, body.ReadU32Le("checkpoint file name length"));
  ASSIGN_OR_RETURN(std::string file, ReadString(body, length, "checkpoint file name"));
  return BinlogCheckpointEvent{std::move(file)};
}

}  // namespace binlake::binlog
