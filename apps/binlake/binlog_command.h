// `binlake binlog ...`: read binlog files offline, for debugging and for checking what binlake
// decodes.
//
//   binlake binlog dump FILE... [--format text|json] [--start-position N] [--stop-position N]
//       (binlog_dump_command.cc) prints every event with its decoded rows: text close to
//       `mysqlbinlog -vv --base64-output=decode-rows`, or JSON with one event per line.
//   binlake binlog stats FILE...   (binlog_stats_command.cc) decodes everything (rows included)
//       and prints event counts per type, row counts per table and operation, and transactions.
//
// FILEs are read in the order given, as consecutive files of one binlog: --start-position applies
// to the first file, --stop-position to the last (as mysqlbinlog does). A decoding error stops
// the command with the file, offset, event type and table in the message.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "binlake/binlog/event_decoder.h"
#include "cli.h"

namespace binlake::cli {

struct BinlogFilesArgs {
  std::vector<std::string> files;
  uint64_t start_position = 4;  // first file
  uint64_t stop_position = 0;   // last file: events starting at or after it are not read; 0: all
};

// Adds the `binlog` command group to `app`. `action` must outlive parsing and the run.
void AddBinlogCommand(CLI::App& app, Action& action);

// Decodes the files of `args` in order with one decoder, calling `on_event` for every event.
Status ForEachBinlogEvent(const BinlogFilesArgs& args, const binlog::EventCallback& on_event);

// `binlake binlog dump`; `format` is "text" or "json".
Status RunBinlogDump(const BinlogFilesArgs& args, const std::string& format);
// `binlake binlog stats`.
Status RunBinlogStats(const BinlogFilesArgs& args);

}  // namespace binlake::cli
