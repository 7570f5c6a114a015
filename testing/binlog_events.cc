#include "testing/binlog_events.h"

#include "binlake/base/crc32.h"

namespace binlake::testing {
namespace {

constexpr size_t kHeaderLength = 19;

void AppendCrc32(std::string& event) {
  event += Le(Crc32(event), 4);
}

}  // namespace

std::string Le(uint64_t value, size_t bytes) {
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
  return out;
}

std::string MakeEvent(uint8_t type, std::string_view body, bool crc32,
                      const EventHeaderFields& fields) {
  const size_t length = kHeaderLength + body.size() + (crc32 ? 4 : 0);
  std::string event = Le(fields.timestamp, 4);
  event.push_back(static_cast<char>(type));
  event += Le(fields.server_id, 4);
  event += Le(length, 4);
  event += Le(fields.next_position, 4);
  event += Le(fields.flags, 2);
  event += body;
  if (crc32) {
    AppendCrc32(event);
  }
  return event;
}

std::vector<uint8_t> DefaultPostHeaderLengths() {
  // MySQL 8.0: types 1..42.
  return {56, 13, 0, 8, 0, 18, 0, 4, 4,  4,  18, 0,  0,  0, 95, 0,  4, 26, 8,  0, 0,
          0,  8,  8, 8, 2, 0,  0, 0, 10, 10, 10, 42, 42, 0, 18, 52, 0, 10, 40, 0, 0};
}

std::string MakeFormatDescription(std::string_view server_version, int checksum) {
  std::string body = Le(4, 2);
  std::string version(server_version);
  version.resize(50, '\0');
  body += version;
  body += Le(0, 4);
  body.push_back(static_cast<char>(kHeaderLength));
  for (uint8_t length : DefaultPostHeaderLengths()) {
    body.push_back(static_cast<char>(length));
  }
  if (checksum < 0) {
    return MakeEvent(15, body, false);
  }
  body.push_back(static_cast<char>(checksum));
  if (checksum == 1) {
    return MakeEvent(15, body, true);
  }
  return MakeEvent(15, body + std::string(4, '\0'), false);
}

std::string BinlogFile(const std::vector<std::string>& events, bool crc32) {
  std::string file =
      "\xfe"
      "bin";
  for (std::string event : events) {
    const uint64_t end = file.size() + event.size();
    const std::string position = Le(end, 4);
    event.replace(13, 4, position);
    if (crc32) {
      event.resize(event.size() - 4);
      AppendCrc32(event);
    }
    file += event;
  }
  return file;
}

}  // namespace binlake::testing
