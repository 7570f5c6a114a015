#include "binlake/parquet/dictionary.h"

#include <fmt/format.h>

#include "binlake/base/byte_reader.h"
#include "binlake/parquet/plain_encoding.h"

namespace binlake::parquet {

namespace internal {

uint64_t HashBytes(std::string_view bytes) {
  constexpr uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
  uint64_t hash = bytes.size() * kMultiplier;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    hash = (hash ^ ::binlake::internal::LoadLe<8>(bytes.data() + i)) * kMultiplier;
    hash ^= hash >> 29;
  }
  uint64_t tail = 0;
  for (size_t shift = 0; i < bytes.size(); ++i, shift += 8) {
    tail |= uint64_t{static_cast<uint8_t>(bytes[i])} << shift;
  }
  return MixHash(hash ^ tail);
}

}  // namespace internal

int64_t ByteArrayDictionary::Insert(std::string_view value) {
  const uint64_t hash = internal::HashBytes(value);
  size_t slot = 0;
  const int64_t found = table_.Find(
      hash, [&](uint32_t i) { return hashes_[i] == hash && this->value(i) == value; }, &slot);
  if (found >= 0) {
    return found;
  }
  const uint64_t entry_size = value.size() + (fixed_width_ == 0 ? 4 : 0);
  if (plain_size_ + entry_size > limit_bytes_) {
    return kDictionaryFull;
  }
  const auto index = static_cast<uint32_t>(hashes_.size());
  data_.append(value);
  offsets_.push_back(data_.size());
  hashes_.push_back(hash);
  plain_size_ += entry_size;
  table_.Insert(slot, index, [&](uint32_t i) { return hashes_[i]; });
  return index;
}

void ByteArrayDictionary::AppendPlain(std::string* out) const {
  if (fixed_width_ != 0) {
    out->append(data_);
    return;
  }
  out->reserve(out->size() + plain_size_);
  for (size_t i = 0; i < size(); ++i) {
    AppendPlainByteArray(value(i), out);
  }
}

void ByteArrayDictionary::Clear() {
  plain_size_ = 0;
  data_.clear();
  offsets_.resize(1);
  hashes_.clear();
  table_.Clear();
}

namespace {

template <typename T>
void Gather(std::span<const T> dictionary, std::span<const uint32_t> indices, std::vector<T>* out) {
  const size_t start = out->size();
  out->resize(start + indices.size());
  T* dest = out->data() + start;
  for (size_t i = 0; i < indices.size(); ++i) {
    dest[i] = dictionary[indices[i]];
  }
}

void GatherBytes(const ColumnValues& dictionary, std::span<const uint32_t> indices,
                 ColumnValues* out) {
  std::string& bytes = out->mutable_bytes();
  std::vector<uint64_t>& offsets = out->mutable_offsets();
  const bool variable = dictionary.physical_type() == PhysicalType::kByteArray;
  if (variable) {
    offsets.reserve(offsets.size() + indices.size());
  }
  for (const uint32_t index : indices) {
    bytes.append(dictionary.BytesValue(index));
    if (variable) {
      offsets.push_back(bytes.size());
    }
  }
}

}  // namespace

Status AppendDictionaryValues(const ColumnValues& dictionary, std::span<const uint32_t> indices,
                              uint64_t offset, ColumnValues* out) {
  const size_t size = dictionary.num_values();
  for (const uint32_t index : indices) {
    if (index >= size) {
      return CorruptionError(fmt::format(
          "dictionary index {} in the page data at offset {} is not below the dictionary size {}",
          index, offset, size));
    }
  }
  switch (dictionary.physical_type()) {
    case PhysicalType::kBoolean:
      Gather(dictionary.bools(), indices, &out->mutable_bools());
      break;
    case PhysicalType::kInt32:
      Gather(dictionary.int32s(), indices, &out->mutable_int32s());
      break;
    case PhysicalType::kInt64:
      Gather(dictionary.int64s(), indices, &out->mutable_int64s());
      break;
    case PhysicalType::kInt96:
      Gather(dictionary.int96s(), indices, &out->mutable_int96s());
      break;
    case PhysicalType::kFloat:
      Gather(dictionary.floats(), indices, &out->mutable_floats());
      break;
    case PhysicalType::kDouble:
      Gather(dictionary.doubles(), indices, &out->mutable_doubles());
      break;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      GatherBytes(dictionary, indices, out);
      break;
  }
  return Status::Ok();
}

}  // namespace binlake::parquet
