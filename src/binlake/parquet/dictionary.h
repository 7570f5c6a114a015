// Dictionary encoding support (Parquet Encodings.md "Dictionary Encoding"):
//
// Writer side: DictionaryBuilder (fixed-width values) and ByteArrayDictionary (BYTE_ARRAY and
// FIXED_LEN_BYTE_ARRAY) map each distinct value to its index, in order of first appearance,
// with an open-addressing hash table (no allocation per value). Both are bounded: Insert refuses
// (returns kDictionaryFull) a new value that would make the PLAIN-encoded dictionary page larger
// than the limit, so the column writer can fall back to PLAIN. Floats are keyed by their bit
// patterns, so -0.0 and +0.0 (and distinct NaN payloads) are distinct entries and round-trip
// exactly.
//
// Reader side: AppendDictionaryValues gathers dictionary entries by index, checking every index.
//
// Thread-safety: single-threaded values.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/status.h"
#include "binlake/parquet/column_batch.h"

namespace binlake::parquet {

inline constexpr int64_t kDictionaryFull = -1;

namespace internal {

inline uint64_t MixHash(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

// A 64-bit hash of bytes (not cryptographic; stable across runs so output is deterministic).
uint64_t HashBytes(std::string_view bytes);

// An open-addressing table of entry indices (slot = index + 1, 0 = empty), kept at most half
// full. `equal(index)` tells whether entry `index` is the value being looked up.
class IndexTable {
 public:
  IndexTable() { slots_.assign(kInitialSlots, 0); }
  // The entry index of the value with `hash` that `equal` accepts, or -1 when absent (then
  // *slot is where Insert should put it).
  template <typename Equal>
  int64_t Find(uint64_t hash, Equal equal, size_t* slot) const {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>(hash) & mask;
    while (slots_[i] != 0) {
      const uint32_t index = slots_[i] - 1;
      if (equal(index)) {
        return index;
      }
      i = (i + 1) & mask;
    }
    *slot = i;
    return -1;
  }
  // Records entry `index` at `slot` (from Find); `hashes(i)` re-hashes entry i when growing.
  template <typename Rehash>
  void Insert(size_t slot, uint32_t index, Rehash hashes) {
    slots_[slot] = index + 1;
    if (2 * (size_t{index} + 1) > slots_.size()) {
      Grow(index + 1, hashes);
    }
  }
  void Clear() { slots_.assign(kInitialSlots, 0); }

 private:
  static constexpr size_t kInitialSlots = 1024;

  template <typename Rehash>
  void Grow(uint32_t entries, Rehash hashes) {
    slots_.assign(slots_.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (uint32_t index = 0; index < entries; ++index) {
      size_t i = static_cast<size_t>(hashes(index)) & mask;
      while (slots_[i] != 0) {
        i = (i + 1) & mask;
      }
      slots_[i] = index + 1;
    }
  }

  std::vector<uint32_t> slots_;
};

}  // namespace internal

// Distinct int32/int64/float/double values.
template <typename T>
class DictionaryBuilder {
 public:
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;

  explicit DictionaryBuilder(uint64_t limit_bytes) : limit_bytes_(limit_bytes) {}

  // The index of `value`, inserted if new; kDictionaryFull when it is new and does not fit.
  int64_t Insert(T value) {
    const Bits bits = std::bit_cast<Bits>(value);
    const uint64_t hash = internal::MixHash(bits);
    size_t slot = 0;
    const int64_t found = table_.Find(
        hash, [&](uint32_t i) { return std::bit_cast<Bits>(values_[i]) == bits; }, &slot);
    if (found >= 0) {
      return found;
    }
    if ((values_.size() + 1) * sizeof(T) > limit_bytes_) {
      return kDictionaryFull;
    }
    const auto index = static_cast<uint32_t>(values_.size());
    values_.push_back(value);
    table_.Insert(slot, index,
                  [&](uint32_t i) { return internal::MixHash(std::bit_cast<Bits>(values_[i])); });
    return index;
  }

  size_t size() const { return values_.size(); }
  std::span<const T> values() const { return values_; }
  uint64_t plain_size() const { return values_.size() * sizeof(T); }
  void Clear() {
    values_.clear();
    table_.Clear();
  }

 private:
  uint64_t limit_bytes_;
  std::vector<T> values_;
  internal::IndexTable table_;
};

// Distinct BYTE_ARRAY values (width 0) or FIXED_LEN_BYTE_ARRAY values of `fixed_width` bytes.
class ByteArrayDictionary {
 public:
  ByteArrayDictionary(uint64_t limit_bytes, size_t fixed_width)
      : limit_bytes_(limit_bytes), fixed_width_(fixed_width) {}

  // The index of `value`, inserted if new; kDictionaryFull when it is new and does not fit.
  int64_t Insert(std::string_view value);

  size_t size() const { return hashes_.size(); }
  std::string_view value(size_t i) const {
    return std::string_view(data_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  // Bytes of the PLAIN-encoded dictionary page (4-byte lengths included for BYTE_ARRAY).
  uint64_t plain_size() const { return plain_size_; }
  // Appends the PLAIN-encoded entries.
  void AppendPlain(std::string* out) const;
  void Clear();

 private:
  uint64_t limit_bytes_;
  size_t fixed_width_;
  uint64_t plain_size_ = 0;
  std::string data_;
  std::vector<uint64_t> offsets_{0};
  std::vector<uint64_t> hashes_;
  internal::IndexTable table_;
};

// Appends dictionary[indices[i]] for every i to `out`'s value vectors (same physical type as
// `dictionary`). Corruption naming `offset` (the indices' file offset) when an index is not
// below dictionary.num_values().
Status AppendDictionaryValues(const ColumnValues& dictionary, std::span<const uint32_t> indices,
                              uint64_t offset, ColumnValues* out);

}  // namespace binlake::parquet
