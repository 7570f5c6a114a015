#include "binlake/parquet/metadata.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/parquet/thrift_compact.h"

namespace binlake::parquet {

namespace {

using thrift::CompactReader;
using thrift::CompactWriter;
using thrift::WireType;

// ---- Enum names ----

template <size_t N>
std::string EnumName(std::string_view enum_name, const std::array<std::string_view, N>& names,
                     int32_t value) {
  if (value >= 0 && static_cast<size_t>(value) < N && !names[static_cast<size_t>(value)].empty()) {
    return std::string(names[static_cast<size_t>(value)]);
  }
  return fmt::format("{}({})", enum_name, value);
}

constexpr std::array<std::string_view, 8> kPhysicalTypeNames = {
    "BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
constexpr std::array<std::string_view, 22> kConvertedTypeNames = {"UTF8",
                                                                  "MAP",
                                                                  "MAP_KEY_VALUE",
                                                                  "LIST",
                                                                  "ENUM",
                                                                  "DECIMAL",
                                                                  "DATE",
                                                                  "TIME_MILLIS",
                                                                  "TIME_MICROS",
                                                                  "TIMESTAMP_MILLIS",
                                                                  "TIMESTAMP_MICROS",
                                                                  "UINT_8",
                                                                  "UINT_16",
                                                                  "UINT_32",
                                                                  "UINT_64",
                                                                  "INT_8",
                                                                  "INT_16",
                                                                  "INT_32",
                                                                  "INT_64",
                                                                  "JSON",
                                                                  "BSON",
                                                                  "INTERVAL"};
constexpr std::array<std::string_view, 3> kRepetitionNames = {"REQUIRED", "OPTIONAL", "REPEATED"};
constexpr std::array<std::string_view, 10> kEncodingNames = {"PLAIN",
                                                             "",
                                                             "PLAIN_DICTIONARY",
                                                             "RLE",
                                                             "BIT_PACKED",
                                                             "DELTA_BINARY_PACKED",
                                                             "DELTA_LENGTH_BYTE_ARRAY",
                                                             "DELTA_BYTE_ARRAY",
                                                             "RLE_DICTIONARY",
                                                             "BYTE_STREAM_SPLIT"};
constexpr std::array<std::string_view, 4> kPageTypeNames = {"DATA_PAGE", "INDEX_PAGE",
                                                            "DICTIONARY_PAGE", "DATA_PAGE_V2"};
constexpr std::array<std::string_view, 4> kTimeUnitNames = {"", "MILLIS", "MICROS", "NANOS"};

// ---- Struct descriptions ----
//
// Each struct is described once, as a tuple of its fields in ascending id order; encoding and
// decoding are both generated from that description, so they cannot disagree.

enum class Presence { kOptional, kRequired };

template <auto kMember>
struct FieldDesc {
  int16_t id;
  std::string_view name;  // the parquet.thrift name, for messages
  Presence presence = Presence::kOptional;
};

template <auto kMember>
constexpr auto MemberOf(const FieldDesc<kMember>&) {
  return kMember;
}

constexpr Presence kRequired = Presence::kRequired;

template <typename T>
struct StructDesc;

template <>
struct StructDesc<KeyValue> {
  static constexpr std::string_view kName = "KeyValue";
  static constexpr auto kFields = std::tuple{FieldDesc<&KeyValue::key>{1, "key", kRequired},
                                             FieldDesc<&KeyValue::value>{2, "value"}};
};

template <>
struct StructDesc<DecimalType> {
  static constexpr std::string_view kName = "DecimalType";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&DecimalType::scale>{1, "scale", kRequired},
                 FieldDesc<&DecimalType::precision>{2, "precision", kRequired}};
};

template <>
struct StructDesc<TimeType> {
  static constexpr std::string_view kName = "TimeType";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&TimeType::is_adjusted_to_utc>{1, "isAdjustedToUTC", kRequired},
                 FieldDesc<&TimeType::unit>{2, "unit", kRequired}};
};

template <>
struct StructDesc<TimestampType> {
  static constexpr std::string_view kName = "TimestampType";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&TimestampType::is_adjusted_to_utc>{1, "isAdjustedToUTC", kRequired},
                 FieldDesc<&TimestampType::unit>{2, "unit", kRequired}};
};

template <>
struct StructDesc<IntType> {
  static constexpr std::string_view kName = "IntType";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&IntType::bit_width>{1, "bitWidth", kRequired},
                 FieldDesc<&IntType::is_signed>{2, "isSigned", kRequired}};
};

