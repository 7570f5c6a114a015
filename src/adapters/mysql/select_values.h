// How the bytes a SELECT returns over the binary protocol become mysql::Value, for the kinds
// whose wire form is a string the server renders (DECIMAL, ENUM, SET, BIT, GEOMETRY) or a
// MYSQL_TIME (TIMESTAMP). Pure functions, so the conversions are unit-tested
// without a server; BinaryRowReader (binary_row_reader.h) is the user.
//
// Each result is exactly what the binlog decoder (binlog/rows_event.h) produces for the same
// stored value, so the full load and the binlog stream agree value for value:
//   DECIMAL   "[-]I[.F]" with exactly `scale` fraction digits, no '-' on zero
//   ENUM/SET  index/bits found from the label(s) in the column's members, labels kept
//   BIT       the big-endian bytes as an unsigned number, with the declared width
//   GEOMETRY  the 4-byte little-endian SRID, then the WKB
//   TIMESTAMP seconds since 1970-01-01 UTC (the session time zone is UTC); zero stays {0, 0}
// Errors are Corruption (the server sent something the column cannot hold) with the reason;
// the caller adds the column name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/mysql/value.h"

namespace binlake::adapters {

// Rewrites `text` (the server's decimal rendering) into *out per mysql/value.h.
Status NormalizeDecimal(std::string_view text, uint32_t scale, std::string* out);

Status EnumFromLabel(std::string_view label, const std::vector<std::string>& members,
                     mysql::Enum* out);
Status SetFromLabels(std::string_view labels, const std::vector<std::string>& members,
                     mysql::Set* out);

Result<mysql::Bit> BitFromBytes(std::string_view big_endian, uint32_t width);

Status GeometryFromBytes(std::string_view srid_and_wkb, mysql::Geometry* out);

// A TIMESTAMP's UTC wall clock as an instant; all-zero parts give the zero TIMESTAMP {0, 0}.
mysql::Timestamp TimestampFromUtc(const mysql::DateTime& utc);

}  // namespace binlake::adapters
