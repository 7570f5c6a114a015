#include "binlake/binlog/table_map.h"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"
#include "binlake/binlog/charset.h"
#include "binlake/binlog/column_decoder.h"
#include "binlake/binlog/length_encoded.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

using mysql::ColumnKind;
using mysql::FieldType;

// Optional metadata field types (Table_map_log_event::Optional_metadata_field_type).
enum OptionalMetadataType : uint8_t {
  kSignedness = 1,
  kDefaultCharset = 2,
  kColumnCharset = 3,
  kColumnName = 4,
  kSetStrValue = 5,
  kEnumStrValue = 6,
  kGeometryType = 7,
  kSimplePrimaryKey = 8,
  kPrimaryKeyWithPrefix = 9,
  kEnumAndSetDefaultCharset = 10,
  kEnumAndSetColumnCharset = 11,
  kColumnVisibility = 12,
  kVectorDimensionality = 13,
};

// The bytes of TABLE_MAP metadata each wire type has.
size_t MetadataBytes(FieldType type) {
  switch (type) {
    case FieldType::kFloat:
    case FieldType::kDouble:
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kGeometry:
    case FieldType::kJson:
    case FieldType::kVector:
    case FieldType::kTime2:
    case FieldType::kDateTime2:
    case FieldType::kTimestamp2:
    case FieldType::kTypedArray:
      return 1;
    case FieldType::kString:
    case FieldType::kNewDecimal:
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kBit:
    case FieldType::kEnum:
    case FieldType::kSet:
      return 2;
    default:
      return 0;
  }
}

Result<uint16_t> ReadColumnMetadata(ByteReader& reader, FieldType type) {
  switch (MetadataBytes(type)) {
    case 0:
      return uint16_t{0};
    case 1: {
      ASSIGN_OR_RETURN(const uint8_t v, reader.ReadU8("column metadata"));
      return uint16_t{v};
    }
    default:
      break;
  }
  // VARCHAR and BIT store a little-endian pair; STRING, ENUM, SET and NEWDECIMAL two bytes
  // kept in wire order (first byte high).
  if (type == FieldType::kVarchar || type == FieldType::kVarString || type == FieldType::kBit) {
    return reader.ReadU16Le("column metadata");
  }
  return reader.ReadU16Be("column metadata");
}

// MSB-first bitmap bit `i` (optional metadata bitmaps).
bool MsbBit(std::string_view bitmap, size_t i) {
  return i / 8 < bitmap.size() && ((static_cast<uint8_t>(bitmap[i / 8]) >> (7 - i % 8)) & 1) != 0;
}

Status MetadataError(std::string_view field, std::string_view problem) {
  return CorruptionError(fmt::format("TABLE_MAP optional metadata {}: {}", field, problem));
}

// The columns an optional metadata list covers, in table order.
std::vector<size_t> ColumnsOfClass(const TableMap& map, std::initializer_list<ColumnClass> wanted) {
  std::vector<size_t> columns;
  for (size_t i = 0; i < map.column_types.size(); ++i) {
    const ColumnClass c = ClassifyColumn(map.column_types[i], map.column_metadata[i]);
    if (std::find(wanted.begin(), wanted.end(), c) != wanted.end()) {
      columns.push_back(i);
    }
  }
  return columns;
}

Result<std::vector<uint64_t>> ReadIntList(ByteReader reader, std::string_view field) {
  std::vector<uint64_t> values;
  while (!reader.AtEnd()) {
    ASSIGN_OR_RETURN(const uint64_t v, ReadLengthEncodedInt(reader, field));
    values.push_back(v);
  }
  return values;
}

// Assigns per-column collation ids from DEFAULT_CHARSET-style (default + pairs) or
// COLUMN_CHARSET-style (one per column) lists over `columns`.
Status AssignCollations(const std::vector<uint64_t>& values, bool with_default,
                        const std::vector<size_t>& columns, std::string_view field, TableMap* map) {
  map->collation_ids.resize(map->column_types.size(), 0);
  if (!with_default) {
    if (values.size() != columns.size()) {
      return MetadataError(field, fmt::format("{} collations for {} character columns",
                                              values.size(), columns.size()));
    }
    for (size_t k = 0; k < columns.size(); ++k) {
      map->collation_ids[columns[k]] = static_cast<uint32_t>(values[k]);
    }
    return Status::Ok();
  }
  if (values.size() % 2 != 1) {
    return MetadataError(field, "expected a default collation and (column, collation) pairs");
  }
  for (const size_t column : columns) {
    map->collation_ids[column] = static_cast<uint32_t>(values[0]);
  }
  for (size_t k = 1; k < values.size(); k += 2) {
    if (values[k] >= columns.size()) {
      return MetadataError(field, fmt::format("column ordinal {} beyond the {} columns it covers",
                                              values[k], columns.size()));
    }
    map->collation_ids[columns[values[k]]] = static_cast<uint32_t>(values[k + 1]);
  }
  return Status::Ok();
}

