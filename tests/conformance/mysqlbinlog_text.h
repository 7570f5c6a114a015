// Parser for the text `mysqlbinlog --base64-output=decode-rows -v` / `-vv` prints (MariaDB's
// mysqlbinlog), used by the conformance test to compare our decoding with the server's.
//
// Contract: ParseMysqlbinlogText reads
//   - every "# at N" line (event start positions, in order),
//   - every event header line "#YYMMDD hh:mm:ss server id S  end_log_pos E ...\t<description>",
//   - the row lines that follow a rows event header: "### INSERT INTO `db`.`t`" / "### UPDATE" /
//     "### DELETE FROM", "### SET" / "### WHERE", "###   @N=<value>[ /* <comment> */]",
// and ignores everything else (statements, SET lines, "#Q>" annotations). Malformed row lines
// (an "@N=" line outside an image, a row outside a rows event) are InvalidArgument naming the
// line number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"

namespace binlake::conformance {

struct ExpectedColumn {
  uint32_t number = 0;  // @N (1-based)
  std::string value;    // the text after '='
  std::string comment;  // the -vv comment without "/* " and " */"; empty in -v output
};

struct ExpectedRow {
  std::string statement;  // "INSERT INTO", "UPDATE" or "DELETE FROM"
  std::string table;      // "`db`.`t`"
  std::optional<std::vector<ExpectedColumn>> where;
  std::optional<std::vector<ExpectedColumn>> set;
};

struct ExpectedEvent {
  uint64_t end_log_pos = 0;
  std::string description;  // the header text after the tab, e.g. "Write_rows: table id 42 ..."
  std::vector<ExpectedRow> rows;
};

struct MysqlbinlogText {
  std::vector<uint64_t> positions;  // from "# at N"
  std::vector<ExpectedEvent> events;
};

Result<MysqlbinlogText> ParseMysqlbinlogText(std::string_view text);

// Splits "value /* comment */" at its -vv comment; a line without one has an empty comment.
ExpectedColumn SplitColumnLine(uint32_t number, std::string_view after_equals);

}  // namespace binlake::conformance
