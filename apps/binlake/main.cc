// binlake: the command-line entry point.
//
// Parses the command line (CLI11), runs the chosen subcommand and turns its Status into an exit
// code (cli.h). This is the only place in binlake with a catch-all: an exception that escapes
// everything else is a bug, reported with exit code 70.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "binlog_command.h"
#include "capture_command.h"
#include "cli.h"
#include "config_command.h"
#include "parquet_command.h"
#include "source_command.h"
#include "staging_command.h"
#include "store_command.h"

namespace binlake::cli {
namespace {

void AddGlobalOptions(CLI::App& app, GlobalOptions& globals) {
  app.set_version_flag("--version", "binlake " BINLAKE_VERSION);
  app.add_option("-c,--config", globals.config_file,
                 "YAML configuration file (see docs/configuration.md)")
      ->type_name("FILE");
  app.add_option("--set", globals.sets,
                 "set one configuration key, e.g. --set s3.region=eu-west-1 (repeatable; wins "
                 "over the file)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  app.add_option("--log-level", globals.log_level,
                 "trace, debug, info, warn or error (same as --set log.level=...)")
      ->type_name("LEVEL");
  app.add_option("--log-format", globals.log_format, "text or json (same as --set log.format=...)")
      ->type_name("FORMAT");
}

int Run(int argc, char** argv) {
  CLI::App app("binlake keeps an S3 data lake in step with a MySQL or MariaDB database.",
               "binlake");
  app.fallthrough();  // global options may also follow the subcommand
  app.require_subcommand(1);
  GlobalOptions globals;
  Action action;
  AddGlobalOptions(app, globals);
  AddConfigCommand(app, globals, action);
  AddStoreCommand(app, globals, action);
  AddBinlogCommand(app, action);
  AddParquetCommand(app, action);
  AddSourceCommand(app, globals, action);
  AddStagingCommand(app, globals, action);
  AddCaptureCommand(app, globals, action);
  app.footer("\n" + ExitCodeHelp() + "\nDocumentation: docs/cli.md, docs/configuration.md");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;  // --help and --version exit 0
  }
  Status status = action ? action() : InternalError("no subcommand was selected");
  if (!status.ok()) {
    fmt::print(stderr, "binlake: {}\n", status.ToString());
  }
  return ExitCodeFor(status);
}

}  // namespace
}  // namespace binlake::cli

int main(int argc, char** argv) {
  try {
    return binlake::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "binlake: internal error: {}\n", e.what());
  } catch (...) {
    fmt::print(stderr, "binlake: internal error: unknown exception\n");
  }
  return binlake::cli::kExitInternal;
}