template <>
struct StructDesc<SchemaElement> {
  static constexpr std::string_view kName = "SchemaElement";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&SchemaElement::type>{1, "type"},
                 FieldDesc<&SchemaElement::type_length>{2, "type_length"},
                 FieldDesc<&SchemaElement::repetition_type>{3, "repetition_type"},
                 FieldDesc<&SchemaElement::name>{4, "name", kRequired},
                 FieldDesc<&SchemaElement::num_children>{5, "num_children"},
                 FieldDesc<&SchemaElement::converted_type>{6, "converted_type"},
                 FieldDesc<&SchemaElement::scale>{7, "scale"},
                 FieldDesc<&SchemaElement::precision>{8, "precision"},
                 FieldDesc<&SchemaElement::field_id>{9, "field_id"},
                 FieldDesc<&SchemaElement::logical_type>{10, "logicalType"}};
};

template <>
struct StructDesc<Statistics> {
  static constexpr std::string_view kName = "Statistics";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&Statistics::max>{1, "max"},
                 FieldDesc<&Statistics::min>{2, "min"},
                 FieldDesc<&Statistics::null_count>{3, "null_count"},
                 FieldDesc<&Statistics::distinct_count>{4, "distinct_count"},
                 FieldDesc<&Statistics::max_value>{5, "max_value"},
                 FieldDesc<&Statistics::min_value>{6, "min_value"},
                 FieldDesc<&Statistics::is_max_value_exact>{7, "is_max_value_exact"},
                 FieldDesc<&Statistics::is_min_value_exact>{8, "is_min_value_exact"},
                 FieldDesc<&Statistics::nan_count>{9, "nan_count"}};
};

template <>
struct StructDesc<PageEncodingStats> {
  static constexpr std::string_view kName = "PageEncodingStats";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&PageEncodingStats::page_type>{1, "page_type", kRequired},
                 FieldDesc<&PageEncodingStats::encoding>{2, "encoding", kRequired},
                 FieldDesc<&PageEncodingStats::count>{3, "count", kRequired}};
};

template <>
struct StructDesc<ColumnMetaData> {
  static constexpr std::string_view kName = "ColumnMetaData";
  static constexpr auto kFields = std::tuple{
      FieldDesc<&ColumnMetaData::type>{1, "type", kRequired},
      FieldDesc<&ColumnMetaData::encodings>{2, "encodings", kRequired},
      FieldDesc<&ColumnMetaData::path_in_schema>{3, "path_in_schema", kRequired},
      FieldDesc<&ColumnMetaData::codec>{4, "codec", kRequired},
      FieldDesc<&ColumnMetaData::num_values>{5, "num_values", kRequired},
      FieldDesc<&ColumnMetaData::total_uncompressed_size>{6, "total_uncompressed_size", kRequired},
      FieldDesc<&ColumnMetaData::total_compressed_size>{7, "total_compressed_size", kRequired},
      FieldDesc<&ColumnMetaData::key_value_metadata>{8, "key_value_metadata"},
      FieldDesc<&ColumnMetaData::data_page_offset>{9, "data_page_offset", kRequired},
      FieldDesc<&ColumnMetaData::index_page_offset>{10, "index_page_offset"},
      FieldDesc<&ColumnMetaData::dictionary_page_offset>{11, "dictionary_page_offset"},
      FieldDesc<&ColumnMetaData::statistics>{12, "statistics"},
      FieldDesc<&ColumnMetaData::encoding_stats>{13, "encoding_stats"}};
};

template <>
struct StructDesc<ColumnChunk> {
  static constexpr std::string_view kName = "ColumnChunk";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&ColumnChunk::file_path>{1, "file_path"},
                 FieldDesc<&ColumnChunk::file_offset>{2, "file_offset", kRequired},
                 // Optional in parquet.thrift, but a reader cannot do without it.
                 FieldDesc<&ColumnChunk::meta_data>{3, "meta_data", kRequired}};
  // crypto_metadata, encrypted_column_metadata
  static constexpr std::array<int16_t, 2> kEncryptionFields = {8, 9};
};

