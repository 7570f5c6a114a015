// Decoding one column value of a row image, given what the TABLE_MAP (and optionally the
// table's declared schema) says about the column.
//
// Contract:
//   BuildColumnCodecs resolves, once per row event, everything the per-value decoder needs:
//   the real wire type (MYSQL_TYPE_STRING carries CHAR, ENUM and SET; its metadata holds the real
//   type and the length, with the length's high bits folded into the type byte for CHAR > 255
//   bytes), lengths, fsp, signedness (optional metadata, else the schema, else signed), the
//   text encoding (optional-metadata collation, else the schema's charset, else unknown, in which
//   case text columns are passed through as Binary) and ENUM/SET member labels. It reuses the
//   vector's storage and does not allocate once the vector has grown to the table's width.
//   DecodeColumnValue reads one non-NULL value and stores it in *out following mysql/value.h,
//   reusing the storage of *out when it already holds the same alternative (a row decoder that
//   keeps its RowImage vectors decodes without allocating for fixed-size types and short text).
//   Errors: Corruption for malformed bytes, Unimplemented for the old pre-5.0 DECIMAL, which has
//   no length in the binlog, and for charsets that need a TextConverter that is not given.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/status.h"
#include "binlake/binlog/charset.h"
#include "binlake/binlog/table_map.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::binlog {

// What the optional metadata lists of a TABLE_MAP are indexed by.
enum class ColumnClass : uint8_t { kNumeric, kCharacter, kEnumOrSet, kGeometry, kVector, kOther };

// The wire type with MYSQL_TYPE_STRING resolved to kEnum/kSet when its metadata says so.
mysql::FieldType RealType(mysql::FieldType type, uint16_t meta);
ColumnClass ClassifyColumn(mysql::FieldType type, uint16_t meta);
bool IsSetColumn(mysql::FieldType type, uint16_t meta);
// The maximum byte length of a MYSQL_TYPE_STRING (CHAR/BINARY) column from its metadata.
uint32_t StringMaxBytes(uint16_t meta);

// What a column's TABLE_MAP metadata says about its size, by real type: `length` is the
// DECIMAL precision, BIT width in bits, CHAR/VARCHAR max bytes, ENUM/SET value bytes, or the
// length-prefix bytes of BLOB/JSON/GEOMETRY/VECTOR; `scale` the DECIMAL scale or the fsp of
// TIME2/DATETIME2/TIMESTAMP2.
struct MetadataDimensions {
  uint32_t length = 0;
  uint32_t scale = 0;
};
MetadataDimensions DimensionsFromMetadata(mysql::FieldType real_type, uint16_t meta);

struct ColumnCodec {
  mysql::FieldType type = mysql::FieldType::kNull;  // RealType
  // STRING/VARCHAR: max bytes; BLOB/JSON/GEOMETRY/VECTOR: bytes of the length prefix;
  // ENUM/SET: bytes of the value; BIT: bits; NEWDECIMAL: precision.
  uint32_t length = 0;
  // NEWDECIMAL scale; fsp of TIME2/DATETIME2/TIMESTAMP2; for the old TIME/DATETIME/TIMESTAMP
  // codes the declared fsp, nonzero only for MariaDB 5.3 hires columns (temporal.h).
  uint32_t scale = 0;
  bool is_unsigned = false;
  // Character columns: how text is converted. kBinary also when the charset is unknown.
  TextEncoding encoding = TextEncoding::kBinary;
  std::string_view charset;        // the charset's name, for messages and the converter
  uint32_t unknown_collation = 0;  // nonzero: a collation id CharsetForCollation lacks
  const std::vector<std::string>* members = nullptr;  // ENUM/SET labels, may be null
};

// Fills `codecs` with one codec per TABLE_MAP column. `schema` may be null; when given it must
// have one column per TABLE_MAP column (FailedPrecondition otherwise).
Status BuildColumnCodecs(const TableMap& map, const mysql::TableSchema* schema,
                         std::vector<ColumnCodec>* codecs);

// Decodes one non-NULL value. `converter` may be null.
Status DecodeColumnValue(const ColumnCodec& codec, ByteReader& reader,
                         const TextConverter* converter, mysql::Value* out);

}  // namespace binlake::binlog
