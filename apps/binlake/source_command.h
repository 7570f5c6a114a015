// `binlake source ...`: the source MySQL/MariaDB server as capture sees it.
//
//   binlake source check -c CONFIG      (source_check_command.cc)
#pragma once

#include <CLI/CLI.hpp>

#include "cli.h"

namespace binlake::cli {

// Adds the `source` command group to `app`. `globals` and `action` must outlive parsing and
// the run.
void AddSourceCommand(CLI::App& app, const GlobalOptions& globals, Action& action);

// `binlake source check`: connects with the configuration's source.* settings, runs the
// start-up checks (source::CheckServer), prints the server's identity and settings and its
// current binlog position, then the tables capture.* selects with their key and column count.
// Returns the first failure: the server checks, discovery (keyless tables refused, unknown
// types), no table selected (FailedPrecondition), or tables the user cannot SELECT
// (PermissionDenied naming them).
Status RunSourceCheck(const GlobalOptions& globals);

}  // namespace binlake::cli