template <>
struct StructDesc<RowGroup> {
  static constexpr std::string_view kName = "RowGroup";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&RowGroup::columns>{1, "columns", kRequired},
                 FieldDesc<&RowGroup::total_byte_size>{2, "total_byte_size", kRequired},
                 FieldDesc<&RowGroup::num_rows>{3, "num_rows", kRequired},
                 FieldDesc<&RowGroup::file_offset>{5, "file_offset"},
                 FieldDesc<&RowGroup::total_compressed_size>{6, "total_compressed_size"},
                 FieldDesc<&RowGroup::ordinal>{7, "ordinal"}};
};

template <>
struct StructDesc<FileMetaData> {
  static constexpr std::string_view kName = "FileMetaData";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&FileMetaData::version>{1, "version", kRequired},
                 FieldDesc<&FileMetaData::schema>{2, "schema", kRequired},
                 FieldDesc<&FileMetaData::num_rows>{3, "num_rows", kRequired},
                 FieldDesc<&FileMetaData::row_groups>{4, "row_groups", kRequired},
                 FieldDesc<&FileMetaData::key_value_metadata>{5, "key_value_metadata"},
                 FieldDesc<&FileMetaData::created_by>{6, "created_by"},
                 FieldDesc<&FileMetaData::column_orders>{7, "column_orders"}};
  // encryption_algorithm, footer_signing_key_metadata
  static constexpr std::array<int16_t, 2> kEncryptionFields = {8, 9};
};

template <>
struct StructDesc<DataPageHeader> {
  static constexpr std::string_view kName = "DataPageHeader";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&DataPageHeader::num_values>{1, "num_values", kRequired},
                 FieldDesc<&DataPageHeader::encoding>{2, "encoding", kRequired},
                 FieldDesc<&DataPageHeader::definition_level_encoding>{
                     3, "definition_level_encoding", kRequired},
                 FieldDesc<&DataPageHeader::repetition_level_encoding>{
                     4, "repetition_level_encoding", kRequired},
                 FieldDesc<&DataPageHeader::statistics>{5, "statistics"}};
};

template <>
struct StructDesc<DictionaryPageHeader> {
  static constexpr std::string_view kName = "DictionaryPageHeader";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&DictionaryPageHeader::num_values>{1, "num_values", kRequired},
                 FieldDesc<&DictionaryPageHeader::encoding>{2, "encoding", kRequired},
                 FieldDesc<&DictionaryPageHeader::is_sorted>{3, "is_sorted"}};
};

template <>
struct StructDesc<DataPageHeaderV2> {
  static constexpr std::string_view kName = "DataPageHeaderV2";
  static constexpr auto kFields =
      std::tuple{FieldDesc<&DataPageHeaderV2::num_values>{1, "num_values", kRequired},
                 FieldDesc<&DataPageHeaderV2::num_nulls>{2, "num_nulls", kRequired},
                 FieldDesc<&DataPageHeaderV2::num_rows>{3, "num_rows", kRequired},
                 FieldDesc<&DataPageHeaderV2::encoding>{4, "encoding", kRequired},
                 FieldDesc<&DataPageHeaderV2::definition_levels_byte_length>{
                     5, "definition_levels_byte_length", kRequired},
                 FieldDesc<&DataPageHeaderV2::repetition_levels_byte_length>{
                     6, "repetition_levels_byte_length", kRequired},
                 FieldDesc<&DataPageHeaderV2::is_compressed>{7, "is_compressed"},
                 FieldDesc<&DataPageHeaderV2::statistics>{8, "statistics"}};
};

template <>
struct StructDesc<PageHeader> {
  static constexpr std::string_view kName = "PageHeader";
  static constexpr auto kFields = std::tuple{
      FieldDesc<&PageHeader::type>{1, "type", kRequired},
      FieldDesc<&PageHeader::uncompressed_page_size>{2, "uncompressed_page_size", kRequired},
      FieldDesc<&PageHeader::compressed_page_size>{3, "compressed_page_size", kRequired},
      FieldDesc<&PageHeader::crc>{4, "crc"},
      FieldDesc<&PageHeader::data_page_header>{5, "data_page_header"},
      FieldDesc<&PageHeader::dictionary_page_header>{7, "dictionary_page_header"},
      FieldDesc<&PageHeader::data_page_header_v2>{8, "data_page_header_v2"}};
};

template <typename T>
concept Described = requires {
  StructDesc<T>::kFields;
};

template <typename T>
constexpr bool FieldIdsAscend() {
  return std::apply(
      [](const auto&... field) {
        int previous = 0;
        return ((field.id > previous ? (previous = field.id, true) : false) && ...);
      },
      StructDesc<T>::kFields);
}

