#include "cli.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/config/loader.h"

namespace binlake::cli {
namespace {

std::optional<std::string> ProcessEnv(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

Result<std::string> ReadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InvalidArgumentError(
        fmt::format("config file \"{}\": cannot open: {}", path, std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return InvalidArgumentError(fmt::format("config file \"{}\": read failed", path));
  }
  return text.str();
}

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
    ASSIGN_OR_RETURN(yaml, ReadConfigFile(options.config_file));
  }
  ASSIGN_OR_RETURN(std::vector<config::ConfigOverride> overrides, CollectOverrides(options));
  Result<config::Config> loaded = config::LoadConfig(yaml, ProcessEnv, overrides);
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
