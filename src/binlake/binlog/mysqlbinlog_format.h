// Row values rendered the way MariaDB's mysqlbinlog prints them with --verbose
// (`mysqlbinlog -v --base64-output=decode-rows`) and -vv. `binlake binlog dump` uses it for its
// text mode, and the conformance tests (tests/conformance/) compare it, value for value, with
// the server's own mysqlbinlog output for the MariaDB fixtures.
//
// Contract:
//   - The rendering follows the column's wire type and TABLE_MAP metadata, as mysqlbinlog does,
//     not the declared SQL type: integers print signed at their wire width, followed by the
//     unsigned reading in parentheses when negative ("-1 (255)"); DATE prints 'YYYY:MM:DD';
//     TIMESTAMP prints Unix seconds; ENUM prints its index; BIT and SET print b'0101' bit
//     strings (a SET byte by byte in storage order, i.e. little-endian, as mysqlbinlog does); YEAR
//     prints 1900 for the zero year; FLOAT prints "%-20g" and DOUBLE "%.20g".
//   - Strings, blobs and geometry are quoted: bytes above 0x1F print as they are (including ' and
//     \, which mysqlbinlog does not escape), every other byte as \xNN. Text is encoded back from
//     UTF-8 into the column's charset (ConvertFromUtf8: latin1, ascii, ucs2, utf16, utf32), so
//     it prints the server's bytes; charsets the core cannot encode (gbk, ...) print as UTF-8.
//     Fixed-length CHAR/BINARY values print without the trailing pad (space, or 0x00 for
//     binary) the server strips from the row image.
//   - -vv adds " /* TYPE meta=M nullable=N is_null=I */" after each value.
//   - A value whose kind does not fit the column's wire type (a Text for an INT column) is
//     InvalidArgument naming the column; nothing is guessed.
// Extensions beyond MariaDB's mysqlbinlog (which cannot print them): MySQL JSON (type 245)
// prints its JSON text quoted with type "JSON", VECTOR (242) its raw float32 bytes quoted with
// type "VECTOR(meta)", and old DECIMAL (0) its digits with type "DECIMAL".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/binlog/rows_event.h"
#include "binlake/binlog/table_map.h"
#include "binlake/mysql/column_type.h"
#include "binlake/mysql/value.h"

namespace binlake::binlog {

enum class MysqlbinlogVerbosity : uint8_t {
  kVerbose,      // -v: "@N=value"
  kVeryVerbose,  // -vv: "@N=value /* TYPE meta=M nullable=N is_null=I */"
};

// What mysqlbinlog knows about a column: its TABLE_MAP wire type and metadata, plus the
// declared charset of text columns (empty when unknown).
struct MysqlbinlogColumn {
  mysql::FieldType wire_type = mysql::FieldType::kLong;
  uint16_t metadata = 0;
  bool nullable = true;
  std::string_view charset;
};

// The column of `map` at `index` (index < map.column_types.size()), with the charset of `type`.
MysqlbinlogColumn MysqlbinlogColumnOf(const TableMap& map, size_t index,
                                      const mysql::ColumnType& type);

// The type text of a -vv comment: "INT", "DECIMAL(10,2)", "STRING(40)", "ENUM(1 byte)", ...
std::string MysqlbinlogTypeName(const MysqlbinlogColumn& column);

// The text after "@N=": "-1 (255)", "'abc'", "b'0101'", "NULL", ...
Result<std::string> FormatMysqlbinlogValue(const MysqlbinlogColumn& column,
                                           const mysql::Value& value);

// One column line without the "###   " prefix: "@N=value" (N = index + 1), with the -vv comment
// at kVeryVerbose.
Result<std::string> FormatMysqlbinlogColumnLine(const MysqlbinlogColumn& column, size_t index,
                                                const mysql::Value& value,
                                                MysqlbinlogVerbosity verbosity);

// The statement mysqlbinlog prints for a row change: "INSERT INTO", "UPDATE" or "DELETE FROM".
std::string_view MysqlbinlogStatement(RowOp op);

// A whole row event as mysqlbinlog prints it: for each row "### INSERT INTO `db`.`t`" /
// "### UPDATE ..." / "### DELETE FROM ...", then "### WHERE" (before image) and/or "### SET"
// (after image), each followed by one "###   @N=..." line per column present in that image.
// Every line ends with '\n'. `types` holds the resolved type of each table column.
Result<std::string> FormatMysqlbinlogRows(const RowsEvent& event, const TableMap& map,
                                          std::span<const mysql::ColumnType> types,
                                          MysqlbinlogVerbosity verbosity);

}  // namespace binlake::binlog
