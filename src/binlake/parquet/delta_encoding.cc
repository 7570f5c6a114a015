#include "binlake/parquet/delta_encoding.h"

#include <fmt/format.h>

#include <algorithm>

#include "binlake/base/macros.h"

namespace binlake::parquet {

namespace {

constexpr uint64_t kBlockMultiple = 128;
constexpr uint64_t kMiniblockMultiple = 32;

// `width` bits starting at bit `bit` of `bytes` (LSB first); bits past the end read as 0.
uint64_t ReadBits(std::string_view bytes, uint64_t bit, int width) {
  uint64_t value = 0;
  int filled = 0;
  uint64_t byte = bit / 8;
  auto shift = static_cast<int>(bit % 8);
  while (filled < width && byte < bytes.size()) {
    const uint64_t available = static_cast<uint64_t>(static_cast<uint8_t>(bytes[byte])) >> shift;
    value |= available << filled;
    filled += 8 - shift;
    shift = 0;
    ++byte;
  }
  return width >= 64 ? value : value & ((uint64_t{1} << width) - 1);
}

struct DeltaHeader {
  uint64_t block_size = 0;
  uint64_t miniblocks = 0;
  uint64_t total = 0;
  int64_t first = 0;
};

Result<DeltaHeader> ReadHeader(ByteReader& data, size_t max_values) {
  const uint64_t start = data.offset();
  DeltaHeader header;
  ASSIGN_OR_RETURN(header.block_size, data.ReadUleb128("DELTA_BINARY_PACKED block size"));
  ASSIGN_OR_RETURN(header.miniblocks, data.ReadUleb128("DELTA_BINARY_PACKED miniblock count"));
  ASSIGN_OR_RETURN(header.total, data.ReadUleb128("DELTA_BINARY_PACKED value count"));
  ASSIGN_OR_RETURN(header.first, data.ReadZigZag64("DELTA_BINARY_PACKED first value"));
  if (header.block_size == 0 || header.block_size % kBlockMultiple != 0 || header.miniblocks == 0 ||
      header.block_size % header.miniblocks != 0 ||
      (header.block_size / header.miniblocks) % kMiniblockMultiple != 0) {
    return CorruptionError(fmt::format(
        "DELTA_BINARY_PACKED header at offset {}: block size {} with {} miniblocks is invalid",
        start, header.block_size, header.miniblocks));
  }
  if (header.total > max_values) {
    return CorruptionError(fmt::format(
        "DELTA_BINARY_PACKED header at offset {}: {} values where at most {} are expected", start,
        header.total, max_values));
  }
  return header;
}

}  // namespace

Status DecodeDeltaBinaryPacked(ByteReader& data, size_t max_values, std::vector<int64_t>* out) {
  ASSIGN_OR_RETURN(const DeltaHeader header, ReadHeader(data, max_values));
  if (header.total == 0) {
    return Status::Ok();
  }
  out->reserve(out->size() + header.total);
  auto last = static_cast<uint64_t>(header.first);
  out->push_back(header.first);
  uint64_t left = header.total - 1;
  const uint64_t per_miniblock = header.block_size / header.miniblocks;
  while (left > 0) {
    ASSIGN_OR_RETURN(const int64_t min_delta, data.ReadZigZag64("DELTA_BINARY_PACKED min delta"));
    ASSIGN_OR_RETURN(const std::string_view widths,
                     data.ReadBytes(header.miniblocks, "DELTA_BINARY_PACKED bit widths"));
    for (uint64_t m = 0; m < header.miniblocks && left > 0; ++m) {
      const auto width = static_cast<uint8_t>(widths[m]);
      if (width > 64) {
        return CorruptionError(
            fmt::format("DELTA_BINARY_PACKED miniblock at offset {}: bit "
                        "width {} exceeds 64",
                        data.offset(), width));
      }
      const uint64_t used = std::min(left, per_miniblock);
      const uint64_t full_bytes = per_miniblock * width / 8;
      const uint64_t needed_bytes = (used * width + 7) / 8;
      ASSIGN_OR_RETURN(const std::string_view packed,
                       data.PeekBytes(needed_bytes, "DELTA_BINARY_PACKED miniblock"));
      RETURN_IF_ERROR(data.Skip(std::min<uint64_t>(full_bytes, data.remaining())));
      for (uint64_t i = 0; i < used; ++i) {
        last += static_cast<uint64_t>(min_delta) + ReadBits(packed, i * width, width);
        out->push_back(static_cast<int64_t>(last));
      }
      left -= used;
    }
  }
  return Status::Ok();
}

Status DecodeDeltaIntegers(ByteReader& data, size_t count, ColumnValues* out) {
  const uint64_t start = data.offset();
  std::vector<int64_t> values;
  RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, count, &values));
  if (values.size() != count) {
    return CorruptionError(
        fmt::format("DELTA_BINARY_PACKED values at offset {}: {} values where "
                    "the page has {}",
                    start, values.size(), count));
  }
  if (out->physical_type() == PhysicalType::kInt64) {
    out->mutable_int64s().insert(out->mutable_int64s().end(), values.begin(), values.end());
    return Status::Ok();
  }
  std::vector<int32_t>& int32s = out->mutable_int32s();
  int32s.reserve(int32s.size() + count);
  for (const int64_t value : values) {
    int32s.push_back(static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(value))));
  }
  return Status::Ok();
}