// The thrift unions that carry no data besides which member is set: stored as enums whose
// values are the member field ids.
template <typename T>
constexpr bool kIsTagUnion = std::is_same_v<T, TimeUnit> || std::is_same_v<T, ColumnOrder>;

// The empty thrift structs (StringType, DateType, ...).
template <typename T>
constexpr bool kIsEmptyStruct = std::is_empty_v<T>&& std::is_class_v<T>;

template <typename T>
struct IsVector : std::false_type {};
template <typename E>
struct IsVector<std::vector<E>> : std::true_type {};

template <typename T>
struct IsOptional : std::false_type {};
template <typename V>
struct IsOptional<std::optional<V>> : std::true_type {};

// The wire type of a value of C++ type T.
template <typename T>
constexpr WireType WireTypeOf() {
  if constexpr (std::is_same_v<T, bool>) {
    return WireType::kBoolTrue;
  } else if constexpr (std::is_same_v<T, int8_t>) {
    return WireType::kI8;
  } else if constexpr (std::is_same_v<T, int16_t>) {
    return WireType::kI16;
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return WireType::kI32;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return WireType::kI64;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return WireType::kBinary;
  } else if constexpr (kIsTagUnion<T>) {
    return WireType::kStruct;
  } else if constexpr (std::is_enum_v<T>) {
    return WireType::kI32;
  } else if constexpr (IsVector<T>::value) {
    return WireType::kList;
  } else {
    return WireType::kStruct;
  }
}

bool WireTypeMatches(WireType expected, WireType actual) {
  switch (expected) {
    case WireType::kBoolTrue:
    case WireType::kBoolFalse:
      return actual == WireType::kBoolTrue || actual == WireType::kBoolFalse;
    case WireType::kList:
    case WireType::kSet:
      return actual == WireType::kList || actual == WireType::kSet;
    default:
      return actual == expected;
  }
}

// ---- Encoding ----

template <typename T>
void EncodeValue(CompactWriter& w, const T& value);

