// GTID events of MySQL (GTID, ANONYMOUS_GTID, GTID_TAGGED, PREVIOUS_GTIDS) and MariaDB (GTID,
// GTID_LIST), and their text forms (event_bodies.h, events.h).
#include <fmt/format.h>

#include <bit>
#include <iterator>
#include <string>

#include "binlake/base/macros.h"
#include "binlake/base/varint.h"
#include "binlake/binlog/event_bodies.h"

namespace binlake::binlog {
namespace {

constexpr uint8_t kLogicalTimestampTypecode = 2;
constexpr uint64_t kOriginalCommitTimestampFlag = uint64_t{1} << 55;
constexpr uint32_t kOriginalServerVersionFlag = uint32_t{1} << 31;
constexpr uint8_t kTaggedSerializationVersion = 2;
constexpr uint32_t kMaxTagBytes = 32;
constexpr uint32_t kMaxMariaXaPartBytes = 64;

// Field ids of the GTID_TAGGED_LOG_EVENT message.
enum TaggedField : uint64_t {
  kFieldFlags = 0,
  kFieldSid = 1,
  kFieldGno = 2,
  kFieldTag = 3,
  kFieldLastCommitted = 4,
  kFieldSequenceNumber = 5,
  kFieldImmediateCommitTimestamp = 6,
  kFieldOriginalCommitTimestamp = 7,
  kFieldTransactionLength = 8,
  kFieldImmediateServerVersion = 9,
  kFieldOriginalServerVersion = 10,
  kFieldCommitGroupTicket = 11,
};

Result<Uuid> ReadUuid(ByteReader& reader) {
  ASSIGN_OR_RETURN(std::string_view bytes, reader.ReadBytes(16, "uuid"));
  Uuid uuid{};
  for (size_t i = 0; i < uuid.size(); ++i) {
    uuid[i] = static_cast<uint8_t>(bytes[i]);
  }
  return uuid;
}

Result<uint64_t> ReadU56Le(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(uint64_t low, reader.ReadU48Le(what));
  ASSIGN_OR_RETURN(uint8_t high, reader.ReadU8(what));
  return low | (uint64_t{high} << 48);
}

// The optional fields MySQL 5.7+ appended to the fixed GTID body, each read when present.
Status ReadGtidExtensions(ByteReader& body, GtidEvent& gtid) {
  if (body.AtEnd() || *body.PeekU8() != kLogicalTimestampTypecode) {
    return Status::Ok();  // MySQL 5.6 / <= 5.7.4
  }
  RETURN_IF_ERROR(body.Skip(1, "logical clock type"));
  gtid.has_logical_clock = true;
  ASSIGN_OR_RETURN(gtid.last_committed, body.ReadI64Le("last_committed"));
  ASSIGN_OR_RETURN(gtid.sequence_number, body.ReadI64Le("sequence_number"));
  if (body.remaining() < 7) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(uint64_t immediate, ReadU56Le(body, "immediate_commit_timestamp"));
  gtid.immediate_commit_micros = immediate & ~kOriginalCommitTimestampFlag;
  gtid.original_commit_micros = gtid.immediate_commit_micros;
  if ((immediate & kOriginalCommitTimestampFlag) != 0) {
    ASSIGN_OR_RETURN(gtid.original_commit_micros, ReadU56Le(body, "original_commit_timestamp"));
  }
  if (body.AtEnd()) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(gtid.transaction_length, ReadLengthEncodedInt(body, "transaction_length"));
  if (body.remaining() < 4) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(uint32_t immediate_version, body.ReadU32Le("immediate_server_version"));
  gtid.immediate_server_version = immediate_version & ~kOriginalServerVersionFlag;
  gtid.original_server_version = gtid.immediate_server_version;
  if ((immediate_version & kOriginalServerVersionFlag) != 0) {
    ASSIGN_OR_RETURN(gtid.original_server_version, body.ReadU32Le("original_server_version"));
  }
  if (body.remaining() >= 8) {
    ASSIGN_OR_RETURN(gtid.commit_group_ticket, body.ReadU64Le("commit_group_ticket"));
  }
  return Status::Ok();
}

Result<int64_t> ReadSerializedVarInt(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(uint64_t raw, ReadSerializedVarUint(reader, what));
  return ZigZagDecode64(raw);
}

Result<uint64_t> ReadBoundedVarUint(ByteReader& reader, uint64_t max, std::string_view what) {
  ASSIGN_OR_RETURN(uint64_t value, ReadSerializedVarUint(reader, what));
  if (value > max) {
    return CorruptionError(
        fmt::format("{} at offset {}: {} exceeds {}", what, reader.offset(), value, max));
  }
  return value;
}

Result<std::string> ReadSerializedString(ByteReader& reader, uint64_t max, std::string_view what) {
  ASSIGN_OR_RETURN(uint64_t length, ReadBoundedVarUint(reader, max, what));
  ASSIGN_OR_RETURN(std::string_view bytes, reader.ReadBytes(length, what));
  return std::string(bytes);
}

Result<Uuid> ReadSerializedUuid(ByteReader& reader) {
  Uuid uuid{};
  for (uint8_t& byte : uuid) {
    ASSIGN_OR_RETURN(uint64_t value, ReadBoundedVarUint(reader, 255, "sid byte"));
    byte = static_cast<uint8_t>(value);
  }
  return uuid;
}

Result<int64_t> ReadNonNegativeVarInt(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(int64_t value, ReadSerializedVarInt(reader, what));
  if (value < 0) {
    return CorruptionError(
        fmt::format("{} at offset {} is negative ({})", what, reader.offset(), value));
  }
  return value;
}

// Reads one field of the tagged GTID message; false when the field id is unknown.
Result<bool> ReadTaggedField(ByteReader& fields, uint64_t id, GtidEvent& gtid) {
  switch (id) {
    case kFieldFlags: {
      ASSIGN_OR_RETURN(uint64_t flags, ReadBoundedVarUint(fields, 255, "gtid flags"));
      gtid.flags = static_cast<uint8_t>(flags);
      return true;
    }
    case kFieldSid: {
      ASSIGN_OR_RETURN(gtid.source_id, ReadSerializedUuid(fields));
      return true;
    }
    case kFieldGno: {
      ASSIGN_OR_RETURN(gtid.gno, ReadNonNegativeVarInt(fields, "gno"));
      return true;
    }
    case kFieldTag: {
      ASSIGN_OR_RETURN(gtid.tag, ReadSerializedString(fields, kMaxTagBytes, "tag"));
      return true;
    }
    case kFieldLastCommitted: {
      gtid.has_logical_clock = true;
      ASSIGN_OR_RETURN(gtid.last_committed, ReadNonNegativeVarInt(fields, "last_committed"));
      return true;
    }
    case kFieldSequenceNumber: {
      ASSIGN_OR_RETURN(gtid.sequence_number, ReadNonNegativeVarInt(fields, "sequence_number"));
      return true;
    }
    case kFieldImmediateCommitTimestamp: {
      ASSIGN_OR_RETURN(gtid.immediate_commit_micros,
                       ReadSerializedVarUint(fields, "immediate_commit_timestamp"));
      return true;
    }
    case kFieldOriginalCommitTimestamp: {
      ASSIGN_OR_RETURN(gtid.original_commit_micros,
                       ReadSerializedVarUint(fields, "original_commit_timestamp"));
      return true;
    }
    case kFieldTransactionLength: {
      ASSIGN_OR_RETURN(gtid.transaction_length,
                       ReadSerializedVarUint(fields, "transaction_length"));
      return true;
    }
    case kFieldImmediateServerVersion: {
      ASSIGN_OR_RETURN(uint64_t version,
                       ReadBoundedVarUint(fields, UINT32_MAX, "immediate_server_version"));
      gtid.immediate_server_version = static_cast<uint32_t>(version);
      return true;
    }
    case kFieldOriginalServerVersion: {
      ASSIGN_OR_RETURN(uint64_t version,
                       ReadBoundedVarUint(fields, UINT32_MAX, "original_server_version"));
      gtid.original_server_version = static_cast<uint32_t>(version);
      return true;
    }
    case kFieldCommitGroupTicket: {
      ASSIGN_OR_RETURN(gtid.commit_group_ticket,
                       ReadSerializedVarUint(fields, "commit_group_ticket"));
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

Result<uint64_t> ReadSerializedVarUint(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(uint8_t first, reader.PeekU8(what));
  if (first == 0xff) {
    RETURN_IF_ERROR(reader.Skip(1, what));
    return reader.ReadU64Le(what);
  }
  const auto bytes = static_cast<size_t>(std::countr_one(first)) + 1;
  ASSIGN_OR_RETURN(std::string_view raw, reader.ReadBytes(bytes, what));
  uint64_t value = 0;
  for (size_t i = 0; i < bytes; ++i) {
    value |= uint64_t{static_cast<uint8_t>(raw[i])} << (8 * i);
  }
  return value >> bytes;
}

Result<GtidEvent> DecodeGtid(ByteReader& body, bool anonymous) {
  GtidEvent gtid;
  gtid.anonymous = anonymous;
  ASSIGN_OR_RETURN(gtid.flags, body.ReadU8("gtid flags"));
  ASSIGN_OR_RETURN(gtid.source_id, ReadUuid(body));
  ASSIGN_OR_RETURN(gtid.gno, body.ReadI64Le("gno"));
  RETURN_IF_ERROR(ReadGtidExtensions(body, gtid));
  return gtid;
}

// A serialization-framework message: version byte, total size (counting from the version
// byte), the last non-ignorable field id, then (field id, value) pairs. Unknown fields after the
// last non-ignorable id end the parse (their encoding is unknown); unknown earlier ones are
// Unimplemented.
Result<GtidEvent> DecodeGtidTagged(ByteReader& body) {
  const size_t start = body.position();
  ASSIGN_OR_RETURN(uint8_t version, body.ReadU8("serialization version"));
  if (version != kTaggedSerializationVersion) {
    return UnimplementedError(
        fmt::format("GTID_TAGGED serialization version {} (binlake reads version {})", version,
                    kTaggedSerializationVersion));
  }
  ASSIGN_OR_RETURN(uint64_t message_size, ReadSerializedVarUint(body, "message size"));
  ASSIGN_OR_RETURN(uint64_t last_non_ignorable, ReadSerializedVarUint(body, "last field id"));
  const size_t envelope = body.position() - start;
  if (message_size < envelope || message_size - envelope > body.remaining()) {
    return CorruptionError(
        fmt::format("GTID_TAGGED message size {} does not fit the {} bytes of the event",
                    message_size, body.remaining() + envelope));
  }
  ASSIGN_OR_RETURN(ByteReader fields, body.SubReader(message_size - envelope, "gtid fields"));
  GtidEvent gtid;
  while (!fields.AtEnd()) {
    ASSIGN_OR_RETURN(uint64_t id, ReadSerializedVarUint(fields, "field id"));
    ASSIGN_OR_RETURN(bool known, ReadTaggedField(fields, id, gtid));
    if (!known) {
      if (id <= last_non_ignorable) {
        return UnimplementedError(
            fmt::format("GTID_TAGGED field {} is not ignorable and unknown to binlake", id));
      }
      break;
    }
  }
  if (!gtid.original_commit_micros) {
    gtid.original_commit_micros = gtid.immediate_commit_micros;
  }
  if (!gtid.original_server_version) {
    gtid.original_server_version = gtid.immediate_server_version;
  }
  return gtid;
}

// Untagged: sid count (8), then per sid: uuid (16), interval count (8), intervals (16 each).
// Tagged (format byte 1 in the top byte of the count word, count in bits 8..55): each uuid is
// followed by a serialization-framework tag string.
Result<PreviousGtidsEvent> DecodePreviousGtids(ByteReader& body) {
  ASSIGN_OR_RETURN(uint64_t header, body.ReadU64Le("sid count"));
  const bool tagged = (header >> 56) != 0;
  const uint64_t sids =
      tagged ? (header >> 8) & ((uint64_t{1} << 48) - 1) : header & ((uint64_t{1} << 56) - 1);
  constexpr size_t kMinSidBytes = 16 + 8;
  if (sids > body.remaining() / kMinSidBytes) {
    return CorruptionError(
        fmt::format("PREVIOUS_GTIDS: {} sids cannot fit in {} bytes", sids, body.remaining()));
  }
  PreviousGtidsEvent event;
  event.entries.reserve(sids);
  for (uint64_t i = 0; i < sids; ++i) {
    GtidSetEntry entry;
    ASSIGN_OR_RETURN(entry.source_id, ReadUuid(body));
    if (tagged) {
      ASSIGN_OR_RETURN(entry.tag, ReadSerializedString(body, kMaxTagBytes, "tag"));
    }
    ASSIGN_OR_RETURN(uint64_t intervals, body.ReadU64Le("interval count"));
    if (intervals > body.remaining() / 16) {
      return CorruptionError(fmt::format("PREVIOUS_GTIDS: {} intervals cannot fit in {} bytes",
                                         intervals, body.remaining()));
    }
    entry.intervals.resize(intervals);
    for (GtidInterval& interval : entry.intervals) {
      ASSIGN_OR_RETURN(interval.start, body.ReadI64Le("interval start"));
      ASSIGN_OR_RETURN(interval.end, body.ReadI64Le("interval end"));
    }
    event.entries.push_back(std::move(entry));
  }
  return event;
}

// sequence (8), domain (4), flags (1); commit id (8) with FL_GROUP_COMMIT_ID; an XA id with
// FL_PREPARED_XA / FL_COMPLETED_XA; then (10.5+) flags_extra, whose own fields and the zero
// padding up to the 19-byte minimum are not needed by binlake.
Result<MariaGtidEvent> DecodeMariaGtid(ByteReader& body) {
  MariaGtidEvent gtid;
  ASSIGN_OR_RETURN(gtid.sequence, body.ReadU64Le("gtid sequence"));
  ASSIGN_OR_RETURN(gtid.domain_id, body.ReadU32Le("gtid domain"));
  ASSIGN_OR_RETURN(gtid.flags, body.ReadU8("gtid flags"));
  if ((gtid.flags & kMariaGtidGroupCommitId) != 0) {
    ASSIGN_OR_RETURN(gtid.commit_id, body.ReadU64Le("commit id"));
  }
  if ((gtid.flags & (kMariaGtidPreparedXa | kMariaGtidCompletedXa)) != 0) {
    XaId xid;
    ASSIGN_OR_RETURN(xid.format_id, body.ReadI32Le("XA format id"));
    ASSIGN_OR_RETURN(uint8_t gtrid_length, body.ReadU8("XA gtrid length"));
    ASSIGN_OR_RETURN(uint8_t bqual_length, body.ReadU8("XA bqual length"));
    if (gtrid_length > kMaxMariaXaPartBytes || bqual_length > kMaxMariaXaPartBytes) {
      return CorruptionError(fmt::format("GTID XA id: gtrid length {} / bqual length {} exceed {}",
                                         gtrid_length, bqual_length, kMaxMariaXaPartBytes));
    }
    ASSIGN_OR_RETURN(std::string_view gtrid, body.ReadBytes(gtrid_length, "XA gtrid"));
    ASSIGN_OR_RETURN(std::string_view bqual, body.ReadBytes(bqual_length, "XA bqual"));
    xid.gtrid = gtrid;
    xid.bqual = bqual;
    gtid.xid = std::move(xid);
  }
  if (!body.AtEnd()) {
    ASSIGN_OR_RETURN(gtid.flags_extra, body.ReadU8("gtid flags_extra"));
  }
  return gtid;
}

Result<MariaGtidListEvent> DecodeMariaGtidList(ByteReader& body) {
  ASSIGN_OR_RETURN(uint32_t count_and_flags, body.ReadU32Le("gtid count"));
  const uint32_t count = count_and_flags & 0x0fffffffU;
  constexpr size_t kGtidBytes = 16;
  if (count > body.remaining() / kGtidBytes) {
    return CorruptionError(
        fmt::format("GTID_LIST: {} GTIDs cannot fit in {} bytes", count, body.remaining()));
  }
  MariaGtidListEvent list;
  list.flags = static_cast<uint8_t>(count_and_flags >> 28);
  list.gtids.resize(count);
  for (MariaGtid& gtid : list.gtids) {
    ASSIGN_OR_RETURN(gtid.domain_id, body.ReadU32Le("gtid domain"));
    ASSIGN_OR_RETURN(gtid.server_id, body.ReadU32Le("gtid server id"));
    ASSIGN_OR_RETURN(gtid.sequence, body.ReadU64Le("gtid sequence"));
  }
  return list;
}

std::string UuidToString(const Uuid& uuid) {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out.push_back('-');
    }
    fmt::format_to(std::back_inserter(out), "{:02x}", uuid[i]);
  }
  return out;
}

std::string GtidToString(const GtidEvent& gtid) {
  if (gtid.anonymous) {
    return "ANONYMOUS";
  }
  if (gtid.tag.empty()) {
    return fmt::format("{}:{}", UuidToString(gtid.source_id), gtid.gno);
  }
  return fmt::format("{}:{}:{}", UuidToString(gtid.source_id), gtid.tag, gtid.gno);
}

std::string MariaGtidToString(uint32_t domain_id, uint32_t server_id, uint64_t sequence) {
  return fmt::format("{}-{}-{}", domain_id, server_id, sequence);
}

std::string XaIdToString(const XaId& xid) {
  std::string out = "X'";
  for (char c : xid.gtrid) {
    fmt::format_to(std::back_inserter(out), "{:02x}", static_cast<uint8_t>(c));
  }
  out += "',X'";
  for (char c : xid.bqual) {
    fmt::format_to(std::back_inserter(out), "{:02x}", static_cast<uint8_t>(c));
  }
  fmt::format_to(std::back_inserter(out), "',{}", xid.format_id);
  return out;
}

}  // namespace binlake::binlog
