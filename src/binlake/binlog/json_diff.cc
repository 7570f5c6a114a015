#include "binlake/binlog/json_diff.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/json_binary.h"
#include "binlake/binlog/length_encoded.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

enum class DiffOp : uint8_t { kReplace = 0, kInsert = 1, kRemove = 2 };

// One step of a path: an object member name or an array index.
struct PathLeg {
  std::optional<std::string> member;
  size_t index = 0;
};

Status PathError(std::string_view path, std::string_view problem) {
  return CorruptionError(fmt::format("JSON path '{}': {}", path, problem));
}

// Parses a quoted member name ("..." with JSON escapes) starting after the opening quote.
Status ParseQuotedMember(std::string_view path, size_t& pos, std::string* name) {
  while (pos < path.size() && path[pos] != '"') {
    char c = path[pos++];
    if (c == '\\') {
      if (pos >= path.size()) {
        return PathError(path, "escape at the end");
      }
      c = path[pos++];
      switch (c) {
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'n':
          c = '\n';
          break;
        case 'r':
          c = '\r';
          break;
        case 't':
          c = '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (pos + 4 > path.size() ||
              std::from_chars(path.data() + pos, path.data() + pos + 4, cp, 16).ptr !=
                  path.data() + pos + 4) {
            return PathError(path, "bad \\u escape");
          }
          pos += 4;
          name->push_back(static_cast<char>(cp));  // control characters only in practice
          continue;
        }
        default:
          break;  // \" \\ \/ stand for themselves
      }
    }
    name->push_back(c);
  }
  if (pos >= path.size()) {
    return PathError(path, "unterminated quoted member");
  }
  ++pos;
  return Status::Ok();
}

Result<std::vector<PathLeg>> ParsePath(std::string_view path) {
  if (path.empty() || path[0] != '$') {
    return PathError(path, "does not start with '$'");
  }
  std::vector<PathLeg> legs;
  size_t pos = 1;
  while (pos < path.size()) {
    PathLeg leg;
    if (path[pos] == '.') {
      ++pos;
      std::string name;
      if (pos < path.size() && path[pos] == '"') {
        ++pos;
        RETURN_IF_ERROR(ParseQuotedMember(path, pos, &name));
      } else {
        const size_t end = std::min(path.find_first_of(".[", pos), path.size());
        name.assign(path.substr(pos, end - pos));
        pos = end;
      }
      if (name.empty()) {
        return PathError(path, "empty member name");
      }
      leg.member = std::move(name);
    } else if (path[pos] == '[') {
      const size_t close = path.find(']', pos);
      if (close == std::string_view::npos) {
        return PathError(path, "unterminated array index");
      }
      const auto [ptr, ec] = std::from_chars(path.data() + pos + 1, path.data() + close, leg.index);
      if (ec != std::errc() || ptr != path.data() + close) {
        return PathError(path, "array index is not a number");
      }
      pos = close + 1;
    } else {
      return PathError(path, fmt::format("unexpected character at {}", pos));
    }
    legs.push_back(std::move(leg));
  }
  return legs;
}

// The member position of `name` in `object`, or where it would be inserted.
size_t MemberPosition(const JsonNode& object, std::string_view name) {
  return static_cast<size_t>(std::lower_bound(object.keys.begin(), object.keys.end(), name,
                                              [](const std::string& key, std::string_view n) {
                                                return JsonKeyLess(key, n);
                                              }) -
                             object.keys.begin());
}

bool HasMember(const JsonNode& object, size_t position, std::string_view name) {
  return position < object.keys.size() && object.keys[position] == name;
}

// Follows `legs` from `root`; null when a leg does not resolve.
JsonNode* Resolve(JsonNode* root, std::span<const PathLeg> legs) {
  JsonNode* node = root;
  for (const PathLeg& leg : legs) {
    if (leg.member) {
      if (node->kind != JsonNode::Kind::kObject) {
        return nullptr;
      }
      const size_t position = MemberPosition(*node, *leg.member);
      if (!HasMember(*node, position, *leg.member)) {
        return nullptr;
      }
      node = &node->children[position];
    } else {
      if (node->kind != JsonNode::Kind::kArray || leg.index >= node->children.size()) {
        return nullptr;
      }
      node = &node->children[leg.index];
    }
  }
  return node;
}

