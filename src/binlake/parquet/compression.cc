#include "binlake/parquet/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <fmt/format.h>
#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <climits>
#include <utility>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "binlake/base/macros.h"

namespace binlake::parquet {

namespace {

// Grows `*out` by `size` bytes for a library to write into, and shrinks it back to the bytes the
// library actually produced (or to the original size on failure) when the scope ends.
class OutputWindow {
 public:
  OutputWindow(std::string* out, size_t size) : out_(out), start_(out->size()) {
    out_->resize(start_ + size);
  }
  OutputWindow(const OutputWindow&) = delete;
  OutputWindow& operator=(const OutputWindow&) = delete;
  ~OutputWindow() { out_->resize(start_ + produced_); }

  char* data() { return out_->data() + start_; }
  size_t capacity() const { return out_->size() - start_; }
  // Keeps the first `produced` bytes.
  void Commit(size_t produced) { produced_ = produced; }

 private:
  std::string* out_;
  size_t start_;
  size_t produced_ = 0;
};

Status SizeMismatch(Codec codec, size_t decoded, size_t expected) {
  return CorruptionError(fmt::format("{} page decodes to {} bytes, the page header says {}",
                                     CodecName(codec), decoded, expected));
}

Status Malformed(Codec codec, std::string_view detail) {
  return CorruptionError(fmt::format("malformed {} data: {}", CodecName(codec), detail));
}

}  // namespace

std::string CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed:
      return "UNCOMPRESSED";
    case Codec::kSnappy:
      return "SNAPPY";
    case Codec::kGzip:
      return "GZIP";
    case Codec::kLzo:
      return "LZO";
    case Codec::kBrotli:
      return "BROTLI";
    case Codec::kLz4:
      return "LZ4";
    case Codec::kZstd:
      return "ZSTD";
    case Codec::kLz4Raw:
      return "LZ4_RAW";
  }
  return fmt::format("CODEC({})", static_cast<int32_t>(codec));
}

// The libraries' reusable state. Each member is created on first use of its codec.
struct Compressor::Contexts {
  Contexts() = default;
  Contexts(const Contexts&) = delete;
  Contexts& operator=(const Contexts&) = delete;
  ~Contexts() {
    ZSTD_freeCCtx(zstd_compress);
    ZSTD_freeDCtx(zstd_decompress);
    if (deflate_ready) {
      deflateEnd(&deflate);
    }
    if (inflate_ready) {
      inflateEnd(&inflate);
    }
  }

  ZSTD_CCtx* zstd_compress = nullptr;
  ZSTD_DCtx* zstd_decompress = nullptr;
  z_stream deflate{};
  bool deflate_ready = false;
  z_stream inflate{};
  bool inflate_ready = false;
  // LZ4's compression state; uint64_t elements give it the alignment LZ4 requires.
  std::vector<uint64_t> lz4_state;
};

Compressor::Compressor(CompressorOptions options)
    : options_(options), contexts_(std::make_unique<Contexts>()) {}
Compressor::~Compressor() = default;
Compressor::Compressor(Compressor&&) noexcept = default;
Compressor& Compressor::operator=(Compressor&&) noexcept = default;

