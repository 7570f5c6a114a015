#include "binlake/binlog/rows_event.h"

#include <bit>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/event_bodies.h"
#include "binlake/binlog/json_diff.h"
#include "binlake/binlog/mariadb_compression.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

using mysql::FieldType;

// The row event kinds by wire type code.
struct RowsEventKind {
  RowOp op = RowOp::kInsert;
  int version = 1;          // 0/1: no extra data; 2: extra data after the post-header
  bool partial = false;     // PARTIAL_UPDATE_ROWS: value options before each after image
  bool compressed = false;  // MariaDB: the rows are zlib-compressed
};

Result<RowsEventKind> KindOf(uint8_t event_type) {
  switch (event_type) {
    case 20:  // PRE_GA_WRITE_ROWS (v0 has the v1 layout)
    case 23:
      return RowsEventKind{.op = RowOp::kInsert, .version = 1};
    case 21:
    case 24:
      return RowsEventKind{.op = RowOp::kUpdate, .version = 1};
    case 22:
    case 25:
      return RowsEventKind{.op = RowOp::kDelete, .version = 1};
    case 30:
      return RowsEventKind{.op = RowOp::kInsert, .version = 2};
    case 31:
      return RowsEventKind{.op = RowOp::kUpdate, .version = 2};
    case 32:
      return RowsEventKind{.op = RowOp::kDelete, .version = 2};
    case 39:
      return RowsEventKind{.op = RowOp::kUpdate, .version = 2, .partial = true};
    case 166:
      return RowsEventKind{.op = RowOp::kInsert, .version = 1, .compressed = true};
    case 167:
      return RowsEventKind{.op = RowOp::kUpdate, .version = 1, .compressed = true};
    case 168:
      return RowsEventKind{.op = RowOp::kDelete, .version = 1, .compressed = true};
    case 169:
      return RowsEventKind{.op = RowOp::kInsert, .version = 2, .compressed = true};
    case 170:
      return RowsEventKind{.op = RowOp::kUpdate, .version = 2, .compressed = true};
    case 171:
      return RowsEventKind{.op = RowOp::kDelete, .version = 2, .compressed = true};
    default:
      return InvalidArgumentError(fmt::format("event type {} is not a rows event", event_type));
  }
}

constexpr uint64_t kPartialJsonUpdates = 1;

Result<uint64_t> ReadTableId(ByteReader& reader, uint8_t post_header_length) {
  if (post_header_length == 6) {
    ASSIGN_OR_RETURN(const uint32_t id, reader.ReadU32Le("table id"));
    return uint64_t{id};
  }
  return reader.ReadU48Le("table id");
}

bool LsbBit(std::string_view bitmap, size_t i) {
  return ((static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1) != 0;
}

size_t CountBits(std::string_view bitmap, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n / 8; ++i) {
    count += static_cast<size_t>(std::popcount(static_cast<uint8_t>(bitmap[i])));
  }
  if (n % 8 != 0) {
    const auto last =
        static_cast<uint8_t>(static_cast<uint8_t>(bitmap[n / 8]) & ((1U << (n % 8)) - 1));
    count += static_cast<size_t>(std::popcount(last));
  }
  return count;
}

// Everything about the current event that the image decoder needs.
struct ImageContext {
  const TableMap* table;
  const std::vector<ColumnCodec>* codecs;
  const TextConverter* converter;
};

Status ColumnError(const ImageContext& ctx, size_t column, size_t row, uint64_t offset,
                   const Status& status) {
  const std::string name = column < ctx.table->column_names.size() ? ctx.table->column_names[column]
                                                                   : fmt::format("#{}", column);
  return status.WithContext(fmt::format("table {}.{} column {} row {} at event offset {}",
                                        ctx.table->database, ctx.table->table, name, row, offset));
}

}  // namespace

Result<uint64_t> PeekRowsTableId(std::string_view body, const RowsEventInfo& info) {
  ByteReader reader(body);
  return ReadTableId(reader, info.post_header_length);
}

