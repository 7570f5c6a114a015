#include "binlake/capture/json_codec.h"

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <exception>

#include "binlake/base/macros.h"
#include "binlake/s3/sigv4.h"

namespace binlake::capture::json {
namespace {

template <typename... Parts>
Json Array(Parts&&... parts) {
  return Json::array({Json(std::forward<Parts>(parts))...});
}

Json Tagged(std::string_view tag, Json body) {
  Json value = Json::object();
  value[std::string(tag)] = std::move(body);
  return value;
}

struct ValueEncoder {
  Json operator()(const mysql::Null&) const { return Tagged("n", nullptr); }
  Json operator()(int64_t v) const { return Tagged("i", std::to_string(v)); }
  Json operator()(uint64_t v) const { return Tagged("u", std::to_string(v)); }
  Json operator()(float v) const {
    return Tagged("f", fmt::format("{:08x}", std::bit_cast<uint32_t>(v)));
  }
  Json operator()(double v) const {
    return Tagged("d", fmt::format("{:016x}", std::bit_cast<uint64_t>(v)));
  }
  Json operator()(const mysql::Decimal& v) const { return Tagged("dec", v.text); }
  Json operator()(const mysql::Date& v) const {
    return Tagged("date", Array(v.year, v.month, v.day));
  }
  Json operator()(const mysql::Time& v) const {
    return Tagged("time", Array(v.negative ? 1 : 0, v.hours, v.minutes, v.seconds, v.micros));
  }
  Json operator()(const mysql::DateTime& v) const {
    return Tagged("dt", Array(v.year, v.month, v.day, v.hour, v.minute, v.second, v.micros));
  }
  Json operator()(const mysql::Timestamp& v) const {
    return Tagged("ts", Array(v.seconds, v.micros));
  }
  Json operator()(const mysql::Year& v) const { return Tagged("year", v.year); }
  Json operator()(const mysql::Text& v) const { return Tagged("t", s3::HexEncode(v.utf8)); }
  Json operator()(const mysql::Binary& v) const { return Tagged("b", s3::HexEncode(v.bytes)); }
  Json operator()(const mysql::Json& v) const { return Tagged("j", s3::HexEncode(v.text)); }
  Json operator()(const mysql::Enum& v) const {
    return Tagged("enum", Array(v.index, s3::HexEncode(v.label)));
  }
  Json operator()(const mysql::Set& v) const {
    return Tagged("set", Array(std::to_string(v.bits), s3::HexEncode(v.labels)));
  }
  Json operator()(const mysql::Bit& v) const {
    return Tagged("bit", Array(std::to_string(v.bits), v.width));
  }
  Json operator()(const mysql::Geometry& v) const {
    return Tagged("geo", Array(v.srid, s3::HexEncode(v.wkb)));
  }
  Json operator()(const mysql::Vector& v) const {
    return Tagged("vec", s3::HexEncode(v.float32_le));
  }
};

}  // namespace

Result<std::string> BytesOfHex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return InvalidArgumentError("hex text of odd length");
  }
  std::string bytes(hex.size() / 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char* digits = hex.data() + 2 * i;
    uint8_t byte = 0;
    auto [end, error] = std::from_chars(digits, digits + 2, byte, 16);
    if (error != std::errc() || end != digits + 2) {
      return InvalidArgumentError(fmt::format("bad hex digit at {}", 2 * i));
    }
    bytes[i] = static_cast<char>(byte);
  }
  return bytes;
}

Json ValueToJson(const mysql::Value& value) {
  return std::visit(ValueEncoder{}, value);
}

Json PositionToJson(const source::BinlogPosition& position) {
  Json json = Json::object();
  json["file"] = position.file;
  json["offset"] = position.offset;
  json["gtid_set"] = position.gtid_set;
  return json;
}

Json OptionalValuesToJson(const std::optional<std::vector<mysql::Value>>& values) {
  if (!values) {
    return nullptr;
  }
  Json array = Json::array();
  for (const mysql::Value& value : *values) {
    array.push_back(ValueToJson(value));
  }
  return array;
}

Result<std::string> Dump(const Json& document) {
  try {
    return document.dump();
  } catch (const std::exception& e) {
    return InvalidArgumentError(fmt::format("cannot write JSON: {}", e.what()));
  }
}

std::string MemberPath(std::string_view path, std::string_view name) {
  return path.empty() ? std::string(name) : fmt::format("{}.{}", path, name);
}

std::string IndexPath(std::string_view path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

std::string KeyPath(std::string_view path, std::string_view key) {
  return fmt::format("{}[\"{}\"]", path, key);
}

Result<Json> Reader::Parse(std::string_view text) const {
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return Error("", "not a valid JSON document");
  }
  RETURN_IF_ERROR(ExpectObject(document, ""));
  return document;
}