template <typename T>
void EncodeField(CompactWriter& w, int16_t id, const T& value) {
  if constexpr (IsOptional<T>::value) {
    if (value.has_value()) {
      EncodeField(w, id, *value);
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    w.BoolField(id, value);
  } else {
    w.FieldHeader(id, WireTypeOf<T>());
    EncodeValue(w, value);
  }
}

// A tag union's (or LogicalType's) single member: field `id` holding the struct `member`.
template <typename M>
void EncodeUnionMember(CompactWriter& w, int16_t id, const M& member) {
  w.BeginStruct();
  EncodeField(w, id, member);
  w.EndStruct();
}

// The LogicalType union's field ids, by variant index (UnsupportedLogicalType, the last
// alternative, carries its own).
constexpr std::array<int16_t, std::variant_size_v<LogicalType> - 1> kLogicalTypeFieldIds = {
    1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15};

// The body of union members that carry no data (TimeUnit, ColumnOrder, unsupported types).
struct EmptyStruct {};

template <typename T>
void EncodeValue(CompactWriter& w, const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.Bool(value);
  } else if constexpr (std::is_same_v<T, int8_t>) {
    w.I8(value);
  } else if constexpr (std::is_same_v<T, int16_t>) {
    w.I16(value);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    w.I32(value);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    w.I64(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.Binary(value);
  } else if constexpr (kIsTagUnion<T>) {
    EncodeUnionMember(w, static_cast<int16_t>(value), EmptyStruct{});
  } else if constexpr (std::is_enum_v<T>) {
    w.I32(static_cast<int32_t>(value));
  } else if constexpr (IsVector<T>::value) {
    using Element = typename T::value_type;
    w.ListHeader(WireTypeOf<Element>(), static_cast<uint32_t>(value.size()));
    for (const Element& element : value) {
      EncodeValue(w, element);
    }
  } else if constexpr (std::is_same_v<T, LogicalType>) {
    std::visit(
        [&](const auto& member) {
          using M = std::decay_t<decltype(member)>;
          if constexpr (std::is_same_v<M, UnsupportedLogicalType>) {
            EncodeUnionMember(w, member.field_id, EmptyStruct{});
          } else {
            EncodeUnionMember(w, kLogicalTypeFieldIds[value.index()], member);
          }
        },
        value);
  } else if constexpr (kIsEmptyStruct<T>) {
    w.BeginStruct();
    w.EndStruct();
  } else {
    static_assert(Described<T>);
    static_assert(FieldIdsAscend<T>(), "fields must be listed in ascending id order");
    w.BeginStruct();
    std::apply(
        [&](const auto&... field) { (EncodeField(w, field.id, value.*MemberOf(field)), ...); },
        StructDesc<T>::kFields);
    w.EndStruct();
  }
}

// ---- Decoding ----

template <typename T>
Status DecodeValue(CompactReader& r, T& value);

template <typename T>
Status DecodeField(CompactReader& r, const CompactReader::Field& field, T& value) {
  if constexpr (IsOptional<T>::value) {
    value.emplace();
    return DecodeField(r, field, *value);
  } else {
    if (!WireTypeMatches(WireTypeOf<T>(), field.type)) {
      return CorruptionError(fmt::format("wire type {} before offset {}, expected {}",
                                         thrift::WireTypeName(field.type), r.offset(),
                                         thrift::WireTypeName(WireTypeOf<T>())));
    }
    if constexpr (std::is_same_v<T, bool>) {
      ASSIGN_OR_RETURN(value, r.BoolFieldValue(field));
      return Status::Ok();
    } else {
      return DecodeValue(r, value);
    }
  }
}

// Reads a struct's fields up to its stop byte, calling `on_field(field)` for each; the callback
// decodes or skips the body.
template <typename OnField>
Status ForEachField(CompactReader& r, OnField on_field) {
  RETURN_IF_ERROR(r.BeginStruct());
  while (true) {
    ASSIGN_OR_RETURN(const CompactReader::Field field, r.ReadFieldHeader());
    if (field.type == WireType::kStop) {
      r.EndStruct();
      return Status::Ok();
    }
    RETURN_IF_ERROR(on_field(field));
  }
}

// Decodes a union: exactly one member field, whose id `on_member(field)` interprets.
template <typename OnMember>
Status DecodeUnion(CompactReader& r, std::string_view name, OnMember on_member) {
  const uint64_t start = r.offset();
  int members = 0;
  RETURN_IF_ERROR(ForEachField(r, [&](const CompactReader::Field& field) -> Status {
    ++members;
    if (field.type != WireType::kStruct) {
      return CorruptionError(fmt::format("{} member {} at offset {} has wire type {}, not STRUCT",
                                         name, field.id, start, thrift::WireTypeName(field.type)));
    }
    return on_member(field);
  }));
  if (members != 1) {
    return CorruptionError(
        fmt::format("{} union at offset {} has {} members set, expected 1", name, start, members));
  }
  return Status::Ok();
}

template <typename M>
Status DecodeLogicalTypeMember(CompactReader& r, LogicalType& value) {
  M member;
  RETURN_IF_ERROR(DecodeValue(r, member));
  value = member;
  return Status::Ok();
}

Status DecodeLogicalType(CompactReader& r, LogicalType& value) {
  return DecodeUnion(r, "LogicalType", [&](const CompactReader::Field& field) -> Status {
    Status status;
    bool known = false;
    [&]<size_t... I>(std::index_sequence<I...>) {
      ((field.id == kLogicalTypeFieldIds[I]
            ? (known = true,
               status =
                   DecodeLogicalTypeMember<std::variant_alternative_t<I, LogicalType>>(r, value),
               0)
            : 0),
       ...);
    }
    (std::make_index_sequence<kLogicalTypeFieldIds.size()>{});
    if (!known) {
      value = UnsupportedLogicalType{field.id};
      return r.SkipField(field);
    }
    if (!status.ok()) {
      return status.WithContext(fmt::format("LogicalType member {}", field.id));
    }
    return status;
  });
}

// Calls fn(desc, index) for each field description of T, in order.
template <typename T, typename Fn>
void ForEachDesc(Fn fn) {
  constexpr size_t kCount = std::tuple_size_v<decltype(StructDesc<T>::kFields)>;
  [&]<size_t... I>(std::index_sequence<I...>) {
    (fn(std::get<I>(StructDesc<T>::kFields), I), ...);
  }
  (std::make_index_sequence<kCount>{});
}

template <typename T>
std::string_view FieldName(int16_t id) {
  std::string_view name = "?";
  std::apply([&](const auto&... field) { ((field.id == id ? (name = field.name, 0) : 0), ...); },
             StructDesc<T>::kFields);
  return name;
}

template <typename T>
Status CheckNotEncrypted(const CompactReader::Field& field) {
  if constexpr (requires { StructDesc<T>::kEncryptionFields; }) {
    for (int16_t id : StructDesc<T>::kEncryptionFields) {
      if (field.id == id) {
        return UnimplementedError(
            fmt::format("encrypted Parquet files are not supported ({} field {} is set)",
                        StructDesc<T>::kName, id));
      }
    }
  }
  return Status::Ok();
}

// Decodes the body of field `field` into the member it names, or skips it when the struct has
// no such field. Sets bit i of `*seen` when it is the i-th described field.
template <typename T>
Status DecodeDescribedField(CompactReader& r, const CompactReader::Field& field, T& value,
                            uint64_t* seen) {
  RETURN_IF_ERROR(CheckNotEncrypted<T>(field));
  Status status;
  bool known = false;
  ForEachDesc<T>([&](const auto& desc, size_t index) {
    if (!known && desc.id == field.id) {
      known = true;
      *seen |= uint64_t{1} << index;
      status = DecodeField(r, field, value.*MemberOf(desc));
    }
  });
  if (!known) {
    return r.SkipField(field);
  }
  return status;
}

template <typename T>
Status CheckRequiredFields(uint64_t seen, uint64_t start) {
  Status status;
  ForEachDesc<T>([&](const auto& desc, size_t index) {
    const bool missing =
        desc.presence == Presence::kRequired && (seen & (uint64_t{1} << index)) == 0;
    if (missing && status.ok()) {
      status = CorruptionError(fmt::format("{} at offset {}: required field {} ({}) is missing",
                                           StructDesc<T>::kName, start, desc.id, desc.name));
    }
  });
  return status;
}

// Checks of decoded values beyond the wire format, for the structs that need them.
Status Validate(const PageHeader& header, uint64_t start) {
  if (header.uncompressed_page_size < 0 || header.compressed_page_size < 0) {
    return CorruptionError(
        fmt::format("PageHeader at offset {}: negative page size (uncompressed {}, compressed {})",
                    start, header.uncompressed_page_size, header.compressed_page_size));
  }
  const bool has_sub_header =
      (header.type == PageType::kDataPage && header.data_page_header.has_value()) ||
      (header.type == PageType::kDictionaryPage && header.dictionary_page_header.has_value()) ||
      (header.type == PageType::kDataPageV2 && header.data_page_header_v2.has_value()) ||
      (header.type != PageType::kDataPage && header.type != PageType::kDictionaryPage &&
       header.type != PageType::kDataPageV2);
  if (!has_sub_header) {
    return CorruptionError(fmt::format("PageHeader at offset {}: {} page without its header", start,
                                       PageTypeName(header.type)));
  }
  if (const auto& v2 = header.data_page_header_v2) {
    const int64_t levels =
        int64_t{v2->definition_levels_byte_length} + v2->repetition_levels_byte_length;
    if (v2->definition_levels_byte_length < 0 || v2->repetition_levels_byte_length < 0 ||
        levels > header.compressed_page_size || levels > header.uncompressed_page_size) {
      return CorruptionError(fmt::format(
          "PageHeader at offset {}: v2 level lengths {} + {} do not fit the page ({} bytes "
          "compressed, {} uncompressed)",
          start, v2->definition_levels_byte_length, v2->repetition_levels_byte_length,
          header.compressed_page_size, header.uncompressed_page_size));
    }
  }
  return Status::Ok();
}

template <typename T>
Status Validate(const T&, uint64_t) {
  return Status::Ok();
}

template <typename T>
Status DecodeDescribedStruct(CompactReader& r, T& value) {
  static_assert(std::tuple_size_v<decltype(StructDesc<T>::kFields)> <= 64);
  const uint64_t start = r.offset();
  uint64_t seen = 0;
  RETURN_IF_ERROR(ForEachField(r, [&](const CompactReader::Field& field) {
    Status status = DecodeDescribedField(r, field, value, &seen);
    if (!status.ok()) [[unlikely]] {
      return status.WithContext(fmt::format("{}.{}", StructDesc<T>::kName, FieldName<T>(field.id)));
    }
    return status;
  }));
  RETURN_IF_ERROR(CheckRequiredFields<T>(seen, start));
  return Validate(value, start);
}

template <typename T>
Status DecodeTagUnion(CompactReader& r, T& value) {
  return DecodeUnion(r, std::is_same_v<T, TimeUnit> ? "TimeUnit" : "ColumnOrder",
                     [&](const CompactReader::Field& field) {
                       value = static_cast<T>(field.id);
                       return r.SkipField(field);
                     });
}

template <typename T>
Status DecodeList(CompactReader& r, std::vector<T>& values) {
  ASSIGN_OR_RETURN(const CompactReader::ListHeader header, r.ReadListHeader());
  if (!WireTypeMatches(WireTypeOf<T>(), header.element_type)) {
    return CorruptionError(
        fmt::format("list elements have wire type {} before offset {}, "
                    "expected {}",
                    thrift::WireTypeName(header.element_type), r.offset(),
                    thrift::WireTypeName(WireTypeOf<T>())));
  }
  // No reserve(header.size): the size is bounded by the input length, but elements are
  // allocated only as they decode.
  values.clear();
  for (uint32_t i = 0; i < header.size; ++i) {
    values.emplace_back();
    Status status = DecodeValue(r, values.back());
    if (!status.ok()) [[unlikely]] {
      return status.WithContext(fmt::format("element {}", i));
    }
  }
  return Status::Ok();
}

template <typename T>
Status DecodeValue(CompactReader& r, T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    ASSIGN_OR_RETURN(value, r.ReadBool());
  } else if constexpr (std::is_same_v<T, int8_t>) {
    ASSIGN_OR_RETURN(value, r.ReadI8());
  } else if constexpr (std::is_same_v<T, int16_t>) {
    ASSIGN_OR_RETURN(value, r.ReadI16());
  } else if constexpr (std::is_same_v<T, int32_t>) {
    ASSIGN_OR_RETURN(value, r.ReadI32());
  } else if constexpr (std::is_same_v<T, int64_t>) {
    ASSIGN_OR_RETURN(value, r.ReadI64());
  } else if constexpr (std::is_same_v<T, std::string>) {
    ASSIGN_OR_RETURN(const std::string_view bytes, r.ReadBinary());
    value.assign(bytes);
  } else if constexpr (kIsTagUnion<T>) {
    return DecodeTagUnion(r, value);
  } else if constexpr (std::is_enum_v<T>) {
    ASSIGN_OR_RETURN(const int32_t number, r.ReadI32());
    value = static_cast<T>(number);
  } else if constexpr (IsVector<T>::value) {
    return DecodeList(r, value);
  } else if constexpr (std::is_same_v<T, LogicalType>) {
    return DecodeLogicalType(r, value);
  } else if constexpr (kIsEmptyStruct<T>) {
    return r.SkipValue(WireType::kStruct);
  } else {
    return DecodeDescribedStruct(r, value);
  }
  return Status::Ok();
}

