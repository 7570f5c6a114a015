#include "binlake/parquet/byte_stream_split.h"

#include <fmt/format.h>

#include <bit>
#include <string>

#include "binlake/base/macros.h"

namespace binlake::parquet {

namespace {

size_t ValueWidth(const ColumnValues& out) {
  switch (out.physical_type()) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kFixedLenByteArray:
      return static_cast<size_t>(out.type_length());
    default:
      return 0;
  }
}

// Reassembles value i (width bytes, little-endian) into `value`.
void Gather(std::string_view streams, size_t count, size_t width, size_t i, char* value) {
  for (size_t k = 0; k < width; ++k) {
    value[k] = streams[k * count + i];
  }
}

template <typename T>
void AppendFixed(std::string_view streams, size_t count, std::vector<T>* out) {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  out->reserve(out->size() + count);
  char value[sizeof(T)];
  for (size_t i = 0; i < count; ++i) {
    Gather(streams, count, sizeof(T), i, value);
    out->push_back(
        std::bit_cast<T>(static_cast<Bits>(::binlake::internal::LoadLe<sizeof(T)>(value))));
  }
}

}  // namespace

Status DecodeByteStreamSplit(ByteReader& data, size_t count, ColumnValues* out) {
  const size_t width = ValueWidth(*out);
  if (width == 0) {
    return CorruptionError(fmt::format("BYTE_STREAM_SPLIT at offset {} for physical type {}",
                                       data.offset(), PhysicalTypeName(out->physical_type())));
  }
  if (data.remaining() / width != count || data.remaining() % width != 0) {
    return CorruptionError(
        fmt::format("BYTE_STREAM_SPLIT at offset {}: {} bytes for {} values "
                    "of {} bytes",
                    data.offset(), data.remaining(), count, width));
  }
  ASSIGN_OR_RETURN(const std::string_view streams, data.ReadBytes(count * width));
  switch (out->physical_type()) {
    case PhysicalType::kInt32:
      AppendFixed(streams, count, &out->mutable_int32s());
      break;
    case PhysicalType::kInt64:
      AppendFixed(streams, count, &out->mutable_int64s());
      break;
    case PhysicalType::kFloat:
      AppendFixed(streams, count, &out->mutable_floats());
      break;
    case PhysicalType::kDouble:
      AppendFixed(streams, count, &out->mutable_doubles());
      break;
    default: {
      std::string& bytes = out->mutable_bytes();
      const size_t start = bytes.size();
      bytes.resize(start + count * width);
      for (size_t i = 0; i < count; ++i) {
        Gather(streams, count, width, i, bytes.data() + start + i * width);
      }
      break;
    }
  }
  return Status::Ok();
}

}  // namespace binlake::parquet
