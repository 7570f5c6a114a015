// MariaDB's compressed binlog events (log_bin_compress=ON): QUERY_COMPRESSED_EVENT and the
// *_ROWS_COMPRESSED_EVENT[_V1] family store their statement / row data as
//   header byte: 0x80 | (algorithm << 4) | (number of length bytes, 1..4)
//   uncompressed length: that many bytes, big-endian
//   data: compressed with the algorithm (0 = zlib, the only one MariaDB writes)
//
// Contract: InflateMariaDbCompressed returns the uncompressed bytes, or Corruption when the
// header is malformed, the length exceeds `max_bytes` (a corrupt length must not allocate
// gigabytes), zlib fails, or the output length differs from the declared one; Unimplemented for
// an algorithm other than zlib.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "binlake/base/result.h"

namespace binlake::binlog {

Result<std::string> InflateMariaDbCompressed(std::string_view data, uint64_t max_bytes);

}  // namespace binlake::binlog
