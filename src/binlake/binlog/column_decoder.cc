#include "binlake/binlog/column_decoder.h"

#include "binlake/base/macros.h"
#include "binlake/binlog/decimal.h"
#include "binlake/binlog/json_binary.h"
#include "binlake/binlog/temporal.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

using mysql::FieldType;

// Stores a T in *out, reusing the existing T (and its string capacity) when there is one.
template <typename T>
T& Emplace(mysql::Value* out) {
  if (T* existing = std::get_if<T>(out)) {
    return *existing;
  }
  return out->emplace<T>();
}

template <typename Signed, typename Unsigned>
void StoreInteger(bool is_unsigned, uint64_t raw, mysql::Value* out) {
  if (is_unsigned) {
    *out = uint64_t{static_cast<Unsigned>(raw)};
  } else {
    *out = int64_t{static_cast<Signed>(static_cast<Unsigned>(raw))};
  }
}

Result<uint32_t> ReadLengthPrefix(ByteReader& reader, uint32_t bytes) {
  switch (bytes) {
    case 1: {
      ASSIGN_OR_RETURN(const uint8_t v, reader.ReadU8("value length"));
      return uint32_t{v};
    }
    case 2: {
      ASSIGN_OR_RETURN(const uint16_t v, reader.ReadU16Le("value length"));
      return uint32_t{v};
    }
    case 3:
      return reader.ReadU24Le("value length");
    case 4:
      return reader.ReadU32Le("value length");
    default:
      return CorruptionError(
          fmt::format("length prefix of {} bytes in the TABLE_MAP metadata", bytes));
  }
}

Result<std::string_view> ReadPrefixed(ByteReader& reader, uint32_t prefix_bytes) {
  ASSIGN_OR_RETURN(const uint32_t length, ReadLengthPrefix(reader, prefix_bytes));
  return reader.ReadBytes(length, "value");
}

Status StoreText(const ColumnCodec& codec, std::string_view bytes, const TextConverter* converter,
                 mysql::Value* out) {
  if (codec.encoding == TextEncoding::kBinary) {
    if (codec.unknown_collation != 0) {
      return UnimplementedError(
          fmt::format("unknown collation id {} for a text column", codec.unknown_collation));
    }
    Emplace<mysql::Binary>(out).bytes.assign(bytes);
    return Status::Ok();
  }
  return ConvertToUtf8(codec.encoding, codec.charset, bytes, converter,
                       &Emplace<mysql::Text>(out).utf8);
}

Status StoreEnum(const ColumnCodec& codec, ByteReader& reader, mysql::Value* out) {
  ASSIGN_OR_RETURN(const uint32_t index, ReadLengthPrefix(reader, codec.length));
  auto& value = Emplace<mysql::Enum>(out);
  value.index = static_cast<uint16_t>(index);
  value.label.clear();
  if (codec.members != nullptr && index > 0) {
    if (index > codec.members->size()) {
      return CorruptionError(
          fmt::format("ENUM index {} beyond the {} members", index, codec.members->size()));
    }
    value.label.assign((*codec.members)[index - 1]);
  }
  return Status::Ok();
}

Status StoreSet(const ColumnCodec& codec, ByteReader& reader, mysql::Value* out) {
  if (codec.length < 1 || codec.length > 8) {
    return CorruptionError(fmt::format("SET of {} bytes in the TABLE_MAP metadata", codec.length));
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, reader.ReadBytes(codec.length, "SET"));
  uint64_t bits = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    bits |= uint64_t{static_cast<uint8_t>(bytes[i])} << (8 * i);
  }
  auto& value = Emplace<mysql::Set>(out);
  value.bits = bits;
  value.labels.clear();
  if (codec.members == nullptr) {
    return Status::Ok();
  }
  const size_t count = codec.members->size();
  if (count < 64 && (bits >> count) != 0) {
    return CorruptionError(fmt::format("SET bits 0x{:x} beyond the {} members", bits, count));
  }
  for (size_t i = 0; i < count; ++i) {
    if (((bits >> i) & 1) != 0) {
      if (!value.labels.empty()) {
        value.labels.push_back(',');
      }
      value.labels.append((*codec.members)[i]);
    }
  }
  return Status::Ok();
}

