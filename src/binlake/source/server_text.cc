#include "binlake/source/server_text.h"

#include <charconv>

namespace binlake::source {
namespace {

char UpperAscii(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// Calls on_top_level(i) for each index i of `text` outside parentheses and '...', "..." and
// `...` quotes (backslash escapes inside '...' and "..."; a doubled quote closes and reopens);
// stops early when it returns false.
template <typename F>
void ForEachTopLevel(std::string_view text, F on_top_level) {
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == '\\' && quote != '`') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && !on_top_level(i)) {
      return;
    }
  }
}

}  // namespace

std::string_view TrimSpaces(std::string_view text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string ToUpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = UpperAscii(c);
  }
  return out;
}

size_t FindOutsideQuotes(std::string_view text, std::string_view needle) {
  size_t found = std::string_view::npos;
  ForEachTopLevel(text, [&](size_t i) {
    if (text.substr(i).starts_with(needle)) {
      found = i;
    }
    return found == std::string_view::npos;
  });
  return found;
}

std::vector<std::string> SplitOutsideQuotes(std::string_view text, char separator) {
  std::vector<std::string> parts;
  if (TrimSpaces(text).empty()) {
    return parts;
  }
  size_t start = 0;
  ForEachTopLevel(text, [&](size_t i) {
    if (text[i] == separator) {
      parts.emplace_back(TrimSpaces(text.substr(start, i - start)));
      start = i + 1;
    }
    return true;
  });
  parts.emplace_back(TrimSpaces(text.substr(start)));
  return parts;
}

// Greedy matching that, on a mismatch, retries from the last `any_run` one character further
// on: O(pattern x text) at worst, whatever the number of wildcards.
bool WildcardMatch(std::string_view pattern, std::string_view text, char any_run, char any_one) {
  size_t p = 0;
  size_t t = 0;
  size_t after_star = std::string_view::npos;  // pattern index after the last any_run
  size_t star_text = 0;                        // text index that any_run matched up to
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == any_run) {
      after_star = ++p;
      star_text = t;
      continue;
    }
    if (p < pattern.size()) {
      bool escaped = pattern[p] == '\\' && p + 1 < pattern.size();
      char wanted = pattern[escaped ? p + 1 : p];
      if (wanted == text[t] || (!escaped && wanted == any_one)) {
        p += escaped ? 2 : 1;
        ++t;
        continue;
      }
    }
    if (after_star == std::string_view::npos) {
      return false;
    }
    p = after_star;
    t = ++star_text;
  }
  while (p < pattern.size() && pattern[p] == any_run) {
    ++p;
  }
  return p == pattern.size();
}

std::optional<uint64_t> ParseUnsigned(std::string_view text) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> NamedValue(const io::TextResult& result, std::string_view name) {
  std::string wanted = ToUpperAscii(name);
  for (const auto& row : result.rows) {
    if (row.size() >= 2 && row[0].has_value() && ToUpperAscii(*row[0]) == wanted) {
      return row[1];
    }
  }
  return std::nullopt;
}

}  // namespace binlake::source