Result<std::vector<std::vector<std::string>>> ReadStringLists(ByteReader reader,
                                                              std::string_view field) {
  std::vector<std::vector<std::string>> lists;
  while (!reader.AtEnd()) {
    ASSIGN_OR_RETURN(const uint64_t count, ReadLengthEncodedInt(reader, field));
    if (count > reader.remaining()) {
      return MetadataError(
          field, fmt::format("{} members cannot fit in {} bytes", count, reader.remaining()));
    }
    std::vector<std::string> members;
    members.reserve(static_cast<size_t>(count));
    for (uint64_t k = 0; k < count; ++k) {
      ASSIGN_OR_RETURN(const std::string_view member, ReadLengthEncodedString(reader, field));
      members.emplace_back(member);
    }
    lists.push_back(std::move(members));
  }
  return lists;
}

// Places per-kind lists (one entry per column of the kind) into per-column vectors.
template <typename T>
Status Distribute(std::vector<T> values, const std::vector<size_t>& columns, std::string_view field,
                  size_t column_count, std::vector<T>* out) {
  if (values.size() != columns.size()) {
    return MetadataError(field, fmt::format("{} entries for {} columns of that kind", values.size(),
                                            columns.size()));
  }
  out->assign(column_count, T{});
  for (size_t k = 0; k < columns.size(); ++k) {
    (*out)[columns[k]] = std::move(values[k]);
  }
  return Status::Ok();
}

std::vector<uint32_t> ToU32(const std::vector<uint64_t>& values) {
  std::vector<uint32_t> out;
  out.reserve(values.size());
  for (const uint64_t v : values) {
    out.push_back(static_cast<uint32_t>(v));
  }
  return out;
}

Status ReadPrimaryKey(ByteReader reader, bool with_prefix, TableMap* map) {
  const std::string_view field = with_prefix ? "PRIMARY_KEY_WITH_PREFIX" : "SIMPLE_PRIMARY_KEY";
  ASSIGN_OR_RETURN(const std::vector<uint64_t> values, ReadIntList(reader, field));
  const size_t step = with_prefix ? 2 : 1;
  if (values.size() % step != 0) {
    return MetadataError(field, "odd number of values");
  }
  map->primary_key.clear();
  map->primary_key_prefix.clear();
  for (size_t k = 0; k < values.size(); k += step) {
    if (values[k] >= map->column_types.size()) {
      return MetadataError(field, fmt::format("column {} beyond the {} columns", values[k],
                                              map->column_types.size()));
    }
    map->primary_key.push_back(static_cast<uint32_t>(values[k]));
    map->primary_key_prefix.push_back(with_prefix ? static_cast<uint32_t>(values[k + 1]) : 0);
  }
  return Status::Ok();
}

std::vector<bool> MsbBits(std::string_view bitmap, size_t count) {
  std::vector<bool> bits(count);
  for (size_t i = 0; i < count; ++i) {
    bits[i] = MsbBit(bitmap, i);
  }
  return bits;
}

// Converts ENUM/SET labels to UTF-8 from the enum/set collations, when known and built in.
void ConvertMemberLabels(const std::vector<uint32_t>& collations,
                         std::vector<std::vector<std::string>>* lists) {
  std::string converted;
  for (size_t column = 0; column < lists->size() && column < collations.size(); ++column) {
    const std::optional<Charset> charset = CharsetForCollation(collations[column]);
    if (!charset || charset->encoding == TextEncoding::kOther ||
        charset->encoding == TextEncoding::kBinary) {
      continue;
    }
    for (std::string& label : (*lists)[column]) {
      if (ConvertToUtf8(charset->encoding, charset->name, label, nullptr, &converted).ok()) {
        label.swap(converted);
      }
    }
  }
}

