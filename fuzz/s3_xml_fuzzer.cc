// Fuzz target: the S3 XML responses binlake parses (src/binlake/s3/s3_xml.h). These bytes come
// from the network, so every parser must turn any input into a value or Corruption, never a
// crash, a hang or an unbounded allocation. The first byte picks the document parser; the rest
// is the document.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "binlake/s3/s3_xml.h"

namespace {

// A parser may only fail with Corruption; any other code is a broken contract.
template <typename T>
void CheckCorruptionOnly(const binlake::Result<T>& result) {
  if (!result.ok() && result.status().code() != binlake::StatusCode::kCorruption) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  std::string_view document(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 5) {
    case 0:
      CheckCorruptionOnly(binlake::s3::ParseXml(document));
      break;
    case 1:
      CheckCorruptionOnly(binlake::s3::ParseErrorXml(document));
      break;
    case 2:
      CheckCorruptionOnly(binlake::s3::ParseListBucketResult(document));
      break;
    case 3:
      CheckCorruptionOnly(binlake::s3::ParseInitiateMultipartUploadResult(document));
      break;
    default:
      CheckCorruptionOnly(binlake::s3::ParseCompleteMultipartUploadResult(document));
      break;
  }
  return 0;
}
