// Fuzz target for the capture control objects: the input is a checkpoint document (and, the
// same bytes, a schema-version document). Checks:
//   * decoding never crashes and fails only with Corruption;
//   * a decoded checkpoint (or schema version) re-encodes, and the re-encoded text decodes to
//     a document that encodes to the same text (encode . decode is a fixed point).
// A broken invariant aborts, which libFuzzer (or the replay driver) reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "binlake/base/status.h"
#include "binlake/capture/checkpoint.h"
#include "binlake/capture/schema_history.h"

namespace binlake {
namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "capture_checkpoint_fuzzer: %s\n", what);
    std::abort();
  }
}

// Decodes `text` with `decode`; when it decodes, checks the fixed point through `encode`.
template <typename Decode, typename Encode>
void CheckDocument(std::string_view text, Decode decode, Encode encode) {
  auto decoded = decode(text, "fuzz");
  if (!decoded.ok()) {
    Check(decoded.status().code() == StatusCode::kCorruption, "decode error is not Corruption");
    return;
  }
  auto encoded = encode(*decoded);
  if (!encoded.ok()) {
    return;  // names that are not valid UTF-8 are refused when writing
  }
  auto again = decode(*encoded, "fuzz");
  Check(again.ok(), "re-encoded document does not decode");
  auto encoded_again = encode(*again);
  Check(encoded_again.ok() && *encoded_again == *encoded, "encode . decode is not a fixed point");
}

}  // namespace
}  // namespace binlake

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  binlake::CheckDocument(text, binlake::capture::DecodeCheckpoint,
                         binlake::capture::EncodeCheckpoint);
  binlake::CheckDocument(text, binlake::capture::DecodeSchemaVersion,
                         binlake::capture::EncodeSchemaVersion);
  return 0;
}
