#include "binlake/staging/gzip_stream.h"

#include <zlib.h>

#include <array>
#include <limits>

namespace binlake::staging {
namespace {

// windowBits 15 plus 16: a gzip header and trailer instead of zlib's.
constexpr int kGzipWindowBits = 15 + 16;
constexpr size_t kChunk = 64 * 1024;

unsigned char* InputBytes(std::string_view input) {
  // zlib's next_in is not const-qualified; it never writes through it.
  return reinterpret_cast<unsigned char*>(const_cast<char*>(input.data()));  // NOLINT
}

}  // namespace

struct GzipCompressor::Stream {
  z_stream z{};
};

GzipCompressor::GzipCompressor(std::unique_ptr<Stream> stream) : stream_(std::move(stream)) {}

GzipCompressor::~GzipCompressor() {
  deflateEnd(&stream_->z);
}

Result<std::unique_ptr<GzipCompressor>> GzipCompressor::Make(int level) {
  auto stream = std::make_unique<Stream>();
  if (deflateInit2(&stream->z, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return InvalidArgumentError("gzip level " + std::to_string(level) + " is not 0..9 or -1");
  }
  return std::unique_ptr<GzipCompressor>(new GzipCompressor(std::move(stream)));
}

Status GzipCompressor::Deflate(std::string_view input, int flush, std::string* out) {
  if (input.size() > std::numeric_limits<uInt>::max()) {
    return InvalidArgumentError("gzip input of more than 4 GiB in one call");
  }
  z_stream& z = stream_->z;
  z.next_in = InputBytes(input);
  z.avail_in = static_cast<uInt>(input.size());
  std::array<unsigned char, kChunk> buffer{};
  int result = Z_OK;
  do {
    z.next_out = buffer.data();
    z.avail_out = static_cast<uInt>(buffer.size());
    result = deflate(&z, flush);
    if (result == Z_STREAM_ERROR) {
      return InternalError("zlib deflate failed");
    }
    out->append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
  } while (z.avail_out == 0 && result != Z_STREAM_END);
  return Status::Ok();
}

Status GzipCompressor::Append(std::string_view input, std::string* out) {
  return Deflate(input, Z_NO_FLUSH, out);
}

Status GzipCompressor::Finish(std::string* out) {
  return Deflate({}, Z_FINISH, out);
}

Result<std::string> Gunzip(std::string_view bytes, uint64_t max_size) {
  std::string out;
  std::array<unsigned char, kChunk> buffer{};
  while (!bytes.empty()) {
    z_stream z{};
    if (inflateInit2(&z, kGzipWindowBits) != Z_OK) {
      return InternalError("zlib inflateInit2 failed");
    }
    const size_t take = std::min<size_t>(bytes.size(), std::numeric_limits<uInt>::max());
    z.next_in = InputBytes(bytes);
    z.avail_in = static_cast<uInt>(take);
    int result = Z_OK;
    while (result != Z_STREAM_END) {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      result = inflate(&z, Z_NO_FLUSH);
      const size_t produced = buffer.size() - z.avail_out;
      if ((result != Z_OK && result != Z_STREAM_END) ||
          (result == Z_OK && produced == 0 && z.avail_in == 0)) {
        inflateEnd(&z);
        return CorruptionError("gzip data malformed or truncated at input byte " +
                               std::to_string(z.total_in));
      }
      if (out.size() + produced > max_size) {
        inflateEnd(&z);
        return CorruptionError("gzip data decompresses to more than " + std::to_string(max_size) +
                               " bytes");
      }
      out.append(reinterpret_cast<const char*>(buffer.data()), produced);
    }
    bytes.remove_prefix(take - z.avail_in);
    inflateEnd(&z);
  }
  return out;
}

}  // namespace binlake::staging
