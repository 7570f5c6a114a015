// MySQL length-encoded strings: a length-encoded integer (ReadLengthEncodedInt, event_bodies.h)
// followed by that many bytes. Used by TABLE_MAP optional metadata and JSON diffs.
#pragma once

#include <cstdint>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/base/result.h"
#include "binlake/binlog/event_bodies.h"

namespace binlake::binlog {

// The bytes are a view into the reader's input. Corruption when the length runs past the end.
inline Result<std::string_view> ReadLengthEncodedString(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(const uint64_t length, ReadLengthEncodedInt(reader, what));
  if (length > reader.remaining()) {
    return reader.ReadBytes(reader.remaining() + 1, what);  // the truncation error, with offset
  }
  return reader.ReadBytes(static_cast<size_t>(length), what);
}

}  // namespace binlake::binlog
