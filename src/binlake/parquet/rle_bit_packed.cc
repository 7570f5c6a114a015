#include "binlake/parquet/rle_bit_packed.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "binlake/base/macros.h"

namespace binlake::parquet {

namespace {

constexpr size_t kGroupSize = 8;
constexpr int kMaxBitWidth = 32;

// Whether values[i..i+8) are all equal (the shortest stretch worth an RLE run).
template <typename T>
bool RepeatsForAGroup(std::span<const T> values, size_t i) {
  if (values.size() - i < kGroupSize) {
    return false;
  }
  return std::all_of(values.begin() + static_cast<ptrdiff_t>(i + 1),
                     values.begin() + static_cast<ptrdiff_t>(i + kGroupSize),
                     [&](T v) { return v == values[i]; });
}

void AppendUleb128(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(value | 0x80)));
    value >>= 7;
  }
  out->push_back(static_cast<char>(static_cast<uint8_t>(value)));
}

void AppendRleRun(size_t count, uint32_t value, int bit_width, std::string* out) {
  AppendUleb128(uint64_t{count} << 1, out);
  const int value_bytes = (bit_width + 7) / 8;
  for (int i = 0; i < value_bytes; ++i) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(value >> (8 * i))));
  }
}

// Bit-packs `values` LSB first in groups of 8, padding the last group with zeros.
template <typename T>
void AppendBitPackedRun(std::span<const T> values, int bit_width, std::string* out) {
  const size_t groups = (values.size() + kGroupSize - 1) / kGroupSize;
  AppendUleb128((uint64_t{groups} << 1) | 1, out);
  const size_t padded = groups * kGroupSize;
  out->reserve(out->size() + groups * static_cast<size_t>(bit_width));
  uint64_t bits = 0;
  int pending = 0;
  for (size_t i = 0; i < padded; ++i) {
    const uint64_t value = i < values.size() ? uint64_t{values[i]} : 0;
    bits |= value << pending;
    pending += bit_width;
    while (pending >= 8) {
      out->push_back(static_cast<char>(static_cast<uint8_t>(bits)));
      bits >>= 8;
      pending -= 8;
    }
  }
}

template <typename T>
void Encode(std::span<const T> values, int bit_width, std::string* out) {
  size_t i = 0;
  while (i < values.size()) {
    if (RepeatsForAGroup(values, i)) {
      size_t end = i + kGroupSize;
      while (end < values.size() && values[end] == values[i]) {
        ++end;
      }
      AppendRleRun(end - i, static_cast<uint32_t>(values[i]), bit_width, out);
      i = end;
      continue;
    }
    const size_t start = i;
    do {
      i = std::min(i + kGroupSize, values.size());
    } while (i < values.size() && !RepeatsForAGroup(values, i));
    AppendBitPackedRun(values.subspan(start, i - start), bit_width, out);
  }
}

}  // namespace

int BitWidth(uint64_t max_value) {
  return static_cast<int>(std::bit_width(max_value));
}

void EncodeRleBitPacked(std::span<const uint32_t> values, int bit_width, std::string* out) {
  Encode(values, bit_width, out);
}

void EncodeRleBitPacked(std::span<const uint8_t> values, int bit_width, std::string* out) {
  Encode(values, bit_width, out);
}

