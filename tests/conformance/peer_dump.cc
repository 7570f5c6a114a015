#include "tests/conformance/peer_dump.h"

#include <fmt/format.h>

#include <algorithm>

#include "tests/conformance/text_util.h"

namespace binlake::conformance {
namespace {

constexpr std::string_view kFile = "### FILE ";
constexpr std::string_view kError = "### ERROR ";
constexpr std::string_view kEvents = "### EVENTS ";

// The "### FILE / ERROR / EVENTS" lines both dumps share. Returns true when `line` was one.
Result<bool> FileLine(std::string_view line, std::vector<PeerFile>& files) {
  if (line.starts_with(kFile)) {
    files.emplace_back().path = std::string(line.substr(kFile.size()));
    return true;
  }
  if (!line.starts_with(kError) && !line.starts_with(kEvents)) {
    return false;
  }
  if (files.empty()) {
    return InvalidArgumentError("### line before the first ### FILE");
  }
  if (line.starts_with(kError)) {
    files.back().error = std::string(line.substr(kError.size()));
    return true;
  }
  files.back().event_count = ParseNumber(line.substr(kEvents.size()));
  return true;
}

// Feeds every line other than the shared "###" lines to `parser` (Line(line, files) -> Status;
// Reset() after each "###" line), naming the line in errors.
template <typename Parser>
Result<std::vector<PeerFile>> ParseDump(std::string_view text, Parser& parser) {
  std::vector<PeerFile> files;
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    Result<bool> file_line = FileLine(lines[i], files);
    Status status = file_line.ok() ? Status::Ok() : file_line.status();
    if (status.ok() && *file_line) {
      parser.Reset();
      continue;
    }
    if (status.ok()) {
      status = parser.Line(lines[i], files);
    }
    if (!status.ok()) {
      return status.WithContext(fmt::format("line {}", i + 1));
    }
  }
  return files;
}

Status EventBeforeFile() {
  return InvalidArgumentError("event before the first ### FILE");
}

class GoMysqlParser {
 public:
  void Reset() { in_values_ = false; }

  Status Line(std::string_view line, std::vector<PeerFile>& files) {
    if (line.starts_with("=== ") && line.size() > 8 && line.ends_with(" ===")) {
      in_values_ = false;
      const std::string_view type = line.substr(4, line.size() - 8);
      if (type.starts_with("Start of events") || type.starts_with("End of events")) {
        return Status::Ok();
      }
      if (files.empty()) {
        return EventBeforeFile();
      }
      files.back().events.push_back(PeerEvent{std::string(type), 0, {}});
      return Status::Ok();
    }
    if (files.empty() || files.back().events.empty()) {
      return Status::Ok();
    }
    PeerEvent& event = files.back().events.back();
    if (line.starts_with("Log position: ")) {
      event.end_position = ParseNumber(line.substr(14)).value_or(0);
    } else if (line == "Values:") {
      in_values_ = true;
    } else if (in_values_ && line == "--") {
      event.rows.emplace_back();
    } else if (in_values_ && !event.rows.empty()) {
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos || !ParseNumber(line.substr(0, colon)).has_value()) {
        in_values_ = false;  // the blank line after the last value
        return Status::Ok();
      }
      event.rows.back().push_back(std::string(line.substr(colon + 1)));
    }
    return Status::Ok();
  }

 private:
  bool in_values_ = false;
};

class JavaParser {
 public:
  void Reset() { in_rows_ = false; }

  Status Line(std::string_view line, std::vector<PeerFile>& files) {
    constexpr std::string_view kEventStart = "Event{header=EventHeaderV4{";
    if (line.starts_with(kEventStart)) {
      if (files.empty()) {
        return EventBeforeFile();
      }
      const size_t type_at = line.find("eventType=");
      const size_t next_at = line.find("nextPosition=");
      if (type_at == std::string_view::npos || next_at == std::string_view::npos) {
        return InvalidArgumentError("event header without eventType/nextPosition");
      }
      PeerEvent event;
      const std::string_view type = line.substr(type_at + 10);
      event.type = std::string(type.substr(0, type.find(',')));
      event.end_position = ParseNumber(line.substr(next_at + 13)).value_or(0);
      in_rows_ = line.ends_with("rows=[");
      files.back().events.push_back(std::move(event));
      return Status::Ok();
    }
    if (!in_rows_ || files.empty() || files.back().events.empty()) {
      return Status::Ok();
    }
    if (line.starts_with("]}}")) {
      in_rows_ = false;
      return Status::Ok();
    }
    std::string_view row = line;
    row.remove_prefix(std::min(row.find_first_not_of(' '), row.size()));
    if (row.ends_with(',')) {
      row.remove_suffix(1);
    }
    files.back().events.back().rows.push_back({std::string(row)});
    return Status::Ok();
  }

 private:
  bool in_rows_ = false;
};

}  // namespace

Result<std::vector<PeerFile>> ParseGoMysqlDump(std::string_view text) {
  GoMysqlParser parser;
  return ParseDump(text, parser);
}

Result<std::vector<PeerFile>> ParseJavaDump(std::string_view text) {
  JavaParser parser;
  return ParseDump(text, parser);
}

std::vector<std::string> SplitJavaList(std::string_view list) {
  if (list.size() >= 2 && list.front() == '[' && list.back() == ']') {
    list = list.substr(1, list.size() - 2);
  }
  std::vector<std::string> values;
  if (list.empty()) {
    return values;
  }
  while (true) {
    const size_t comma = list.find(", ");
    values.push_back(std::string(list.substr(0, comma)));
    if (comma == std::string_view::npos) {
      break;
    }
    list = list.substr(comma + 2);
  }
  return values;
}

}  // namespace binlake::conformance