Status StoreBit(const ColumnCodec& codec, ByteReader& reader, mysql::Value* out) {
  if (codec.length < 1 || codec.length > 64) {
    return CorruptionError(fmt::format("BIT({}) in the TABLE_MAP metadata", codec.length));
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, reader.ReadBytes((codec.length + 7) / 8, "BIT"));
  uint64_t bits = 0;
  for (const char b : bytes) {
    bits = (bits << 8) | static_cast<uint8_t>(b);
  }
  *out = mysql::Bit{.bits = bits, .width = static_cast<uint8_t>(codec.length)};
  return Status::Ok();
}

Status StoreDecimal(const ColumnCodec& codec, ByteReader& reader, mysql::Value* out) {
  const size_t size = DecimalBinarySize(codec.length, codec.scale);
  if (size == 0) {
    return CorruptionError(
        fmt::format("DECIMAL({}, {}) in the TABLE_MAP metadata", codec.length, codec.scale));
  }
  ASSIGN_OR_RETURN(const std::string_view bytes, reader.ReadBytes(size, "DECIMAL"));
  return DecodeDecimalBinary(bytes, codec.length, codec.scale, &Emplace<mysql::Decimal>(out).text);
}

Status StoreGeometry(std::string_view bytes, mysql::Value* out) {
  if (bytes.size() < 4) {
    return CorruptionError(fmt::format("GEOMETRY value of {} bytes has no SRID", bytes.size()));
  }
  auto& value = Emplace<mysql::Geometry>(out);
  value.srid = static_cast<uint32_t>(internal::LoadLe<4>(bytes.data()));
  value.wkb.assign(bytes.substr(4));
  return Status::Ok();
}

Status StoreVector(std::string_view bytes, mysql::Value* out) {
  if (bytes.size() % 4 != 0) {
    return CorruptionError(
        fmt::format("VECTOR value of {} bytes is not a whole number of float32", bytes.size()));
  }
  Emplace<mysql::Vector>(out).float32_le.assign(bytes);
  return Status::Ok();
}

template <typename T>
Status Store(Result<T> value, mysql::Value* out) {
  if (!value.ok()) {
    return value.status();
  }
  *out = *value;
  return Status::Ok();
}

Status DecodeInteger(const ColumnCodec& codec, ByteReader& reader, mysql::Value* out) {
  switch (codec.type) {
    case FieldType::kTiny: {
      ASSIGN_OR_RETURN(const uint8_t v, reader.ReadU8("TINYINT"));
      StoreInteger<int8_t, uint8_t>(codec.is_unsigned, v, out);
      return Status::Ok();
    }
    case FieldType::kShort: {
      ASSIGN_OR_RETURN(const uint16_t v, reader.ReadU16Le("SMALLINT"));
      StoreInteger<int16_t, uint16_t>(codec.is_unsigned, v, out);
      return Status::Ok();
    }
    case FieldType::kInt24: {
      ASSIGN_OR_RETURN(const uint32_t v, reader.ReadU24Le("MEDIUMINT"));
      if (codec.is_unsigned) {
        *out = uint64_t{v};
      } else {
        *out = int64_t{internal::SignExtend<3>(v)};
      }
      return Status::Ok();
    }
    case FieldType::kLong: {
      ASSIGN_OR_RETURN(const uint32_t v, reader.ReadU32Le("INT"));
      StoreInteger<int32_t, uint32_t>(codec.is_unsigned, v, out);
      return Status::Ok();
    }
    default: {
      ASSIGN_OR_RETURN(const uint64_t v, reader.ReadU64Le("BIGINT"));
      StoreInteger<int64_t, uint64_t>(codec.is_unsigned, v, out);
      return Status::Ok();
    }
  }
}

Status DecodeBlobLike(const ColumnCodec& codec, ByteReader& reader, const TextConverter* converter,
                      mysql::Value* out) {
  ASSIGN_OR_RETURN(const std::string_view bytes, ReadPrefixed(reader, codec.length));
  switch (codec.type) {
    case FieldType::kJson:
      return JsonBinaryToText(bytes, &Emplace<mysql::Json>(out).text);
    case FieldType::kGeometry:
      return StoreGeometry(bytes, out);
    case FieldType::kVector:
      return StoreVector(bytes, out);
    default:
      return StoreText(codec, bytes, converter, out);
  }
}

}  // namespace