Status Reader::Error(std::string_view path, std::string_view what) const {
  return CorruptionError(
      fmt::format("{}: {}: {}", object_key_, path.empty() ? "(document)" : path, what));
}

Result<const Json*> Reader::Member(const Json& object, std::string_view path,
                                   std::string_view name) const {
  RETURN_IF_ERROR(ExpectObject(object, path));
  auto it = object.find(name);
  if (it == object.end()) {
    return Error(MemberPath(path, name), "missing");
  }
  return &*it;
}

Status Reader::ExpectArray(const Json& value, std::string_view path) const {
  return value.is_array() ? Status::Ok() : Error(path, "expected an array");
}

Status Reader::ExpectObject(const Json& value, std::string_view path) const {
  return value.is_object() ? Status::Ok() : Error(path, "expected an object");
}

Result<std::string> Reader::String(const Json& value, std::string_view path) const {
  if (!value.is_string()) {
    return Error(path, "expected a string");
  }
  return value.get<std::string>();
}

Result<std::string> Reader::StringMember(const Json& object, std::string_view path,
                                         std::string_view name) const {
  ASSIGN_OR_RETURN(const Json* member, Member(object, path, name));
  return String(*member, MemberPath(path, name));
}

Result<bool> Reader::Bool(const Json& value, std::string_view path) const {
  if (!value.is_boolean()) {
    return Error(path, "expected true or false");
  }
  return value.get<bool>();
}

Result<std::string> Reader::HexString(const Json& value, std::string_view path) const {
  ASSIGN_OR_RETURN(std::string hex, String(value, path));
  Result<std::string> bytes = BytesOfHex(hex);
  if (!bytes.ok()) {
    return Error(path, bytes.status().message());
  }
  return std::move(bytes).value();
}

template <typename T>
Result<T> Reader::NumberText(const Json& value, std::string_view path, int base,
                             size_t digits) const {
  ASSIGN_OR_RETURN(std::string text, String(value, path));
  T number{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number, base);
  bool whole = error == std::errc() && end == text.data() + text.size() && !text.empty();
  if (!whole || (digits != 0 && text.size() != digits)) {
    return Error(path, base == 10 ? "expected a decimal integer in a string"
                                  : fmt::format("expected {} hex digits", digits));
  }
  return number;
}

Result<std::vector<Json>> Reader::Tuple(const Json& body, std::string_view path,
                                        size_t size) const {
  RETURN_IF_ERROR(ExpectArray(body, path));
  if (body.size() != size) {
    return Error(path, fmt::format("expected {} elements", size));
  }
  return std::vector<Json>(body.begin(), body.end());
}

Result<mysql::Value> Reader::Value(const Json& value, std::string_view path) const {
  RETURN_IF_ERROR(ExpectObject(value, path));
  if (value.size() != 1) {
    return Error(path, "expected one type tag");
  }
  auto member = value.begin();
  return TaggedValue(member.key(), member.value(), MemberPath(path, member.key()));
}