Status ReadOptionalField(uint8_t type, ByteReader value, bool mariadb, TableMap* map,
                         std::vector<uint32_t>* enum_set_collations) {
  const size_t n = map->column_types.size();
  switch (type) {
    case kSignedness: {
      const auto numeric = ColumnsOfClass(*map, {ColumnClass::kNumeric});
      if (value.size() < (numeric.size() + 7) / 8) {
        return MetadataError("SIGNEDNESS", "bitmap shorter than the numeric columns");
      }
      map->is_unsigned.assign(n, false);
      for (size_t k = 0; k < numeric.size(); ++k) {
        map->is_unsigned[numeric[k]] = MsbBit(value.bytes(), k);
      }
      map->has_signedness = true;
      return Status::Ok();
    }
    case kDefaultCharset:
    case kColumnCharset: {
      const std::string_view field = type == kDefaultCharset ? "DEFAULT_CHARSET" : "COLUMN_CHARSET";
      ASSIGN_OR_RETURN(const auto values, ReadIntList(value, field));
      // MySQL 9 counts VECTOR columns among the character columns here, MariaDB GEOMETRY.
      const auto character =
          mariadb ? ColumnsOfClass(*map, {ColumnClass::kCharacter, ColumnClass::kGeometry})
                  : ColumnsOfClass(*map, {ColumnClass::kCharacter, ColumnClass::kVector});
      return AssignCollations(values, type == kDefaultCharset, character, field, map);
    }
    case kEnumAndSetDefaultCharset:
    case kEnumAndSetColumnCharset: {
      const bool with_default = type == kEnumAndSetDefaultCharset;
      const std::string_view field =
          with_default ? "ENUM_AND_SET_DEFAULT_CHARSET" : "ENUM_AND_SET_COLUMN_CHARSET";
      ASSIGN_OR_RETURN(const auto values, ReadIntList(value, field));
      TableMap scratch;
      scratch.column_types = map->column_types;
      RETURN_IF_ERROR(AssignCollations(
          values, with_default, ColumnsOfClass(*map, {ColumnClass::kEnumOrSet}), field, &scratch));
      *enum_set_collations = std::move(scratch.collation_ids);
      return Status::Ok();
    }
    case kColumnName: {
      std::vector<std::string> names;
      while (!value.AtEnd()) {
        ASSIGN_OR_RETURN(const std::string_view name,
                         ReadLengthEncodedString(value, "COLUMN_NAME"));
        names.emplace_back(name);
      }
      if (names.size() != n) {
        return MetadataError("COLUMN_NAME",
                             fmt::format("{} names for {} columns", names.size(), n));
      }
      map->column_names = std::move(names);
      return Status::Ok();
    }
    case kSetStrValue:
    case kEnumStrValue: {
      const bool is_set = type == kSetStrValue;
      const std::string_view field = is_set ? "SET_STR_VALUE" : "ENUM_STR_VALUE";
      ASSIGN_OR_RETURN(auto lists, ReadStringLists(value, field));
      std::vector<size_t> columns;
      for (const size_t column : ColumnsOfClass(*map, {ColumnClass::kEnumOrSet})) {
        if (IsSetColumn(map->column_types[column], map->column_metadata[column]) == is_set) {
          columns.push_back(column);
        }
      }
      return Distribute(std::move(lists), columns, field, n,
                        is_set ? &map->set_members : &map->enum_members);
    }
    case kGeometryType: {
      ASSIGN_OR_RETURN(const auto values, ReadIntList(value, "GEOMETRY_TYPE"));
      return Distribute(ToU32(values), ColumnsOfClass(*map, {ColumnClass::kGeometry}),
                        "GEOMETRY_TYPE", n, &map->geometry_types);
    }
    case kVectorDimensionality: {
      ASSIGN_OR_RETURN(const auto values, ReadIntList(value, "VECTOR_DIMENSIONALITY"));
      return Distribute(ToU32(values), ColumnsOfClass(*map, {ColumnClass::kVector}),
                        "VECTOR_DIMENSIONALITY", n, &map->vector_dimensions);
    }
    case kSimplePrimaryKey:
    case kPrimaryKeyWithPrefix:
      return ReadPrimaryKey(value, type == kPrimaryKeyWithPrefix, map);
    case kColumnVisibility:
      if (value.size() < (n + 7) / 8) {
        return MetadataError("COLUMN_VISIBILITY", "bitmap shorter than the columns");
      }
      map->visible = MsbBits(value.bytes(), n);
      return Status::Ok();
    default:
      return Status::Ok();  // a newer field: TLV, so skipping it is safe
  }
}

