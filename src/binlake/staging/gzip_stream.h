// gzip (RFC 1952) for `.csv.gz` change files, over zlib: a streaming compressor whose memory
// does not grow with the file, and a bounded decompressor.
//
// Thread-safety: a GzipCompressor is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/base/status.h"

namespace binlake::staging {

// One gzip member, written as input arrives.
class GzipCompressor {
 public:
  // `level` is zlib's (0..9, or -1 for its default).
  static Result<std::unique_ptr<GzipCompressor>> Make(int level);
  ~GzipCompressor();
  GzipCompressor(const GzipCompressor&) = delete;
  GzipCompressor& operator=(const GzipCompressor&) = delete;

  // Compresses `input`, appending what zlib emits so far to `*out`.
  Status Append(std::string_view input, std::string* out);
  // Ends the member (the trailer with CRC-32 and size) and appends the rest to `*out`.
  Status Finish(std::string* out);

 private:
  struct Stream;
  explicit GzipCompressor(std::unique_ptr<Stream> stream);
  Status Deflate(std::string_view input, int flush, std::string* out);
  std::unique_ptr<Stream> stream_;
};

// The decompressed bytes of one or more concatenated gzip members. Corruption when `bytes`
// are not gzip, are truncated, or decompress to more than `max_size` bytes.
Result<std::string> Gunzip(std::string_view bytes, uint64_t max_size);

}  // namespace binlake::staging