Result<mysql::Value> Reader::TaggedValue(std::string_view tag, const Json& body,
                                         std::string_view path) const {
  auto at = [&](size_t i) { return IndexPath(path, i); };
  if (tag == "n") {
    if (!body.is_null()) {
      return Error(path, "expected null");
    }
    return mysql::Value(mysql::Null{});
  }
  if (tag == "i") {
    ASSIGN_OR_RETURN(int64_t number, DecimalText<int64_t>(body, path));
    return mysql::Value(number);
  }
  if (tag == "u") {
    ASSIGN_OR_RETURN(uint64_t number, DecimalText<uint64_t>(body, path));
    return mysql::Value(number);
  }
  if (tag == "f") {
    ASSIGN_OR_RETURN(uint32_t bits, BitsText<uint32_t>(body, path));
    return mysql::Value(std::bit_cast<float>(bits));
  }
  if (tag == "d") {
    ASSIGN_OR_RETURN(uint64_t bits, BitsText<uint64_t>(body, path));
    return mysql::Value(std::bit_cast<double>(bits));
  }
  if (tag == "dec") {
    ASSIGN_OR_RETURN(std::string text, String(body, path));
    return mysql::Value(mysql::Decimal{std::move(text)});
  }
  if (tag == "date") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 3));
    mysql::Date date;
    ASSIGN_OR_RETURN(date.year, Integer<uint16_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(date.month, Integer<uint8_t>(parts[1], at(1)));
    ASSIGN_OR_RETURN(date.day, Integer<uint8_t>(parts[2], at(2)));
    return mysql::Value(date);
  }
  if (tag == "time") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 5));
    mysql::Time time;
    ASSIGN_OR_RETURN(uint8_t negative, Integer<uint8_t>(parts[0], at(0)));
    if (negative > 1) {
      return Error(at(0), "expected 0 or 1");
    }
    time.negative = negative == 1;
    ASSIGN_OR_RETURN(time.hours, Integer<uint16_t>(parts[1], at(1)));
    ASSIGN_OR_RETURN(time.minutes, Integer<uint8_t>(parts[2], at(2)));
    ASSIGN_OR_RETURN(time.seconds, Integer<uint8_t>(parts[3], at(3)));
    ASSIGN_OR_RETURN(time.micros, Integer<uint32_t>(parts[4], at(4)));
    return mysql::Value(time);
  }
  if (tag == "dt") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 7));
    mysql::DateTime dt;
    ASSIGN_OR_RETURN(dt.year, Integer<uint16_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(dt.month, Integer<uint8_t>(parts[1], at(1)));
    ASSIGN_OR_RETURN(dt.day, Integer<uint8_t>(parts[2], at(2)));
    ASSIGN_OR_RETURN(dt.hour, Integer<uint8_t>(parts[3], at(3)));
    ASSIGN_OR_RETURN(dt.minute, Integer<uint8_t>(parts[4], at(4)));
    ASSIGN_OR_RETURN(dt.second, Integer<uint8_t>(parts[5], at(5)));
    ASSIGN_OR_RETURN(dt.micros, Integer<uint32_t>(parts[6], at(6)));
    return mysql::Value(dt);
  }
  if (tag == "ts") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 2));
    mysql::Timestamp ts;
    ASSIGN_OR_RETURN(ts.seconds, Integer<int64_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(ts.micros, Integer<uint32_t>(parts[1], at(1)));
    return mysql::Value(ts);
  }
  if (tag == "year") {
    ASSIGN_OR_RETURN(uint16_t year, Integer<uint16_t>(body, path));
    return mysql::Value(mysql::Year{year});
  }
  if (tag == "t") {
    ASSIGN_OR_RETURN(std::string text, HexString(body, path));
    return mysql::Value(mysql::Text{std::move(text)});
  }
  if (tag == "b") {
    ASSIGN_OR_RETURN(std::string bytes, HexString(body, path));
    return mysql::Value(mysql::Binary{std::move(bytes)});
  }
  if (tag == "j") {
    ASSIGN_OR_RETURN(std::string text, HexString(body, path));
    return mysql::Value(mysql::Json{std::move(text)});
  }
  if (tag == "vec") {
    ASSIGN_OR_RETURN(std::string bytes, HexString(body, path));
    return mysql::Value(mysql::Vector{std::move(bytes)});
  }
  if (tag == "enum") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 2));
    mysql::Enum value;
    ASSIGN_OR_RETURN(value.index, Integer<uint16_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(value.label, HexString(parts[1], at(1)));
    return mysql::Value(std::move(value));
  }
  if (tag == "set") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 2));
    mysql::Set value;
    ASSIGN_OR_RETURN(value.bits, DecimalText<uint64_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(value.labels, HexString(parts[1], at(1)));
    return mysql::Value(std::move(value));
  }
  if (tag == "bit") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 2));
    mysql::Bit value;
    ASSIGN_OR_RETURN(value.bits, DecimalText<uint64_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(value.width, Integer<uint8_t>(parts[1], at(1)));
    return mysql::Value(value);
  }
  if (tag == "geo") {
    ASSIGN_OR_RETURN(auto parts, Tuple(body, path, 2));
    mysql::Geometry value;
    ASSIGN_OR_RETURN(value.srid, Integer<uint32_t>(parts[0], at(0)));
    ASSIGN_OR_RETURN(value.wkb, HexString(parts[1], at(1)));
    return mysql::Value(std::move(value));
  }
  return Error(path, "unknown value type tag");
}

Result<source::BinlogPosition> Reader::Position(const Json& value, std::string_view path) const {
  source::BinlogPosition position;
  ASSIGN_OR_RETURN(position.file, StringMember(value, path, "file"));
  ASSIGN_OR_RETURN(position.offset, IntegerMember<uint64_t>(value, path, "offset"));
  ASSIGN_OR_RETURN(position.gtid_set, StringMember(value, path, "gtid_set"));
  return position;
}

Result<std::optional<std::vector<mysql::Value>>> Reader::OptionalValues(
    const Json& value, std::string_view path) const {
  if (value.is_null()) {
    return std::optional<std::vector<mysql::Value>>();
  }
  RETURN_IF_ERROR(ExpectArray(value, path));
  std::vector<mysql::Value> values;
  values.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    ASSIGN_OR_RETURN(mysql::Value element, Value(value[i], IndexPath(path, i)));
    values.push_back(std::move(element));
  }
  return std::optional<std::vector<mysql::Value>>(std::move(values));
}

}  // namespace binlake::capture::json