std::string TimeUnitName(TimeUnit unit) {
  return EnumName("TIME_UNIT", kTimeUnitNames, static_cast<int32_t>(unit));
}

}  // namespace

std::string PhysicalTypeName(PhysicalType type) {
  return EnumName("TYPE", kPhysicalTypeNames, static_cast<int32_t>(type));
}
std::string ConvertedTypeName(ConvertedType type) {
  return EnumName("CONVERTED_TYPE", kConvertedTypeNames, static_cast<int32_t>(type));
}
std::string RepetitionName(Repetition repetition) {
  return EnumName("REPETITION", kRepetitionNames, static_cast<int32_t>(repetition));
}
std::string EncodingName(Encoding encoding) {
  return EnumName("ENCODING", kEncodingNames, static_cast<int32_t>(encoding));
}
std::string PageTypeName(PageType type) {
  return EnumName("PAGE_TYPE", kPageTypeNames, static_cast<int32_t>(type));
}

std::string LogicalTypeName(const LogicalType& type) {
  return std::visit(
      [](const auto& member) -> std::string {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, StringType>) {
          return "STRING";
        } else if constexpr (std::is_same_v<M, MapType>) {
          return "MAP";
        } else if constexpr (std::is_same_v<M, ListType>) {
          return "LIST";
        } else if constexpr (std::is_same_v<M, EnumType>) {
          return "ENUM";
        } else if constexpr (std::is_same_v<M, DecimalType>) {
          return fmt::format("DECIMAL({},{})", member.precision, member.scale);
        } else if constexpr (std::is_same_v<M, DateType>) {
          return "DATE";
        } else if constexpr (std::is_same_v<M, TimeType> || std::is_same_v<M, TimestampType>) {
          return fmt::format("{}({},{})", std::is_same_v<M, TimeType> ? "TIME" : "TIMESTAMP",
                             TimeUnitName(member.unit),
                             member.is_adjusted_to_utc ? "utc" : "local");
        } else if constexpr (std::is_same_v<M, IntType>) {
          return fmt::format("INT({},{})", member.bit_width,
                             member.is_signed ? "signed" : "unsigned");
        } else if constexpr (std::is_same_v<M, NullType>) {
          return "UNKNOWN";
        } else if constexpr (std::is_same_v<M, JsonType>) {
          return "JSON";
        } else if constexpr (std::is_same_v<M, BsonType>) {
          return "BSON";
        } else if constexpr (std::is_same_v<M, UuidType>) {
          return "UUID";
        } else if constexpr (std::is_same_v<M, Float16Type>) {
          return "FLOAT16";
        } else {
          return fmt::format("LOGICAL_TYPE({})", member.field_id);
        }
      },
      type);
}

