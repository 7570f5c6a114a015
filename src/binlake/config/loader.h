// LoadConfig: builds the effective Config from its sources, in order of precedence (later wins):
//
//   1. defaults in code (config.h)
//   2. the YAML file's text, with ${ENV} references expanded (env_expand.h) in every value
//   3. overrides from the command line: `--set key=value` and specific flags (--log-level),
//      applied in the order given
// and then validates the result (validate.h). yaml-cpp is used only in loader.cc; its
// exceptions are caught there and become Status values.
//
// The file is read by the caller (the app); this code sees only text, and the environment only
// through an EnvLookup, so it does no I/O.
//
// YAML rules: the top level is a mapping of sections (log, staging, final, s3); each key is a
// scalar; a null value (`key:` or `key: ~`) means the empty string; a section may be empty.
// Unknown keys, duplicate keys, a mapping or list where a value is expected, and syntax errors
// are refused. Every error is InvalidArgument "config: <key path>: <reason>" (syntax errors:
// "config: YAML syntax error at line L, column C: <reason>", 1-based).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"
#include "binlake/config/config.h"
#include "binlake/config/env_expand.h"

namespace binlake::config {

struct ConfigOverride {
  std::string key_path;  // "s3.region"
  std::string value;     // "eu-west-1"
};

// Splits "key=value" at the first '='. InvalidArgument when there is no '=' or no key; the
// message never quotes the value (it may be a secret).
Result<ConfigOverride> ParseOverride(std::string_view key_equals_value);

// Sets every key present in `yaml_text` on `config` (keys absent from the text keep their
// value). Stops at the first error; `config` may then be partly updated. Does not run
// ValidateConfig.
Status MergeYaml(std::string_view yaml_text, const EnvLookup& env, Config& config);

// Defaults, then `yaml_text` (may be empty: no file), then `overrides`, then ValidateConfig.
Result<Config> LoadConfig(std::string_view yaml_text, const EnvLookup& env,
                          std::span<const ConfigOverride> overrides);

}  // namespace binlake::config
