// Parquet file metadata: C++ mirrors of the parquet.thrift structures a flat-schema writer and
// reader need, their Thrift compact encoding, and the file framing ("PAR1" magic and footer).
//
// File layout:  "PAR1" | column chunks (page header + page, ...) | FileMetaData | u32le length |
// "PAR1". Page headers (PageHeader) are written inline before each page; the footer FileMetaData
// is written once at the end. Both use the Thrift compact protocol (thrift_compact.h).
//
// Field names follow parquet.thrift in snake_case (logicalType -> logical_type). Thrift optional
// fields are std::optional; required fields are plain members. Enum values are the on-disk
// numbers; because every enum has a fixed underlying type, a value decoded from a newer file may
// be outside the named constants, and consumers must check before relying on one.
//
// Encoding is deterministic: the same struct always gives the same bytes (fields in id order,
// optional fields only when set). Decoding is bounds-checked (list sizes are checked against the
// remaining bytes, nesting depth is limited), skips fields it does not know (newer writers add
// size statistics, bloom filter and page index offsets, geospatial statistics, ...), and reports
// Corruption naming the struct, the field and the absolute offset.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/parquet/compression.h"

namespace binlake::parquet {

// ---- Enums (parquet.thrift numbers) ----

enum class PhysicalType : int32_t {  // thrift Type
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class Repetition : int32_t {  // thrift FieldRepetitionType
  kRequired = 0,
  kOptional = 1,
  kRepeated = 2,
};

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

// The thrift TimeUnit union, by its field id.
enum class TimeUnit : int16_t {
  kMillis = 1,
  kMicros = 2,
  kNanos = 3,
};

// The thrift ColumnOrder union, by its field id. Readers must ignore min_value/max_value for an
// order they do not know.
enum class ColumnOrder : int16_t {
  kTypeDefined = 1,
  kIeee754Total = 2,
  kInt96Timestamp = 3,
};

// Names for messages and `parquet inspect`: the parquet.thrift spelling ("INT64", "RLE_DICTIONARY",
// "TIMESTAMP_MICROS", ...), or "<ENUM>(<n>)" for a value without a name.
std::string PhysicalTypeName(PhysicalType type);
std::string ConvertedTypeName(ConvertedType type);
std::string RepetitionName(Repetition repetition);
std::string EncodingName(Encoding encoding);
std::string PageTypeName(PageType type);

// ---- LogicalType (a thrift union) ----

struct StringType {
  bool operator==(const StringType&) const = default;
};
struct MapType {
  bool operator==(const MapType&) const = default;
};
struct ListType {
  bool operator==(const ListType&) const = default;
};
struct EnumType {
  bool operator==(const EnumType&) const = default;
};
struct DecimalType {
  int32_t scale = 0;
  int32_t precision = 0;
  bool operator==(const DecimalType&) const = default;
};
struct DateType {
  bool operator==(const DateType&) const = default;
};
struct TimeType {
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMicros;
  bool operator==(const TimeType&) const = default;
};
struct TimestampType {
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMicros;
  bool operator==(const TimestampType&) const = default;
};
struct IntType {
  int8_t bit_width = 0;  // 8, 16, 32 or 64
  bool is_signed = true;
  bool operator==(const IntType&) const = default;
};
// thrift UNKNOWN (NullType): a column whose values are all null.
struct NullType {
  bool operator==(const NullType&) const = default;
};
struct JsonType {
  bool operator==(const JsonType&) const = default;
};
struct BsonType {
  bool operator==(const BsonType&) const = default;
};
struct UuidType {
  bool operator==(const UuidType&) const = default;
};
struct Float16Type {
  bool operator==(const Float16Type&) const = default;
};
// A union member this library does not model (VARIANT, GEOMETRY, GEOGRAPHY, VECTOR or newer),
// kept by field id so the column can be reported. Encoding writes it back as an empty member of
// that id; writers never create one.
struct UnsupportedLogicalType {
  int16_t field_id = 0;
  bool operator==(const UnsupportedLogicalType&) const = default;
};

using LogicalType = std::variant<StringType, MapType, ListType, EnumType, DecimalType, DateType,
                                 TimeType, TimestampType, IntType, NullType, JsonType, BsonType,
                                 UuidType, Float16Type, UnsupportedLogicalType>;

// "STRING", "DECIMAL(20,0)", "TIMESTAMP(MICROS,utc)", "INT(8,unsigned)", ...
std::string LogicalTypeName(const LogicalType& type);

// ---- Schema and metadata structs ----

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
  bool operator==(const KeyValue&) const = default;
};

struct SchemaElement {
  std::optional<PhysicalType> type;           // leaves only
  std::optional<int32_t> type_length;         // FIXED_LEN_BYTE_ARRAY width
  std::optional<Repetition> repetition_type;  // absent on the root
  std::string name;
  std::optional<int32_t> num_children;  // groups only (the root is a group)
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;  // Iceberg field id
  std::optional<LogicalType> logical_type;
  bool operator==(const SchemaElement&) const = default;
};

// Min/max values are PLAIN-encoded without a length prefix (FLBA decimals big-endian).
struct Statistics {
  std::optional<std::string> max;  // deprecated, signed order only
  std::optional<std::string> min;  // deprecated, signed order only
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;
  std::optional<int64_t> nan_count;  // FLOAT/DOUBLE only
  bool operator==(const Statistics&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;
  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  Codec codec = Codec::kUncompressed;
  int64_t num_values = 0;               // including nulls
  int64_t total_uncompressed_size = 0;  // all pages, headers included
  int64_t total_compressed_size = 0;    // all pages, headers included
  std::optional<std::vector<KeyValue>> key_value_metadata;
  int64_t data_page_offset = 0;  // first DATA page (after any dictionary page)
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::optional<std::vector<PageEncodingStats>> encoding_stats;
  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;  // deprecated; writers write 0
  // Optional in thrift but written by every writer; DecodeFileMetaData requires it.
  std::optional<ColumnMetaData> meta_data;
  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;  // uncompressed
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;  // first page (dictionary or data) of the row group
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;
  bool operator==(const RowGroup&) const = default;
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;  // depth-first; schema[0] is the root group
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::optional<std::vector<KeyValue>> key_value_metadata;
  std::optional<std::string> created_by;
  std::optional<std::vector<ColumnOrder>> column_orders;  // one per leaf, in schema order
  bool operator==(const FileMetaData&) const = default;
};

// ---- Page headers ----

struct DataPageHeader {
  int32_t num_values = 0;  // including nulls
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;
  bool operator==(const DataPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted;
  bool operator==(const DictionaryPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;  // including nulls
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  // Absent means true (the thrift default); is_compressed() resolves it.
  std::optional<bool> is_compressed;
  std::optional<Statistics> statistics;
  bool compressed() const { return is_compressed.value_or(true); }
  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;  // excluding this header
  int32_t compressed_page_size = 0;    // excluding this header
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;              // type DATA_PAGE
  std::optional<DictionaryPageHeader> dictionary_page_header;  // type DICTIONARY_PAGE
  std::optional<DataPageHeaderV2> data_page_header_v2;         // type DATA_PAGE_V2
  bool operator==(const PageHeader&) const = default;
};

// ---- Encoding and decoding ----

// Appends the compact-Thrift encoding of `metadata` to `*out`.
void EncodeFileMetaData(const FileMetaData& metadata, std::string* out);

// Decodes a FileMetaData from `bytes`, whose first byte is at file offset `base_offset` (used in
// error messages). Bytes after the struct's end are ignored. Corruption for malformed input or a
// missing required field (every ColumnChunk must carry meta_data); Unimplemented for encrypted
// files (encryption_algorithm or column crypto metadata present).
Result<FileMetaData> DecodeFileMetaData(std::string_view bytes, uint64_t base_offset = 0);

// Appends the compact-Thrift encoding of `header` to `*out`.
void EncodePageHeader(const PageHeader& header, std::string* out);

// Decodes one PageHeader at the reader's position and consumes exactly its bytes, so
// reader.position() afterwards minus before is the header's size. Corruption for malformed
// input, a missing required field, negative page sizes, or a missing sub-header for a
// DATA_PAGE / DICTIONARY_PAGE / DATA_PAGE_V2 page; on error the reader's position is unspecified.
Result<PageHeader> DecodePageHeader(ByteReader& reader);

// ---- File framing ----

inline constexpr std::string_view kParquetMagic = "PAR1";
// Magic of files whose footer is encrypted (not supported).
inline constexpr std::string_view kEncryptedParquetMagic = "PARE";
// The last bytes of a file: u32le metadata length + magic.
inline constexpr size_t kFooterTailSize = 8;

// Appends the footer: the encoded `metadata`, its u32le length and "PAR1".
void AppendFooter(const FileMetaData& metadata, std::string* out);

// Where the encoded FileMetaData lies in the file.
struct FooterLocation {
  uint64_t metadata_offset = 0;
  uint32_t metadata_length = 0;
};

// Validates the last kFooterTailSize bytes `tail` of a file of `file_size` bytes and locates the
// FileMetaData. Corruption (naming the offsets) when the file is shorter than a minimal Parquet
// file (12 bytes), the magic is wrong, or the length reaches back into the leading magic or
// before the start of the file; Unimplemented for the encrypted-footer magic "PARE";
// InvalidArgument when `tail` is not kFooterTailSize bytes.
Result<FooterLocation> LocateFooter(uint64_t file_size, std::string_view tail);

// Checks the first 4 bytes of a file. Corruption unless they are "PAR1" (Unimplemented for
// "PARE").
Status CheckLeadingMagic(std::string_view head);

}  // namespace binlake::parquet