namespace {

// zlib and LZ4 count bytes in 32-bit integers.
Status CheckFitsInt(Codec codec, size_t size, size_t limit) {
  if (size > limit) {
    return InvalidArgumentError(fmt::format("{} cannot process {} bytes at once (limit {})",
                                            CodecName(codec), size, limit));
  }
  return Status::Ok();
}

Status UnsupportedCodec(Codec codec) {
  if (codec == Codec::kLz4) {
    return UnimplementedError("writing the deprecated codec LZ4 is not supported; use LZ4_RAW");
  }
  return UnimplementedError(fmt::format("codec {} is not supported", CodecName(codec)));
}

Status SnappyCompress(std::string_view input, std::string* out) {
  OutputWindow window(out, snappy::MaxCompressedLength(input.size()));
  size_t produced = 0;
  snappy::RawCompress(input.data(), input.size(), window.data(), &produced);
  window.Commit(produced);
  return Status::Ok();
}

Status SnappyDecompress(std::string_view input, size_t expected, std::string* out) {
  size_t declared = 0;
  if (!snappy::GetUncompressedLength(input.data(), input.size(), &declared)) {
    return Malformed(Codec::kSnappy, "bad length preamble");
  }
  if (declared != expected) {
    return SizeMismatch(Codec::kSnappy, declared, expected);
  }
  OutputWindow window(out, expected);
  if (!snappy::RawUncompress(input.data(), input.size(), window.data())) {
    return Malformed(Codec::kSnappy, "bad compressed block");
  }
  window.Commit(expected);
  return Status::Ok();
}

Status ZstdCompress(ZSTD_CCtx*& context, int level, std::string_view input, std::string* out) {
  if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) {
    return InvalidArgumentError(
        fmt::format("ZSTD level {} is outside {}..{}", level, ZSTD_minCLevel(), ZSTD_maxCLevel()));
  }
  if (context == nullptr) {
    context = ZSTD_createCCtx();
    if (context == nullptr) {
      return InternalError("ZSTD_createCCtx failed");
    }
  }
  const size_t set = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level);
  if (ZSTD_isError(set) != 0) {
    return InternalError(fmt::format("ZSTD level {}: {}", level, ZSTD_getErrorName(set)));
  }
  OutputWindow window(out, ZSTD_compressBound(input.size()));
  const size_t produced =
      ZSTD_compress2(context, window.data(), window.capacity(), input.data(), input.size());
  if (ZSTD_isError(produced) != 0) {
    return InternalError(fmt::format("ZSTD compression failed: {}", ZSTD_getErrorName(produced)));
  }
  window.Commit(produced);
  return Status::Ok();
}

Status ZstdDecompress(ZSTD_DCtx*& context, std::string_view input, size_t expected,
                      std::string* out) {
  const unsigned long long declared = ZSTD_getFrameContentSize(input.data(), input.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) {
    return Malformed(Codec::kZstd, "bad frame header");
  }
  // A frame that declares its size is checked before allocating (later frames are checked by
  // the bounded decompression itself).
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > expected) {
    return SizeMismatch(Codec::kZstd, declared, expected);
  }
  if (context == nullptr) {
    context = ZSTD_createDCtx();
    if (context == nullptr) {
      return InternalError("ZSTD_createDCtx failed");
    }
  }
  OutputWindow window(out, expected);
  const size_t produced =
      ZSTD_decompressDCtx(context, window.data(), expected, input.data(), input.size());
  if (ZSTD_isError(produced) != 0) {
    if (ZSTD_getErrorCode(produced) == ZSTD_error_dstSize_tooSmall) {
      return CorruptionError(fmt::format(
          "ZSTD page decodes to more than the {} bytes the page header says", expected));
    }
    return Malformed(Codec::kZstd, ZSTD_getErrorName(produced));
  }
  if (produced != expected) {
    return SizeMismatch(Codec::kZstd, produced, expected);
  }
  window.Commit(produced);
  return Status::Ok();
}

// windowBits 15 + 16: deflate with a gzip header and trailer, as Parquet's GZIP codec requires.
constexpr int kGzipWindowBits = 15 + 16;
// windowBits 15 + 32: accept either a gzip or a zlib header (some writers emit zlib).
constexpr int kAutoHeaderWindowBits = 15 + 32;

