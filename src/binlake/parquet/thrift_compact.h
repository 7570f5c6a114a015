// The Thrift compact protocol (apache/thrift doc/specs/thrift-compact-protocol.md), the encoding
// of Parquet's footer and page headers: a writer and a bounds-checked reader of its primitives.
//
// Wire summary. A struct is a sequence of fields ended by a stop byte (0). A field header is one
// byte `delta << 4 | type` when the field id exceeds the previous field id of the same struct by
// 1..15, otherwise the byte `type` followed by the id as a zigzag varint. Booleans fields carry
// their value in the type (1 true, 2 false) and have no body. i8 is one byte; i16/i32/i64 are
// zigzag ULEB128 varints; double is 8 bytes little-endian; binary/string is a ULEB128 length and
// the bytes. A list or set header is `size << 4 | element type` for sizes below 15, otherwise
// `0xf0 | element type` and a ULEB128 size; booleans inside containers take one byte each. A map
// is a ULEB128 size, then (when the size is not 0) one byte `key type << 4 | value type`, then
// the pairs. Nested structs start their field-id numbering afresh.
//
// The reader is built for hostile input: every read is bounds-checked through ByteReader (errors
// name the absolute offset), container sizes are checked against the remaining bytes before any
// caller allocates for them, and struct/container nesting is limited to kMaxNestingDepth, also
// when skipping values of fields the caller does not know.
//
// Thread-safety: none; a writer or reader belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/byte_writer.h"
#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::parquet::thrift {

// Compact-protocol type codes, as they appear in field and container headers.
enum class WireType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,  // a true bool field; in container headers: the bool element type
  kBoolFalse = 2,
  kI8 = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
  kUuid = 13,  // 16 bytes; only skipped
};

// "I32", "STRUCT", ... ("BOOL" for both bool codes).
std::string_view WireTypeName(WireType type);

// Structs and containers nested deeper than this are rejected (Thrift's own default limit).
inline constexpr int kMaxNestingDepth = 64;

class CompactWriter {
 public:
  // Appends to `*out`, which must outlive the writer.
  explicit CompactWriter(std::string* out) : out_(out) {}

  // Opens a struct whose header (if any) was already written: the top-level struct, or a struct
  // element of a list. EndStruct writes the stop byte and closes it.
  // REQUIRES: at most kMaxNestingDepth open structs.
  void BeginStruct();
  void EndStruct();

  // Writes the header of field `id` of the innermost open struct. Bool fields use BoolField
  // instead; for a struct field call BeginStruct next.
  void FieldHeader(int16_t id, WireType type);
  // A bool field, its value in the header.
  void BoolField(int16_t id, bool value);

  // Container headers; the elements follow with the value writers below (struct elements with
  // BeginStruct/EndStruct). For sets use ListHeader with the set's elements.
  void ListHeader(WireType element_type, uint32_t size);
  void MapHeader(WireType key_type, WireType value_type, uint32_t size);

  // Values: field bodies and container elements.
  void Bool(bool value) { out_.WriteU8(value ? 1 : 2); }  // container elements only
  void I8(int8_t value) { out_.WriteI8(value); }
  void I16(int16_t value) { out_.WriteZigZag32(value); }
  void I32(int32_t value) { out_.WriteZigZag32(value); }
  void I64(int64_t value) { out_.WriteZigZag64(value); }
  void Double(double value) { out_.WriteDoubleLe(value); }
  void Binary(std::string_view value) {
    out_.WriteUleb128(value.size());
    out_.WriteBytes(value);
  }

 private:
  ByteWriter out_;
  int16_t last_field_id_[kMaxNestingDepth] = {};
  int depth_ = 0;
};

class CompactReader {
 public:
  // Reads from `*input` (not owned; must outlive this reader), consuming what it decodes.
  explicit CompactReader(ByteReader* input) : in_(input) {}

  struct Field {
    WireType type = WireType::kStop;  // kStop: the struct ended
    int16_t id = 0;
  };
  struct ListHeader {
    WireType element_type = WireType::kStop;
    uint32_t size = 0;  // checked: at most one element per remaining byte
  };
  struct MapHeader {
    WireType key_type = WireType::kStop;
    WireType value_type = WireType::kStop;
    uint32_t size = 0;  // checked: at most one pair per two remaining bytes
  };

  // Enters a struct (the top-level one, a struct field or a struct list element). Corruption
  // beyond kMaxNestingDepth.
  Status BeginStruct();
  // The next field header of the innermost struct; a Field with type kStop at its end, after
  // which the caller calls EndStruct. Corruption for an unknown type code.
  Result<Field> ReadFieldHeader();
  void EndStruct();

  // The value of a bool field (from its header; consumes nothing).
  // Corruption when `field` is not a bool field.
  Result<bool> BoolFieldValue(const Field& field) const;

  // Values: field bodies and container elements.
  Result<bool> ReadBool();  // a container element: 1 true, 0 or 2 false
  Result<int8_t> ReadI8() { return in_->ReadI8("thrift i8"); }
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32() { return in_->ReadZigZag32("thrift i32"); }
  Result<int64_t> ReadI64() { return in_->ReadZigZag64("thrift i64"); }
  Result<double> ReadDouble() { return in_->ReadDoubleLe("thrift double"); }
  // A view into the input bytes; the length is checked against the remaining bytes.
  Result<std::string_view> ReadBinary();
  // A list or set header.
  Result<ListHeader> ReadListHeader();
  Result<MapHeader> ReadMapHeader();

  // Skips the body of `field` (any type, nested to any depth within kMaxNestingDepth).
  Status SkipField(const Field& field);
  // Skips one container element of type `type`.
  Status SkipValue(WireType type);

  // Absolute offset of the next byte (for error messages).
  uint64_t offset() const { return in_->offset(); }

 private:
  // Parses a field header; `last_id` is the previous field id of the struct being read.
  Result<Field> ParseFieldHeader(int16_t& last_id);
  Status SkipNested(WireType type, int depth);
  Status SkipStruct(int depth);
  Status CheckDepth(int depth) const;

  ByteReader* in_;
  int16_t last_field_id_[kMaxNestingDepth] = {};
  int depth_ = 0;
};

}  // namespace binlake::parquet::thrift
