#include "cli.h"

#include <fmt/format.h>

#include <optional>
#include <utility>

#include "adapters/system_env.h"
#include "binlake/base/macros.h"
#include "binlake/config/loader.h"

namespace binlake::cli {
namespace {

Result<std::vector<config::ConfigOverride>> CollectOverrides(const GlobalOptions& options) {
  std::vector<config::ConfigOverride> overrides;
  for (const std::string& set : options.sets) {
    ASSIGN_OR_RETURN(config::ConfigOverride parsed, config::ParseOverride(set));
    overrides.push_back(std::move(parsed));
  }
  // The specific flags win over --set: they are the more deliberate choice.
  if (!options.log_level.empty()) {
    overrides.push_back({"log.level", options.log_level});
  }
  if (!options.log_format.empty()) {
    overrides.push_back({"log.format", options.log_format});
  }
  return overrides;
}

}  // namespace

void OnSelected(CLI::App& command, Action& action, Action run) {
  command.callback([&action, run = std::move(run)] { action = run; });
}

Result<config::Config> LoadEffectiveConfig(const GlobalOptions& options) {
  std::string yaml;
  if (!options.config_file.empty()) {
    Result<std::string> text = adapters::ReadTextFile(options.config_file);
    if (!text.ok()) {
      return text.status().WithContext("config file");
    }
    yaml = std::move(text).value();
  }
  ASSIGN_OR_RETURN(std::vector<config::ConfigOverride> overrides, CollectOverrides(options));
  Result<config::Config> loaded = config::LoadConfig(yaml, adapters::GetEnv, overrides);
  if (!loaded.ok() && !options.config_file.empty()) {
    return loaded.status().WithContext(options.config_file);
  }
  return loaded;
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kAlreadyExists:
      return kExitAlreadyExists;
    case StatusCode::kPermissionDenied:
      return kExitPermissionDenied;
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
      return kExitRetryable;
    case StatusCode::kInternal:
      return kExitInternal;
    default:
      return status.retryable() ? kExitRetryable : kExitFailure;
  }
}

std::string ExitCodeHelp() {
  return "Exit codes:\n"
         "  0   success\n"
         "  1   failure (see the message)\n"
         "  2   bad command line or configuration\n"
         "  3   temporary failure (unreachable, timed out): retrying later may work\n"
         "  4   not found\n"
         "  5   already exists (put --if-absent)\n"
         "  6   permission denied (credentials refused)\n"
         "  70  internal error: a bug in binlake\n";
}

}  // namespace binlake::cli
