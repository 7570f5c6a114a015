// Small parsers for the text the source server sends back (SHOW output, information_schema
// values), shared by the source checks and schema discovery.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/io/sql_connection.h"

namespace binlake::source {

// `text` without leading and trailing spaces and tabs.
std::string_view TrimSpaces(std::string_view text);

// ASCII upper case.
std::string ToUpperAscii(std::string_view text);

// The index of the first `needle` in `text` that starts outside parentheses and quotes;
// npos when there is none.
size_t FindOutsideQuotes(std::string_view text, std::string_view needle);

// `text` split at each `separator` outside parentheses and outside '...', "..." and `...`
// quotes, each part trimmed. Empty text gives no parts.
std::vector<std::string> SplitOutsideQuotes(std::string_view text, char separator);

// Whether `text` matches `pattern`, where `any_run` stands for any run of characters (even
// none), `any_one` for exactly one, and a backslash makes the next character literal.
bool WildcardMatch(std::string_view pattern, std::string_view text, char any_run, char any_one);

// A decimal unsigned integer that is the whole of `text`; nullopt otherwise.
std::optional<uint64_t> ParseUnsigned(std::string_view text);

// The value column of a two-column name/value result (SHOW VARIABLES, SHOW STATUS) for `name`
// (case-insensitive); nullopt when absent or NULL.
std::optional<std::string> NamedValue(const io::TextResult& result, std::string_view name);

}  // namespace binlake::source
