// ColumnValues and RowBatch: rows of a flat schema held column by column, the unit the writer
// consumes and the reader produces.
//
// A ColumnValues holds one column of N rows:
//   validity   optional columns only: one byte per row, 1 = a value, 0 = NULL (empty for
//              required columns, whose rows all have values). These bytes are the Parquet
//              definition levels of a flat column as they are.
//   values     dense: only the non-null rows, in row order, in the vector of the column's
//              physical type:
//                BOOLEAN               bools()    one byte per value, 0 or 1
//                INT32 / INT64         int32s() / int64s()
//                FLOAT / DOUBLE        floats() / doubles()
//                INT96 (read only)     int96s()   the 12 raw bytes as 3 little-endian words
//                BYTE_ARRAY            value i = bytes()[offsets()[i], offsets()[i+1]),
//                                      offsets() has num_values()+1 entries, starting at 0
//                FIXED_LEN_BYTE_ARRAY  value i = bytes()[i*width, (i+1)*width)
// Appending never allocates per value (amortised vector growth only); Clear() keeps the
// capacity, so a batch reused across Write calls stops allocating after the first.
//
// REQUIRES on the Append* methods (checked by assert in debug builds, by the writer's
// validation of a whole batch otherwise): the method matches the physical type, AppendNull
// only on optional columns, FLBA values exactly `type_length` bytes.
//
// Thread-safety: a value type; no internal synchronisation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/parquet/metadata.h"
#include "binlake/parquet/schema.h"

namespace binlake::parquet {

// An INT96 value as stored: words[0..1] are the nanoseconds of the day (little-endian u64),
// words[2] the Julian day number.
struct Int96 {
  uint32_t words[3] = {0, 0, 0};
  friend bool operator==(const Int96&, const Int96&) = default;
};

// The microseconds since the Unix epoch an INT96 timestamp stands for.
int64_t Int96ToUnixMicros(Int96 value);

class ColumnValues {
 public:
  ColumnValues(PhysicalType physical_type, bool optional, int32_t type_length = 0);
  explicit ColumnValues(const ColumnSpec& spec)
      : ColumnValues(spec.physical_type, spec.optional(), spec.type_length) {}

  PhysicalType physical_type() const { return physical_type_; }
  bool optional() const { return optional_; }
  int32_t type_length() const { return type_length_; }
  // Rows, including NULLs.
  size_t num_rows() const { return optional_ ? validity_.size() : num_values_; }
  // Non-null values.
  size_t num_values() const { return num_values_; }
  size_t null_count() const { return num_rows() - num_values_; }

  void AppendNull() { validity_.push_back(0); }
  void AppendBool(bool value) {
    MarkValue();
    bools_.push_back(value ? 1 : 0);
  }
  void AppendInt32(int32_t value) {
    MarkValue();
    int32s_.push_back(value);
  }
  void AppendInt64(int64_t value) {
    MarkValue();
    int64s_.push_back(value);
  }
  void AppendFloat(float value) {
    MarkValue();
    floats_.push_back(value);
  }
  void AppendDouble(double value) {
    MarkValue();
    doubles_.push_back(value);
  }
  void AppendInt96(Int96 value) {
    MarkValue();
    int96s_.push_back(value);
  }
  // BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
  void AppendBytes(std::string_view value) {
    MarkValue();
    bytes_.append(value);
    if (physical_type_ == PhysicalType::kByteArray) {
      offsets_.push_back(bytes_.size());
    }
  }

  std::span<const uint8_t> validity() const { return validity_; }
  std::span<const uint8_t> bools() const { return bools_; }
  std::span<const int32_t> int32s() const { return int32s_; }
  std::span<const int64_t> int64s() const { return int64s_; }
  std::span<const float> floats() const { return floats_; }
  std::span<const double> doubles() const { return doubles_; }
  std::span<const Int96> int96s() const { return int96s_; }
  std::span<const uint64_t> offsets() const { return offsets_; }
  std::string_view bytes() const { return bytes_; }
  // Value i of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column (i < num_values()).
  std::string_view BytesValue(size_t i) const {
    if (physical_type_ == PhysicalType::kByteArray) {
      return std::string_view(bytes_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    const auto width = static_cast<size_t>(type_length_);
    return std::string_view(bytes_).substr(i * width, width);
  }
  // Whether row r holds a value.
  bool IsValid(size_t row) const { return !optional_ || validity_[row] != 0; }

  // Removes every row, keeping the allocated capacity.
  void Clear();
  // Reserves room for `rows` rows and, for byte arrays, `bytes` bytes of values.
  void Reserve(size_t rows, size_t bytes = 0);

  // Mutable access for decoders that fill the vectors in bulk. After changing them, call
  // SetCounts with the resulting number of values (validity_ and the value vector must agree).
  std::vector<uint8_t>& mutable_validity() { return validity_; }
  std::vector<uint8_t>& mutable_bools() { return bools_; }
  std::vector<int32_t>& mutable_int32s() { return int32s_; }
  std::vector<int64_t>& mutable_int64s() { return int64s_; }
  std::vector<float>& mutable_floats() { return floats_; }
  std::vector<double>& mutable_doubles() { return doubles_; }
  std::vector<Int96>& mutable_int96s() { return int96s_; }
  std::vector<uint64_t>& mutable_offsets() { return offsets_; }
  std::string& mutable_bytes() { return bytes_; }
  void SetNumValues(size_t num_values) { num_values_ = num_values; }

 private:
  void MarkValue() {
    ++num_values_;
    if (optional_) {
      validity_.push_back(1);
    }
  }

  PhysicalType physical_type_;
  bool optional_;
  int32_t type_length_;
  size_t num_values_ = 0;
  std::vector<uint8_t> validity_;
  std::vector<uint8_t> bools_;
  std::vector<int32_t> int32s_;
  std::vector<int64_t> int64s_;
  std::vector<float> floats_;
  std::vector<double> doubles_;
  std::vector<Int96> int96s_;
  std::vector<uint64_t> offsets_{0};
  std::string bytes_;
};

// One ColumnValues per column of a schema, all with the same number of rows.
class RowBatch {
 public:
  RowBatch() = default;
  // Empty columns shaped like `schema`.
  explicit RowBatch(std::span<const ColumnSpec> schema);

  size_t num_columns() const { return columns_.size(); }
  // The rows of the batch (of column 0; 0 for a batch without columns).
  size_t num_rows() const { return columns_.empty() ? 0 : columns_.front().num_rows(); }
  ColumnValues& column(size_t i) { return columns_[i]; }
  const ColumnValues& column(size_t i) const { return columns_[i]; }
  std::vector<ColumnValues>& columns() { return columns_; }
  const std::vector<ColumnValues>& columns() const { return columns_; }
  // Clears every column, keeping capacity.
  void Clear();

 private:
  std::vector<ColumnValues> columns_;
};

}  // namespace binlake::parquet
