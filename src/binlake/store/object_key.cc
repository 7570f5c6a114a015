#include "binlake/store/object_key.h"

#include <fmt/format.h>

#include <string>

#include "binlake/base/macros.h"

namespace binlake::store {
namespace {

Status KeyError(std::string_view key, std::string_view rule) {
  // Keys may hold anything; print them escaped so a NUL or newline cannot garble the message.
  std::string printable;
  for (char c : key.substr(0, 200)) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      printable += fmt::format("\\x{:02x}", byte);
    } else {
      printable += c;
    }
  }
  return InvalidArgumentError(fmt::format("object key \"{}\" is refused: {}", printable, rule));
}

}  // namespace

Status ValidateObjectKey(std::string_view key) {
  if (key.empty()) {
    return InvalidArgumentError("object key is empty");
  }
  if (key.size() > kMaxObjectKeyBytes) {
    return KeyError(key, fmt::format("longer than {} bytes", kMaxObjectKeyBytes));
  }
  if (key.find('\0') != std::string_view::npos) {
    return KeyError(key, "contains a NUL byte");
  }
  if (key.find('\\') != std::string_view::npos) {
    return KeyError(key, "contains a backslash");
  }
  if (key.front() == '/') {
    return KeyError(key, "is absolute (starts with '/')");
  }
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string_view::npos) {
      end = key.size();
    }
    std::string_view segment = key.substr(start, end - start);
    if (segment.empty()) {
      return KeyError(key, "has an empty path segment");
    }
    if (segment == "." || segment == "..") {
      return KeyError(key, "has a '.' or '..' path segment");
    }
    start = end + 1;
  }
  return Status::Ok();
}

Status ValidateListPrefix(std::string_view prefix) {
  if (prefix.empty()) {
    return Status::Ok();
  }
  if (prefix.back() == '/') {
    prefix.remove_suffix(1);
  }
  return ValidateObjectKey(prefix);
}

Status ValidateListOptions(const io::ListOptions& options) {
  RETURN_IF_ERROR(ValidateListPrefix(options.prefix));
  if (options.max_keys < 1 || options.max_keys > kMaxListKeys) {
    return InvalidArgumentError(
        fmt::format("list max_keys {} is outside 1..{}", options.max_keys, kMaxListKeys));
  }
  return Status::Ok();
}

Status CheckWriterOpen(bool closed, std::string_view key) {
  if (closed) {
    return FailedPreconditionError(fmt::format("writer for {} is already closed or aborted", key));
  }
  return Status::Ok();
}

}  // namespace binlake::store
