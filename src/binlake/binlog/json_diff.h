// Partial JSON updates (MySQL 8 binlog_row_value_options=PARTIAL_JSON): a PARTIAL_UPDATE_ROWS
// after image carries, for a JSON column updated in place, a list of diffs instead of the whole
// document. ApplyJsonDiffs applies them onto the before image's document and yields the full
// after document as text.
//
// Diff list format (Json_diff_vector::write_binary in the server), repeated to the end:
//   operation (1 byte: 0 REPLACE, 1 INSERT, 2 REMOVE), path (length-encoded integer + text such
//   as $.a[2]."b c"), and unless REMOVE the new value (length-encoded integer + binary JSON).
// Semantics (as JSON_REPLACE/JSON_ARRAY_INSERT/JSON_INSERT/JSON_REMOVE, which produced them):
//   REPLACE  the value at the path must exist and is replaced; "$" replaces the document
//   INSERT   into an array at the index (appended when the index is past the end), or a new
//            object member (kept in MySQL's key order)
//   REMOVE   the array element or object member at the path is removed
// A path that does not resolve, a malformed path or value, or an unknown operation is
// Corruption naming the diff number and the path: a diff is never skipped.
#pragma once

#include <string>
#include <string_view>

#include "binlake/base/status.h"

namespace binlake::binlog {

// `before` is the binary JSON of the before image; `diffs` the column's bytes in the after image.
// Replaces *text with the after document's text (json_binary.h rendering).
Status ApplyJsonDiffs(std::string_view before, std::string_view diffs, std::string* text);

}  // namespace binlake::binlog
