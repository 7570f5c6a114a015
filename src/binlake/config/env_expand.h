// Environment references in configuration values.
//
//   ${NAME}            the value of the environment variable NAME; an unset variable is an error
//   ${NAME:-default}   the value of NAME, or `default` when NAME is unset or empty
//   $$                 a literal '$'
//   $ anything else    kept as is ("pa$word" stays "pa$word")
// NAME is [A-Za-z_][A-Za-z0-9_]*. The default is literal text up to the first '}' (no nesting),
// and substituted values are not expanded again.
//
// The environment is passed in as a lookup function, so this code (and its tests) never reads
// the process environment; the app passes a getenv-based lookup.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "binlake/base/result.h"

namespace binlake::config {

// Returns the value of an environment variable, or nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;

// Expands the references in `text`. InvalidArgument, with a reason that names the variable but
// never quotes `text` itself (it may be a secret), for: an unset variable without a default,
// an unterminated "${", an invalid variable name.
Result<std::string> ExpandEnvReferences(std::string_view text, const EnvLookup& env);

}  // namespace binlake::config
