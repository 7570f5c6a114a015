// Decoded binlog events: the common header and one struct per event body, produced by
// EventDecoder (event_decoder.h) and consumed by the transaction assembler, the CLI dumps and
// the conformance tests.
//
// Conventions:
//   - Every field is decoded; nothing is left as raw bytes except where the format itself is
//     opaque (user-variable values of unknown type, V2 extra row info).
//   - Strings are owned (std::string): an Event can be kept after the raw bytes are gone, except
//     for Event::source, which borrows the transport's file name for the duration of the
//     callback.
//   - Times: header timestamps are seconds since the epoch (UTC); commit timestamps are
//     microseconds since the epoch.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "binlake/binlog/event_type.h"
#include "binlake/binlog/rows_event.h"
#include "binlake/binlog/table_map.h"

namespace binlake::binlog {

// The binlog checksum algorithm announced by the FORMAT_DESCRIPTION event. kUndefined: a server
// older than MySQL 5.6.1 / MariaDB 5.3 that has no checksum field at all.
enum class ChecksumAlgorithm : uint8_t { kOff = 0, kCrc32 = 1, kUndefined = 255 };

// The common header. Binlog v1 headers (13 bytes) have no next_position and no flags (both 0).
struct EventHeader {
  uint32_t timestamp = 0;  // seconds since the epoch: when the statement started
  uint8_t type_code = 0;   // EventType; may be a code binlake does not know
  uint32_t server_id = 0;
  uint32_t event_length = 0;   // header + body + checksum
  uint32_t next_position = 0;  // log_pos: the offset just past this event (0 inside payloads)
  uint16_t flags = 0;          // kEventFlag*
};

// FORMAT_DESCRIPTION_EVENT (v4) or START_EVENT_V3 (binlog v1 and v3, which the decoder turns
// into the equivalent description with the fixed header and post-header lengths of those
// versions).
struct FormatDescriptionEvent {
  uint16_t binlog_version = 4;
  std::string server_version;  // e.g. "8.0.32", "10.11.6-MariaDB-log"
  uint32_t create_timestamp = 0;
  uint8_t header_length = 19;
  // post_header_lengths[code - 1] is the post-header length of event type `code`.
  std::vector<uint8_t> post_header_lengths;
  ChecksumAlgorithm checksum = ChecksumAlgorithm::kUndefined;
  bool is_mariadb = false;  // the server version names MariaDB
  // Pre-GA MySQL 5.1/5.2 development trees (5.1.1-5.1.5 "a_drop5", 5.1.4-a, 5.2.0-5.2.2
  // "a_drop6") numbered events 16..22 differently: type_map[wire code] is today's code. Empty
  // for every released server. post_header_lengths is already indexed by today's codes.
  std::vector<uint8_t> type_map;

