// Builders for binlog events in tests (golden bytes): whole v4 events with an optional CRC32,
// format descriptions, and whole binlog files (magic + events).
//
// Contract: MakeEvent returns header (19 bytes: timestamp, type, server id, length, next
// position, flags) + body [+ CRC32 of everything before it]; next_position is the given value
// (0 by default; BinlogFile fills it in). MakeFormatDescription writes a v4 FDE for
// `server_version` with MySQL 8.0's post-header lengths table and, for checksum-capable
// versions, the algorithm byte and the CRC (or 4 zero bytes when the algorithm is OFF).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace binlake::testing {

struct EventHeaderFields {
  uint32_t timestamp = 1700000000;
  uint32_t server_id = 1;
  uint32_t next_position = 0;
  uint16_t flags = 0;
};

std::string MakeEvent(uint8_t type, std::string_view body, bool crc32,
                      const EventHeaderFields& fields = {});

// checksum: 0 OFF, 1 CRC32, or -1 for a server without the field (version before 5.6.1).
std::string MakeFormatDescription(std::string_view server_version, int checksum);

// The post-header lengths MakeFormatDescription writes (index = type code - 1).
std::vector<uint8_t> DefaultPostHeaderLengths();

// "\xfe" "bin" followed by `events`, with each event's next_position set to its end offset
// (and its CRC32 recomputed when `crc32`).
std::string BinlogFile(const std::vector<std::string>& events, bool crc32);

// Little-endian integer bytes.
std::string Le(uint64_t value, size_t bytes);

}  // namespace binlake::testing
