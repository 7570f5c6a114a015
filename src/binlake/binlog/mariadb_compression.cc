#include "binlake/binlog/mariadb_compression.h"

#include <fmt/format.h>
#include <zlib.h>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"

namespace binlake::binlog {

Result<std::string> InflateMariaDbCompressed(std::string_view data, uint64_t max_bytes) {
  ByteReader reader(data);
  ASSIGN_OR_RETURN(uint8_t header, reader.ReadU8("compression header"));
  const unsigned length_bytes = header & 0x07U;
  const unsigned algorithm = (header >> 4) & 0x07U;
  if ((header & 0x80U) == 0 || length_bytes == 0 || length_bytes > 4) {
    return CorruptionError(fmt::format("compressed event data: bad header byte 0x{:02x}", header));
  }
  if (algorithm != 0) {
    return UnimplementedError(
        fmt::format("compressed event data: algorithm {} (only zlib, 0, is known)", algorithm));
  }
  uint64_t length = 0;
  for (unsigned i = 0; i < length_bytes; ++i) {
    ASSIGN_OR_RETURN(uint8_t byte, reader.ReadU8("uncompressed length"));
    length = (length << 8) | byte;
  }
  if (length > max_bytes) {
    return CorruptionError(
        fmt::format("compressed event data: uncompressed length {} exceeds the limit of {} bytes",
                    length, max_bytes));
  }
  std::string out(length, '\0');
  uLongf out_length = static_cast<uLongf>(length);
  const std::string_view compressed = reader.Rest();
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &out_length,
                            reinterpret_cast<const Bytef*>(compressed.data()),
                            static_cast<uLong>(compressed.size()));
  if (rc != Z_OK || out_length != length) {
    return CorruptionError(
        fmt::format("compressed event data: zlib inflate failed ({}; {} of {} bytes produced)", rc,
                    out_length, length));
  }
  return out;
}

}  // namespace binlake::binlog
