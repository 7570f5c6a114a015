// Row events: WRITE/UPDATE/DELETE_ROWS v0/v1/v2, PARTIAL_UPDATE_ROWS (MySQL 8), and MariaDB's
// compressed row events, decoded into typed values.
//
// Contract:
//   DecodeRowsEvent parses one row event body (after the common header, before the checksum)
//   against the TABLE_MAP it refers to, and returns every row with one mysql::Value per table
//   column for each image present. It never skips a row or a column: anything it cannot decode
//   exactly is an error (Corruption for malformed bytes, Unimplemented for a valid construct we
//   do not support), whose message names the table, the column, the row number and the offset
//   within the event.
//   - Columns absent from an image (MINIMAL/NOBLOB row images) are Null in that image and false
//     in the image's `present` bitmap, so "absent" and "NULL" stay distinguishable.
//   - PARTIAL_UPDATE_ROWS: the JSON diffs are applied onto the before image, so `after` is the
//     full after image, as for a plain UPDATE. When the before image lacks the column
//     (binlog_row_image=MINIMAL) that is impossible: FailedPrecondition.
//   - Text is converted to UTF-8 from the column's charset (collation id from the optional
//     metadata, else from `options.schema`); binary strings are passed through. A text column
//     whose charset is known neither way is delivered as Binary (its raw bytes), never guessed.
//   - Signedness comes from the SIGNEDNESS optional metadata, else from `options.schema`; with
//     neither, integers are decoded as signed (what a server without optional metadata means
//     for the common case, and what mysqlbinlog prints first).
//   - MariaDB UUID, INET4 and INET6 travel as fixed BINARY strings: they are Binary with the
//     stored bytes (UUID in MariaDB's stored byte order); rendering them is the consumer's job.
//   - MariaDB 5.3 "hires" TIME(n)/DATETIME(n)/TIMESTAMP(n) carry no precision in the binlog;
//     they decode correctly only with `options.schema` (temporal.h).
//   - v2 extra row info is kept raw in RowsEvent::extra_row_info (partition ids, NDB info).
//   The caller finds the TableMap by the table id at the start of the body (PeekRowsTableId).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/binlog/charset.h"
#include "binlake/binlog/column_decoder.h"
#include "binlake/binlog/table_map.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::binlog {

enum class RowOp : uint8_t { kInsert, kUpdate, kDelete };

struct RowsEventInfo {
  uint8_t event_type = 0;          // the wire event type code
  uint8_t post_header_length = 0;  // from the FORMAT_DESCRIPTION event
};

struct RowDecodeOptions {
  // The table's declared schema, when the caller has one (signedness, ENUM/SET members and
  // charsets for servers without optional metadata). May be null.
  const mysql::TableSchema* schema = nullptr;
  // Converts text in charsets the core does not decode itself (gbk, big5, sjis, cp1251, ...);
  // may be null, and then such text is Unimplemented (never silently passed through).
  const TextConverter* text_converter = nullptr;
  // The largest decompressed body a MariaDB compressed rows event may declare.
  size_t max_decompressed_bytes = size_t{1} << 30;
  // The most values (rows x table columns) one event may expand to: a MINIMAL image of a wide
  // table costs a few bytes per row on the wire but one Value per column in memory.
  size_t max_values_per_event = size_t{1} << 26;
};

struct RowImage {
  std::vector<bool> present;         // per table column: included in this image
  std::vector<mysql::Value> values;  // per table column
};

struct RowChange {
  RowOp op = RowOp::kInsert;
  RowImage before;  // DELETE and UPDATE
  RowImage after;   // INSERT and UPDATE
};

struct RowsEvent {
  uint64_t table_id = 0;
  uint16_t flags = 0;  // bit 0: statement end (the last row event of a statement)
  RowOp op = RowOp::kInsert;
  // v2 extra row info: the NDB/partition info MySQL writes (raw), empty when absent.
  std::string extra_row_info;
  std::vector<RowChange> rows;
};

// The table id a row event body refers to, read without decoding the rest.
Result<uint64_t> PeekRowsTableId(std::string_view body, const RowsEventInfo& info);

Result<RowsEvent> DecodeRowsEvent(std::string_view body, const RowsEventInfo& info,
                                  const TableMap& table, const RowDecodeOptions& options);

// The same decoding into caller-owned storage, for the hot path: a RowsDecoder keeps its
// per-table scratch (column codecs, decompression buffer) and DecodeInto reuses the RowChange
// elements, value vectors and string capacity already in `*out`, so a steady stream of
// similar events decodes without allocating. On error *out holds partial rows (do not use it).
// One RowsDecoder per thread.
class RowsDecoder {
 public:
  Status DecodeInto(std::string_view body, const RowsEventInfo& info, const TableMap& table,
                    const RowDecodeOptions& options, RowsEvent* out);

 private:
  std::vector<ColumnCodec> codecs_;
  std::string decompressed_;
  std::vector<std::string_view> json_before_;  // raw before-image JSON of the current row
};

}  // namespace binlake::binlog
