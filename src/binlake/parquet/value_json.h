// Parquet values as JSON text, rendered by the column's logical type: what `binlake parquet cat`
// prints per cell and `binlake parquet inspect` prints for min/max statistics. docs/cli.md lists
// the same rules for users.
//
//   BOOLEAN                      true / false
//   INT32/INT64 (any INT(n))     a number, exact (unsigned types printed unsigned)
//   DECIMAL(p,s)                 a string with the exact decimal text: "-123.45"
//   FLOAT/DOUBLE                 the shortest number that reads back to the same value;
//                                "NaN", "Infinity", "-Infinity" as strings
//   DATE                         "YYYY-MM-DD" (proleptic Gregorian)
//   TIMESTAMP(unit, utc)         "YYYY-MM-DDTHH:MM:SS.fff[fff[fff]]" plus "Z" when adjusted to UTC
//   TIME(unit)                   "HH:MM:SS.fff[fff[fff]]"
//   INT96 (legacy)               a TIMESTAMP(NANOS, local) rendering of the same instant
//   STRING/ENUM/JSON             a JSON string (JSON documents are not parsed); bytes that are
//                                not UTF-8 become U+FFFD
//   UUID                         "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
//   BYTE_ARRAY / FLBA otherwise  a base64 string (RFC 4648, padded)
//
// Thread-safety: plain functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/schema.h"

namespace binlake::parquet {

// JSON for non-null value `value_index` (a dense index, < values.num_values()) of `values`,
// a column of `column`'s physical type.
std::string ValueJson(const ColumnSpec& column, const ColumnValues& values, size_t value_index);

// JSON for a statistics bound (min_value/max_value: PLAIN encoding without a length prefix).
// Corruption when the bytes do not fit the physical type.
Result<std::string> StatisticJson(const ColumnSpec& column, std::string_view plain);

// Appends `text` as a JSON string literal (quotes and escapes; invalid UTF-8 bytes become
// U+FFFD).
void AppendJsonString(std::string_view text, std::string* out);

// RFC 4648 base64 with padding.
std::string Base64(std::string_view bytes);

}  // namespace binlake::parquet