void EncodeFileMetaData(const FileMetaData& metadata, std::string* out) {
  CompactWriter w(out);
  EncodeValue(w, metadata);
}

Result<FileMetaData> DecodeFileMetaData(std::string_view bytes, uint64_t base_offset) {
  ByteReader input(bytes, base_offset);
  CompactReader r(&input);
  FileMetaData metadata;
  RETURN_IF_ERROR(DecodeValue(r, metadata));
  return metadata;
}

void EncodePageHeader(const PageHeader& header, std::string* out) {
  CompactWriter w(out);
  EncodeValue(w, header);
}

Result<PageHeader> DecodePageHeader(ByteReader& reader) {
  CompactReader r(&reader);
  PageHeader header;
  RETURN_IF_ERROR(DecodeValue(r, header));
  return header;
}

void AppendFooter(const FileMetaData& metadata, std::string* out) {
  const size_t start = out->size();
  EncodeFileMetaData(metadata, out);
  ByteWriter tail(out);
  tail.WriteU32Le(static_cast<uint32_t>(out->size() - start));
  tail.WriteBytes(kParquetMagic);
}

Status CheckLeadingMagic(std::string_view head) {
  if (head.substr(0, kParquetMagic.size()) == kEncryptedParquetMagic) {
    return UnimplementedError(
        "Parquet files with an encrypted footer (magic PARE) are not "
        "supported");
  }
  if (head.substr(0, kParquetMagic.size()) != kParquetMagic) {
    return CorruptionError(fmt::format("not a Parquet file: bytes 0..3 are {:?}, expected \"PAR1\"",
                                       head.substr(0, kParquetMagic.size())));
  }
  return Status::Ok();
}

