#include "binlake/config/loader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <vector>

#include "binlake/base/macros.h"
#include "binlake/config/config_keys.h"
#include "binlake/config/validate.h"

namespace binlake::config {
namespace {

std::string_view KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "mapping";
    case YAML::NodeType::Sequence:
      return "list";
    case YAML::NodeType::Null:
      return "null";
    default:
      return "single value";
  }
}

// The only place yaml-cpp parses: its exceptions become InvalidArgument with line and column.
Result<std::vector<YAML::Node>> ParseYaml(std::string_view text) {
  try {
    return YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    return ConfigError("", fmt::format("YAML syntax error at line {}, column {}: {}",
                                       e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

Status MergeMapping(const YAML::Node& mapping, const std::string& section, const EnvLookup& env,
                    Config& config);

Status MergeValue(const YAML::Node& node, const ConfigKey& key, const EnvLookup& env,
                  Config& config) {
  if (node.IsMap() || node.IsSequence()) {
    return ConfigError(
        key.path, fmt::format("expected a single value ({}), got a {}", key.type, KindName(node)));
  }
  std::string text = node.IsNull() ? "" : node.Scalar();
  Result<std::string> expanded = ExpandEnvReferences(text, env);
  if (!expanded.ok()) {
    return ConfigError(key.path, expanded.status().message());
  }
  return SetConfigValue(config, key, *expanded);
}

Status MergeEntry(const YAML::Node& value, const std::string& section, const std::string& name,
                  const EnvLookup& env, Config& config) {
  std::string path = section.empty() ? name : section + "." + name;
  if (const ConfigKey* key = FindConfigKey(path); key != nullptr) {
    return MergeValue(value, *key, env, config);
  }
  if (!IsConfigSection(path)) {
    return UnknownKeyError(path, name, ChildNames(section));
  }
  if (value.IsNull()) {
    return Status::Ok();  // an empty section: nothing to set
  }
  if (!value.IsMap()) {
    return ConfigError(path, fmt::format("expected a mapping of keys ({}), got a {}",
                                         fmt::join(ChildNames(path), ", "), KindName(value)));
  }
  return MergeMapping(value, path, env, config);
}

Status MergeMapping(const YAML::Node& mapping, const std::string& section, const EnvLookup& env,
                    Config& config) {
  std::set<std::string> seen;
  for (const auto& entry : mapping) {
    if (!entry.first.IsScalar()) {
      return ConfigError(section, "keys must be plain names");
    }
    const std::string& name = entry.first.Scalar();
    if (!seen.insert(name).second) {
      return ConfigError(section.empty() ? name : section + "." + name, "duplicate key");
    }
    RETURN_IF_ERROR(MergeEntry(entry.second, section, name, env, config));
  }
  return Status::Ok();
}

Status MergeDocument(const YAML::Node& root, const EnvLookup& env, Config& config) {
  if (root.IsNull()) {
    return Status::Ok();  // an empty file
  }
  if (!root.IsMap()) {
    return ConfigError("", fmt::format("the top level must be a mapping of sections ({}), not a {}",
                                       fmt::join(ChildNames(""), ", "), KindName(root)));
  }
  // Reading a loaded tree does not throw for the node kinds checked above; catching here keeps
  // that assumption from ever turning into an exception that escapes the config library.
  try {
    return MergeMapping(root, "", env, config);
  } catch (const YAML::Exception& e) {
    return ConfigError("", fmt::format("unreadable YAML: {}", e.msg));
  }
}

}  // namespace

Result<ConfigOverride> ParseOverride(std::string_view key_equals_value) {
  size_t equals = key_equals_value.find('=');
  if (equals == std::string_view::npos) {
    return InvalidArgumentError(fmt::format(
        "--set \"{}\": expected key=value, e.g. --set log.level=debug", key_equals_value));
  }
  if (equals == 0) {
    return InvalidArgumentError("--set: the key before '=' is empty");
  }
  return ConfigOverride{std::string(key_equals_value.substr(0, equals)),
                        std::string(key_equals_value.substr(equals + 1))};
}

Status MergeYaml(std::string_view yaml_text, const EnvLookup& env, Config& config) {
  ASSIGN_OR_RETURN(std::vector<YAML::Node> documents, ParseYaml(yaml_text));
  if (documents.size() > 1) {
    return ConfigError(
        "", fmt::format("the text holds {} YAML documents; expected one", documents.size()));
  }
  if (documents.empty()) {
    return Status::Ok();
  }
  return MergeDocument(documents.front(), env, config);
}

Result<Config> LoadConfig(std::string_view yaml_text, const EnvLookup& env,
                          std::span<const ConfigOverride> overrides) {
  Config config;
  RETURN_IF_ERROR(MergeYaml(yaml_text, env, config));
  for (const ConfigOverride& entry : overrides) {
    RETURN_IF_ERROR(ApplyOverride(config, entry.key_path, entry.value));
  }
  RETURN_IF_ERROR(ValidateConfig(config));
  return config;
}

}  // namespace binlake::config
