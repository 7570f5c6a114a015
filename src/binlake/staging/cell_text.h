// The canonical text of a staged cell: how a change file's value reads as text, whichever
// format (Parquet or CSV) the file is in. The CSV writer writes exactly this text, and the
// reader (change_file_reader.h) turns Parquet values into it, so the two formats read back equal.
// docs/formats/staging.md lists the same rules for users:
//
//   TINYINT..BIGINT, YEAR, BIT   decimal digits, unsigned columns unsigned ("255", "-5", "0")
//   DECIMAL(p,s)                 the exact decimal text with s fraction digits ("-1.50")
//   FLOAT / DOUBLE               the shortest text that reads back to the same float / double
//                                (std::to_chars: "0.1", "-0", "1e+38", "nan", "inf")
//   DATE                         YYYY-MM-DD
//   DATETIME(fsp) / TIMESTAMP    YYYY-MM-DD HH:MM:SS, plus '.' and fsp fraction digits when
//                                fsp > 0; TIMESTAMP in UTC
//   TIME(fsp)                    [-]HH:MM:SS[.f] as MySQL prints it (hours up to 838)
//   CHAR..TEXT, ENUM, SET, JSON, the UTF-8 text as it is (ENUM/SET as their labels)
//   UUID, INET4, INET6
//   BINARY, VARBINARY, BLOB,     upper-case hex of the bytes (GEOMETRY: the WKB without the
//   VECTOR, GEOMETRY             SRID; VECTOR: the little-endian float32 bytes)
//   NULL                         no text (std::nullopt); zero dates are NULL as in Parquet
//
// Thread-safety: plain functions.
#pragma once

#include <cstddef>
#include <string>

#include "binlake/base/result.h"
#include "binlake/mysql/column_type.h"
#include "binlake/parquet/column_batch.h"
#include "binlake/parquet/type_mapping.h"

namespace binlake::staging {

// Appends the canonical text of non-null value `value_index` (dense) of `values`, a column that
// parquet::MapColumn mapped from a column of `type` to `lake_type`. Corruption when the value
// does not fit the type (a read file whose column does not hold what the mapping writes).
Status AppendCellText(const mysql::ColumnType& type, parquet::LakeType lake_type,
                      const parquet::ColumnValues& values, size_t value_index, std::string* out);

// Upper-case hex of `bytes`.
void AppendHex(std::string_view bytes, std::string* out);

// "YYYY-MM-DD HH:MM:SS" plus '.' and `fsp` digits of the microseconds when fsp > 0, for
// microseconds since 1970-01-01 00:00:00.
void AppendDateTimeText(int64_t micros, uint32_t fsp, std::string* out);

}  // namespace binlake::staging
