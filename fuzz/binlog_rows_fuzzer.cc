// Fuzz target for row-image decoding: a TABLE_MAP body and a rows event body decoded together
// (DecodeTableMap, ResolveColumnType, PeekRowsTableId, DecodeRowsEvent, RowsDecoder reuse), and
// binary JSON on its own (JsonBinaryToText, ApplyJsonDiffs).
//
// Input layout (fuzz/corpus/binlog_rows/ seeds are TABLE_MAP + rows pairs from the fixtures):
//   byte 0     rows event type code; 0xFF selects the JSON mode instead
//   byte 1     bit 0: post-header length 6 (4-byte table ids), else 8 (10 for rows v2);
//              bit 1: MariaDB flavour for the TABLE_MAP
//   bytes 2-3  u16le N, the TABLE_MAP body length; then N bytes of TABLE_MAP body; the rest is
//              the rows body.
//   JSON mode: byte 1 splits the rest into a before document (first byte1 % size bytes) and a
//              diff list; the whole rest is also rendered as one document.
// Contract checked: no crash, no sanitizer report, bounded work; a decoded event has one value
// and one presence flag per column in every image, and decoding the same event again with a
// reused RowsDecoder gives the same rows.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "binlake/binlog/json_binary.h"
#include "binlake/binlog/json_diff.h"
#include "binlake/binlog/rows_event.h"
#include "binlake/binlog/table_map.h"

namespace binlake::binlog {
namespace {

void Check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

void FuzzJson(std::string_view rest, uint8_t split) {
  std::string text;
  (void)JsonBinaryToText(rest, &text);
  const size_t at = rest.empty() ? 0 : split % rest.size();
  (void)ApplyJsonDiffs(rest.substr(0, at), rest.substr(at), &text);
}

// Value equality where a float or double compares by its bits (NaN != NaN otherwise).
bool SameValues(const std::vector<mysql::Value>& a, const std::vector<mysql::Value>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (const auto* f = std::get_if<float>(&a[i])) {
      const auto* g = std::get_if<float>(&b[i]);
      if (g == nullptr || std::bit_cast<uint32_t>(*f) != std::bit_cast<uint32_t>(*g)) {
        return false;
      }
    } else if (const auto* d = std::get_if<double>(&a[i])) {
      const auto* e = std::get_if<double>(&b[i]);
      if (e == nullptr || std::bit_cast<uint64_t>(*d) != std::bit_cast<uint64_t>(*e)) {
        return false;
      }
    } else if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

void CheckImage(const RowImage& image, size_t columns) {
  Check(image.values.size() == columns && image.present.size() == columns);
}

void FuzzRows(uint8_t event_type, uint8_t flags, std::string_view table_map,
              std::string_view rows) {
  const uint8_t post_header = (flags & 1) != 0 ? 6 : 8;
  const TableMapFlavor flavor =
      (flags & 2) != 0 ? TableMapFlavor::kMariaDb : TableMapFlavor::kMySql;
  Result<TableMap> map = DecodeTableMap(table_map, post_header, flavor);
  if (!map.ok()) {
    return;
  }
  const size_t columns = map->column_types.size();
  for (size_t i = 0; i < columns; ++i) {
    (void)ResolveColumnType(*map, i, nullptr);
  }
  const RowsEventInfo info{.event_type = event_type,
                           .post_header_length = static_cast<uint8_t>(post_header == 6 ? 6 : 10)};
  (void)PeekRowsTableId(rows, info);
  RowDecodeOptions options;
  options.max_decompressed_bytes = 1 << 20;
  options.max_values_per_event = 1 << 16;
  Result<RowsEvent> event = DecodeRowsEvent(rows, info, *map, options);
  if (!event.ok()) {
    return;
  }
  for (const RowChange& change : event->rows) {
    CheckImage(change.op == RowOp::kInsert ? change.after : change.before, columns);
    if (change.op == RowOp::kUpdate) {
      CheckImage(change.after, columns);
    }
  }
  RowsDecoder decoder;
  RowsEvent again;
  Check(decoder.DecodeInto(rows, info, *map, options, &again).ok());
  Check(decoder.DecodeInto(rows, info, *map, options, &again).ok());
  Check(again.rows.size() == event->rows.size());
  for (size_t r = 0; r < again.rows.size(); ++r) {
    Check(SameValues(again.rows[r].before.values, event->rows[r].before.values));
    Check(SameValues(again.rows[r].after.values, event->rows[r].after.values));
  }
}

}  // namespace
}  // namespace binlake::binlog

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto event_type = static_cast<uint8_t>(input[0]);
  const auto flags = static_cast<uint8_t>(input[1]);
  if (event_type == 0xFF) {
    binlake::binlog::FuzzJson(input.substr(2), flags);
    return 0;
  }
  const size_t table_map_length =
      static_cast<uint8_t>(input[2]) | (size_t{static_cast<uint8_t>(input[3])} << 8);
  const std::string_view rest = input.substr(4);
  if (table_map_length > rest.size()) {
    return 0;
  }
  binlake::binlog::FuzzRows(event_type, flags, rest.substr(0, table_map_length),
                            rest.substr(table_map_length));
  return 0;
}