Status RleBitPackedDecoder::NextRun() {
  if (bit_width_ < 0 || bit_width_ > kMaxBitWidth) {
    return CorruptionError(fmt::format(
        "RLE/bit-packed data at offset {}: bit width {} is not 0..32", data_.offset(), bit_width_));
  }
  if (data_.AtEnd()) {
    return CorruptionError(fmt::format(
        "RLE/bit-packed data ends at offset {} before all values were read", data_.offset()));
  }
  ASSIGN_OR_RETURN(const uint64_t header, data_.ReadUleb128("RLE/bit-packed run header"));
  const auto width = static_cast<uint64_t>(bit_width_);
  if ((header & 1) != 0) {
    const uint64_t groups = header >> 1;
    const uint64_t available = width == 0 ? groups : std::min(groups, data_.remaining() / width);
    uint64_t bytes = available * width;
    uint64_t values = available * kGroupSize;
    if (available < groups && width != 0) {
      // A final run cut short: keep the whole values its remaining bytes hold.
      bytes = data_.remaining();
      values = bytes * 8 / width;
    }
    ASSIGN_OR_RETURN(packed_, data_.ReadBytes(bytes, "bit-packed run"));
    rle_ = false;
    packed_bit_ = 0;
    left_ = values;
    return Status::Ok();
  }
  const size_t value_bytes = (width + 7) / 8;
  ASSIGN_OR_RETURN(const std::string_view raw, data_.ReadBytes(value_bytes, "RLE run value"));
  uint64_t value = 0;
  for (size_t i = 0; i < value_bytes; ++i) {
    value |= uint64_t{static_cast<uint8_t>(raw[i])} << (8 * i);
  }
  if (std::bit_width(value) > static_cast<uint64_t>(bit_width_)) {
    return CorruptionError(fmt::format("RLE run value {} at offset {} exceeds bit width {}", value,
                                       data_.offset() - value_bytes, bit_width_));
  }
  rle_ = true;
  rle_value_ = static_cast<uint32_t>(value);
  left_ = header >> 1;
  return Status::Ok();
}

uint32_t RleBitPackedDecoder::UnpackOne() {
  const uint64_t byte = packed_bit_ / 8;
  const auto shift = static_cast<int>(packed_bit_ % 8);
  uint64_t word = 0;
  const uint64_t n = std::min<uint64_t>(8, packed_.size() - byte);
  for (uint64_t i = 0; i < n; ++i) {
    word |= uint64_t{static_cast<uint8_t>(packed_[byte + i])} << (8 * i);
  }
  packed_bit_ += static_cast<uint64_t>(bit_width_);
  const uint64_t mask = (uint64_t{1} << bit_width_) - 1;
  return static_cast<uint32_t>((word >> shift) & mask);
}

template <typename T>
Status RleBitPackedDecoder::GetValues(T* out, size_t count) {
  while (count > 0) {
    if (left_ == 0) {
      RETURN_IF_ERROR(NextRun());
      continue;
    }
    const size_t take = std::min(left_, count);
    if (rle_) {
      std::fill_n(out, take, static_cast<T>(rle_value_));
    } else {
      for (size_t i = 0; i < take; ++i) {
        out[i] = static_cast<T>(UnpackOne());
      }
    }
    out += take;
    count -= take;
    left_ -= take;
  }
  return Status::Ok();
}

Status RleBitPackedDecoder::Get(uint32_t* out, size_t count) {
  return GetValues(out, count);
}

Status RleBitPackedDecoder::Get(uint8_t* out, size_t count) {
  return GetValues(out, count);
}

Status DecodeLegacyBitPacked(ByteReader& data, int bit_width, uint8_t* out, size_t count) {
  if (bit_width < 0 || bit_width > 8) {
    return CorruptionError(fmt::format("BIT_PACKED levels at offset {}: bit width {} is not 0..8",
                                       data.offset(), bit_width));
  }
  const auto width = static_cast<uint64_t>(bit_width);
  const uint64_t bytes = (uint64_t{count} * width + 7) / 8;
  ASSIGN_OR_RETURN(const std::string_view packed, data.ReadBytes(bytes, "BIT_PACKED levels"));
  uint64_t bit = 0;
  for (size_t i = 0; i < count; ++i) {
    uint32_t value = 0;
    for (uint64_t b = 0; b < width; ++b, ++bit) {
      const auto byte = static_cast<uint8_t>(packed[bit / 8]);
      value = (value << 1) | ((byte >> (7 - bit % 8)) & 1U);
    }
    out[i] = static_cast<uint8_t>(value);
  }
  return Status::Ok();
}

}  // namespace binlake::parquet
