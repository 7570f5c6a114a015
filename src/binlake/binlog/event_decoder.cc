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

// Stores a decoded body in `out`.
template <typename T>
Status Store(Result<T> result, EventBody& out) {
  if (!result.ok()) {
    return result.status();
  }
  out = std::move(*result);
  return Status::Ok();
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
  RowsEvent spare_rows;  // row storage kept while `event` holds another kind of body
  Event event;           // the event being delivered, reused so its storage is too
  Event inner_event;     // the same for the events inside a TRANSACTION_PAYLOAD

  // Keeps the row storage of `body` before it is overwritten by another kind of body.
  void Recycle(EventBody& body) {
    if (auto* rows = std::get_if<RowsEventData>(&body)) {
      spare_rows = std::move(rows->rows);
    }
  }

  // The event type of whole event `bytes`, in today's numbering.
  uint8_t TypeCodeOf(std::string_view bytes) const {
    const auto code = static_cast<uint8_t>(bytes[4]);
    return format && code < format->type_map.size() ? format->type_map[code] : code;
  }
  // Decodes the body of a non-format event.
  Status DecodeBody(const EventHeader& header, ByteReader& body, EventBody& out);
  Status DecodeRows(const EventHeader& header, ByteReader& body, EventBody& out);
  Status DecodeTableMapBody(ByteReader& body, EventBody& out);
  Status DecodeOther(const EventHeader& header, ByteReader& body, EventBody& out);
  Status DecodeFormatEvent(std::string_view bytes, const Location& where, Event& out);
  // Decodes whole event `bytes` into `out` (whose storage is reused).
  Status DecodeEvent(std::string_view bytes, const Location& where, bool inner, Event& out);
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

Status EventDecoder::State::DecodeFormatEvent(std::string_view bytes, const Location& where,
                                              Event& out) {
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
  Recycle(out.body);
  out = Event{header,           where.source,         where.offset,
              where.end_offset, where.payload_offset, std::move(fde)};
  return Status::Ok();
}

Status EventDecoder::State::DecodeEvent(std::string_view bytes, const Location& where, bool inner,
                                        Event& out) {
  const auto type_code = static_cast<uint8_t>(bytes[4]);
  const auto type = static_cast<EventType>(type_code);
  if (type == EventType::kFormatDescription || type == EventType::kStartV3) {
    if (inner) {
      return CorruptionError("a format description inside a TRANSACTION_PAYLOAD");
    }
    return DecodeFormatEvent(bytes, where, out);
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
  if (!IsRowsEventType(header.type_code)) {
    Recycle(out.body);
  }
  RETURN_IF_ERROR(DecodeBody(header, body, out.body));
  out.header = header;
  out.source = where.source;
  out.offset = where.offset;
  out.end_offset = where.end_offset;
  out.payload_offset = where.payload_offset;
  return Status::Ok();
}

Status EventDecoder::State::DecodeTableMapBody(ByteReader& body, EventBody& out) {
  const uint8_t post_header_length =
      format->PostHeaderLength(static_cast<uint8_t>(EventType::kTableMap));
  ASSIGN_OR_RETURN(const uint64_t table_id, TableMapId(body, post_header_length));
  auto cached = tables.find(table_id);
  if (cached != tables.end() && cached->second.body == body.Rest()) {
    out = TableMapEvent{cached->second.map};
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(TableMap map, DecodeTableMap(body.Rest(), post_header_length,
                                                format->is_mariadb ? TableMapFlavor::kMariaDb
                                                                   : TableMapFlavor::kMySql));
  auto shared = std::make_shared<const TableMap>(std::move(map));
  tables[table_id] = CachedTable{std::string(body.Rest()), shared};
  out = TableMapEvent{std::move(shared)};
  return Status::Ok();
}

Status EventDecoder::State::DecodeRows(const EventHeader& header, ByteReader& body,
                                       EventBody& out) {
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
  auto* data = std::get_if<RowsEventData>(&out);
  if (data == nullptr) {
    data = &out.emplace<RowsEventData>();
    data->rows = std::move(spare_rows);
  }
  data->table = it->second.map;
  const Status status = rows_decoder.DecodeInto(body.Rest(), info, map, row_options, &data->rows);
  if (!status.ok()) {
    return status.WithContext(fmt::format("table {}.{}", map.database, map.table));
  }
  return Status::Ok();
}

Status EventDecoder::State::DecodeBody(const EventHeader& header, ByteReader& body,
                                       EventBody& out) {
  const auto type = static_cast<EventType>(header.type_code);
  if (IsRowsEventType(header.type_code)) {
    return DecodeRows(header, body, out);
  }
  switch (type) {
    case EventType::kTableMap:
      return DecodeTableMapBody(body, out);
    case EventType::kQuery:
    case EventType::kExecuteLoadQuery:
    case EventType::kQueryCompressed:
      // A compressed QUERY has the QUERY post-header (MySQL-format tables do not list 165).
      return Store(
          DecodeQuery(body,
                      format->PostHeaderLength(
                          type == EventType::kQueryCompressed ? uint8_t{2} : header.type_code),
                      type == EventType::kQueryCompressed, options.max_event_bytes),
          out);
    case EventType::kXid:
      return Store(DecodeXid(body), out);
    case EventType::kGtid:
    case EventType::kAnonymousGtid:
      return Store(DecodeGtid(body, type == EventType::kAnonymousGtid), out);
    case EventType::kGtidTagged:
      return Store(DecodeGtidTagged(body), out);
    case EventType::kMariaGtid:
      return Store(DecodeMariaGtid(body), out);
    default:
      return DecodeOther(header, body, out);
  }
}

Status EventDecoder::State::DecodeOther(const EventHeader& header, ByteReader& body,
                                        EventBody& out) {
  const auto type = static_cast<EventType>(header.type_code);
  switch (type) {
    case EventType::kRotate:
      return Store(DecodeRotate(body, format->PostHeaderLength(header.type_code)), out);
    case EventType::kStop:
      out = StopEvent{};
      return Status::Ok();
    case EventType::kPreviousGtids:
      return Store(DecodePreviousGtids(body), out);
    case EventType::kMariaGtidList:
      return Store(DecodeMariaGtidList(body), out);
    case EventType::kBinlogCheckpoint:
      return Store(DecodeBinlogCheckpoint(body), out);
    case EventType::kAnnotateRows:
      return Store(DecodeAnnotateRows(body), out);
    case EventType::kRowsQuery:
      return Store(DecodeRowsQuery(body), out);
    case EventType::kIntvar:
      return Store(DecodeIntvar(body), out);
    case EventType::kRand:
      return Store(DecodeRand(body), out);
    case EventType::kUserVar:
      return Store(DecodeUserVar(body), out);
    case EventType::kIncident:
      return Store(DecodeIncident(body), out);
    case EventType::kHeartbeat:
      return Store(DecodeHeartbeatV1(body, header.next_position), out);
    case EventType::kHeartbeatV2:
      return Store(DecodeHeartbeatV2(body), out);
    case EventType::kXaPrepare:
      return Store(DecodeXaPrepare(body), out);
    case EventType::kTransactionPayload: {
      ASSIGN_OR_RETURN(TransactionPayload payload, DecodeTransactionPayloadHeader(body));
      out = payload.header;
      return Status::Ok();
    }
    case EventType::kStartEncryption:
      return UnimplementedError(
          "the binlog file is encrypted (encrypt_binlog=ON); binlake cannot decrypt it. Read "
          "it through the server, which sends events decrypted to replicas");
    default:
      break;
  }
  if (IsOpaqueKnownType(type) || (header.flags & kEventFlagIgnorable) != 0) {
    out = OpaqueEvent{CarriesStatementData(type)};
    return Status::Ok();
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
    const Status status = DecodeEvent(bytes, where, true, inner_event);
    if (!status.ok()) {
      return WithLocation(status, where, TypeCodeOf(bytes));
    }
    if (inner_event.type() == EventType::kTransactionPayload) {
      return WithLocation(CorruptionError("a TRANSACTION_PAYLOAD inside a TRANSACTION_PAYLOAD"),
                          where, inner_event.header.type_code);
    }
    RETURN_IF_ERROR(on_event(inner_event));
  }
}

Status EventDecoder::Decode(const io::RawBinlogEvent& raw, const EventCallback& on_event) {
  const Location where{raw.source, raw.offset, raw.offset + raw.bytes.size(), std::nullopt};
  if (raw.bytes.size() < io::kMinBinlogEventLength) {
    return CorruptionError(fmt::format("{}: offset {}: event of {} bytes is shorter than a header",
                                       raw.source, raw.offset, raw.bytes.size()));
  }
  const uint8_t type_code = state_->TypeCodeOf(raw.bytes);
  Event& event = state_->event;
  const Status status = state_->DecodeEvent(raw.bytes, where, false, event);
  if (!status.ok()) {
    return WithLocation(status, where, type_code);
  }
  RETURN_IF_ERROR(on_event(event));
  if (event.type() != EventType::kTransactionPayload) {
    return Status::Ok();
  }
  // Re-read the payload bytes (the Event keeps only the header fields).
  const size_t header_length = state_->format->header_length;
  const size_t body_length = raw.bytes.size() - header_length -
                             (state_->format->checksum == ChecksumAlgorithm::kCrc32 ? 4 : 0);
  ByteReader body(raw.bytes.substr(header_length, body_length), raw.offset + header_length);
  ASSIGN_OR_RETURN(TransactionPayload payload, DecodeTransactionPayloadHeader(body));
  return state_->DeliverPayload(event, payload, on_event);
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
