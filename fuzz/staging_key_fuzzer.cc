// Fuzz target for staging keys: the input is a key and, the same bytes, a schema name. Checks:
//   * ParseStagingKey never crashes and fails only with InvalidArgument;
//   * a parsed key starts with the TableFolder of its decoded names, and re-building its
//     LOAD or CDC file name from the parsed number or time gives the key's file name;
//   * DecodeNameSegment(EncodeNameSegment(name)) == name for any non-empty name, and the
//     encoded segment has no '/' and is neither "." nor ".." nor "_binlake".
// A broken invariant aborts, which libFuzzer (or the replay driver) reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "binlake/base/status.h"
#include "binlake/staging/layout.h"

namespace binlake::staging {
namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "staging_key_fuzzer: %s\n", what);
    std::abort();
  }
}

void CheckKey(std::string_view key) {
  auto parsed = ParseStagingKey(key);
  if (!parsed.ok()) {
    Check(parsed.status().code() == StatusCode::kInvalidArgument,
          "key error is not InvalidArgument");
    return;
  }
  auto folder = TableFolder(parsed->schema, parsed->table);
  Check(folder.ok() && key.starts_with(*folder), "key does not start with its table folder");
  StagingFileOptions options;
  options.format = parsed->format;
  options.compression = parsed->compression;
  const std::string name = parsed->kind == StagingKey::Kind::kLoad
                               ? LoadFileName(parsed->load_number, options)
                               : CdcFileName(parsed->cdc_millis * 1000, options);
  Check(key.ends_with(name), "the file name does not re-build from the parsed key");
}

void CheckName(std::string_view name) {
  auto segment = EncodeNameSegment(name);
  if (name.empty()) {
    Check(!segment.ok(), "an empty name encoded");
    return;
  }
  Check(segment.ok(), "a non-empty name did not encode");
  Check(segment->find('/') == std::string::npos, "an encoded segment holds '/'");
  Check(*segment != "." && *segment != ".." && *segment != "_binlake",
        "an encoded segment is a reserved name");
  auto decoded = DecodeNameSegment(*segment);
  Check(decoded.ok() && *decoded == name, "a name does not round-trip");
}

}  // namespace
}  // namespace binlake::staging

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  binlake::staging::CheckKey(bytes);
  binlake::staging::CheckName(bytes);
  return 0;
}
