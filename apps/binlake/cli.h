// Shared pieces of the binlake command line: the global options, how a chosen subcommand is run,
// loading the effective configuration, and the exit codes.
//
// Each subcommand lives in its own file and registers itself with an Add*Command function that
// binds its options and, when it is the one chosen, stores what to run in an Action. main()
// parses, then runs the Action outside any CLI11 callback, and maps its Status to an exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/config/config.h"

namespace binlake::cli {

struct GlobalOptions {
  std::string config_file;        // -c/--config; empty: defaults only
  std::vector<std::string> sets;  // --set key=value, in order
  std::string log_level;          // --log-level; empty: from the configuration
  std::string log_format;         // --log-format; empty: from the configuration
};

// What the chosen subcommand does; set during parsing, run by main afterwards.
using Action = std::function<Status()>;

// Makes `command` store `run` in `action` when it is the subcommand chosen on the command line.
// `action` must outlive the parse.
void OnSelected(CLI::App& command, Action& action, Action run);

// Defaults < the YAML file (read here, ${ENV} expanded from the process environment) < --set
// overrides < --log-level/--log-format; then validated. InvalidArgument for an unreadable file
// or any configuration error (config/loader.h).
Result<config::Config> LoadEffectiveConfig(const GlobalOptions& options);

// Exit codes (also listed by ExitCodeHelp, in `binlake --help` and docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;           // any other failure
inline constexpr int kExitUsage = 2;             // bad command line or configuration
inline constexpr int kExitRetryable = 3;         // unavailable, timed out: may work later
inline constexpr int kExitNotFound = 4;          // an object or file does not exist
inline constexpr int kExitAlreadyExists = 5;     // put --if-absent found the key present
inline constexpr int kExitPermissionDenied = 6;  // credentials refused
inline constexpr int kExitInternal = 70;         // a bug in binlake (EX_SOFTWARE)

int ExitCodeFor(const Status& status);

// The exit-code table, for the --help footer.
std::string ExitCodeHelp();

}  // namespace binlake::cli