Status ReadOptionalMetadata(ByteReader& reader, bool mariadb, TableMap* map) {
  std::vector<uint32_t> enum_set_collations;
  while (!reader.AtEnd()) {
    ASSIGN_OR_RETURN(const uint8_t type, reader.ReadU8("optional metadata type"));
    ASSIGN_OR_RETURN(const uint64_t length,
                     ReadLengthEncodedInt(reader, "optional metadata length"));
    if (length > reader.remaining()) {
      return CorruptionError(fmt::format(
          "TABLE_MAP optional metadata field {} at offset {}: length {} exceeds the {} bytes left",
          type, reader.offset(), length, reader.remaining()));
    }
    ASSIGN_OR_RETURN(const ByteReader value, reader.SubReader(static_cast<size_t>(length)));
    RETURN_IF_ERROR(ReadOptionalField(type, value, mariadb, map, &enum_set_collations));
  }
  if (!enum_set_collations.empty()) {
    ConvertMemberLabels(enum_set_collations, &map->enum_members);
    ConvertMemberLabels(enum_set_collations, &map->set_members);
    map->collation_ids.resize(map->column_types.size(), 0);
    for (size_t i = 0; i < enum_set_collations.size(); ++i) {
      if (enum_set_collations[i] != 0) {
        map->collation_ids[i] = enum_set_collations[i];
      }
    }
  }
  return Status::Ok();
}

Result<std::string> ReadName(ByteReader& reader, std::string_view what) {
  ASSIGN_OR_RETURN(const uint8_t length, reader.ReadU8(what));
  ASSIGN_OR_RETURN(const std::string_view name, reader.ReadBytes(length, what));
  RETURN_IF_ERROR(reader.Skip(1, what));  // the terminating NUL
  return std::string(name);
}

}  // namespace

Result<TableMap> DecodeTableMap(std::string_view body, uint8_t post_header_length,
                                TableMapFlavor flavor) {
  ByteReader reader(body);
  TableMap map;
  if (post_header_length == 6) {
    ASSIGN_OR_RETURN(const uint32_t id, reader.ReadU32Le("table id"));
    map.table_id = id;
  } else {
    ASSIGN_OR_RETURN(map.table_id, reader.ReadU48Le("table id"));
    if (post_header_length > 8) {
      RETURN_IF_ERROR(reader.Skip(post_header_length - 8U, "TABLE_MAP post-header"));
    }
  }
  ASSIGN_OR_RETURN(map.flags, reader.ReadU16Le("TABLE_MAP flags"));
  ASSIGN_OR_RETURN(map.database, ReadName(reader, "database name"));
  ASSIGN_OR_RETURN(map.table, ReadName(reader, "table name"));
  ASSIGN_OR_RETURN(const uint64_t column_count, ReadLengthEncodedInt(reader, "column count"));
  if (column_count > reader.remaining()) {
    return CorruptionError(fmt::format("TABLE_MAP {}.{}: {} columns but only {} bytes left",
                                       map.database, map.table, column_count, reader.remaining()));
  }
  const auto n = static_cast<size_t>(column_count);
  ASSIGN_OR_RETURN(const std::string_view types, reader.ReadBytes(n, "column types"));
  map.column_types.reserve(n);
  for (const char t : types) {
    map.column_types.push_back(static_cast<FieldType>(static_cast<uint8_t>(t)));
  }
  if (reader.AtEnd() && post_header_length == 6) {
    // MySQL 5.1 development servers (binlog v4 with 4-byte table ids) ended the event here:
    // no metadata (none of their types needed any) and no null bitmap.
    map.column_metadata.assign(n, 0);
    map.nullable.assign(n, true);
    return map;
  }
  ASSIGN_OR_RETURN(const uint64_t metadata_length,
                   ReadLengthEncodedInt(reader, "column metadata length"));
  if (metadata_length > reader.remaining()) {
    return CorruptionError(fmt::format("TABLE_MAP {}.{}: metadata length {} exceeds the event",
                                       map.database, map.table, metadata_length));
  }
  ASSIGN_OR_RETURN(ByteReader metadata,
                   reader.SubReader(static_cast<size_t>(metadata_length), "column metadata"));
  map.column_metadata.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Result<uint16_t> meta = ReadColumnMetadata(metadata, map.column_types[i]);
    if (!meta.ok()) {
      return meta.status().WithContext(
          fmt::format("TABLE_MAP {}.{} column {}", map.database, map.table, i));
    }
    map.column_metadata.push_back(*meta);
  }
  RETURN_IF_ERROR(metadata.ExpectEnd("column metadata")
                      .WithContext(fmt::format("TABLE_MAP {}.{}", map.database, map.table)));
  ASSIGN_OR_RETURN(const std::string_view nulls, reader.ReadBytes((n + 7) / 8, "null bitmap"));
  map.nullable.resize(n);
  for (size_t i = 0; i < n; ++i) {
    map.nullable[i] = ((static_cast<uint8_t>(nulls[i / 8]) >> (i % 8)) & 1) != 0;
  }
  RETURN_IF_ERROR(ReadOptionalMetadata(reader, flavor == TableMapFlavor::kMariaDb, &map)
                      .WithContext(fmt::format("TABLE_MAP {}.{}", map.database, map.table)));
  return map;
}

