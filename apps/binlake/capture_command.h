// `binlake capture -c CONFIG --full-load-only`: reads the source into the staging store the way
// AWS DMS does (docs/capture.md, docs/cli.md).
//
// This version runs the full load only: every selected table is read in key-range chunks, each
// in its own lock-free consistent snapshot, into LOAD files, with a checkpoint so a restart
// resumes where the last run stopped. Streaming the binlog afterwards is a later version;
// without --full-load-only the command refuses with a usage error instead of pretending.
#pragma once

#include <CLI/CLI.hpp>

#include "cli.h"

namespace binlake::cli {

// Adds the `capture` command to `app`. `globals` and `action` must outlive parsing and the run.
void AddCaptureCommand(CLI::App& app, const GlobalOptions& globals, Action& action);

// Runs the full load with full_load.parallelism worker threads (one source connection each),
// drawing per-table progress on stderr (a redrawn block on a terminal, log lines otherwise).
// SIGINT/SIGTERM stop it at a safe point: Unavailable (exit 3), resumable by running again.
// Returns Ok when every table is loaded; otherwise the first error (finished chunks stay done).
Status RunFullLoadOnly(const GlobalOptions& globals);

}  // namespace binlake::cli
