// FakeEnv: an EnvLookup over a fixed map, for the config tests (they never read the real
// environment).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "binlake/config/env_expand.h"

namespace binlake::config {

inline EnvLookup FakeEnv(std::map<std::string, std::string, std::less<>> vars = {}) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) {
      return std::nullopt;
    }
    return it->second;
  };
}

}  // namespace binlake::config