  // The post-header length of `code`, 0 when the table does not list it.
  uint8_t PostHeaderLength(uint8_t code) const {
    return code >= 1 && code <= post_header_lengths.size() ? post_header_lengths[code - 1] : 0;
  }
};

struct RotateEvent {
  uint64_t position = 0;  // where to start in next_file (4 for a new file)
  std::string next_file;
};

struct StopEvent {};

// What a QUERY event's statement does, from its leading keywords (comments and whitespace
// skipped, case-insensitive).
enum class QueryKind : uint8_t {
  kBegin,                // BEGIN, START TRANSACTION, XA START is kXaStart
  kCommit,               // COMMIT (MyISAM-only or DDL-with-XID transactions end this way)
  kRollback,             // ROLLBACK (not ROLLBACK TO SAVEPOINT)
  kSavepoint,            // SAVEPOINT, RELEASE SAVEPOINT
  kRollbackToSavepoint,  // ROLLBACK [WORK] TO [SAVEPOINT]
  kXaStart,
  kXaEnd,
  kXaPrepare,
  kXaCommit,  // XA COMMIT (two-phase, of a prepared transaction)
  kXaRollback,
  kDataChange,  // statement-based DML: INSERT, UPDATE, DELETE, REPLACE, LOAD DATA
  kDdl,         // CREATE, ALTER, DROP, RENAME, TRUNCATE, GRANT, ... (schema changes)
  kOther,       // anything else (SET, FLUSH, ...)
};

// The status variables of a QUERY event, each present only when the server wrote it. Codes the
// decoder does not know stop the parse (the format has no lengths, so nothing after them can be
// read, which is what the server itself does); `first_unknown_code` then names the code.
struct QueryStatusVars {
  std::optional<uint32_t> flags2;                    // Q_FLAGS2_CODE (0)
  std::optional<uint64_t> sql_mode;                  // Q_SQL_MODE_CODE (1)
  std::optional<std::string> catalog;                // Q_CATALOG_CODE (2), Q_CATALOG_NZ_CODE (6)
  std::optional<uint16_t> auto_increment_increment;  // Q_AUTO_INCREMENT (3)
  std::optional<uint16_t> auto_increment_offset;
  std::optional<uint16_t> character_set_client;  // Q_CHARSET_CODE (4)
  std::optional<uint16_t> collation_connection;
  std::optional<uint16_t> collation_server;
  std::optional<std::string> time_zone;          // Q_TIME_ZONE_CODE (5)
  std::optional<uint16_t> lc_time_names;         // Q_LC_TIME_NAMES_CODE (7)
  std::optional<uint16_t> collation_database;    // Q_CHARSET_DATABASE_CODE (8)
  std::optional<uint64_t> table_map_for_update;  // Q_TABLE_MAP_FOR_UPDATE_CODE (9)
  std::optional<uint32_t> master_data_written;   // Q_MASTER_DATA_WRITTEN_CODE (10)
  std::optional<std::string> invoker_user;       // Q_INVOKER (11)
  std::optional<std::string> invoker_host;
  std::vector<std::string> updated_db_names;              // Q_UPDATED_DB_NAMES (12)
  bool updated_db_names_over_max = false;                 //   more databases than the server lists
  std::optional<uint32_t> microseconds;                   // Q_MICROSECONDS (13)
  std::optional<bool> explicit_defaults_for_timestamp;    // Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP (16)
  std::optional<uint64_t> ddl_xid;                        // Q_DDL_LOGGED_WITH_XID (17)
  std::optional<uint16_t> default_collation_for_utf8mb4;  // (18)
  std::optional<bool> sql_require_primary_key;            // (19)
  std::optional<bool> default_table_encryption;           // (20)
  std::optional<uint32_t> hrnow_micros;                   // MariaDB Q_HRNOW (128)
  std::optional<uint64_t> xid;                            // MariaDB Q_XID (129)
  std::optional<uint8_t> gtid_flags3;                     // MariaDB Q_GTID_FLAGS3 (130)
  std::optional<uint8_t> first_unknown_code;
};

// QUERY_EVENT, MariaDB QUERY_COMPRESSED_EVENT (statement inflated) and EXECUTE_LOAD_QUERY_EVENT.
struct QueryEvent {
  uint32_t thread_id = 0;
  uint32_t exec_time = 0;  // seconds
  uint16_t error_code = 0;
  std::string database;  // the default database (USE db), may be empty
  std::string statement;
  QueryStatusVars status;
  QueryKind kind = QueryKind::kOther;
};

struct XidEvent {
  uint64_t xid = 0;
};

using Uuid = std::array<uint8_t, 16>;

// MySQL GTID_LOG_EVENT, ANONYMOUS_GTID_LOG_EVENT and GTID_TAGGED_LOG_EVENT (9.x).
struct GtidEvent {
  bool anonymous = false;
  uint8_t flags = 0;  // bit 0: may have (commit_flag)
  Uuid source_id{};
  std::string tag;  // empty when untagged
  int64_t gno = 0;
  bool has_logical_clock = false;
  int64_t last_committed = 0;
  int64_t sequence_number = 0;
  std::optional<uint64_t> immediate_commit_micros;  // MySQL 8.0.1+
  std::optional<uint64_t> original_commit_micros;
  std::optional<uint64_t> transaction_length;        // MySQL 8.0.2+
  std::optional<uint32_t> immediate_server_version;  // MySQL 8.0.14+
  std::optional<uint32_t> original_server_version;
  std::optional<uint64_t> commit_group_ticket;  // MySQL 8.0.26+ (tagged: 9.x field)
};

// One source's intervals in a GTID set; intervals are [start, end) as on the wire.
struct GtidInterval {
  int64_t start = 0;
  int64_t end = 0;
};
struct GtidSetEntry {
  Uuid source_id{};
  std::string tag;
  std::vector<GtidInterval> intervals;
};
struct PreviousGtidsEvent {
  std::vector<GtidSetEntry> entries;
};

// An XA transaction id (XID) as XA START / XA PREPARE name it.
struct XaId {
  int32_t format_id = 0;
  std::string gtrid;
  std::string bqual;
  bool operator==(const XaId&) const = default;
};

struct XaPrepareEvent {
  bool one_phase = false;  // XA COMMIT ... ONE PHASE: prepared and committed in one event group
  XaId xid;
};

// MariaDB GTID_EVENT flags.
inline constexpr uint8_t kMariaGtidStandalone = 0x01;
inline constexpr uint8_t kMariaGtidGroupCommitId = 0x02;
inline constexpr uint8_t kMariaGtidTransactional = 0x04;
inline constexpr uint8_t kMariaGtidAllowParallel = 0x08;
inline constexpr uint8_t kMariaGtidWaited = 0x10;
inline constexpr uint8_t kMariaGtidDdl = 0x20;
inline constexpr uint8_t kMariaGtidPreparedXa = 0x40;
inline constexpr uint8_t kMariaGtidCompletedXa = 0x80;

struct MariaGtidEvent {
  uint64_t sequence = 0;
  uint32_t domain_id = 0;
  uint8_t flags = 0;                  // kMariaGtid*
  std::optional<uint64_t> commit_id;  // kMariaGtidGroupCommitId
  std::optional<XaId> xid;            // kMariaGtidPreparedXa / kMariaGtidCompletedXa
  uint8_t flags_extra = 0;            // 10.5+; 0 when absent
};

struct MariaGtid {
  uint32_t domain_id = 0;
  uint32_t server_id = 0;
  uint64_t sequence = 0;
};
struct MariaGtidListEvent {
  uint8_t flags = 0;  // the top 4 bits of the count field
  std::vector<MariaGtid> gtids;
};

struct BinlogCheckpointEvent {
  std::string file;
};

// MariaDB ANNOTATE_ROWS_EVENT and MySQL ROWS_QUERY_LOG_EVENT: the SQL text behind row events.
struct RowsQueryEvent {
  std::string statement;
};

struct IntvarEvent {
  uint8_t kind = 0;  // 1 LAST_INSERT_ID, 2 INSERT_ID
  uint64_t value = 0;
};

struct RandEvent {
  uint64_t seed1 = 0;
  uint64_t seed2 = 0;
};

struct UserVarEvent {
  std::string name;
  bool is_null = false;
  uint8_t value_type = 0;  // STRING_RESULT 0, REAL_RESULT 1, INT_RESULT 2, ROW 3, DECIMAL 4
  uint32_t charset = 0;    // collation id
  std::string value;       // the value bytes as written (little-endian for REAL/INT)
  uint8_t flags = 0;       // bit 0: unsigned (INT_RESULT)
};

struct IncidentEvent {
  uint16_t incident = 0;  // 1: LOST_EVENTS
  std::string message;
};

// HEARTBEAT_LOG_EVENT (v1: file name in the body, position in the header) and
// HEARTBEAT_LOG_EVENT_V2 (MySQL 8.0.26+: both in a TLV body, 64-bit position).
struct HeartbeatEvent {
  bool v2 = false;
  std::string log_file;
  uint64_t position = 0;
};

// TRANSACTION_PAYLOAD_EVENT (MySQL 8.0.20+). The decoder delivers this event, then every event
// inside the payload, each with payload_offset set.
struct TransactionPayloadEvent {
  uint64_t compression = 0;  // 0 zstd, 255 none
  uint64_t payload_size = 0;
  uint64_t uncompressed_size = 0;
};

struct TableMapEvent {
  std::shared_ptr<const TableMap> table;
};

// WRITE/UPDATE/DELETE_ROWS (v0/v1/v2, compressed) and PARTIAL_UPDATE_ROWS, decoded.
struct RowsEventData {
  std::shared_ptr<const TableMap> table;
  RowsEvent rows;
};

// An event the decoder recognised but that has nothing to decode for binlake: an unknown type
// with LOG_EVENT_IGNORABLE_F, IGNORABLE_LOG_EVENT, TRANSACTION_CONTEXT, VIEW_CHANGE, and the
// pre-5.0 LOAD DATA events (LOAD, NEW_LOAD, CREATE_FILE, APPEND_BLOCK, EXEC_LOAD, DELETE_FILE,
// BEGIN_LOAD_QUERY), whose statement-based data changes the assembler reports
// (`carries_statement_data`).
struct OpaqueEvent {
  bool carries_statement_data = false;
};

using EventBody = std::variant<FormatDescriptionEvent, RotateEvent, StopEvent, QueryEvent, XidEvent,
                               GtidEvent, PreviousGtidsEvent, XaPrepareEvent, MariaGtidEvent,
                               MariaGtidListEvent, BinlogCheckpointEvent, RowsQueryEvent,
                               IntvarEvent, RandEvent, UserVarEvent, IncidentEvent, HeartbeatEvent,
                               TransactionPayloadEvent, TableMapEvent, RowsEventData, OpaqueEvent>;

struct Event {
  EventHeader header;
  std::string_view source;  // binlog file name (borrowed, valid during the callback)
  // Position of the event in `source`; for an event inside a TRANSACTION_PAYLOAD, the position of
  // the payload event.
  uint64_t offset = 0;
  // The position after the event (for an inner event: after its payload event). Resuming at
  // end_offset never re-reads this event.
  uint64_t end_offset = 0;
  // For an event inside a TRANSACTION_PAYLOAD: its offset within the uncompressed payload.
  std::optional<uint64_t> payload_offset;
  EventBody body;

  EventType type() const { return static_cast<EventType>(header.type_code); }
};

// "3e11fa47-71ca-11e1-9e33-c80aa9429562" (lower-case, dashed).
std::string UuidToString(const Uuid& uuid);
// MySQL GTID text: "uuid:gno" or "uuid:tag:gno"; "ANONYMOUS" for anonymous transactions.
std::string GtidToString(const GtidEvent& gtid);
// MariaDB GTID text: "domain-server-sequence".
std::string MariaGtidToString(uint32_t domain_id, uint32_t server_id, uint64_t sequence);
// XA id as the server prints it in XA statements: X'67747269',X'62',1.
std::string XaIdToString(const XaId& xid);

}  // namespace binlake::binlog
