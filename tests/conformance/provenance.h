// Parser for the event counts in tests/fixtures/binlog/*/PROVENANCE.md: a Markdown table whose
// header row names the columns "file", "events" and (optionally) "inner (payload)", with cells
// like "QUERY=5, TABLE_MAP=1" (an independent walker's counts per event type name, counted over
// the top-level events and over the events inside TRANSACTION_PAYLOADs respectively). A cell may
// end with " ERR: <text>" when the walker stopped early; that text is kept.
//
// Contract: ParseProvenanceCounts returns one entry per table row, in order. A table without a
// "file" or "events" column, or a count that is not a number, is InvalidArgument.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"

namespace binlake::conformance {

struct ProvenanceCounts {
  std::string file;
  std::map<std::string, uint64_t> events;  // type name (walker spelling) -> count
  std::map<std::string, uint64_t> inner;
  std::string walker_error;  // the text after "ERR: ", empty when the walker read the file
};

Result<std::vector<ProvenanceCounts>> ParseProvenanceCounts(std::string_view markdown);

}  // namespace binlake::conformance
