// EventDecoder: raw binlog events (io/binlog_transport.h) → decoded Events (events.h).
//
// Contract:
//   - Stateful, one per binlog stream. It learns the format from the first event of each file
//     (FORMAT_DESCRIPTION_EVENT, or START_EVENT_V3 for binlog v1/v3) and keeps: the header
//     length, the post-header lengths, the checksum algorithm, and the TABLE_MAP cache by table
//     id (a TABLE_MAP replaces an earlier one with the same id). Any event before the format is
//     known is FailedPrecondition (a transport starting mid-file must first deliver the file's
//     FORMAT_DESCRIPTION, as BinlogFileTransport does).
//   - Checksums: with CRC32, every event's CRC is verified (a mismatch is Corruption naming the
//     offset and both values) and stripped; with OFF (binlog_checksum=NONE) events have no
//     checksum bytes, except the FORMAT_DESCRIPTION itself, which always ends with the algorithm
//     byte and a 4-byte checksum field on servers from MySQL 5.6.1 / MariaDB 5.3 on (older
//     servers have neither). Events inside a TRANSACTION_PAYLOAD carry no checksum.
//   - Decode() calls `on_event` once per event, in order; for TRANSACTION_PAYLOAD it calls it for
//     the payload event and then for each inner event, which is decompressed with zstd in
//     streaming fashion (memory: one inner event plus a fixed window, whatever the payload size).
//     An error returned by `on_event` stops decoding and is returned as-is. The Event passed to
//     `on_event` is valid only during the call (the decoder reuses its storage for the next
//     event); copy it to keep it.
//   - Never skips data: an unknown event type is delivered as OpaqueEvent only when its header
//     has LOG_EVENT_IGNORABLE_F; otherwise Unimplemented naming the type code. START_ENCRYPTION
//     is Unimplemented (an encrypted binlog needs the server's key). A row event whose table id
//     has no TABLE_MAP is Corruption. INCIDENT is delivered (the assembler stops on it).
//   - Errors (Corruption for malformed bytes, Unimplemented for valid constructs binlake does not
//     support) are prefixed "<file>: offset <N>[, payload offset <M>]: <EVENT_TYPE_NAME>
//     [table db.tbl]: ".
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/binlog/charset.h"
#include "binlake/binlog/events.h"
#include "binlake/io/binlog_transport.h"
#include "binlake/mysql/column_type.h"

namespace binlake::binlog {

struct DecoderOptions {
  // The declared schema of a table, or null when unknown (signedness, ENUM/SET members and
  // charsets for servers without TABLE_MAP optional metadata). May be empty.
  std::function<const mysql::TableSchema*(std::string_view database, std::string_view table)>
      schema_lookup;
  // Converts text in charsets the core does not decode (gbk, big5, ...); may be null, and then
  // such text is Unimplemented. Must outlive the decoder.
  const TextConverter* text_converter = nullptr;
  // Upper bound for one event inside a TRANSACTION_PAYLOAD and for an inflated compressed QUERY
  // (a corrupt length field must not make the decoder allocate gigabytes).
  uint64_t max_event_bytes = uint64_t{1} << 30;
};

using EventCallback = std::function<Status(const Event&)>;

class EventDecoder {
 public:
  explicit EventDecoder(DecoderOptions options = {});
  ~EventDecoder();
  EventDecoder(const EventDecoder&) = delete;
  EventDecoder& operator=(const EventDecoder&) = delete;

  // Decodes one whole raw event (see the contract above).
  Status Decode(const io::RawBinlogEvent& raw, const EventCallback& on_event);

  // The format of the current file, or null before the first FORMAT_DESCRIPTION.
  const FormatDescriptionEvent* format() const;
  // The TABLE_MAP last seen for `table_id`, or null.
  const TableMap* FindTable(uint64_t table_id) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Reads `transport` to its end and decodes every event into `on_event`.
Status DecodeAll(io::BinlogTransport& transport, EventDecoder& decoder,
                 const EventCallback& on_event);

}  // namespace binlake::binlog
