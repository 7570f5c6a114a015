// FORMAT_DESCRIPTION_EVENT and START_EVENT_V3 (event_bodies.h).
#include <fmt/format.h>

#include <charconv>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "binlake/base/macros.h"
#include "binlake/binlog/event_bodies.h"

namespace binlake::binlog {
namespace {

constexpr size_t kServerVersionBytes = 50;
constexpr uint8_t kV4HeaderLength = 19;
// The checksum-algorithm byte and the 4-byte checksum at the end of a checksum-capable FDE.
constexpr size_t kChecksumTrailerBytes = 5;

// The server version field is NUL-padded to 50 bytes.
Result<std::string> ReadServerVersion(ByteReader& body) {
  ASSIGN_OR_RETURN(std::string_view raw, body.ReadBytes(kServerVersionBytes, "server version"));
  return std::string(raw.substr(0, raw.find('\0')));
}

// The leading "X.Y.Z" of a version string as one comparable number X*10000 + Y*100 + Z.
uint32_t VersionNumber(std::string_view version) {
  uint32_t parts[3] = {0, 0, 0};
  const char* p = version.data();
  const char* end = p + version.size();
  for (uint32_t& part : parts) {
    auto [next, error] = std::from_chars(p, end, part);
    if (error != std::errc() || next == end || *next != '.') {
      break;
    }
    p = next + 1;
  }
  return parts[0] * 10000 + parts[1] * 100 + parts[2];
}

bool NamesMariaDb(std::string_view version) {
  return version.find("MariaDB") != std::string_view::npos ||
         version.find("mariadb") != std::string_view::npos;
}

Result<ChecksumAlgorithm> ToChecksumAlgorithm(uint8_t code) {
  switch (code) {
    case 0:
      return ChecksumAlgorithm::kOff;
    case 1:
      return ChecksumAlgorithm::kCrc32;
    case 255:
      return ChecksumAlgorithm::kUndefined;
    default:
      return CorruptionError(fmt::format("unknown binlog checksum algorithm {}", code));
  }
}

// The development trees of row-based replication whose event numbering differs (the server's
// own list, log_event.cc): 5.1.[1-5]-a_drop5*, 5.1.4-a*, 5.2.[0-2]-a_drop6*.
bool HasPreGaEventNumbering(std::string_view version) {
  auto matches = [&](std::string_view prefix, char low, char high, std::string_view suffix) {
    return version.size() > prefix.size() && version.starts_with(prefix) &&
           version[prefix.size()] >= low && version[prefix.size()] <= high &&
           version.substr(prefix.size() + 1).starts_with(suffix);
  };
  return matches("5.1.", '1', '5', "-a_drop5") || matches("5.1.", '4', '4', "-a") ||
         matches("5.2.", '0', '2', "-a_drop6");
}

// Old code → today's code for those trees: 16 TABLE_MAP, 17-19 rows v0, 20 XID,
// 21 BEGIN_LOAD_QUERY, 22 EXECUTE_LOAD_QUERY.
std::vector<uint8_t> PreGaTypeMap() {
  std::vector<uint8_t> map(23);
  for (uint8_t code = 0; code < 16; ++code) {
    map[code] = code;
  }
  const uint8_t moved[] = {19, 20, 21, 22, 16, 17, 18};
  for (uint8_t i = 0; i < 7; ++i) {
    map[16 + i] = moved[i];
  }
  return map;
}

void ApplyPreGaNumbering(FormatDescriptionEvent& fde) {
  fde.type_map = PreGaTypeMap();
  std::vector<uint8_t> lengths = fde.post_header_lengths;
  for (size_t old_code = 1; old_code <= fde.post_header_lengths.size() && old_code < 23;
       ++old_code) {
    const uint8_t code = fde.type_map[old_code];
    if (code > lengths.size()) {
      lengths.resize(code, 0);
    }
    lengths[code - 1u] = fde.post_header_lengths[old_code - 1];
  }
  fde.post_header_lengths = std::move(lengths);
}

}  // namespace

bool ServerWritesChecksumField(std::string_view server_version) {
  const uint32_t minimum = NamesMariaDb(server_version) ? 50300 : 50601;
  return VersionNumber(server_version) >= minimum;
}

Result<FormatDescriptionEvent> DecodeFormatDescription(ByteReader& body) {
  FormatDescriptionEvent fde;
  ASSIGN_OR_RETURN(fde.binlog_version, body.ReadU16Le("binlog version"));
  ASSIGN_OR_RETURN(fde.server_version, ReadServerVersion(body));
  ASSIGN_OR_RETURN(fde.create_timestamp, body.ReadU32Le("create timestamp"));
  ASSIGN_OR_RETURN(fde.header_length, body.ReadU8("header length"));
  if (fde.binlog_version != 4 || fde.header_length < kV4HeaderLength) {
    return CorruptionError(fmt::format(
        "FORMAT_DESCRIPTION: unsupported binlog version {} with header length {} (expected "
        "version 4 and a header of at least {} bytes)",
        fde.binlog_version, fde.header_length, kV4HeaderLength));
  }
  fde.is_mariadb = NamesMariaDb(fde.server_version);
  size_t table_bytes = body.remaining();
  const bool has_checksum_field = ServerWritesChecksumField(fde.server_version);
  if (has_checksum_field) {
    if (table_bytes < kChecksumTrailerBytes) {
      return CorruptionError(fmt::format(
          "FORMAT_DESCRIPTION of server {} at offset {}: {} bytes left, too short for the "
          "checksum algorithm and checksum",
          fde.server_version, body.offset(), table_bytes));
    }
    table_bytes -= kChecksumTrailerBytes;
  }
  ASSIGN_OR_RETURN(std::string_view lengths, body.ReadBytes(table_bytes, "post-header lengths"));
  fde.post_header_lengths.assign(lengths.begin(), lengths.end());
  if (has_checksum_field) {
    ASSIGN_OR_RETURN(uint8_t algorithm, body.ReadU8("checksum algorithm"));
    ASSIGN_OR_RETURN(fde.checksum, ToChecksumAlgorithm(algorithm));
  }
  if (HasPreGaEventNumbering(fde.server_version)) {
    ApplyPreGaNumbering(fde);
  }
  return fde;
}

Result<FormatDescriptionEvent> DecodeStartV3(ByteReader& body, uint8_t header_length) {
  FormatDescriptionEvent fde;
  ASSIGN_OR_RETURN(fde.binlog_version, body.ReadU16Le("binlog version"));
  ASSIGN_OR_RETURN(fde.server_version, ReadServerVersion(body));
  ASSIGN_OR_RETURN(fde.create_timestamp, body.ReadU32Le("create timestamp"));
  if (fde.binlog_version != 1 && fde.binlog_version != 3) {
    return CorruptionError(
        fmt::format("START_EVENT_V3: unsupported binlog version {}", fde.binlog_version));
  }
  fde.header_length = header_length;
  fde.checksum = ChecksumAlgorithm::kUndefined;
  // The fixed post-header lengths of binlog v1 and v3 (MySQL 3.23 and 4.0): START 56,
  // QUERY 11, ROTATE 8 (none in v1), LOAD 18, CREATE_FILE 22, APPEND_BLOCK/EXEC_LOAD/
  // DELETE_FILE 4, NEW_LOAD 18.
  fde.post_header_lengths = {
      56, 11, 0, fde.binlog_version == 1 ? uint8_t{0} : uint8_t{8}, 0, 18, 0, 22, 4, 4, 4,
      18, 0,  0};
  return fde;
}

}  // namespace binlake::binlog
