// Fuzz target for the Parquet metadata layer: the input is decoded as a footer FileMetaData, as
// a page header and as a file tail, and handed to every decompressor. Checked contracts:
//   * decoding never crashes, never allocates without bound, and fails only with Corruption or
//     Unimplemented (encrypted files);
//   * a decoded FileMetaData / PageHeader re-encodes to bytes that decode to an equal struct,
//     and encoding is deterministic;
//   * DecodePageHeader consumes no more than the input;
//   * a successful decompression produced exactly the requested size.
// A broken invariant aborts, which libFuzzer (or the replay driver) reports as a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/status.h"
#include "binlake/parquet/compression.h"
#include "binlake/parquet/metadata.h"

namespace binlake::parquet {
namespace {

// Decompressed sizes requested from the codecs, at most this many bytes.
constexpr size_t kMaxDecompressedSize = size_t{1} << 20;

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "parquet_metadata_fuzzer: invariant broken: %s\n", what);
    std::abort();
  }
}

void CheckDecodeError(const Status& status) {
  Check(status.code() == StatusCode::kCorruption || status.code() == StatusCode::kUnimplemented,
        "decoding failed with a code other than Corruption/Unimplemented");
}

void FuzzFileMetaData(std::string_view input) {
  Result<FileMetaData> decoded = DecodeFileMetaData(input, 4);
  if (!decoded.ok()) {
    CheckDecodeError(decoded.status());
    return;
  }
  std::string encoded;
  EncodeFileMetaData(*decoded, &encoded);
  Result<FileMetaData> again = DecodeFileMetaData(encoded);
  Check(again.ok(), "re-encoded FileMetaData does not decode");
  Check(*again == *decoded, "FileMetaData round trip changed the struct");
  std::string encoded_again;
  EncodeFileMetaData(*again, &encoded_again);
  Check(encoded_again == encoded, "FileMetaData encoding is not deterministic");
}

void FuzzPageHeader(std::string_view input) {
  ByteReader reader(input, 4);
  Result<PageHeader> decoded = DecodePageHeader(reader);
  if (!decoded.ok()) {
    CheckDecodeError(decoded.status());
    return;
  }
  Check(reader.position() <= input.size(), "page header consumed more than the input");
  std::string encoded;
  EncodePageHeader(*decoded, &encoded);
  ByteReader encoded_reader(encoded);
  Result<PageHeader> again = DecodePageHeader(encoded_reader);
  Check(again.ok(), "re-encoded PageHeader does not decode");
  Check(*again == *decoded, "PageHeader round trip changed the struct");
  Check(encoded_reader.AtEnd(), "re-encoded PageHeader has trailing bytes");
}

void FuzzFooterTail(std::string_view input) {
  if (input.size() < kFooterTailSize) {
    return;
  }
  Result<FooterLocation> location =
      LocateFooter(input.size(), input.substr(input.size() - kFooterTailSize));
  if (!location.ok()) {
    CheckDecodeError(location.status());
    return;
  }
  Check(location->metadata_offset >= kParquetMagic.size() &&
            location->metadata_offset + location->metadata_length + kFooterTailSize == input.size(),
        "footer location outside the file");
}

void FuzzDecompression(std::string_view input) {
  Compressor compressor;
  const size_t expected = std::min(input.size() * 4, kMaxDecompressedSize);
  for (Codec codec : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd,
                      Codec::kBrotli, Codec::kLz4Raw, Codec::kLz4}) {
    std::string out;
    const Status status = compressor.Decompress(codec, input, expected, &out);
    if (status.ok()) {
      Check(out.size() == expected, "decompression produced another size than requested");
    } else {
      Check(status.code() == StatusCode::kCorruption, "decompression failed without Corruption");
      Check(out.empty(), "failed decompression left bytes in the output");
    }
  }
}

}  // namespace
}  // namespace binlake::parquet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  binlake::parquet::FuzzFileMetaData(input);
  binlake::parquet::FuzzPageHeader(input);
  binlake::parquet::FuzzFooterTail(input);
  binlake::parquet::FuzzDecompression(input);
  return 0;
}
