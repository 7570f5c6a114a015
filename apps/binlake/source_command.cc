#include "source_command.h"

namespace binlake::cli {

void AddSourceCommand(CLI::App& app, const GlobalOptions& globals, Action& action) {
  CLI::App* group = app.add_subcommand("source", "Inspect the source MySQL/MariaDB server");
  group->require_subcommand(1);
  CLI::App* check = group->add_subcommand(
      "check",
      "Connect to the source, check its binlog settings and privileges, list the tables "
      "capture would read");
  OnSelected(*check, action, [&globals] { return RunSourceCheck(globals); });
}

}  // namespace binlake::cli
