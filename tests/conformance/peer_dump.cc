#include "tests/conformance/peer_dump.h"

#include <fmt/format.h>

#include <charconv>

namespace binlake::conformance {
namespace {

constexpr std::string_view kFile = "### FILE ";
constexpr std::string_view kError = "### ERROR ";
constexpr std::string_view kEvents = "### EVENTS ";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::optional<uint64_t> ParseNumber(std::string_view text) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) {
    return std::nullopt;
  }
  return value;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    lines.push_back(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  }
  return lines;
}

// The "### FILE / ERROR / EVENTS" lines both dumps share. Returns true when `line` was one.
Result<bool> FileLine(std::string_view line, std::vector<PeerFile>& files) {
  if (StartsWith(line, kFile)) {
    files.emplace_back().path = std::string(line.substr(kFile.size()));
    return true;
  }
  if (!StartsWith(line, kError) && !StartsWith(line, kEvents)) {
    return false;
  }
  if (files.empty()) {
    return InvalidArgumentError("### line before the first ### FILE");
  }
  if (StartsWith(line, kError)) {
    files.back().error = std::string(line.substr(kError.size()));
    return true;
  }
  files.back().event_count = ParseNumber(line.substr(kEvents.size()));
  return true;
}

Status WithLine(Status status, size_t index) {
  return status.WithContext(fmt::format("line {}", index + 1));
}

}  // namespace

Result<std::vector<PeerFile>> ParseGoMysqlDump(std::string_view text) {
  std::vector<PeerFile> files;
  bool in_values = false;
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    Result<bool> file_line = FileLine(line, files);
    if (!file_line.ok()) {
      return WithLine(file_line.status(), i);
    }
    if (*file_line) {
      in_values = false;
      continue;
    }
    if (StartsWith(line, "=== ") && line.size() > 8 && line.substr(line.size() - 4) == " ===") {
      in_values = false;
      const std::string_view type = line.substr(4, line.size() - 8);
      if (StartsWith(type, "Start of events") || StartsWith(type, "End of events")) {
        continue;
      }
      if (files.empty()) {
        return WithLine(InvalidArgumentError("event before the first ### FILE"), i);
      }
      files.back().events.push_back(PeerEvent{std::string(type), 0, {}});
      continue;
    }
    if (files.empty() || files.back().events.empty()) {
      continue;
    }
    PeerEvent& event = files.back().events.back();
    if (StartsWith(line, "Log position: ")) {
      event.end_position = ParseNumber(line.substr(14)).value_or(0);
    } else if (line == "Values:") {
      in_values = true;
    } else if (in_values && line == "--") {
      event.rows.emplace_back();
    } else if (in_values && !event.rows.empty()) {
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos || !ParseNumber(line.substr(0, colon)).has_value()) {
        in_values = false;  // the blank line after the last value
        continue;
      }
      event.rows.back().push_back(std::string(line.substr(colon + 1)));
    }
  }
  return files;
}

Result<std::vector<PeerFile>> ParseJavaDump(std::string_view text) {
  constexpr std::string_view kEventStart = "Event{header=EventHeaderV4{";
  std::vector<PeerFile> files;
  bool in_rows = false;
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    Result<bool> file_line = FileLine(line, files);
    if (!file_line.ok()) {
      return WithLine(file_line.status(), i);
    }
    if (*file_line) {
      in_rows = false;
      continue;
    }
    if (StartsWith(line, kEventStart)) {
      if (files.empty()) {
        return WithLine(InvalidArgumentError("event before the first ### FILE"), i);
      }
      PeerEvent event;
      const size_t type_at = line.find("eventType=");
      const size_t next_at = line.find("nextPosition=");
      if (type_at == std::string_view::npos || next_at == std::string_view::npos) {
        return WithLine(InvalidArgumentError("event header without eventType/nextPosition"), i);
      }
      const std::string_view type = line.substr(type_at + 10);
      event.type = std::string(type.substr(0, type.find(',')));
      event.end_position = ParseNumber(line.substr(next_at + 13)).value_or(0);
      in_rows = line.size() >= 6 && line.substr(line.size() - 6) == "rows=[";
      files.back().events.push_back(std::move(event));
      continue;
    }
    if (!in_rows || files.empty() || files.back().events.empty()) {
      continue;
    }
    if (StartsWith(line, "]}}")) {
      in_rows = false;
      continue;
    }
    std::string_view row = line;
    row.remove_prefix(std::min(row.find_first_not_of(' '), row.size()));
    if (!row.empty() && row.back() == ',') {
      row.remove_suffix(1);
    }
    files.back().events.back().rows.push_back({std::string(row)});
  }
  return files;
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
