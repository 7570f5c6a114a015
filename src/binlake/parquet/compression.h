// Parquet page compression: the codecs of parquet.thrift's CompressionCodec over computation-only
// libraries (libzstd, snappy, zlib, liblz4, brotli).
//
// A Compressor owns the reusable codec state (ZSTD contexts, zlib streams, the LZ4 state), so a
// writer that compresses every page allocates codec state once, not per page. It holds no
// globals and does no I/O.
//
// Output convention: Compress and Decompress APPEND to `*out` and never touch what it held
// before; to reuse one buffer across pages, clear() it before each call (the capacity stays).
//
// Decompression is bounded: it needs the exact uncompressed size from the page header
// (`uncompressed_size`), grows `*out` by exactly that many bytes and never more, and fails with
// Corruption when the compressed bytes are malformed or decode to any other size (then `*out` is
// left as it was). Callers must bound `uncompressed_size` before calling (for example by a page
// size limit), since it comes from the file.
//
// Supported: UNCOMPRESSED, SNAPPY, GZIP (deflate with gzip header), ZSTD, BROTLI and LZ4_RAW in
// both directions. The deprecated LZ4 codec is read only: as Hadoop-framed LZ4 (what parquet-java
// wrote) and, when that framing does not fit, as a raw LZ4 block (what some other writers wrote
// under the same codec number). LZO gives Unimplemented.
//
// Thread-safety: a Compressor belongs to one thread at a time; separate instances are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "binlake/base/status.h"

namespace binlake::parquet {

// parquet.thrift CompressionCodec; the values are the on-disk numbers. A value decoded from a
// file may be outside the named ones.
enum class Codec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

// The parquet.thrift spelling ("ZSTD", "LZ4_RAW", ...), or "CODEC(<n>)" for an unnamed value.
std::string CodecName(Codec codec);

struct CompressorOptions {
  // Level 2, not DuckDB's and parquet-java's 3: on sysbench-shaped rows it writes 1.6x faster
  // and 5 % smaller files than level 3, and on a wide mixed table 1 % larger ones
  // (bench/parquet_vs_duckdb.sh, docs/benchmarks.md). Level 1 is faster still but 12 % larger
  // on the wide table.
  int zstd_level = 2;
  // zlib's default level (Z_DEFAULT_COMPRESSION).
  int gzip_level = 6;
  // Brotli quality 0..11; 1 is fast and still compresses well on column data.
  int brotli_quality = 1;
};

class Compressor {
 public:
  explicit Compressor(CompressorOptions options = {});
  ~Compressor();
  Compressor(Compressor&&) noexcept;
  Compressor& operator=(Compressor&&) noexcept;
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;

  const CompressorOptions& options() const { return options_; }

  // Appends the compressed form of `input` to `*out`. Unimplemented for LZO, LZ4 (deprecated;
  // write LZ4_RAW) and unnamed codecs; InvalidArgument when an option is out of the codec's range;
  // Internal when the library fails.
  Status Compress(Codec codec, std::string_view input, std::string* out);

  // Appends exactly `uncompressed_size` decompressed bytes to `*out`, or fails with Corruption
  // (malformed input, or a different decoded size) and leaves `*out` unchanged. Unimplemented for
  // LZO and unnamed codecs.
  Status Decompress(Codec codec, std::string_view input, size_t uncompressed_size,
                    std::string* out);

 private:
  struct Contexts;  // the codec libraries' reusable state, created on first use

  CompressorOptions options_;
  std::unique_ptr<Contexts> contexts_;
};

}  // namespace binlake::parquet
