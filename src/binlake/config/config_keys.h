// The configuration key registry: the single source of truth for every key a user can set.
//
// Each ConfigKey knows its dotted path ("s3.retry.max_attempts"), its type and description (for
// docs/configuration.md, which config_doc_test checks against this table), whether it is a
// secret, and how to set it from text and print it back. The YAML loader, `--set` overrides,
// validation and RenderEffectiveConfig all go through this table, so a key accepted in one
// place is accepted, checked and printed the same way everywhere.
//
// Error messages have the form "config: <key path>: <reason>", code InvalidArgument. The value
// of a secret key never appears in a message or in rendered output.
// Thread-safety: the registry is immutable after first use (built on first call, thread-safe).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/status.h"
#include "binlake/config/config.h"

namespace binlake::config {

struct ConfigKey {
  std::string path;         // dotted, e.g. "s3.part_size"
  std::string type;         // for humans: "string", "byte size (5MiB..5GiB)", "enum: text, json"
  std::string description;  // one sentence, for docs and --help
  bool secret = false;      // never printed; errors never quote its value
  bool quoted = false;      // a free-form string: rendered in double quotes
  // Parses `text`, checks it and stores it in the config. InvalidArgument with a reason (no key
  // path, may quote `text`) when the text is not a valid value; the config is then unchanged.
  std::function<Status(Config&, std::string_view text)> set;
  // The current value as text that `set` accepts back.
  std::function<std::string(const Config&)> get;
};

// Every key, grouped by section in a fixed order (log, source, capture, full_load, staging, final,
// s3).
std::span<const ConfigKey> AllConfigKeys();

// The key with this exact path, or nullptr.
const ConfigKey* FindConfigKey(std::string_view path);

// True when `path` names a section: some key's path starts with "<path>.".
bool IsConfigSection(std::string_view path);

// The names directly below `section` ("" for the top level), keys and subsections, in registry
// order without duplicates: ChildNames("s3") = {"endpoint", ..., "retry", ...}.
std::vector<std::string> ChildNames(std::string_view section);

// The value of `key` in `config` as shown to humans: `<redacted>` for a non-empty secret,
// double-quoted for free-form strings, plain otherwise. Also used for the defaults column of
// docs/configuration.md (DisplayValue(key, Config{})).
std::string DisplayValue(const ConfigKey& key, const Config& config);

// Sets `key` from `text` (already expanded). InvalidArgument "config: <path>: <reason>";
// for a secret key the reason does not quote the value.
Status SetConfigValue(Config& config, const ConfigKey& key, std::string_view text);

// Sets the key at `key_path` from `value` (a `--set key=value` or a specific flag such as
// --log-level). Same parsing and checks as the YAML loader. InvalidArgument for an unknown
// key (with a suggestion), a section path, or a bad value. No ${ENV} expansion (the shell has
// already done it).
Status ApplyOverride(Config& config, std::string_view key_path, std::string_view value);

// InvalidArgument "config: <path>: unknown key (did you mean <name>?)", or, without a close
// match, listing the valid names: `path` is the full dotted path of the unknown key and
// `candidates` the names it could have meant.
Status UnknownKeyError(std::string_view path, std::string_view name,
                       const std::vector<std::string>& candidates);

// "config: <path>: <reason>" (or "config: <reason>" for an empty path), InvalidArgument.
Status ConfigError(std::string_view path, std::string_view reason);

}  // namespace binlake::config