Status GzipCompress(z_stream& stream, bool& ready, int level, std::string_view input,
                    std::string* out) {
  RETURN_IF_ERROR(CheckFitsInt(Codec::kGzip, input.size(), UINT_MAX / 2));
  if (!ready) {
    const int init =
        deflateInit2(&stream, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
    if (init == Z_STREAM_ERROR) {
      return InvalidArgumentError(fmt::format("GZIP level {} is outside -1..9", level));
    }
    if (init != Z_OK) {
      return InternalError(fmt::format("deflateInit2 failed ({})", init));
    }
    ready = true;
  } else if (deflateReset(&stream) != Z_OK) {
    return InternalError("deflateReset failed");
  }
  OutputWindow window(out, deflateBound(&stream, static_cast<uLong>(input.size())));
  // zlib's API takes non-const input pointers but does not write through them.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(window.data());
  stream.avail_out = static_cast<uInt>(window.capacity());
  const int result = deflate(&stream, Z_FINISH);
  if (result != Z_STREAM_END) {
    return InternalError(fmt::format("GZIP compression failed ({})", result));
  }
  window.Commit(stream.total_out);
  return Status::Ok();
}

Status GzipDecompress(z_stream& stream, bool& ready, std::string_view input, size_t expected,
                      std::string* out) {
  RETURN_IF_ERROR(CheckFitsInt(Codec::kGzip, input.size(), UINT_MAX));
  RETURN_IF_ERROR(CheckFitsInt(Codec::kGzip, expected, UINT_MAX));
  if (!ready) {
    const int init = inflateInit2(&stream, kAutoHeaderWindowBits);
    if (init != Z_OK) {
      return InternalError(fmt::format("inflateInit2 failed ({})", init));
    }
    ready = true;
  } else if (inflateReset(&stream) != Z_OK) {
    return InternalError("inflateReset failed");
  }
  OutputWindow window(out, expected);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(window.data());
  stream.avail_out = static_cast<uInt>(expected);
  const int result = inflate(&stream, Z_FINISH);
  if (result == Z_STREAM_END) {
    if (stream.total_out != expected) {
      return SizeMismatch(Codec::kGzip, stream.total_out, expected);
    }
    window.Commit(expected);
    return Status::Ok();
  }
  if (result == Z_BUF_ERROR && stream.avail_out == 0) {
    return CorruptionError(
        fmt::format("GZIP page decodes to more than the {} bytes the page header says", expected));
  }
  if (result == Z_BUF_ERROR) {
    return Malformed(Codec::kGzip, "truncated stream");
  }
  return Malformed(Codec::kGzip, stream.msg != nullptr ? stream.msg : "inflate failed");
}

Status BrotliCompress(int quality, std::string_view input, std::string* out) {
  if (quality < BROTLI_MIN_QUALITY || quality > BROTLI_MAX_QUALITY) {
    return InvalidArgumentError(fmt::format("BROTLI quality {} is outside {}..{}", quality,
                                            BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY));
  }
  const size_t bound = BrotliEncoderMaxCompressedSize(input.size());
  if (bound == 0) {
    return InvalidArgumentError(
        fmt::format("BROTLI cannot compress {} bytes at once", input.size()));
  }
  OutputWindow window(out, bound);
  size_t produced = window.capacity();
  if (BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.size(),
                            reinterpret_cast<const uint8_t*>(input.data()), &produced,
                            reinterpret_cast<uint8_t*>(window.data())) != BROTLI_TRUE) {
    return InternalError("BROTLI compression failed");
  }
  window.Commit(produced);
  return Status::Ok();
}

Status BrotliDecompress(std::string_view input, size_t expected, std::string* out) {
  OutputWindow window(out, expected);
  size_t produced = expected;
  const BrotliDecoderResult result =
      BrotliDecoderDecompress(input.size(), reinterpret_cast<const uint8_t*>(input.data()),
                              &produced, reinterpret_cast<uint8_t*>(window.data()));
  if (result != BROTLI_DECODER_RESULT_SUCCESS) {
    return Malformed(Codec::kBrotli,
                     "the stream is malformed, truncated, or decodes to more than the page "
                     "header says");
  }
  if (produced != expected) {
    return SizeMismatch(Codec::kBrotli, produced, expected);
  }
  window.Commit(produced);
  return Status::Ok();
}

Status Lz4RawCompress(std::vector<uint64_t>& state, std::string_view input, std::string* out) {
  RETURN_IF_ERROR(CheckFitsInt(Codec::kLz4Raw, input.size(), LZ4_MAX_INPUT_SIZE));
  if (state.empty()) {
    state.resize((static_cast<size_t>(LZ4_sizeofState()) + 7) / 8);
  }
  const int input_size = static_cast<int>(input.size());
  OutputWindow window(out, static_cast<size_t>(LZ4_compressBound(input_size)));
  const int produced =
      LZ4_compress_fast_extState(state.data(), input.data(), window.data(), input_size,
                                 static_cast<int>(window.capacity()), 1);
  if (produced <= 0 && !input.empty()) {
    return InternalError("LZ4 compression failed");
  }
  window.Commit(static_cast<size_t>(produced));
  return Status::Ok();
}

