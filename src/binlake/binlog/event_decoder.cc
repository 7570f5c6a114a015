#include "binlake/binlog/event_decoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "binlake/base/byte_reader.h"
#include "binlake/base/crc32.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/event_bodies.h"
#include "binlake/binlog/transaction_payload.h"

namespace binlake::binlog {
namespace {

constexpr uint8_t kV4HeaderLength = 19;
constexpr size_t kChecksumBytes = 4;
constexpr size_t kFlagsOffset = 17;
constexpr size_t kStartV3BodyLength = 56;

// Where an event is, for error messages and Event fields.
struct Location {
  std::string_view source;
  uint64_t offset = 0;
  uint64_t end_offset = 0;
  std::optional<uint64_t> payload_offset;
};

std::string EventTypeLabel(uint8_t code) {
  const std::string_view name = EventTypeName(code);
  return name.empty() ? fmt::format("event type {}", code) : std::string(name);
}

Status WithLocation(const Status& status, const Location& where, uint8_t type_code) {
  std::string context = fmt::format("{}: offset {}", where.source, where.offset);
  if (where.payload_offset) {
    context += fmt::format(", payload offset {}", *where.payload_offset);
  }
  return status.WithContext(fmt::format("{}: {}", context, EventTypeLabel(type_code)));
}

// Reads the common header. The hot path: plain little-endian loads after one bounds check.
Result<EventHeader> ParseHeader(std::string_view bytes, uint8_t header_length, uint64_t offset) {
  if (bytes.size() < std::max<size_t>(header_length, io::kMinBinlogEventLength)) {
    return CorruptionError(
        fmt::format("event of {} bytes at offset {} is shorter than its {}-byte "
                    "header",
                    bytes.size(), offset, header_length));
  }
  const char* p = bytes.data();
  EventHeader header;
  header.timestamp = static_cast<uint32_t>(internal::LoadLe<4>(p));
  header.type_code = static_cast<uint8_t>(p[4]);
  header.server_id = static_cast<uint32_t>(internal::LoadLe<4>(p + 5));
  header.event_length = static_cast<uint32_t>(internal::LoadLe<4>(p + 9));
  if (header_length >= kV4HeaderLength) {
    header.next_position = static_cast<uint32_t>(internal::LoadLe<4>(p + 13));
    header.flags = static_cast<uint16_t>(internal::LoadLe<2>(p + 17));
  }
  if (header.event_length != bytes.size()) {
    return CorruptionError(fmt::format("event length {} does not match the {} bytes framed",
                                       header.event_length, bytes.size()));
  }
  return header;
}

// The CRC32 a server stored for `bytes` (whole event, checksum last). A FORMAT_DESCRIPTION's
// checksum is computed with LOG_EVENT_BINLOG_IN_USE_F clear, because the server clears that flag
// in place when it closes the file.
Status VerifyCrc32(std::string_view bytes, uint8_t type_code, uint16_t flags) {
  const std::string_view covered = bytes.substr(0, bytes.size() - kChecksumBytes);
  uint32_t crc = 0;
  if (type_code == static_cast<uint8_t>(EventType::kFormatDescription) &&
      (flags & kEventFlagBinlogInUse) != 0) {
    const auto cleared = static_cast<uint16_t>(flags & ~kEventFlagBinlogInUse);
    const char flag_bytes[2] = {static_cast<char>(cleared & 0xff), static_cast<char>(cleared >> 8)};
    crc = Crc32Update(Crc32(covered.substr(0, kFlagsOffset)), std::string_view(flag_bytes, 2));
    crc = Crc32Update(crc, covered.substr(kFlagsOffset + 2));
  } else {
    crc = Crc32(covered);
  }
  const auto stored = static_cast<uint32_t>(internal::LoadLe<4>(bytes.data() + covered.size()));
  if (crc != stored) {
    return CorruptionError(
        fmt::format("checksum mismatch: stored CRC32 0x{:08x}, computed 0x{:08x}", stored, crc));
  }
  return Status::Ok();
}

bool CarriesStatementData(EventType type) {
  return type == EventType::kLoad || type == EventType::kCreateFile ||
         type == EventType::kExecLoad || type == EventType::kNewLoad;
}

bool IsOpaqueKnownType(EventType type) {
  switch (type) {
    case EventType::kLoad:
    case EventType::kSlave:
    case EventType::kCreateFile:
    case EventType::kAppendBlock:
    case EventType::kExecLoad:
    case EventType::kDeleteFile:
    case EventType::kNewLoad:
    case EventType::kBeginLoadQuery:
    case EventType::kIgnorable:
    case EventType::kTransactionContext:
    case EventType::kViewChange:
      return true;
    default:
      return false;
  }
}

// The table id of a TABLE_MAP body: 4 bytes in binlog v1-v3 (post-header 6), 6 otherwise.
Result<uint64_t> TableMapId(const ByteReader& body, uint8_t post_header_length) {
  ByteReader reader(body.Rest(), body.offset());
  if (post_header_length == 6) {
    ASSIGN_OR_RETURN(uint32_t id, reader.ReadU32Le("table id"));
    return uint64_t{id};
  }
  return reader.ReadU48Le("table id");
}

// Result<XxxEvent> → Result<EventBody>.
template <typename T>
Result<EventBody> AsBody(Result<T> result) {
  if (!result.ok()) {
    return result.status();
  }
  return EventBody(std::move(*result));
}

}  // namespace

struct EventDecoder::State {
  DecoderOptions options;
  std::optional<FormatDescriptionEvent> format;
  // TABLE_MAPs by table id, with the body they were decoded from: servers repeat the same
  // TABLE_MAP before every row event, and an identical body is not decoded again.
  struct CachedTable {
    std::string body;
    std::shared_ptr<const TableMap> map;
  };
  std::unordered_map<uint64_t, CachedTable> tables;
  PayloadEventReader payload_reader;
  RowsDecoder rows_decoder;
  RowsEvent spare_rows;  // storage of the last delivered row event, reused by the next

