#include "binlake/parquet/plain_encoding.h"

#include <fmt/format.h>

#include <vector>

#include "binlake/base/macros.h"

namespace binlake::parquet {

namespace {

Status TooShort(const ByteReader& data, size_t count, std::string_view what) {
  return CorruptionError(
      fmt::format("PLAIN {} values at offset {}: {} values need more than the "
                  "{} bytes left",
                  what, data.offset(), count, data.remaining()));
}

template <typename T>
Status DecodeFixed(ByteReader& data, size_t count, std::vector<T>* out) {
  if (data.remaining() / sizeof(T) < count) {
    return TooShort(data, count, "fixed-width");
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, data.ReadBytes(count * sizeof(T)));
  const size_t start = out->size();
  out->resize(start + count);
  if constexpr (std::endian::native == std::endian::little) {
    if (count > 0) {
      std::memcpy(out->data() + start, bytes.data(), bytes.size());
    }
  } else {
    using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
    for (size_t i = 0; i < count; ++i) {
      (*out)[start + i] = std::bit_cast<T>(
          static_cast<Bits>(::binlake::internal::LoadLe<sizeof(T)>(bytes.data() + i * sizeof(T))));
    }
  }
  return Status::Ok();
}

Status DecodeBools(ByteReader& data, size_t count, std::vector<uint8_t>* out) {
  const size_t bytes_needed = count / 8 + (count % 8 != 0 ? 1 : 0);
  if (data.remaining() < bytes_needed) {
    return TooShort(data, count, "BOOLEAN");
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, data.ReadBytes(bytes_needed));
  out->reserve(out->size() + count);
  for (size_t i = 0; i < count; ++i) {
    const unsigned byte = static_cast<uint8_t>(bytes[i / 8]);
    out->push_back(static_cast<uint8_t>((byte >> (i % 8)) & 1U));
  }
  return Status::Ok();
}

Status DecodeInt96s(ByteReader& data, size_t count, std::vector<Int96>* out) {
  if (data.remaining() / 12 < count) {
    return TooShort(data, count, "INT96");
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, data.ReadBytes(count * 12));
  out->reserve(out->size() + count);
  for (size_t i = 0; i < count; ++i) {
    Int96 value;
    for (size_t w = 0; w < 3; ++w) {
      value.words[w] =
          static_cast<uint32_t>(::binlake::internal::LoadLe<4>(bytes.data() + i * 12 + w * 4));
    }
    out->push_back(value);
  }
  return Status::Ok();
}

Status DecodeByteArrays(ByteReader& data, size_t count, ColumnValues* out) {
  // Every value takes at least its 4-byte length, which bounds the reservation.
  if (data.remaining() / 4 < count) {
    return TooShort(data, count, "BYTE_ARRAY");
  }
  std::vector<uint64_t>& offsets = out->mutable_offsets();
  std::string& bytes = out->mutable_bytes();
  offsets.reserve(offsets.size() + count);
  for (size_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(const uint32_t length, data.ReadU32Le("BYTE_ARRAY length"));
    ASSIGN_OR_RETURN(const std::string_view value, data.ReadBytes(length, "BYTE_ARRAY value"));
    bytes.append(value);
    offsets.push_back(bytes.size());
  }
  return Status::Ok();
}

Status DecodeFixedLenByteArrays(ByteReader& data, size_t count, ColumnValues* out) {
  const auto width = static_cast<size_t>(out->type_length());
  if (width == 0 || data.remaining() / width < count) {
    return TooShort(data, count, "FIXED_LEN_BYTE_ARRAY");
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, data.ReadBytes(count * width));
  out->mutable_bytes().append(bytes);
  return Status::Ok();
}

}  // namespace

void AppendPlainBools(std::span<const uint8_t> values, std::string* out) {
  const size_t start = out->size();
  out->resize(start + (values.size() + 7) / 8, '\0');
  char* p = out->data() + start;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] != 0) {
      p[i / 8] = static_cast<char>(static_cast<uint8_t>(p[i / 8]) | (1U << (i % 8)));
    }
  }
}

Status DecodePlain(ByteReader& data, size_t count, ColumnValues* out) {
  switch (out->physical_type()) {
    case PhysicalType::kBoolean:
      return DecodeBools(data, count, &out->mutable_bools());
    case PhysicalType::kInt32:
      return DecodeFixed(data, count, &out->mutable_int32s());
    case PhysicalType::kInt64:
      return DecodeFixed(data, count, &out->mutable_int64s());
    case PhysicalType::kInt96:
      return DecodeInt96s(data, count, &out->mutable_int96s());
    case PhysicalType::kFloat:
      return DecodeFixed(data, count, &out->mutable_floats());
    case PhysicalType::kDouble:
      return DecodeFixed(data, count, &out->mutable_doubles());
    case PhysicalType::kByteArray:
      return DecodeByteArrays(data, count, out);
    case PhysicalType::kFixedLenByteArray:
      return DecodeFixedLenByteArrays(data, count, out);
  }
  return CorruptionError("PLAIN values of an unknown physical type");
}

}  // namespace binlake::parquet
