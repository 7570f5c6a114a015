// `binlake parquet ...`: look into any Parquet file (binlake's own, DuckDB's, AWS DMS output).
//
//   binlake parquet inspect FILE [--json]                     (parquet_inspect_command.cc)
//   binlake parquet cat FILE [--limit N] [--columns a,b]      (parquet_cat_command.cc)
//
// FILE is a local path. Values are rendered by logical type as parquet/value_json.h describes
// (decimals as exact strings, timestamps ISO-8601, binary base64); docs/cli.md repeats the rules.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "binlake/base/status.h"
#include "cli.h"

namespace binlake::cli {

// Adds the `parquet` command group to `app`; `action` must outlive parsing and the run.
void AddParquetCommand(CLI::App& app, Action& action);

// Prints the file's footer: schema (field ids, physical/logical/converted types, repetition),
// key-value metadata, created_by, and per row group and column chunk the encodings, codec,
// offsets, sizes and statistics (bounds decoded to readable values). Text, or one JSON object.
Status RunParquetInspect(const std::string& path, bool json);

// Prints rows as JSON lines ({"column": value, ...} in file column order, or in the order of
// `columns` when given), at most `limit` rows (0: all).
Status RunParquetCat(const std::string& path, int64_t limit,
                     const std::vector<std::string>& columns);

}  // namespace binlake::cli
