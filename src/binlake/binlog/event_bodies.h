// Decoders for the body of each binlog event type except TABLE_MAP and row events (table_map.h,
// rows_event.h) and TRANSACTION_PAYLOAD (transaction_payload.h). Used by EventDecoder; exposed
// for the golden-byte tests.
//
// Contract: each takes a ByteReader over the event body (after the common header, before the
// checksum), whose base offset is the body's position in the file, so errors name absolute
// offsets. Truncated or inconsistent bodies give Corruption naming the field. A body may carry
// trailing bytes a newer server appended; they are ignored only where the format says so
// (documented per function), otherwise they are Corruption.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/result.h"
#include "binlake/binlog/events.h"

namespace binlake::binlog {

// FORMAT_DESCRIPTION_EVENT. `body` includes the checksum-algorithm byte and the 4-byte
// checksum of checksum-capable servers (the decoder cannot strip what it does not know yet).
Result<FormatDescriptionEvent> DecodeFormatDescription(ByteReader& body);
// START_EVENT_V3 of binlog v1 (header_length 13) or v3 (19), turned into the equivalent
// format description with those versions' post-header lengths.
Result<FormatDescriptionEvent> DecodeStartV3(ByteReader& body, uint8_t header_length);
// Whether a server of this version writes the checksum-algorithm field in its
// FORMAT_DESCRIPTION (MySQL >= 5.6.1, MariaDB >= 5.3.0).
bool ServerWritesChecksumField(std::string_view server_version);

// QUERY_EVENT, EXECUTE_LOAD_QUERY_EVENT and MariaDB QUERY_COMPRESSED_EVENT (statement inflated
// with zlib, at most `max_statement_bytes`). `post_header_length` comes from the format
// description (13 for v4 QUERY, 11 for v1/v3, 26 for EXECUTE_LOAD_QUERY).
Result<QueryEvent> DecodeQuery(ByteReader& body, uint8_t post_header_length, bool compressed,
                               uint64_t max_statement_bytes);
// Parses the status-variable block of a QUERY event.
Result<QueryStatusVars> DecodeQueryStatusVars(ByteReader& block);
// What the statement does, from its leading keywords.
QueryKind ClassifyStatement(std::string_view statement);

// ROTATE_EVENT (v1 has no position field: `post_header_length` 0 means position 4).
Result<RotateEvent> DecodeRotate(ByteReader& body, uint8_t post_header_length);
Result<XidEvent> DecodeXid(ByteReader& body);
Result<IntvarEvent> DecodeIntvar(ByteReader& body);
Result<RandEvent> DecodeRand(ByteReader& body);
Result<UserVarEvent> DecodeUserVar(ByteReader& body);
Result<IncidentEvent> DecodeIncident(ByteReader& body);
// HEARTBEAT_LOG_EVENT: the body is the file name, the position is the header's next_position.
Result<HeartbeatEvent> DecodeHeartbeatV1(ByteReader& body, uint32_t next_position);
Result<HeartbeatEvent> DecodeHeartbeatV2(ByteReader& body);
Result<XaPrepareEvent> DecodeXaPrepare(ByteReader& body);
// ROWS_QUERY_LOG_EVENT (a length byte, which the server truncates at 255, then the text).
Result<RowsQueryEvent> DecodeRowsQuery(ByteReader& body);
// ANNOTATE_ROWS_EVENT (the whole body is the text).
Result<RowsQueryEvent> DecodeAnnotateRows(ByteReader& body);
Result<BinlogCheckpointEvent> DecodeBinlogCheckpoint(ByteReader& body);

// GTID_LOG_EVENT / ANONYMOUS_GTID_LOG_EVENT (fixed layout; fields added by later versions are
// read when present).
Result<GtidEvent> DecodeGtid(ByteReader& body, bool anonymous);
// GTID_TAGGED_LOG_EVENT (MySQL 8.4/9.x serialization-framework message).
Result<GtidEvent> DecodeGtidTagged(ByteReader& body);
// PREVIOUS_GTIDS_LOG_EVENT, untagged and tagged formats.
Result<PreviousGtidsEvent> DecodePreviousGtids(ByteReader& body);
// MariaDB GTID_EVENT (the body is padded; flags_extra and its fields are read when present).
Result<MariaGtidEvent> DecodeMariaGtid(ByteReader& body);
Result<MariaGtidListEvent> DecodeMariaGtidList(ByteReader& body);

// An unsigned integer in MySQL's serialization-framework encoding (libs/mysql/serialization):
// the number of trailing one bits of the first byte + 1 is the byte count, the value is the
// little-endian bytes shifted right by that count; a first byte of 0xff means 8 raw bytes follow.
Result<uint64_t> ReadSerializedVarUint(ByteReader& reader, std::string_view what);
// The MySQL protocol's length-encoded integer (0xfb is refused: it means NULL, not a number).
Result<uint64_t> ReadLengthEncodedInt(ByteReader& reader, std::string_view what);

// One field of the (type, length, value) headers of TRANSACTION_PAYLOAD and HEARTBEAT_V2
// events: type and length are length-encoded integers; type 0 is the end mark (std::nullopt),
// as is the end of the input. `value` is bounded to the field's bytes.
struct TlvField {
  uint64_t type = 0;
  ByteReader value;
};
Result<std::optional<TlvField>> ReadTlvField(ByteReader& reader, std::string_view what);

}  // namespace binlake::binlog
