// Parsers for the two peer decoders' dumps shipped with the MySQL fixtures
// (tests/fixtures/binlog/*/PEER-*.txt), used by the conformance test to compare our decoding
// with theirs.
//
//   go-mysql v1.9.1 (PEER-go-mysql.txt): "### FILE <folder>/<name>", then per event
//     "=== <GoTypeName> ===", "Log position: N", ..., and for rows events "Values:" followed by
//     one "--" line per row image and "<column>:<value>" lines (values are Go %q strings or
//     %#v literals); "### ERROR <message>" and "### EVENTS <count>" close a file.
//   mysql-binlog-connector-java (PEER-mysql-binlog-connector-java.txt): "### FILE ...", then one
//     "Event{header=EventHeaderV4{..., eventType=<NAME>, ..., nextPosition=N, ...}, data=...}"
//     per event; rows events end their line with "rows=[" and list one row per line
//     ("    [v1, v2]" or "    {before=[...], after=[...]}") up to "]}}".
//
// Contract: both parsers keep, per file, the events in order with their type name, end
// position (0 for events inside a TRANSACTION_PAYLOAD) and row values as text, plus the peer's
// error and event count lines. They never interpret values (see the conformance test for the
// peers' value conventions). Text that does not follow the layout is InvalidArgument naming the
// line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"

namespace binlake::conformance {

struct PeerEvent {
  std::string type;           // go: "WriteRowsEventV2"; java: "EXT_WRITE_ROWS"
  uint64_t end_position = 0;  // go "Log position", java nextPosition; 0 inside payloads
  // go: one entry per row image ("--" block; an UPDATE has before and after blocks in turn),
  // each value the text after "N:". java: one entry per row line, holding the whole line.
  std::vector<std::vector<std::string>> rows;
};

struct PeerFile {
  std::string path;  // "<folder>/<file name>"
  std::vector<PeerEvent> events;
  std::string error;  // the "### ERROR" text, empty when the peer read the whole file
  std::optional<uint64_t> event_count;
};

Result<std::vector<PeerFile>> ParseGoMysqlDump(std::string_view text);
Result<std::vector<PeerFile>> ParseJavaDump(std::string_view text);

// Splits a java row list "[a, b, c]" into its values at ", " (ambiguous for strings that
// contain ", "; callers compare only rows whose value count matches the table).
std::vector<std::string> SplitJavaList(std::string_view list);

}  // namespace binlake::conformance