  // Takes back the row storage of a delivered event.
  void Recycle(Event& event) {
    if (auto* rows = std::get_if<RowsEventData>(&event.body)) {
      spare_rows = std::move(rows->rows);
    }
  }

  // The event type of whole event `bytes`, in today's numbering.
  uint8_t TypeCodeOf(std::string_view bytes) const {
    const auto code = static_cast<uint8_t>(bytes[4]);
    return format && code < format->type_map.size() ? format->type_map[code] : code;
  }
  // Decodes the body of a non-format event.
  Result<EventBody> DecodeBody(const EventHeader& header, ByteReader& body);
  Result<EventBody> DecodeRows(const EventHeader& header, ByteReader& body);
  Result<EventBody> DecodeTableMapBody(ByteReader& body);
  Result<EventBody> DecodeOther(const EventHeader& header, ByteReader& body);
  Result<Event> DecodeFormatEvent(std::string_view bytes, const Location& where);
  Result<Event> DecodeEvent(std::string_view bytes, const Location& where, bool inner);
  Status DeliverPayload(const Event& outer, const TransactionPayload& payload,
                        const EventCallback& on_event);
};

EventDecoder::EventDecoder(DecoderOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
}
EventDecoder::~EventDecoder() = default;

const FormatDescriptionEvent* EventDecoder::format() const {
  return state_->format ? &*state_->format : nullptr;
}

const TableMap* EventDecoder::FindTable(uint64_t table_id) const {
  auto it = state_->tables.find(table_id);
  return it == state_->tables.end() ? nullptr : it->second.map.get();
}

Result<Event> EventDecoder::State::DecodeFormatEvent(std::string_view bytes,
                                                     const Location& where) {
  const auto type_code = static_cast<uint8_t>(bytes[4]);
  const bool start_v3 = type_code == static_cast<uint8_t>(EventType::kStartV3);
  // Binlog v1 (13-byte header) or v3 (19) START_EVENT_V3: told apart by the event length.
  const uint8_t header_length =
      start_v3 && bytes.size() < kV4HeaderLength + kStartV3BodyLength ? 13 : kV4HeaderLength;
  ASSIGN_OR_RETURN(EventHeader header, ParseHeader(bytes, header_length, where.offset));
  ByteReader body(bytes.substr(header_length), where.offset + header_length);
  FormatDescriptionEvent fde;
  if (start_v3) {
    ASSIGN_OR_RETURN(fde, DecodeStartV3(body, header_length));
  } else {
    ASSIGN_OR_RETURN(fde, DecodeFormatDescription(body));
    if (fde.checksum == ChecksumAlgorithm::kCrc32) {
      RETURN_IF_ERROR(VerifyCrc32(bytes, header.type_code, header.flags));
    }
  }
  format = fde;
  tables.clear();
  return Event{header,           where.source,         where.offset,
               where.end_offset, where.payload_offset, std::move(fde)};
}

Result<Event> EventDecoder::State::DecodeEvent(std::string_view bytes, const Location& where,
                                               bool inner) {
  const auto type_code = static_cast<uint8_t>(bytes[4]);
  const auto type = static_cast<EventType>(type_code);
  if (type == EventType::kFormatDescription || type == EventType::kStartV3) {
    if (inner) {
      return CorruptionError("a format description inside a TRANSACTION_PAYLOAD");
    }
    return DecodeFormatEvent(bytes, where);
  }
  if (!format) {
    return FailedPreconditionError(
        "event before the file's FORMAT_DESCRIPTION_EVENT (a stream must start with it)");
  }
  ASSIGN_OR_RETURN(EventHeader header, ParseHeader(bytes, format->header_length, where.offset));
  header.type_code = TypeCodeOf(bytes);
  size_t body_end = bytes.size();
  if (!inner && format->checksum == ChecksumAlgorithm::kCrc32) {
    if (bytes.size() < format->header_length + kChecksumBytes) {
      return CorruptionError(
          fmt::format("event of {} bytes has no room for its checksum", bytes.size()));
    }
    RETURN_IF_ERROR(VerifyCrc32(bytes, header.type_code, header.flags));
    body_end -= kChecksumBytes;
  }
  const uint64_t body_offset =
      (where.payload_offset ? *where.payload_offset : where.offset) + format->header_length;
  ByteReader body(bytes.substr(format->header_length, body_end - format->header_length),
                  body_offset);
  ASSIGN_OR_RETURN(EventBody decoded, DecodeBody(header, body));
  return Event{header,           where.source,         where.offset,
               where.end_offset, where.payload_offset, std::move(decoded)};
}

Result<EventBody> EventDecoder::State::DecodeTableMapBody(ByteReader& body) {
  const uint8_t post_header_length =
      format->PostHeaderLength(static_cast<uint8_t>(EventType::kTableMap));
  ASSIGN_OR_RETURN(const uint64_t table_id, TableMapId(body, post_header_length));
  auto cached = tables.find(table_id);
  if (cached != tables.end() && cached->second.body == body.Rest()) {
    return TableMapEvent{cached->second.map};
  }
  ASSIGN_OR_RETURN(TableMap map, DecodeTableMap(body.Rest(), post_header_length,
                                                format->is_mariadb ? TableMapFlavor::kMariaDb
                                                                   : TableMapFlavor::kMySql));
  auto shared = std::make_shared<const TableMap>(std::move(map));
  tables[table_id] = CachedTable{std::string(body.Rest()), shared};
  return TableMapEvent{std::move(shared)};
}

Result<EventBody> EventDecoder::State::DecodeRows(const EventHeader& header, ByteReader& body) {
  const RowsEventInfo info{header.type_code, format->PostHeaderLength(header.type_code)};
  ASSIGN_OR_RETURN(uint64_t table_id, PeekRowsTableId(body.Rest(), info));
  auto it = tables.find(table_id);
  if (it == tables.end()) {
    return CorruptionError(
        fmt::format("table id {} has no TABLE_MAP_EVENT before it (did the stream start inside a "
                    "transaction?)",
                    table_id));
  }
  const TableMap& map = *it->second.map;
  RowDecodeOptions row_options;
  if (options.schema_lookup) {
    row_options.schema = options.schema_lookup(map.database, map.table);
  }
  row_options.text_converter = options.text_converter;
  row_options.max_decompressed_bytes = options.max_event_bytes;
  RowsEvent rows = std::move(spare_rows);
  const Status status = rows_decoder.DecodeInto(body.Rest(), info, map, row_options, &rows);
  if (!status.ok()) {
    return status.WithContext(fmt::format("table {}.{}", map.database, map.table));
  }
  return RowsEventData{it->second.map, std::move(rows)};
}

Result<EventBody> EventDecoder::State::DecodeBody(const EventHeader& header, ByteReader& body) {
  const auto type = static_cast<EventType>(header.type_code);
  if (IsRowsEventType(header.type_code)) {
    return DecodeRows(header, body);
  }
  switch (type) {
    case EventType::kTableMap:
      return DecodeTableMapBody(body);
    case EventType::kQuery:
    case EventType::kExecuteLoadQuery:
    case EventType::kQueryCompressed:
      // A compressed QUERY has the QUERY post-header (MySQL-format tables do not list 165).
      return AsBody(DecodeQuery(
          body,
          format->PostHeaderLength(type == EventType::kQueryCompressed ? uint8_t{2}
                                                                       : header.type_code),
          type == EventType::kQueryCompressed, options.max_event_bytes));
    case EventType::kXid:
      return AsBody(DecodeXid(body));
    case EventType::kGtid:
    case EventType::kAnonymousGtid:
      return AsBody(DecodeGtid(body, type == EventType::kAnonymousGtid));
    case EventType::kGtidTagged:
      return AsBody(DecodeGtidTagged(body));
    case EventType::kMariaGtid:
      return AsBody(DecodeMariaGtid(body));
    default:
      return DecodeOther(header, body);
  }
}

Result<EventBody> EventDecoder::State::DecodeOther(const EventHeader& header, ByteReader& body) {
  const auto type = static_cast<EventType>(header.type_code);
  switch (type) {
    case EventType::kRotate:
      return AsBody(DecodeRotate(body, format->PostHeaderLength(header.type_code)));
    case EventType::kStop:
      return StopEvent{};
    case EventType::kPreviousGtids:
      return AsBody(DecodePreviousGtids(body));
    case EventType::kMariaGtidList:
      return AsBody(DecodeMariaGtidList(body));
    case EventType::kBinlogCheckpoint:
      return AsBody(DecodeBinlogCheckpoint(body));
    case EventType::kAnnotateRows:
      return AsBody(DecodeAnnotateRows(body));
    case EventType::kRowsQuery:
      return AsBody(DecodeRowsQuery(body));
    case EventType::kIntvar:
      return AsBody(DecodeIntvar(body));
    case EventType::kRand:
      return AsBody(DecodeRand(body));
    case EventType::kUserVar:
      return AsBody(DecodeUserVar(body));
    case EventType::kIncident:
      return AsBody(DecodeIncident(body));
    case EventType::kHeartbeat:
      return AsBody(DecodeHeartbeatV1(body, header.next_position));
    case EventType::kHeartbeatV2:
      return AsBody(DecodeHeartbeatV2(body));
    case EventType::kXaPrepare:
      return AsBody(DecodeXaPrepare(body));
    case EventType::kTransactionPayload: {
      ASSIGN_OR_RETURN(TransactionPayload payload, DecodeTransactionPayloadHeader(body));
      return payload.header;
    }
    case EventType::kStartEncryption:
      return UnimplementedError(
          "the binlog file is encrypted (encrypt_binlog=ON); binlake cannot decrypt it. Read "
          "it through the server, which sends events decrypted to replicas");
    default:
      break;
  }
  if (IsOpaqueKnownType(type) || (header.flags & kEventFlagIgnorable) != 0) {
    return OpaqueEvent{CarriesStatementData(type)};
  }
  return UnimplementedError(fmt::format(
      "unknown event type {} without the ignorable flag: it may carry data, so binlake stops",
      header.type_code));
}

Status EventDecoder::State::DeliverPayload(const Event& outer, const TransactionPayload& payload,
                                           const EventCallback& on_event) {
  RETURN_IF_ERROR(payload_reader.Start(payload, options.max_event_bytes));
  while (true) {
    Location where{outer.source, outer.offset, outer.end_offset, std::nullopt};
    Result<std::optional<InnerEvent>> inner = payload_reader.Next();
    if (!inner.ok()) {
      return WithLocation(inner.status(), where, outer.header.type_code);
    }
    if (!inner->has_value()) {
      return Status::Ok();
    }
    where.payload_offset = (*inner)->payload_offset;
    const std::string_view bytes = (*inner)->bytes;
    Result<Event> event = DecodeEvent(bytes, where, true);
    if (!event.ok()) {
      return WithLocation(event.status(), where, TypeCodeOf(bytes));
    }
    if (event->type() == EventType::kTransactionPayload) {
      return WithLocation(CorruptionError("a TRANSACTION_PAYLOAD inside a TRANSACTION_PAYLOAD"),
                          where, event->header.type_code);
    }
    RETURN_IF_ERROR(on_event(*event));
    Recycle(*event);
  }
}

Status EventDecoder::Decode(const io::RawBinlogEvent& raw, const EventCallback& on_event) {
  const Location where{raw.source, raw.offset, raw.offset + raw.bytes.size(), std::nullopt};
  if (raw.bytes.size() < io::kMinBinlogEventLength) {
    return CorruptionError(fmt::format("{}: offset {}: event of {} bytes is shorter than a header",
                                       raw.source, raw.offset, raw.bytes.size()));
  }
  const uint8_t type_code = state_->TypeCodeOf(raw.bytes);
  Result<Event> event = state_->DecodeEvent(raw.bytes, where, false);
  if (!event.ok()) {
    return WithLocation(event.status(), where, type_code);
  }
  RETURN_IF_ERROR(on_event(*event));
  if (event->type() != EventType::kTransactionPayload) {
    state_->Recycle(*event);
    return Status::Ok();
  }
  // Re-read the payload bytes (the Event keeps only the header fields).
  const size_t header_length = state_->format->header_length;
  const size_t body_length = raw.bytes.size() - header_length -
                             (state_->format->checksum == ChecksumAlgorithm::kCrc32 ? 4 : 0);
  ByteReader body(raw.bytes.substr(header_length, body_length), raw.offset + header_length);
  ASSIGN_OR_RETURN(TransactionPayload payload, DecodeTransactionPayloadHeader(body));
  return state_->DeliverPayload(*event, payload, on_event);
}

Status DecodeAll(io::BinlogTransport& transport, EventDecoder& decoder,
                 const EventCallback& on_event) {
  while (true) {
    ASSIGN_OR_RETURN(std::optional<io::RawBinlogEvent> raw, transport.Next());
    if (!raw) {
      return Status::Ok();
    }
    RETURN_IF_ERROR(decoder.Decode(*raw, on_event));
  }
}

}  // namespace binlake::binlog
