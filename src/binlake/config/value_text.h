// Parsing and printing of configuration value text: booleans, integers, byte sizes and
// durations, as written in YAML or on the command line. Pure functions.
//
// Errors are InvalidArgument with a reason that does NOT name the key (the caller adds
// "config: <key path>: ") and quotes the offending text, so callers handling a secret must not
// pass it through these functions' messages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "binlake/base/result.h"

namespace binlake::config {

// "true"/"false" (also yes/no, on/off; any case).
Result<bool> ParseBool(std::string_view text);

// A decimal integer, optionally signed, that fits in int64_t.
Result<int64_t> ParseInteger(std::string_view text);

// A byte size: a whole number, optional spaces, and an optional unit (any case):
//   none or B        bytes
//   KB MB GB TB      powers of 1000 (SI):  "8 MB" = 8,000,000
//   KiB MiB GiB TiB  powers of 1024 (IEC): "16MiB" = 16,777,216
// Refuses fractions, negative numbers, unknown units and values above 2^63 - 1.
Result<uint64_t> ParseByteSize(std::string_view text);

// A duration in milliseconds: a whole number and a required unit: ms, s, m, h ("250ms", "5s").
Result<int64_t> ParseDurationMillis(std::string_view text);

// The shortest exact text for a byte size: "16MiB" when a whole number of KiB/MiB/GiB/TiB,
// otherwise plain bytes ("1000"). ParseByteSize(FormatByteSize(n)) == n.
std::string FormatByteSize(uint64_t bytes);

// The shortest exact text for a duration: "5s", "250ms", "2m", "1h".
std::string FormatDurationMillis(int64_t millis);

}  // namespace binlake::config
