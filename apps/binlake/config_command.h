// `binlake config check`: loads and validates the configuration (file, ${ENV} references,
// overrides) and prints the effective configuration, secrets redacted.
#pragma once

#include <CLI/CLI.hpp>

#include "cli.h"

namespace binlake::cli {

// Adds the `config` command group to `app`. `globals` and `action` must outlive parsing and
// the run.
void AddConfigCommand(CLI::App& app, const GlobalOptions& globals, Action& action);

}  // namespace binlake::cli