Result<RowsEvent> DecodeRowsEvent(std::string_view body, const RowsEventInfo& info,
                                  const TableMap& table, const RowDecodeOptions& options) {
  RowsDecoder decoder;
  RowsEvent event;
  RETURN_IF_ERROR(decoder.DecodeInto(body, info, table, options, &event));
  return event;
}

namespace {

// Decodes one row image: the null bitmap over the present columns, then the values.
// `partial_bits` (after images of PARTIAL_UPDATE_ROWS) flags the JSON columns holding diffs;
// `json_before` holds (and, for before images, receives) the raw before-image JSON.
Status DecodeImage(const ImageContext& ctx, ByteReader& reader, std::string_view present,
                   size_t present_count, size_t row, std::string_view partial_bits,
                   bool capture_json, std::vector<std::string_view>* json_before, RowImage* image) {
  const size_t n = ctx.table->column_types.size();
  ASSIGN_OR_RETURN(const std::string_view nulls,
                   reader.ReadBytes((present_count + 7) / 8, "null bitmap"));
  image->present.resize(n);
  image->values.resize(n);
  size_t present_index = 0;
  size_t json_index = 0;
  for (size_t i = 0; i < n; ++i) {
    const ColumnCodec& codec = (*ctx.codecs)[i];
    const bool is_json = codec.type == FieldType::kJson;
    const bool partial = is_json && !partial_bits.empty() && LsbBit(partial_bits, json_index);
    json_index += is_json ? 1 : 0;
    mysql::Value& value = image->values[i];
    const bool is_present = LsbBit(present, i);
    image->present[i] = is_present;
    if (!is_present || LsbBit(nulls, present_index++)) {
      value = mysql::Null{};
      continue;
    }
    const uint64_t offset = reader.offset();
    Status status;
    if (partial) {
      Result<std::string_view> diffs = [&]() -> Result<std::string_view> {
        ASSIGN_OR_RETURN(const uint32_t length, reader.ReadU32Le("JSON diff length"));
        return reader.ReadBytes(length, "JSON diffs");
      }();
      if (!diffs.ok()) {
        status = diffs.status();
      } else if ((*json_before)[i].data() == nullptr) {
        status = FailedPreconditionError(
            "partial JSON update without the column's value in the before image: applying the "
            "diff needs binlog_row_image=FULL");
      } else {
        std::string& text = std::holds_alternative<mysql::Json>(value)
                                ? std::get<mysql::Json>(value).text
                                : value.emplace<mysql::Json>().text;
        status = ApplyJsonDiffs((*json_before)[i], *diffs, &text);
      }
    } else {
      const size_t start = reader.position();
      status = DecodeColumnValue(codec, reader, ctx.converter, &value);
      if (capture_json && is_json && status.ok()) {
        // The value after its length prefix.
        (*json_before)[i] =
            reader.bytes().substr(start + codec.length, reader.position() - start - codec.length);
      }
    }
    if (!status.ok()) [[unlikely]] {
      return ColumnError(ctx, i, row, offset, status);
    }
  }
  return Status::Ok();
}

// The after image of an update; PARTIAL_UPDATE_ROWS puts the value options (and the partial
// JSON bits when PARTIAL_JSON_UPDATES is set) before it.
Status DecodeAfterImage(const ImageContext& ctx, ByteReader& rows, std::string_view present,
                        size_t present_count, size_t row, bool partial, size_t json_columns,
                        std::vector<std::string_view>* json_before, RowImage* image) {
  std::string_view partial_bits;
  if (partial) {
    ASSIGN_OR_RETURN(const uint64_t value_options, ReadLengthEncodedInt(rows, "value options"));
    if ((value_options & kPartialJsonUpdates) != 0) {
      ASSIGN_OR_RETURN(partial_bits, rows.ReadBytes((json_columns + 7) / 8, "partial JSON bits"));
    }
  }
  return DecodeImage(ctx, rows, present, present_count, row, partial_bits, false, json_before,
                     image);
}

}  // namespace