Status ApplyOne(DiffOp op, std::string_view path, std::optional<JsonNode> value, JsonNode* root) {
  ASSIGN_OR_RETURN(const std::vector<PathLeg> legs, ParsePath(path));
  if (legs.empty()) {
    if (op != DiffOp::kReplace) {
      return PathError(path, "only REPLACE may target the whole document");
    }
    *root = std::move(*value);
    return Status::Ok();
  }
  JsonNode* parent = Resolve(root, std::span(legs).first(legs.size() - 1));
  if (parent == nullptr) {
    return PathError(path, "the parent of the target does not exist");
  }
  const PathLeg& last = legs.back();
  if (last.member) {
    if (parent->kind != JsonNode::Kind::kObject) {
      return PathError(path, "the parent is not an object");
    }
    const size_t position = MemberPosition(*parent, *last.member);
    const bool exists = HasMember(*parent, position, *last.member);
    const auto offset = static_cast<std::ptrdiff_t>(position);
    if (op == DiffOp::kInsert) {
      if (exists) {
        return PathError(path, "INSERT of a member that exists");
      }
      parent->keys.insert(parent->keys.begin() + offset, *last.member);
      parent->children.insert(parent->children.begin() + offset, std::move(*value));
      return Status::Ok();
    }
    if (!exists) {
      return PathError(path, "the target member does not exist");
    }
    if (op == DiffOp::kReplace) {
      parent->children[position] = std::move(*value);
    } else {
      parent->keys.erase(parent->keys.begin() + offset);
      parent->children.erase(parent->children.begin() + offset);
    }
    return Status::Ok();
  }
  if (parent->kind != JsonNode::Kind::kArray) {
    return PathError(path, "the parent is not an array");
  }
  auto& elements = parent->children;
  if (op == DiffOp::kInsert) {
    const size_t at = std::min(last.index, elements.size());
    elements.insert(elements.begin() + static_cast<std::ptrdiff_t>(at), std::move(*value));
    return Status::Ok();
  }
  if (last.index >= elements.size()) {
    return PathError(path, "the target element does not exist");
  }
  if (op == DiffOp::kReplace) {
    elements[last.index] = std::move(*value);
  } else {
    elements.erase(elements.begin() + static_cast<std::ptrdiff_t>(last.index));
  }
  return Status::Ok();
}

}  // namespace

Status ApplyJsonDiffs(std::string_view before, std::string_view diffs, std::string* text) {
  Result<JsonNode> parsed_before = ParseJsonBinary(before);
  if (!parsed_before.ok()) {
    return parsed_before.status().WithContext("partial JSON update: before image");
  }
  JsonNode root = std::move(*parsed_before);
  ByteReader reader(diffs);
  for (size_t number = 1; !reader.AtEnd(); ++number) {
    const std::string context = fmt::format("partial JSON update: diff {}", number);
    ASSIGN_OR_RETURN(const uint8_t raw_op, reader.ReadU8("JSON diff operation"));
    if (raw_op > static_cast<uint8_t>(DiffOp::kRemove)) {
      return CorruptionError(fmt::format("{}: unknown operation {}", context, raw_op));
    }
    const auto op = static_cast<DiffOp>(raw_op);
    ASSIGN_OR_RETURN(const std::string_view path,
                     ReadLengthEncodedString(reader, "JSON diff path"));
    std::optional<JsonNode> value;
    if (op != DiffOp::kRemove) {
      ASSIGN_OR_RETURN(const std::string_view bytes,
                       ReadLengthEncodedString(reader, "JSON diff value"));
      Result<JsonNode> parsed = ParseJsonBinary(bytes);
      if (!parsed.ok()) {
        return parsed.status().WithContext(context);
      }
      value = std::move(*parsed);
    }
    RETURN_IF_ERROR(ApplyOne(op, path, std::move(value), &root).WithContext(context));
  }
  text->clear();
  AppendJsonText(root, text);
  return Status::Ok();
}

}  // namespace binlake::binlog
