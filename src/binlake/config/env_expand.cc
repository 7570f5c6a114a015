#include "binlake/config/env_expand.h"

#include <fmt/format.h>

namespace binlake::config {
namespace {

bool IsNameStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool IsNameChar(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9');
}

bool IsValidName(std::string_view name) {
  if (name.empty() || !IsNameStart(name.front())) {
    return false;
  }
  for (char c : name) {
    if (!IsNameChar(c)) {
      return false;
    }
  }
  return true;
}

// Resolves the body of one "${...}" reference (the text between the braces).
Result<std::string> ResolveReference(std::string_view body, size_t offset, const EnvLookup& env) {
  size_t separator = body.find(":-");
  std::string_view name = body.substr(0, separator);
  if (!IsValidName(name)) {
    return InvalidArgumentError(fmt::format(
        "invalid environment variable name in the ${{...}} at offset {} (use letters, digits "
        "and _, not starting with a digit; write $$ for a literal $)",
        offset));
  }
  std::optional<std::string> value = env ? env(name) : std::nullopt;
  if (separator == std::string_view::npos) {
    if (!value.has_value()) {
      return InvalidArgumentError(fmt::format(
          "environment variable {0} is not set (write ${{{0}:-default}} to give a default)", name));
    }
    return *std::move(value);
  }
  if (!value.has_value() || value->empty()) {
    return std::string(body.substr(separator + 2));
  }
  return *std::move(value);
}

}  // namespace

Result<std::string> ExpandEnvReferences(std::string_view text, const EnvLookup& env) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c != '$' || i + 1 == text.size()) {
      out += c;
      ++i;
      continue;
    }
    char next = text[i + 1];
    if (next == '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next != '{') {
      out += c;
      ++i;
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return InvalidArgumentError(
          fmt::format("unterminated ${{ at offset {} (write $$ for a literal $)", i));
    }
    Result<std::string> value = ResolveReference(text.substr(i + 2, close - i - 2), i, env);
    if (!value.ok()) {
      return value.status();
    }
    out += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace binlake::config