Status RowsDecoder::DecodeInto(std::string_view body, const RowsEventInfo& info,
                               const TableMap& table, const RowDecodeOptions& options,
                               RowsEvent* out) {
  ASSIGN_OR_RETURN(const RowsEventKind kind, KindOf(info.event_type));
  ByteReader reader(body);
  ASSIGN_OR_RETURN(out->table_id, ReadTableId(reader, info.post_header_length));
  ASSIGN_OR_RETURN(out->flags, reader.ReadU16Le("rows flags"));
  out->op = kind.op;
  out->extra_row_info.clear();
  if (kind.version == 2) {
    ASSIGN_OR_RETURN(const uint16_t extra_length, reader.ReadU16Le("extra data length"));
    if (extra_length < 2) {
      return CorruptionError(
          fmt::format("rows event extra data length {} is below 2", extra_length));
    }
    ASSIGN_OR_RETURN(const std::string_view extra,
                     reader.ReadBytes(extra_length - 2U, "extra data"));
    out->extra_row_info.assign(extra);
  }
  const size_t n = table.column_types.size();
  ASSIGN_OR_RETURN(const uint64_t column_count, ReadLengthEncodedInt(reader, "column count"));
  if (column_count != n) {
    return CorruptionError(fmt::format("rows event for {}.{} has {} columns, its TABLE_MAP {}",
                                       table.database, table.table, column_count, n));
  }
  const size_t bitmap_bytes = (n + 7) / 8;
  ASSIGN_OR_RETURN(const std::string_view present_before,
                   reader.ReadBytes(bitmap_bytes, "columns bitmap"));
  std::string_view present_after = present_before;
  if (kind.op == RowOp::kUpdate) {
    ASSIGN_OR_RETURN(present_after, reader.ReadBytes(bitmap_bytes, "after-image columns bitmap"));
  }
  RETURN_IF_ERROR(BuildColumnCodecs(table, options.schema, &codecs_));
  ByteReader rows = reader;
  if (kind.compressed) {
    Result<std::string> inflated =
        InflateMariaDbCompressed(reader.Rest(), options.max_decompressed_bytes);
    if (!inflated.ok()) {
      return inflated.status().WithContext(
          fmt::format("compressed rows event for {}.{}", table.database, table.table));
    }
    decompressed_ = std::move(*inflated);
    rows = ByteReader(decompressed_);
  }
  const ImageContext ctx{.table = &table, .codecs = &codecs_, .converter = options.text_converter};
  const size_t before_count = CountBits(present_before, n);
  const size_t after_count = CountBits(present_after, n);
  size_t json_columns = 0;
  for (const ColumnCodec& codec : codecs_) {
    json_columns += codec.type == FieldType::kJson ? 1 : 0;
  }
  size_t row = 0;
  for (; !rows.AtEnd(); ++row) {
    const size_t row_start = rows.position();
    if ((row + 1) * std::max<size_t>(n, 1) > options.max_values_per_event) {
      return FailedPreconditionError(
          fmt::format("rows event for {}.{} expands to more than {} values (RowDecodeOptions::"
                      "max_values_per_event)",
                      table.database, table.table, options.max_values_per_event));
    }
    if (row == out->rows.size()) {
      out->rows.emplace_back();
    }
    RowChange& change = out->rows[row];
    change.op = kind.op;
    RowImage& first = kind.op == RowOp::kInsert ? change.after : change.before;
    RowImage& unused = kind.op == RowOp::kInsert ? change.before : change.after;
    if (kind.op != RowOp::kUpdate) {
      unused.present.clear();
      unused.values.clear();
    }
    if (kind.partial) {
      json_before_.assign(n, std::string_view());
    }
    RETURN_IF_ERROR(DecodeImage(ctx, rows, present_before, before_count, row, {}, kind.partial,
                                &json_before_, &first));
    if (kind.op == RowOp::kUpdate) {
      RETURN_IF_ERROR(DecodeAfterImage(ctx, rows, present_after, after_count, row, kind.partial,
                                       json_columns, &json_before_, &change.after));
    }
    if (rows.position() == row_start) [[unlikely]] {
      // Only an image without columns is empty; repeating it would never reach the end.
      return CorruptionError(fmt::format("rows event for {}.{}: row {} has no columns",
                                         table.database, table.table, row));
    }
  }
  out->rows.resize(row);
  return Status::Ok();
}

}  // namespace binlake::binlog
