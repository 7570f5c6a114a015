// JSON pieces shared by the capture control objects (checkpoint.h, schema_history.h): exact
// encodings of mysql::Value and source::BinlogPosition, and a field reader whose errors are
// Corruption naming the object key and the JSON path of the bad field.
//
// Values are objects with exactly one member, its tag:
//   {"n":null}  Null                       {"i":"-5"}  int64    {"u":"18446744073709551615"}
//   {"f":"3fc00000"} float bits (hex)      {"d":"<16 hex>"} double bits
//   {"dec":"-1.50"} Decimal                {"date":[y,m,d]}  {"time":[neg,h,m,s,us]}
//   {"dt":[y,m,d,h,mi,s,us]} DateTime      {"ts":[seconds,us]}  {"year":y}
//   {"t":"<hex utf8>"} Text  {"b":"<hex>"} Binary  {"j":"<hex>"} Json  {"vec":"<hex>"} Vector
//   {"enum":[index,"<hex label>"]}  {"set":["<bits>","<hex labels>"]}  {"bit":["<bits>",width]}
//   {"geo":[srid,"<hex wkb>"]}
// Byte strings are hex so any bytes round-trip and the document stays valid UTF-8.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "binlake/base/macros.h"
#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/mysql/value.h"
#include "binlake/source/binlog_position.h"

namespace binlake::capture::json {

using Json = nlohmann::ordered_json;

// The bytes of hex text (s3::HexEncode writes it); InvalidArgument for odd length or a non-hex
// digit.
Result<std::string> BytesOfHex(std::string_view hex);

Json ValueToJson(const mysql::Value& value);
Json PositionToJson(const source::BinlogPosition& position);
// An array of values, or null for nullopt.
Json OptionalValuesToJson(const std::optional<std::vector<mysql::Value>>& values);

// The document as compact text; InvalidArgument when a string in it is not valid UTF-8.
Result<std::string> Dump(const Json& document);

// "path.name", "path[3]", "path[\"key\"]" (the root path is empty).
std::string MemberPath(std::string_view path, std::string_view name);
std::string IndexPath(std::string_view path, size_t index);
std::string KeyPath(std::string_view path, std::string_view key);

// Reads one document; every error is Corruption "<object key>: <path>: <what>".
class Reader {
 public:
  explicit Reader(std::string_view object_key) : object_key_(object_key) {}

  Result<Json> Parse(std::string_view text) const;
  Status Error(std::string_view path, std::string_view what) const;

  // The member `name` of `object` (which must be an object) at `path`.
  Result<const Json*> Member(const Json& object, std::string_view path,
                             std::string_view name) const;
  Status ExpectArray(const Json& value, std::string_view path) const;
  Status ExpectObject(const Json& value, std::string_view path) const;
  Result<std::string> String(const Json& value, std::string_view path) const;
  Result<bool> Bool(const Json& value, std::string_view path) const;
  Result<mysql::Value> Value(const Json& value, std::string_view path) const;
  Result<source::BinlogPosition> Position(const Json& value, std::string_view path) const;
  Result<std::optional<std::vector<mysql::Value>>> OptionalValues(const Json& value,
                                                                  std::string_view path) const;

  // A JSON integer that fits T.
  template <typename T>
  Result<T> Integer(const Json& value, std::string_view path) const {
    if (value.is_number_unsigned()) {
      auto number = value.get<uint64_t>();
      if (std::in_range<T>(number)) {
        return static_cast<T>(number);
      }
    } else if (value.is_number_integer()) {
      auto number = value.get<int64_t>();
      if (std::in_range<T>(number)) {
        return static_cast<T>(number);
      }
    }
    return Error(path, "expected an integer in [" + std::to_string(std::numeric_limits<T>::min()) +
                           ", " + std::to_string(std::numeric_limits<T>::max()) + "]");
  }

  // The enum whose name (names[value]) the string member `name` holds.
  template <typename Enum, size_t N>
  Result<Enum> EnumMember(const Json& object, std::string_view path, std::string_view name,
                          const std::string_view (&names)[N]) const {
    ASSIGN_OR_RETURN(std::string text, StringMember(object, path, name));
    for (size_t i = 0; i < N; ++i) {
      if (names[i] == text) {
        return static_cast<Enum>(i);
      }
    }
    return Error(MemberPath(path, name), "unknown name \"" + text + "\"");
  }

  // Member + Integer/String in one step.
  template <typename T>
  Result<T> IntegerMember(const Json& object, std::string_view path, std::string_view name) const {
    ASSIGN_OR_RETURN(const Json* member, Member(object, path, name));
    return Integer<T>(*member, MemberPath(path, name));
  }
  Result<std::string> StringMember(const Json& object, std::string_view path,
                                   std::string_view name) const;

 private:
  Result<mysql::Value> TaggedValue(std::string_view tag, const Json& body,
                                   std::string_view path) const;
  Result<std::vector<Json>> Tuple(const Json& body, std::string_view path, size_t size) const;
  Result<std::string> HexString(const Json& value, std::string_view path) const;
  // An integer written as text in `base`; `digits` exact digits unless 0.
  template <typename T>
  Result<T> NumberText(const Json& value, std::string_view path, int base, size_t digits) const;
  template <typename T>
  Result<T> DecimalText(const Json& value, std::string_view path) const {
    return NumberText<T>(value, path, 10, 0);
  }
  template <typename T>
  Result<T> BitsText(const Json& value, std::string_view path) const {
    return NumberText<T>(value, path, 16, sizeof(T) * 2);
  }

  std::string object_key_;
};

}  // namespace binlake::capture::json