FieldType RealType(FieldType type, uint16_t meta) {
  if (type != FieldType::kString || meta < 0x100) {
    return type;
  }
  const auto byte0 = static_cast<uint8_t>(meta >> 8);
  if ((byte0 & 0x30) != 0x30) {
    return FieldType::kString;  // a CHAR longer than 255 bytes
  }
  return static_cast<FieldType>(byte0);
}

uint32_t StringMaxBytes(uint16_t meta) {
  if (meta < 0x100) {
    return meta;
  }
  const uint32_t byte0 = meta >> 8;
  const uint32_t byte1 = meta & 0xFFU;
  if ((byte0 & 0x30) != 0x30) {
    return byte1 | (((byte0 & 0x30) ^ 0x30) << 4);
  }
  return byte1;
}

MetadataDimensions DimensionsFromMetadata(FieldType real_type, uint16_t meta) {
  switch (real_type) {
    case FieldType::kString:
      return {.length = StringMaxBytes(meta), .scale = 0};
    case FieldType::kEnum:
    case FieldType::kSet:
      return {.length = meta & 0xFFU, .scale = 0};
    case FieldType::kNewDecimal:
      return {.length = uint32_t{meta} >> 8, .scale = meta & 0xFFU};
    case FieldType::kBit:
      return {.length = (uint32_t{meta} >> 8) * 8 + (meta & 0xFFU), .scale = 0};
    case FieldType::kTime2:
    case FieldType::kDateTime2:
    case FieldType::kTimestamp2:
      return {.length = 0, .scale = meta};
    default:
      return {.length = meta, .scale = 0};
  }
}

bool IsSetColumn(FieldType type, uint16_t meta) {
  return RealType(type, meta) == FieldType::kSet;
}

ColumnClass ClassifyColumn(FieldType type, uint16_t meta) {
  switch (RealType(type, meta)) {
    case FieldType::kTiny:
    case FieldType::kShort:
    case FieldType::kInt24:
    case FieldType::kLong:
    case FieldType::kLongLong:
    case FieldType::kFloat:
    case FieldType::kDouble:
    case FieldType::kDecimal:
    case FieldType::kNewDecimal:
    case FieldType::kYear:
      return ColumnClass::kNumeric;
    case FieldType::kString:
    case FieldType::kVarString:
    case FieldType::kVarchar:
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
      return ColumnClass::kCharacter;
    case FieldType::kEnum:
    case FieldType::kSet:
      return ColumnClass::kEnumOrSet;
    case FieldType::kGeometry:
      return ColumnClass::kGeometry;
    case FieldType::kVector:
      return ColumnClass::kVector;
    default:
      return ColumnClass::kOther;
  }
}

Status BuildColumnCodecs(const TableMap& map, const mysql::TableSchema* schema,
                         std::vector<ColumnCodec>* codecs) {
  const size_t n = map.column_types.size();
  if (schema != nullptr && schema->columns.size() != n) {
    return FailedPreconditionError(
        fmt::format("table {}.{}: the binlog has {} columns, the schema {}", map.database,
                    map.table, n, schema->columns.size()));
  }
  codecs->resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint16_t meta = map.column_metadata[i];
    const mysql::ColumnType* declared = schema != nullptr ? &schema->columns[i].type : nullptr;
    ColumnCodec& codec = (*codecs)[i];
    codec = ColumnCodec{};
    codec.type = RealType(map.column_types[i], meta);
    codec.is_unsigned =
        map.has_signedness ? map.is_unsigned[i] : declared != nullptr && declared->is_unsigned;
    const MetadataDimensions dimensions = DimensionsFromMetadata(codec.type, meta);
    codec.length = dimensions.length;
    codec.scale = dimensions.scale;
    if (codec.type == FieldType::kTime || codec.type == FieldType::kDateTime ||
        codec.type == FieldType::kTimestamp) {
      // MariaDB 5.3 hires formats: the precision is only in the declared schema.
      codec.scale = declared != nullptr ? declared->scale : 0;
    }
    if (codec.type == FieldType::kEnum || codec.type == FieldType::kSet) {
      const auto& lists = codec.type == FieldType::kEnum ? map.enum_members : map.set_members;
      if (i < lists.size() && !lists[i].empty()) {
        codec.members = &lists[i];
      } else if (declared != nullptr && !declared->elements.empty()) {
        codec.members = &declared->elements;
      }
    }
    if (ClassifyColumn(codec.type, meta) != ColumnClass::kCharacter) {
      continue;
    }
    const uint32_t collation = i < map.collation_ids.size() ? map.collation_ids[i] : 0;
    if (collation != 0) {
      if (const std::optional<Charset> charset = CharsetForCollation(collation)) {
        codec.encoding = charset->encoding;
        codec.charset = charset->name;
      } else {
        codec.unknown_collation = collation;
      }
    } else if (declared != nullptr && !declared->charset.empty()) {
      codec.encoding = EncodingForCharsetName(declared->charset);
      codec.charset = declared->charset;
    }
  }
  return Status::Ok();
}

