// FORMAT_DESCRIPTION_EVENT and START_EVENT_V3 (event_bodies.h).
#include <fmt/format.h>

#include <charconv>
#include <string>
#include <string_view>

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
