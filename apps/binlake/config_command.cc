#include "config_command.h"

#include <fmt/format.h>

#include "binlake/base/macros.h"
#include "binlake/config/render.h"

namespace binlake::cli {
namespace {

Status RunConfigCheck(const GlobalOptions& globals) {
  ASSIGN_OR_RETURN(config::Config config, LoadEffectiveConfig(globals));
  fmt::print("{}", config::RenderEffectiveConfig(config));
  return Status::Ok();
}

}  // namespace

void AddConfigCommand(CLI::App& app, const GlobalOptions& globals, Action& action) {
  CLI::App* group = app.add_subcommand("config", "Inspect the configuration");
  group->require_subcommand(1);
  CLI::App* check = group->add_subcommand(
      "check", "Load and validate the configuration; print it with secrets redacted");
  OnSelected(*check, action, [&globals] { return RunConfigCheck(globals); });
}

}  // namespace binlake::cli
