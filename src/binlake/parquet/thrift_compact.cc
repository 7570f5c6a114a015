#include "binlake/parquet/thrift_compact.h"

#include <fmt/format.h>

#include "binlake/base/macros.h"

namespace binlake::parquet::thrift {

namespace {

constexpr uint8_t kLongFormSize = 0x0f;  // list header nibble: the size follows as a varint

bool IsValueType(uint8_t code) {
  return code >= static_cast<uint8_t>(WireType::kBoolTrue) &&
         code <= static_cast<uint8_t>(WireType::kUuid);
}

// The fewest bytes one value of `type` occupies inside a container, to bound container sizes by
// the remaining input.
size_t MinEncodedSize(WireType type) {
  switch (type) {
    case WireType::kDouble:
      return 8;
    case WireType::kUuid:
      return 16;
    default:
      return 1;
  }
}

Status CheckContainerSize(std::string_view kind, uint64_t size, size_t min_element_size,
                          const ByteReader& in, uint64_t header_offset) {
  if (size > in.remaining() / min_element_size) {
    return CorruptionError(
        fmt::format("thrift {} at offset {} declares {} elements but only {} bytes remain", kind,
                    header_offset, size, in.remaining()));
  }
  return Status::Ok();
}

}  // namespace

std::string_view WireTypeName(WireType type) {
  switch (type) {
    case WireType::kStop:
      return "STOP";
    case WireType::kBoolTrue:
    case WireType::kBoolFalse:
      return "BOOL";
    case WireType::kI8:
      return "I8";
    case WireType::kI16:
      return "I16";
    case WireType::kI32:
      return "I32";
    case WireType::kI64:
      return "I64";
    case WireType::kDouble:
      return "DOUBLE";
    case WireType::kBinary:
      return "BINARY";
    case WireType::kList:
      return "LIST";
    case WireType::kSet:
      return "SET";
    case WireType::kMap:
      return "MAP";
    case WireType::kStruct:
      return "STRUCT";
    case WireType::kUuid:
      return "UUID";
  }
  return "UNKNOWN";
}

// ---- CompactWriter ----

void CompactWriter::BeginStruct() {
  last_field_id_[depth_] = 0;
  ++depth_;
}

void CompactWriter::EndStruct() {
  out_.WriteU8(static_cast<uint8_t>(WireType::kStop));
  --depth_;
}

void CompactWriter::FieldHeader(int16_t id, WireType type) {
  int16_t& last = last_field_id_[depth_ - 1];
  const int delta = id - last;
  if (delta > 0 && delta <= 15) {
    out_.WriteU8(static_cast<uint8_t>(delta << 4 | static_cast<uint8_t>(type)));
  } else {
    out_.WriteU8(static_cast<uint8_t>(type));
    out_.WriteZigZag32(id);
  }
  last = id;
}

void CompactWriter::BoolField(int16_t id, bool value) {
  FieldHeader(id, value ? WireType::kBoolTrue : WireType::kBoolFalse);
}

void CompactWriter::ListHeader(WireType element_type, uint32_t size) {
  const auto type = static_cast<uint8_t>(element_type);
  if (size < kLongFormSize) {
    out_.WriteU8(static_cast<uint8_t>(size << 4 | type));
  } else {
    out_.WriteU8(static_cast<uint8_t>(kLongFormSize << 4 | type));
    out_.WriteUleb128(size);
  }
}

void CompactWriter::MapHeader(WireType key_type, WireType value_type, uint32_t size) {
  out_.WriteUleb128(size);
  if (size != 0) {
    out_.WriteU8(static_cast<uint8_t>(static_cast<uint8_t>(key_type) << 4 |
                                      static_cast<uint8_t>(value_type)));
  }
}

// ---- CompactReader ----

Status CompactReader::CheckDepth(int depth) const {
  if (depth >= kMaxNestingDepth) {
    return CorruptionError(fmt::format("thrift value at offset {} is nested deeper than {} levels",
                                       in_->offset(), kMaxNestingDepth));
  }
  return Status::Ok();
}

Status CompactReader::BeginStruct() {
  RETURN_IF_ERROR(CheckDepth(depth_));
  last_field_id_[depth_] = 0;
  ++depth_;
  return Status::Ok();
}

void CompactReader::EndStruct() {
  if (depth_ > 0) {
    --depth_;
  }
}

Result<CompactReader::Field> CompactReader::ReadFieldHeader() {
  return ParseFieldHeader(last_field_id_[depth_ > 0 ? depth_ - 1 : 0]);
}

Result<CompactReader::Field> CompactReader::ParseFieldHeader(int16_t& last_id) {
  const uint64_t header_offset = in_->offset();
  ASSIGN_OR_RETURN(const uint8_t byte, in_->ReadU8("thrift field header"));
  if (byte == 0) {
    return Field{};
  }
  const uint8_t code = byte & 0x0f;
  if (!IsValueType(code)) {
    return CorruptionError(fmt::format("thrift field header at offset {} has unknown type code {}",
                                       header_offset, code));
  }
  const uint8_t delta = byte >> 4;
  Field field{static_cast<WireType>(code), 0};
  if (delta != 0) {
    field.id = static_cast<int16_t>(last_id + delta);
  } else {
    ASSIGN_OR_RETURN(field.id, ReadI16());
  }
  last_id = field.id;
  return field;
}

Result<bool> CompactReader::BoolFieldValue(const Field& field) const {
  if (field.type == WireType::kBoolTrue) {
    return true;
  }
  if (field.type == WireType::kBoolFalse) {
    return false;
  }
  return CorruptionError(fmt::format("thrift field {} before offset {} is {}, not BOOL", field.id,
                                     in_->offset(), WireTypeName(field.type)));
}

Result<bool> CompactReader::ReadBool() {
  const uint64_t at = in_->offset();
  ASSIGN_OR_RETURN(const uint8_t byte, in_->ReadU8("thrift bool"));
  if (byte == 1) {
    return true;
  }
  if (byte == 0 || byte == 2) {
    return false;
  }
  return CorruptionError(fmt::format("thrift bool at offset {} has value {}", at, byte));
}

Result<int16_t> CompactReader::ReadI16() {
  const uint64_t at = in_->offset();
  ASSIGN_OR_RETURN(const int32_t value, in_->ReadZigZag32("thrift i16"));
  if (value < INT16_MIN || value > INT16_MAX) {
    return CorruptionError(fmt::format("thrift i16 at offset {} is out of range: {}", at, value));
  }
  return static_cast<int16_t>(value);
}

Result<std::string_view> CompactReader::ReadBinary() {
  const uint64_t at = in_->offset();
  ASSIGN_OR_RETURN(const uint64_t size, in_->ReadUleb128("thrift binary length"));
  if (size > in_->remaining()) {
    return CorruptionError(
        fmt::format("thrift binary at offset {} declares {} bytes but only {} remain", at, size,
                    in_->remaining()));
  }
  return in_->ReadBytes(static_cast<size_t>(size), "thrift binary");
}

Result<CompactReader::ListHeader> CompactReader::ReadListHeader() {
  const uint64_t at = in_->offset();
  ASSIGN_OR_RETURN(const uint8_t byte, in_->ReadU8("thrift list header"));
  const uint8_t code = byte & 0x0f;
  if (!IsValueType(code)) {
    return CorruptionError(
        fmt::format("thrift list header at offset {} has unknown element type code {}", at, code));
  }
  ListHeader header{static_cast<WireType>(code), static_cast<uint32_t>(byte >> 4)};
  if (header.size == kLongFormSize) {
    ASSIGN_OR_RETURN(header.size, in_->ReadUleb128U32("thrift list size"));
  }
  RETURN_IF_ERROR(
      CheckContainerSize("list", header.size, MinEncodedSize(header.element_type), *in_, at));
  return header;
}

Result<CompactReader::MapHeader> CompactReader::ReadMapHeader() {
  const uint64_t at = in_->offset();
  MapHeader header;
  ASSIGN_OR_RETURN(header.size, in_->ReadUleb128U32("thrift map size"));
  if (header.size == 0) {
    return header;
  }
  ASSIGN_OR_RETURN(const uint8_t types, in_->ReadU8("thrift map types"));
  const uint8_t key = types >> 4;
  const uint8_t value = types & 0x0f;
  if (!IsValueType(key) || !IsValueType(value)) {
    return CorruptionError(fmt::format(
        "thrift map at offset {} has unknown key/value type codes {}/{}", at, key, value));
  }
  header.key_type = static_cast<WireType>(key);
  header.value_type = static_cast<WireType>(value);
  const size_t pair_size = MinEncodedSize(header.key_type) + MinEncodedSize(header.value_type);
  RETURN_IF_ERROR(CheckContainerSize("map", header.size, pair_size, *in_, at));
  return header;
}

Status CompactReader::SkipField(const Field& field) {
  if (field.type == WireType::kBoolTrue || field.type == WireType::kBoolFalse) {
    return Status::Ok();  // the value was in the header
  }
  return SkipNested(field.type, depth_);
}

Status CompactReader::SkipValue(WireType type) {
  return SkipNested(type, depth_);
}

Status CompactReader::SkipNested(WireType type, int depth) {
  switch (type) {
    case WireType::kBoolTrue:
    case WireType::kBoolFalse:
      return ReadBool().status();
    case WireType::kI8:
      return in_->Skip(1, "thrift i8");
    case WireType::kI16:
    case WireType::kI32:
    case WireType::kI64:
      return in_->ReadUleb128("thrift varint").status();
    case WireType::kDouble:
      return in_->Skip(8, "thrift double");
    case WireType::kUuid:
      return in_->Skip(16, "thrift uuid");
    case WireType::kBinary:
      return ReadBinary().status();
    case WireType::kList:
    case WireType::kSet: {
      RETURN_IF_ERROR(CheckDepth(depth));
      ASSIGN_OR_RETURN(const ListHeader list, ReadListHeader());
      for (uint32_t i = 0; i < list.size; ++i) {
        RETURN_IF_ERROR(SkipNested(list.element_type, depth + 1));
      }
      return Status::Ok();
    }
    case WireType::kMap: {
      RETURN_IF_ERROR(CheckDepth(depth));
      ASSIGN_OR_RETURN(const MapHeader map, ReadMapHeader());
      for (uint32_t i = 0; i < map.size; ++i) {
        RETURN_IF_ERROR(SkipNested(map.key_type, depth + 1));
        RETURN_IF_ERROR(SkipNested(map.value_type, depth + 1));
      }
      return Status::Ok();
    }
    case WireType::kStruct:
      return SkipStruct(depth);
    case WireType::kStop:
      break;
  }
  return CorruptionError(fmt::format("thrift value at offset {} has type STOP", in_->offset()));
}

Status CompactReader::SkipStruct(int depth) {
  RETURN_IF_ERROR(CheckDepth(depth));
  int16_t last_id = 0;
  while (true) {
    ASSIGN_OR_RETURN(const Field field, ParseFieldHeader(last_id));
    if (field.type == WireType::kStop) {
      return Status::Ok();
    }
    if (field.type != WireType::kBoolTrue && field.type != WireType::kBoolFalse) {
      RETURN_IF_ERROR(SkipNested(field.type, depth + 1));
    }
  }
}

}  // namespace binlake::parquet::thrift