namespace {

// Decodes `count` lengths (DELTA_BINARY_PACKED), each 0..2^31-1.
Result<std::vector<int64_t>> DecodeLengths(ByteReader& data, size_t count, std::string_view what) {
  const uint64_t start = data.offset();
  std::vector<int64_t> lengths;
  RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, count, &lengths));
  if (lengths.size() != count) {
    return CorruptionError(fmt::format("{} at offset {}: {} lengths where the page has {} values",
                                       what, start, lengths.size(), count));
  }
  for (const int64_t length : lengths) {
    if (length < 0 || length > INT32_MAX) {
      return CorruptionError(
          fmt::format("{} at offset {}: invalid length {}", what, start, length));
    }
  }
  return lengths;
}

void AppendValue(std::string_view value, ColumnValues* out) {
  out->mutable_bytes().append(value);
  if (out->physical_type() == PhysicalType::kByteArray) {
    out->mutable_offsets().push_back(out->mutable_bytes().size());
  }
}

Status CheckFixedWidth(const ColumnValues& out, size_t length, uint64_t offset) {
  if (out.physical_type() == PhysicalType::kFixedLenByteArray &&
      length != static_cast<size_t>(out.type_length())) {
    return CorruptionError(
        fmt::format("DELTA_BYTE_ARRAY value at offset {} has {} bytes where "
                    "the column's width is {}",
                    offset, length, out.type_length()));
  }
  return Status::Ok();
}

}  // namespace

Status DecodeDeltaLengthByteArray(ByteReader& data, size_t count, ColumnValues* out) {
  ASSIGN_OR_RETURN(const std::vector<int64_t> lengths,
                   DecodeLengths(data, count, "DELTA_LENGTH_BYTE_ARRAY lengths"));
  for (const int64_t length : lengths) {
    ASSIGN_OR_RETURN(const std::string_view value,
                     data.ReadBytes(static_cast<size_t>(length), "DELTA_LENGTH_BYTE_ARRAY value"));
    AppendValue(value, out);
  }
  return Status::Ok();
}

Status DecodeDeltaByteArray(ByteReader& data, size_t count, uint64_t max_bytes, ColumnValues* out) {
  ASSIGN_OR_RETURN(const std::vector<int64_t> prefixes,
                   DecodeLengths(data, count, "DELTA_BYTE_ARRAY prefix lengths"));
  ASSIGN_OR_RETURN(const std::vector<int64_t> suffixes,
                   DecodeLengths(data, count, "DELTA_BYTE_ARRAY suffix lengths"));
  std::string previous;
  std::string value;
  uint64_t decoded = 0;
  for (size_t i = 0; i < count; ++i) {
    const auto prefix = static_cast<size_t>(prefixes[i]);
    if (prefix > previous.size()) {
      return CorruptionError(
          fmt::format("DELTA_BYTE_ARRAY value {} at offset {}: prefix {} is "
                      "longer than the previous value ({} bytes)",
                      i, data.offset(), prefix, previous.size()));
    }
    ASSIGN_OR_RETURN(const std::string_view suffix,
                     data.ReadBytes(static_cast<size_t>(suffixes[i]), "DELTA_BYTE_ARRAY suffix"));
    decoded += prefix + suffix.size();
    if (decoded > max_bytes) {
      return CorruptionError(
          fmt::format("DELTA_BYTE_ARRAY values at offset {} decode to more "
                      "than {} bytes",
                      data.offset(), max_bytes));
    }
    value.assign(previous, 0, prefix);
    value.append(suffix);
    RETURN_IF_ERROR(CheckFixedWidth(*out, value.size(), data.offset()));
    AppendValue(value, out);
    previous.swap(value);
  }
  return Status::Ok();
}

}  // namespace binlake::parquet
