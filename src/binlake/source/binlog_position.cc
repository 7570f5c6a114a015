#include "binlake/source/binlog_position.h"

#include <fmt/format.h>

#include <algorithm>

namespace binlake::source {
namespace {

// The digits after the last '.', without leading zeros ("binlog.000010" -> "10"); the whole
// name when it has no numeric extension.
std::string_view SequenceDigits(std::string_view file) {
  size_t dot = file.rfind('.');
  std::string_view extension = dot == std::string_view::npos ? file : file.substr(dot + 1);
  bool numeric = !extension.empty() && std::all_of(extension.begin(), extension.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!numeric) {
    return file;
  }
  size_t first = extension.find_first_not_of('0');
  return first == std::string_view::npos ? std::string_view() : extension.substr(first);
}

template <typename T>
int Sign(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

int ComparePositions(const BinlogPosition& a, const BinlogPosition& b) {
  std::string_view a_digits = SequenceDigits(a.file);
  std::string_view b_digits = SequenceDigits(b.file);
  // Without leading zeros, a longer digit string is a larger number.
  if (int by_length = Sign(a_digits.size(), b_digits.size()); by_length != 0) {
    return by_length;
  }
  if (int by_digits = Sign(a_digits, b_digits); by_digits != 0) {
    return by_digits;
  }
  return Sign(a.offset, b.offset);
}

std::string FormatPosition(const BinlogPosition& position) {
  return fmt::format("{}:{}", position.file, position.offset);
}

}  // namespace binlake::source
