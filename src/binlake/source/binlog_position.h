// BinlogPosition: a point in the source's binlog, as file + offset and, where the server keeps
// GTIDs, the GTID set executed up to that point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace binlake::source {

struct BinlogPosition {
  std::string file;      // "mariadb-bin.000003"
  uint64_t offset = 0;   // byte offset of the next event in `file`
  std::string gtid_set;  // MariaDB "0-1-42,1-2-7" or MySQL "uuid:1-42"; empty when unknown

  bool operator==(const BinlogPosition&) const = default;
};

// Orders two positions of one server by file sequence number (the numeric extension, so
// ".000010" follows ".000009" and ".1000000" follows ".999999"), then offset. -1, 0 or 1.
int ComparePositions(const BinlogPosition& a, const BinlogPosition& b);

// "mariadb-bin.000003:1234" for messages and logs.
std::string FormatPosition(const BinlogPosition& position);

}  // namespace binlake::source
