#include "binlake/parquet/column_batch.h"

namespace binlake::parquet {

namespace {

constexpr int64_t kJulianDayOfUnixEpoch = 2440588;
constexpr int64_t kMicrosPerDay = 86400LL * 1000 * 1000;

}  // namespace

int64_t Int96ToUnixMicros(Int96 value) {
  const uint64_t nanos_of_day = uint64_t{value.words[0]} | (uint64_t{value.words[1]} << 32);
  const int64_t days = int64_t{value.words[2]} - kJulianDayOfUnixEpoch;
  return days * kMicrosPerDay + static_cast<int64_t>(nanos_of_day / 1000);
}

ColumnValues::ColumnValues(PhysicalType physical_type, bool optional, int32_t type_length)
    : physical_type_(physical_type), optional_(optional), type_length_(type_length) {}

void ColumnValues::Clear() {
  num_values_ = 0;
  validity_.clear();
  bools_.clear();
  int32s_.clear();
  int64s_.clear();
  floats_.clear();
  doubles_.clear();
  int96s_.clear();
  offsets_.resize(1);
  bytes_.clear();
}

void ColumnValues::Reserve(size_t rows, size_t bytes) {
  if (optional_) {
    validity_.reserve(rows);
  }
  switch (physical_type_) {
    case PhysicalType::kBoolean:
      bools_.reserve(rows);
      break;
    case PhysicalType::kInt32:
      int32s_.reserve(rows);
      break;
    case PhysicalType::kInt64:
      int64s_.reserve(rows);
      break;
    case PhysicalType::kInt96:
      int96s_.reserve(rows);
      break;
    case PhysicalType::kFloat:
      floats_.reserve(rows);
      break;
    case PhysicalType::kDouble:
      doubles_.reserve(rows);
      break;
    case PhysicalType::kByteArray:
      offsets_.reserve(rows + 1);
      bytes_.reserve(bytes);
      break;
    case PhysicalType::kFixedLenByteArray:
      bytes_.reserve(rows * static_cast<size_t>(type_length_));
      break;
  }
}

RowBatch::RowBatch(std::span<const ColumnSpec> schema) {
  columns_.reserve(schema.size());
  for (const ColumnSpec& spec : schema) {
    columns_.emplace_back(spec);
  }
}

void RowBatch::Clear() {
  for (ColumnValues& column : columns_) {
    column.Clear();
  }
}

}  // namespace binlake::parquet
