// The user's choices for the MySQL -> Parquet type mapping (type_mapping.h), kept in their own
// header so the configuration (config/config.h) can hold them without the Parquet schema types.
#pragma once

#include <cstdint>

namespace binlake::parquet {

enum class TypeMappingMode : uint8_t {
  kExact,  // never lossy: unsigned ints widen, BIGINT UNSIGNED is decimal(20,0) (the default)
  kDms,    // the types AWS DMS writes to its Parquet S3 target (UINT8..UINT64, FLOAT as DOUBLE)
};

// What a zero, partial-zero or invalid date (0000-00-00, 2024-00-15, 2023-02-29) becomes: no
// lake type holds it.
enum class ZeroDatePolicy : uint8_t {
  kNull,   // NULL, counted (RowConverter::zero_dates); such columns are always optional
  kError,  // InvalidArgument naming the column and the value
};

struct TypeMappingOptions {
  TypeMappingMode mode = TypeMappingMode::kExact;
  ZeroDatePolicy zero_dates = ZeroDatePolicy::kNull;
};

}  // namespace binlake::parquet