// Hadoop's LZ4 framing: frames of u32be decompressed size, u32be compressed size and a raw LZ4
// block of that size, filling exactly `capacity` bytes at `out`. False when the input is not so
// framed. REQUIRES: input.size() and capacity fit in an int.
bool DecodeHadoopLz4(std::string_view input, char* out, size_t capacity) {
  ByteReader frames(input);
  size_t produced = 0;
  while (frames.remaining() >= 8) {
    const uint32_t decompressed = *frames.ReadU32Be();
    const uint32_t compressed = *frames.ReadU32Be();
    if (decompressed > capacity - produced || compressed > frames.remaining()) {
      return false;
    }
    const std::string_view block = *frames.ReadBytes(compressed);
    const int decoded =
        LZ4_decompress_safe(block.data(), out + produced, static_cast<int>(block.size()),
                            static_cast<int>(decompressed));
    if (decoded < 0 || static_cast<uint32_t>(decoded) != decompressed) {
      return false;
    }
    produced += decompressed;
  }
  return frames.AtEnd() && produced == capacity;
}

// LZ4_RAW: one raw LZ4 block. LZ4 (deprecated): Hadoop-framed blocks, or else one raw block.
Status Lz4Decompress(Codec codec, std::string_view input, size_t expected, std::string* out) {
  RETURN_IF_ERROR(CheckFitsInt(codec, input.size(), INT_MAX));
  RETURN_IF_ERROR(CheckFitsInt(codec, expected, INT_MAX));
  OutputWindow window(out, expected);
  if (codec == Codec::kLz4 && DecodeHadoopLz4(input, window.data(), expected)) {
    window.Commit(expected);
    return Status::Ok();
  }
  const int produced = LZ4_decompress_safe(
      input.data(), window.data(), static_cast<int>(input.size()), static_cast<int>(expected));
  if (produced < 0) {
    return Malformed(codec,
                     "the block is malformed, truncated, or decodes to more than the page "
                     "header says");
  }
  if (static_cast<size_t>(produced) != expected) {
    return SizeMismatch(codec, static_cast<size_t>(produced), expected);
  }
  window.Commit(expected);
  return Status::Ok();
}

}  // namespace

Status Compressor::Compress(Codec codec, std::string_view input, std::string* out) {
  Contexts& c = *contexts_;
  switch (codec) {
    case Codec::kUncompressed:
      out->append(input);
      return Status::Ok();
    case Codec::kSnappy:
      return SnappyCompress(input, out);
    case Codec::kGzip:
      return GzipCompress(c.deflate, c.deflate_ready, options_.gzip_level, input, out);
    case Codec::kZstd:
      return ZstdCompress(c.zstd_compress, options_.zstd_level, input, out);
    case Codec::kBrotli:
      return BrotliCompress(options_.brotli_quality, input, out);
    case Codec::kLz4Raw:
      return Lz4RawCompress(c.lz4_state, input, out);
    case Codec::kLzo:
    case Codec::kLz4:
      break;
  }
  return UnsupportedCodec(codec);
}

Status Compressor::Decompress(Codec codec, std::string_view input, size_t uncompressed_size,
                              std::string* out) {
  Contexts& c = *contexts_;
  switch (codec) {
    case Codec::kUncompressed:
      if (input.size() != uncompressed_size) {
        return SizeMismatch(codec, input.size(), uncompressed_size);
      }
      out->append(input);
      return Status::Ok();
    case Codec::kSnappy:
      return SnappyDecompress(input, uncompressed_size, out);
    case Codec::kGzip:
      return GzipDecompress(c.inflate, c.inflate_ready, input, uncompressed_size, out);
    case Codec::kZstd:
      return ZstdDecompress(c.zstd_decompress, input, uncompressed_size, out);
    case Codec::kBrotli:
      return BrotliDecompress(input, uncompressed_size, out);
    case Codec::kLz4Raw:
    case Codec::kLz4:
      return Lz4Decompress(codec, input, uncompressed_size, out);
    case Codec::kLzo:
      break;
  }
  return UnsupportedCodec(codec);
}

}  // namespace binlake::parquet
