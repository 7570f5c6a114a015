#include "binlake/config/render.h"

#include <string_view>
#include <vector>

#include "binlake/config/config_keys.h"

namespace binlake::config {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string_view::npos) {
      return parts;
    }
    start = dot + 1;
  }
}

}  // namespace

std::string RenderEffectiveConfig(const Config& config) {
  std::string out;
  std::vector<std::string_view> open_sections;  // the sections of the previous key
  for (const ConfigKey& key : AllConfigKeys()) {
    std::vector<std::string_view> parts = SplitPath(key.path);
    std::vector<std::string_view> sections(parts.begin(), parts.end() - 1);
    size_t common = 0;
    while (common < sections.size() && common < open_sections.size() &&
           sections[common] == open_sections[common]) {
      ++common;
    }
    for (size_t depth = common; depth < sections.size(); ++depth) {
      out += std::string(2 * depth, ' ');
      out += sections[depth];
      out += ":\n";
    }
    out += std::string(2 * sections.size(), ' ');
    out += parts.back();
    out += ": ";
    out += DisplayValue(key, config);
    out += '\n';
    open_sections = std::move(sections);
  }
  return out;
}

}  // namespace binlake::config