Result<FooterLocation> LocateFooter(uint64_t file_size, std::string_view tail) {
  constexpr uint64_t kMinFileSize = kParquetMagic.size() + kFooterTailSize;
  if (file_size < kMinFileSize) {
    return CorruptionError(fmt::format(
        "not a Parquet file: {} bytes is shorter than the minimal {} (magic, footer length, "
        "magic)",
        file_size, kMinFileSize));
  }
  if (tail.size() != kFooterTailSize) {
    return InvalidArgumentError(
        fmt::format("LocateFooter needs the last {} bytes, got {}", kFooterTailSize, tail.size()));
  }
  const uint64_t tail_offset = file_size - kFooterTailSize;
  const std::string_view magic = tail.substr(4);
  if (magic == kEncryptedParquetMagic) {
    return UnimplementedError(
        "Parquet files with an encrypted footer (magic PARE) are not "
        "supported");
  }
  if (magic != kParquetMagic) {
    return CorruptionError(
        fmt::format("not a Parquet file (or truncated): bytes {}..{} are {:?}, expected \"PAR1\"",
                    tail_offset + 4, file_size - 1, magic));
  }
  ByteReader length_reader(tail.substr(0, 4), tail_offset);
  ASSIGN_OR_RETURN(const uint32_t length, length_reader.ReadU32Le("footer length"));
  // The metadata lies between the leading magic and the tail.
  if (length > tail_offset - kParquetMagic.size()) {
    return CorruptionError(fmt::format(
        "Parquet footer length {} at offset {} reaches before the start of the data (file of "
        "{} bytes)",
        length, tail_offset, file_size));
  }
  return FooterLocation{tail_offset - length, length};
}

}  // namespace binlake::parquet