Status DecodeColumnValue(const ColumnCodec& codec, ByteReader& reader,
                         const TextConverter* converter, mysql::Value* out) {
  switch (codec.type) {
    case FieldType::kTiny:
    case FieldType::kShort:
    case FieldType::kInt24:
    case FieldType::kLong:
    case FieldType::kLongLong:
      return DecodeInteger(codec, reader, out);
    case FieldType::kFloat:
      return Store(reader.ReadFloatLe("FLOAT"), out);
    case FieldType::kDouble:
      return Store(reader.ReadDoubleLe("DOUBLE"), out);
    case FieldType::kNewDecimal:
      return StoreDecimal(codec, reader, out);
    case FieldType::kNull:
      *out = mysql::Null{};
      return Status::Ok();
    case FieldType::kYear: {
      ASSIGN_OR_RETURN(const uint8_t v, reader.ReadU8("YEAR"));
      *out = mysql::Year{.year = static_cast<uint16_t>(v == 0 ? 0 : 1900 + v)};
      return Status::Ok();
    }
    case FieldType::kDate:
    case FieldType::kNewDate:
      return Store(ReadDate(reader), out);
    case FieldType::kTime:
      return codec.scale == 0 ? Store(ReadTime(reader), out)
                              : Store(ReadMariaDbTimeHires(reader, codec.scale), out);
    case FieldType::kDateTime:
      return codec.scale == 0 ? Store(ReadDateTime(reader), out)
                              : Store(ReadMariaDbDateTimeHires(reader, codec.scale), out);
    case FieldType::kTimestamp:
      return codec.scale == 0 ? Store(ReadTimestamp(reader), out)
                              : Store(ReadMariaDbTimestampHires(reader, codec.scale), out);
    case FieldType::kTime2:
      return Store(ReadTime2(reader, codec.scale), out);
    case FieldType::kDateTime2:
      return Store(ReadDateTime2(reader, codec.scale), out);
    case FieldType::kTimestamp2:
      return Store(ReadTimestamp2(reader, codec.scale), out);
    case FieldType::kBit:
      return StoreBit(codec, reader, out);
    case FieldType::kEnum:
      return StoreEnum(codec, reader, out);
    case FieldType::kSet:
      return StoreSet(codec, reader, out);
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kString: {
      ASSIGN_OR_RETURN(const std::string_view bytes,
                       ReadPrefixed(reader, codec.length > 255 ? 2 : 1));
      return StoreText(codec, bytes, converter, out);
    }
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kJson:
    case FieldType::kGeometry:
    case FieldType::kVector:
      return DecodeBlobLike(codec, reader, converter, out);
    case FieldType::kDecimal:
      return UnimplementedError(
          "old DECIMAL (MYSQL_TYPE_DECIMAL, before MySQL 5.0.3) carries no length in the binlog");
    default:
      return UnimplementedError(
          fmt::format("column type {} in a row image", static_cast<int>(codec.type)));
  }
}

}  // namespace binlake::binlog
