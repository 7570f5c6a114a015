#include "binlake/binlog/json_binary.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/decimal.h"
#include "binlake/binlog/temporal.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

enum JsonType : uint8_t {
  kSmallObject = 0x00,
  kLargeObject = 0x01,
  kSmallArray = 0x02,
  kLargeArray = 0x03,
  kLiteral = 0x04,
  kInt16 = 0x05,
  kUint16 = 0x06,
  kInt32 = 0x07,
  kUint32 = 0x08,
  kInt64 = 0x09,
  kUint64 = 0x0a,
  kDouble = 0x0b,
  kString = 0x0c,
  kOpaque = 0x0f,
};

// MySQL field types that JSON opaque values render specially.
constexpr uint8_t kOpaqueTimestamp = 7;
constexpr uint8_t kOpaqueDate = 10;
constexpr uint8_t kOpaqueTime = 11;
constexpr uint8_t kOpaqueDateTime = 12;
constexpr uint8_t kOpaqueNewDecimal = 246;

constexpr int kMinFixedExponent = -14;
constexpr int kMaxFixedExponent = 15;

Status JsonError(std::string_view what, size_t offset) {
  return CorruptionError(fmt::format("binary JSON: {} at byte {}", what, offset));
}

void AppendBase64(std::string_view bytes, std::string* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out->push_back(kAlphabet[v >> 18]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back(kAlphabet[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) {
    return;
  }
  uint32_t v = uint32_t{static_cast<uint8_t>(bytes[i])} << 16;
  if (rest == 2) {
    v |= uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8;
  }
  out->push_back(kAlphabet[v >> 18]);
  out->push_back(kAlphabet[(v >> 12) & 63]);
  out->push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
  out->push_back('=');
}

// A JSON string length: 7 bits per byte, least significant first, at most 5 bytes.
Result<uint32_t> ReadVarLength(ByteReader& reader) {
  uint64_t length = 0;
  for (int i = 0; i < 5; ++i) {
    ASSIGN_OR_RETURN(const uint8_t b, reader.ReadU8("JSON length"));
    length |= uint64_t{b & 0x7FU} << (7 * i);
    if ((b & 0x80) == 0) {
      if (length > UINT32_MAX) {
        break;
      }
      return static_cast<uint32_t>(length);
    }
  }
  return JsonError("variable-length integer too long", reader.position());
}

void AppendOpaqueTemporal(uint8_t field_type, int64_t packed, std::string* out) {
  if (field_type == kOpaqueTime) {
    const mysql::Time t = TimeFromPacked(packed);
    fmt::format_to(std::back_inserter(*out), "\"{}{:02}:{:02}:{:02}.{:06}\"", t.negative ? "-" : "",
                   t.hours, t.minutes, t.seconds, t.micros);
    return;
  }
  const mysql::DateTime d = DateTimeFromPacked(packed);
  if (field_type == kOpaqueDate) {
    fmt::format_to(std::back_inserter(*out), "\"{:04}-{:02}-{:02}\"", d.year, d.month, d.day);
    return;
  }
  fmt::format_to(std::back_inserter(*out), "\"{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}\"", d.year,
                 d.month, d.day, d.hour, d.minute, d.second, d.micros);
}

// `end_offset` (just past the value) is for error messages.
Status AppendOpaque(uint8_t field_type, std::string_view data, uint64_t end_offset,
                    std::string* out) {
  switch (field_type) {
    case kOpaqueNewDecimal: {
      if (data.size() < 2) {
        return JsonError("opaque DECIMAL shorter than its precision and scale", end_offset);
      }
      const auto precision = static_cast<uint8_t>(data[0]);
      const auto scale = static_cast<uint8_t>(data[1]);
      std::string text;
      RETURN_IF_ERROR(DecodeDecimalBinary(data.substr(2), precision, scale, &text)
                          .WithContext("binary JSON opaque DECIMAL"));
      out->append(text);
      return Status::Ok();
    }
    case kOpaqueTime:
    case kOpaqueDate:
    case kOpaqueDateTime:
    case kOpaqueTimestamp: {
      if (data.size() < 8) {
        return JsonError("opaque temporal value shorter than 8 bytes", end_offset);
      }
      AppendOpaqueTemporal(field_type, static_cast<int64_t>(internal::LoadLe<8>(data.data())), out);
      return Status::Ok();
    }
    default:
      fmt::format_to(std::back_inserter(*out), "\"base64:type{}:", field_type);
      AppendBase64(data, out);
      out->push_back('"');
      return Status::Ok();
  }
}

class Parser {
 public:
  // `budget` bounds the values and string bytes expanded: a well-formed document has fewer of
  // them than bytes, while a hostile one could point many entries at one subtree and explode.
  explicit Parser(size_t budget) : budget_(budget) {}

  // Parses the value of `type` whose bytes start at `reader`'s position.
  Status ParseValue(uint8_t type, ByteReader reader, size_t depth, JsonNode* node) {
    RETURN_IF_ERROR(Spend(reader));
    switch (type) {
      case kSmallObject:
      case kLargeObject:
      case kSmallArray:
      case kLargeArray:
        return ParseContainer(type, reader, depth, node);
      default:
        node->kind = JsonNode::Kind::kScalar;
        return ParseScalar(type, reader, &node->scalar);
    }
  }

 private:
  Status ParseScalar(uint8_t type, ByteReader& reader, std::string* out) {
    switch (type) {
      case kLiteral: {
        ASSIGN_OR_RETURN(const uint8_t v, reader.ReadU8("JSON literal"));
        return AppendLiteral(v, reader.position(), out);
      }
      case kInt16:
        return AppendNumber(reader.ReadI16Le("JSON int16"), out);
      case kUint16:
        return AppendNumber(reader.ReadU16Le("JSON uint16"), out);
      case kInt32:
        return AppendNumber(reader.ReadI32Le("JSON int32"), out);
      case kUint32:
        return AppendNumber(reader.ReadU32Le("JSON uint32"), out);
      case kInt64:
        return AppendNumber(reader.ReadI64Le("JSON int64"), out);
      case kUint64:
        return AppendNumber(reader.ReadU64Le("JSON uint64"), out);
      case kDouble: {
        ASSIGN_OR_RETURN(const double v, reader.ReadDoubleLe("JSON double"));
        AppendJsonDouble(v, out);
        return Status::Ok();
      }
      case kString: {
        ASSIGN_OR_RETURN(const uint32_t length, ReadVarLength(reader));
        ASSIGN_OR_RETURN(const std::string_view text, reader.ReadBytes(length, "JSON string"));
        RETURN_IF_ERROR(Spend(reader, length));
        AppendJsonString(text, out);
        return Status::Ok();
      }
      case kOpaque: {
        ASSIGN_OR_RETURN(const uint8_t field_type, reader.ReadU8("JSON opaque type"));
        ASSIGN_OR_RETURN(const uint32_t length, ReadVarLength(reader));
        ASSIGN_OR_RETURN(const std::string_view data, reader.ReadBytes(length, "JSON opaque"));
        RETURN_IF_ERROR(Spend(reader, length));
        return AppendOpaque(field_type, data, reader.offset(), out);
      }
      default:
        return JsonError(fmt::format("unknown value type 0x{:02x}", type), reader.position());
    }
  }

  static Status AppendLiteral(uint8_t v, size_t offset, std::string* out) {
    switch (v) {
      case 0:
        out->append("null");
        return Status::Ok();
      case 1:
        out->append("true");
        return Status::Ok();
      case 2:
        out->append("false");
        return Status::Ok();
      default:
        return JsonError(fmt::format("unknown literal {}", v), offset);
    }
  }

  template <typename T>
  static Status AppendNumber(Result<T> value, std::string* out) {
    if (!value.ok()) {
      return value.status();
    }
    fmt::format_to(std::back_inserter(*out), "{}", *value);
    return Status::Ok();
  }

  static bool IsInlined(uint8_t type, bool large) {
    switch (type) {
      case kLiteral:
      case kInt16:
      case kUint16:
        return true;
      case kInt32:
      case kUint32:
        return large;
      default:
        return false;
    }
  }

  Status ParseContainer(uint8_t type, ByteReader reader, size_t depth, JsonNode* node) {
    if (depth >= kMaxJsonDepth) {
      return JsonError("nesting deeper than the supported maximum", reader.position());
    }
    const bool large = type == kLargeObject || type == kLargeArray;
    const bool is_object = type == kSmallObject || type == kLargeObject;
    const size_t offset_size = large ? 4 : 2;
    const ByteReader whole(reader.Rest(), reader.offset());
    auto read_offset = [&](ByteReader& r) -> Result<uint32_t> {
      if (large) {
        return r.ReadU32Le("JSON offset");
      }
      ASSIGN_OR_RETURN(const uint16_t v, r.ReadU16Le("JSON offset"));
      return uint32_t{v};
    };
    ASSIGN_OR_RETURN(const uint32_t count, read_offset(reader));
    ASSIGN_OR_RETURN(const uint32_t size, read_offset(reader));
    if (size > whole.size()) {
      return JsonError(
          fmt::format("container size {} exceeds the {} bytes available", size, whole.size()),
          reader.position());
    }
    const std::string_view bytes = whole.bytes().substr(0, size);
    const size_t key_entry_size = offset_size + 2;
    const size_t value_entry_size = 1 + offset_size;
    const size_t header = 2 * offset_size;
    const size_t entries = size_t{count} * ((is_object ? key_entry_size : 0) + value_entry_size);
    if (entries > size - std::min<size_t>(size, header) || header > size) {
      return JsonError(fmt::format("{} entries do not fit in a container of {} bytes", count, size),
                       reader.position());
    }
    node->kind = is_object ? JsonNode::Kind::kObject : JsonNode::Kind::kArray;
    node->keys.clear();
    node->children.assign(count, JsonNode{});
    ByteReader keys_reader(bytes, whole.base_offset());
    RETURN_IF_ERROR(keys_reader.Skip(header));
    ByteReader values_reader = keys_reader;
    if (is_object) {
      RETURN_IF_ERROR(values_reader.Skip(size_t{count} * key_entry_size));
      node->keys.resize(count);
    }
    for (uint32_t i = 0; i < count; ++i) {
      if (is_object) {
        ASSIGN_OR_RETURN(const uint32_t key_offset, read_offset(keys_reader));
        ASSIGN_OR_RETURN(const uint16_t key_length, keys_reader.ReadU16Le("JSON key length"));
        if (size_t{key_offset} + key_length > bytes.size()) {
          return JsonError("key outside its object", keys_reader.position());
        }
        node->keys[i].assign(bytes.substr(key_offset, key_length));
      }
      ASSIGN_OR_RETURN(const uint8_t value_type, values_reader.ReadU8("JSON value type"));
      if (IsInlined(value_type, large)) {
        ASSIGN_OR_RETURN(const std::string_view inline_bytes,
                         values_reader.ReadBytes(offset_size, "JSON inline value"));
        ByteReader inline_reader(inline_bytes, values_reader.offset() - offset_size);
        RETURN_IF_ERROR(Spend(values_reader));
        node->children[i].kind = JsonNode::Kind::kScalar;
        RETURN_IF_ERROR(ParseScalar(value_type, inline_reader, &node->children[i].scalar));
        continue;
      }
      ASSIGN_OR_RETURN(const uint32_t value_offset, read_offset(values_reader));
      if (value_offset >= bytes.size()) {
        return JsonError("value offset outside its container", values_reader.position());
      }
      ByteReader value_reader(bytes.substr(value_offset), whole.base_offset() + value_offset);
      RETURN_IF_ERROR(ParseValue(value_type, value_reader, depth + 1, &node->children[i]));
    }
    return Status::Ok();
  }

  Status Spend(const ByteReader& reader, size_t amount = 1) {
    if (budget_ < amount) {
      return JsonError("values larger than the document (entries share or overlap values)",
                       reader.position());
    }
    budget_ -= amount;
    return Status::Ok();
  }

  size_t budget_;
};

}  // namespace

bool JsonKeyLess(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return a.size() < b.size();
  }
  return a < b;
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char c : text) {
    const auto b = static_cast<uint8_t>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (b < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[b >> 4]);
          out->push_back(kHex[b & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendJsonDouble(double value, std::string* out) {
  char buf[64];
  const auto sci = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  const std::string_view text(buf, static_cast<size_t>(sci.ptr - buf));
  const size_t e = text.find('e');
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  const std::string_view mantissa = text.substr(0, e);
  const size_t sign = mantissa.starts_with('-') ? 1 : 0;
  const int digits = static_cast<int>(mantissa.size() - sign -
                                      (mantissa.find('.') == std::string_view::npos ? 0 : 1));
  const int point = exponent + 1;
  if (point >= kMinFixedExponent && (point <= kMaxFixedExponent || digits > point)) {
    const auto fixed = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed);
    const std::string_view fixed_text(buf, static_cast<size_t>(fixed.ptr - buf));
    out->append(fixed_text);
    if (fixed_text.find('.') == std::string_view::npos) {
      out->append(".0");
    }
    return;
  }
  out->append(mantissa);
  fmt::format_to(std::back_inserter(*out), "e{}", exponent);
}

Result<JsonNode> ParseJsonBinary(std::string_view bytes) {
  JsonNode node;
  if (bytes.empty()) {
    node.scalar = "null";
    return node;
  }
  ByteReader reader(bytes);
  ASSIGN_OR_RETURN(const uint8_t type, reader.ReadU8("JSON type"));
  Parser parser(bytes.size());
  RETURN_IF_ERROR(parser.ParseValue(type, reader, 0, &node));
  return node;
}

void AppendJsonText(const JsonNode& node, std::string* out) {
  switch (node.kind) {
    case JsonNode::Kind::kScalar:
      out->append(node.scalar);
      return;
    case JsonNode::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) {
          out->append(", ");
        }
        AppendJsonText(node.children[i], out);
      }
      out->push_back(']');
      return;
    case JsonNode::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) {
          out->append(", ");
        }
        AppendJsonString(node.keys[i], out);
        out->append(": ");
        AppendJsonText(node.children[i], out);
      }
      out->push_back('}');
      return;
  }
}

Status JsonBinaryToText(std::string_view bytes, std::string* out) {
  ASSIGN_OR_RETURN(const JsonNode node, ParseJsonBinary(bytes));
  out->clear();
  AppendJsonText(node, out);
  return Status::Ok();
}

}  // namespace binlake::binlog
