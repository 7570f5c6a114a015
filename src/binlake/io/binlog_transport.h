// BinlogTransport: where binlog events come from. The decoder (binlog/event_decoder.h) only sees
// whole raw events; a transport frames them out of a binlog file (adapters/fs/
// binlog_file_transport.h) or, later, out of a replication connection (libmariadb's mariadb_rpl
// hands over one raw event per fetch, which maps onto Next() directly).
//
// Contract:
//   - Next() returns the next whole event: the common header, the body and the checksum (if the
//     stream has checksums), exactly as the server wrote it; or std::nullopt at the end of the
//     stream (end of file; for a network transport, when the server closes a non-blocking dump).
//     After an error or std::nullopt, further calls repeat it.
//   - The bytes are borrowed: they stay valid until the next call to Next() (or the transport's
//     destruction). Keep a copy to hold on to them.
//   - `source` names where the event is (the binlog file name, as a file or as a ROTATE event
//     named it) and `offset` is the position of its first byte in that binlog (the magic is at
//     0, the first event at 4). A transport whose events carry no position of their own (an
//     artificial ROTATE or a HEARTBEAT from a server) still reports the best position it knows.
//   - Framing is the transport's job: it guarantees bytes.size() >= 13 (the shortest common
//     header, binlog v1) and that bytes.size() equals the event_length field of the header.
//     Everything else (header version, checksum, contents) is the decoder's job.
//   - Memory is bounded: a transport holds at most one event plus a fixed-size read buffer,
//     whatever the size of the binlog.
//   - Errors: Corruption for malformed framing (bad magic, a length that runs past the end),
//     naming the source and the offset; Unavailable/DeadlineExceeded for I/O that may be retried.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "binlake/base/result.h"

namespace binlake::io {

// The size of the common event header in binlog v1 (MySQL 3.23); v3 and v4 headers have 19 bytes.
inline constexpr uint32_t kMinBinlogEventLength = 13;
// The offset of event_length within the common header (all binlog versions).
inline constexpr uint32_t kBinlogEventLengthOffset = 9;
// The four bytes every binlog file starts with.
inline constexpr std::string_view kBinlogMagic{
    "\xfe"
    "bin",
    4};

struct RawBinlogEvent {
  std::string_view bytes;   // the whole event, header through checksum
  std::string_view source;  // binlog file name
  uint64_t offset = 0;      // position of bytes[0] within `source`
};

class BinlogTransport {
 public:
  virtual ~BinlogTransport() = default;

  // The next event, or std::nullopt at the end of the stream.
  virtual Result<std::optional<RawBinlogEvent>> Next() = 0;
};

}  // namespace binlake::io
