// RenderEffectiveConfig: the configuration as YAML text, every key with its effective value,
// for `binlake config check` and for logs at start-up.
#pragma once

#include <string>

#include "binlake/config/config.h"

namespace binlake::config {

// Every registry key, nested by section as YAML, e.g.
//   log:
//     level: info
//   s3:
//     secret_access_key: <redacted>
//     retry:
//       max_attempts: 8
// Secret keys print `<redacted>` when set and "" when empty; their values never appear.
// The output (secrets aside) loads back to the same Config.
std::string RenderEffectiveConfig(const Config& config);

}  // namespace binlake::config