namespace {

// The widest character of a charset in bytes, to turn CHAR/VARCHAR byte lengths into characters.
uint32_t MaxBytesPerChar(std::string_view charset) {
  if (charset == "utf8mb4" || charset == "utf16" || charset == "utf16le" || charset == "utf32" ||
      charset == "gb18030") {
    return 4;
  }
  if (charset == "utf8mb3" || charset == "ujis" || charset == "eucjpms") {
    return 3;
  }
  if (charset == "ucs2" || charset == "gbk" || charset == "big5" || charset == "sjis" ||
      charset == "cp932" || charset == "euckr" || charset == "gb2312") {
    return 2;
  }
  return 1;
}

ColumnKind TextKind(FieldType type, bool binary) {
  switch (type) {
    case FieldType::kString:
      return binary ? ColumnKind::kBinary : ColumnKind::kChar;
    case FieldType::kVarchar:
    case FieldType::kVarString:
      return binary ? ColumnKind::kVarbinary : ColumnKind::kVarchar;
    default:
      return binary ? ColumnKind::kBlob : ColumnKind::kText;
  }
}

// The kind the wire type says, or nullopt for a wire type no column can have.
std::optional<ColumnKind> WireKind(FieldType type, bool binary) {
  switch (type) {
    case FieldType::kTiny:
      return ColumnKind::kTinyInt;
    case FieldType::kShort:
      return ColumnKind::kSmallInt;
    case FieldType::kInt24:
      return ColumnKind::kMediumInt;
    case FieldType::kLong:
      return ColumnKind::kInt;
    case FieldType::kLongLong:
      return ColumnKind::kBigInt;
    case FieldType::kFloat:
      return ColumnKind::kFloat;
    case FieldType::kDouble:
      return ColumnKind::kDouble;
    case FieldType::kDecimal:
    case FieldType::kNewDecimal:
      return ColumnKind::kDecimal;
    case FieldType::kBit:
      return ColumnKind::kBit;
    case FieldType::kYear:
      return ColumnKind::kYear;
    case FieldType::kDate:
    case FieldType::kNewDate:
      return ColumnKind::kDate;
    case FieldType::kTime:
    case FieldType::kTime2:
      return ColumnKind::kTime;
    case FieldType::kDateTime:
    case FieldType::kDateTime2:
      return ColumnKind::kDateTime;
    case FieldType::kTimestamp:
    case FieldType::kTimestamp2:
      return ColumnKind::kTimestamp;
    case FieldType::kString:
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
      return TextKind(type, binary);
    case FieldType::kEnum:
      return ColumnKind::kEnum;
    case FieldType::kSet:
      return ColumnKind::kSet;
    case FieldType::kJson:
      return ColumnKind::kJson;
    case FieldType::kGeometry:
      return ColumnKind::kGeometry;
    case FieldType::kVector:
      return ColumnKind::kVector;
    default:
      return std::nullopt;
  }
}

// Whether a declared kind can travel as `wire`: the binlog does not tell CHAR from BINARY
// without a charset, nor MariaDB's UUID/INET types (fixed binary strings) from BINARY.
bool DeclaredKindFits(ColumnKind wire, ColumnKind declared) {
  auto in = [declared](std::initializer_list<ColumnKind> kinds) {
    return std::find(kinds.begin(), kinds.end(), declared) != kinds.end();
  };
  switch (wire) {
    case ColumnKind::kChar:
    case ColumnKind::kBinary:
      return in({ColumnKind::kChar, ColumnKind::kBinary, ColumnKind::kUuid, ColumnKind::kInet4,
                 ColumnKind::kInet6});
    case ColumnKind::kVarchar:
    case ColumnKind::kVarbinary:
      return in({ColumnKind::kVarchar, ColumnKind::kVarbinary});
    case ColumnKind::kText:
    case ColumnKind::kBlob:
      return in({ColumnKind::kText, ColumnKind::kBlob, ColumnKind::kJson});
    default:
      return wire == declared;
  }
}

}  // namespace

