// The binlog event type codes of MySQL (0..42) and MariaDB (160..171), with their names as the
// servers spell them (WRITE_ROWS_EVENT, ...) and the classifications the decoder needs.
//
// The numbers are the wire protocol's and must not change. A code outside this list is an
// unknown event: the decoder skips it only when its header carries LOG_EVENT_IGNORABLE_F
// (kEventFlagIgnorable) and fails otherwise, because an unknown event may carry rows.
#pragma once

#include <cstdint>
#include <string_view>

namespace binlake::binlog {

enum class EventType : uint8_t {
  kUnknown = 0,
  kStartV3 = 1,
  kQuery = 2,
  kStop = 3,
  kRotate = 4,
  kIntvar = 5,
  kLoad = 6,
  kSlave = 7,
  kCreateFile = 8,
  kAppendBlock = 9,
  kExecLoad = 10,
  kDeleteFile = 11,
  kNewLoad = 12,
  kRand = 13,
  kUserVar = 14,
  kFormatDescription = 15,
  kXid = 16,
  kBeginLoadQuery = 17,
  kExecuteLoadQuery = 18,
  kTableMap = 19,
  kPreGaWriteRows = 20,  // rows v0 (MySQL 5.1.0 - 5.1.15)
  kPreGaUpdateRows = 21,
  kPreGaDeleteRows = 22,
  kWriteRowsV1 = 23,
  kUpdateRowsV1 = 24,
  kDeleteRowsV1 = 25,
  kIncident = 26,
  kHeartbeat = 27,
  kIgnorable = 28,
  kRowsQuery = 29,
  kWriteRowsV2 = 30,
  kUpdateRowsV2 = 31,
  kDeleteRowsV2 = 32,
  kGtid = 33,
  kAnonymousGtid = 34,
  kPreviousGtids = 35,
  kTransactionContext = 36,
  kViewChange = 37,
  kXaPrepare = 38,
  kPartialUpdateRows = 39,
  kTransactionPayload = 40,
  kHeartbeatV2 = 41,
  kGtidTagged = 42,
  // MariaDB
  kAnnotateRows = 160,
  kBinlogCheckpoint = 161,
  kMariaGtid = 162,
  kMariaGtidList = 163,
  kStartEncryption = 164,
  kQueryCompressed = 165,
  kWriteRowsCompressedV1 = 166,
  kUpdateRowsCompressedV1 = 167,
  kDeleteRowsCompressedV1 = 168,
  kWriteRowsCompressed = 169,
  kUpdateRowsCompressed = 170,
  kDeleteRowsCompressed = 171,
};

// Common-header flags (the 16-bit `flags` field of binlog v3/v4 headers).
inline constexpr uint16_t kEventFlagBinlogInUse = 0x0001;  // LOG_EVENT_BINLOG_IN_USE_F (FDE)
inline constexpr uint16_t kEventFlagArtificial = 0x0020;   // LOG_EVENT_ARTIFICIAL_F
inline constexpr uint16_t kEventFlagRelayLog = 0x0040;     // LOG_EVENT_RELAY_LOG_F
inline constexpr uint16_t kEventFlagIgnorable = 0x0080;    // LOG_EVENT_IGNORABLE_F

// The server's name for `code` ("WRITE_ROWS_EVENT_V1", "GTID_LOG_EVENT", ...), or "" when the
// code is not a known event type.
std::string_view EventTypeName(uint8_t code);

// True for every known code (the enumerators above except kUnknown).
bool IsKnownEventType(uint8_t code);

// True for the events that carry row images: rows v0/v1/v2, PARTIAL_UPDATE_ROWS and MariaDB's
// compressed rows events.
bool IsRowsEventType(uint8_t code);

}  // namespace binlake::binlog