Result<mysql::ColumnType> ResolveColumnType(const TableMap& map, size_t index,
                                            const mysql::TableSchema* schema) {
  if (index >= map.column_types.size()) {
    return InvalidArgumentError(fmt::format("column {} of {}.{}, which has {} columns", index,
                                            map.database, map.table, map.column_types.size()));
  }
  if (schema != nullptr && index >= schema->columns.size()) {
    return FailedPreconditionError(
        fmt::format("table {}.{}: column {} is not in the schema", map.database, map.table, index));
  }
  const uint16_t meta = map.column_metadata[index];
  const FieldType wire = RealType(map.column_types[index], meta);
  const mysql::ColumnType* declared = schema != nullptr ? &schema->columns[index].type : nullptr;
  mysql::ColumnType type;
  const uint32_t collation = index < map.collation_ids.size() ? map.collation_ids[index] : 0;
  if (const std::optional<Charset> charset = CharsetForCollation(collation)) {
    type.charset = std::string(charset->name);
  } else if (declared != nullptr) {
    type.charset = declared->charset;
  }
  const bool binary = type.charset == "binary";
  const std::optional<ColumnKind> kind = WireKind(wire, binary);
  if (!kind) {
    return CorruptionError(fmt::format("table {}.{} column {}: wire type {} is not a column type",
                                       map.database, map.table, index, static_cast<int>(wire)));
  }
  type.kind = *kind;
  if (declared != nullptr) {
    if (!DeclaredKindFits(*kind, declared->kind)) {
      return FailedPreconditionError(fmt::format(
          "table {}.{} column {}: the binlog's wire type {} does not fit the declared type",
          map.database, map.table, index, static_cast<int>(wire)));
    }
    const bool mariadb_json = declared->kind == ColumnKind::kJson && wire != FieldType::kJson;
    type.kind = mariadb_json ? *kind : declared->kind;
    type.length = declared->length;
    type.scale = declared->scale;
    type.elements = declared->elements;
    type.is_unsigned = declared->is_unsigned;
  }
  if (map.has_signedness) {
    type.is_unsigned = map.is_unsigned[index];
  }
  const MetadataDimensions dimensions = DimensionsFromMetadata(wire, meta);
  switch (wire) {
    case FieldType::kNewDecimal:
    case FieldType::kBit:
    case FieldType::kTime2:
    case FieldType::kDateTime2:
    case FieldType::kTimestamp2:
      type.length = dimensions.length;
      type.scale = dimensions.scale;
      break;
    case FieldType::kString:
    case FieldType::kVarchar:
    case FieldType::kVarString:
      if (declared == nullptr) {
        type.length = dimensions.length / MaxBytesPerChar(type.charset);
      }
      break;
    case FieldType::kEnum:
    case FieldType::kSet: {
      const auto& lists = wire == FieldType::kEnum ? map.enum_members : map.set_members;
      if (index < lists.size() && !lists[index].empty()) {
        type.elements = lists[index];
      }
      break;
    }
    case FieldType::kVector:
      if (index < map.vector_dimensions.size() && map.vector_dimensions[index] != 0) {
        type.length = map.vector_dimensions[index];
      }
      break;
    default:
      break;
  }
  return type;
}

}  // namespace binlake::binlog
