#include "binlake/parquet/compression.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

constexpr Codec kRoundTripCodecs[] = {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip,
                                      Codec::kZstd,         Codec::kBrotli, Codec::kLz4Raw};

const std::string kHello = "hello parquet hello parquet hello parquet\n";

// Column-like data: small integers and repeated strings, with some variation so that every codec
// has both matches and literals to encode.
std::string SampleColumn(size_t size) {
  std::string data;
  data.reserve(size);
  uint32_t state = 12345;
  while (data.size() < size) {
    state = state * 1103515245U + 12345U;
    data += "row-";
    data += std::to_string(state % 1000);
    data.push_back(static_cast<char>(state >> 24));
  }
  data.resize(size);
  return data;
}

std::string CompressOrDie(Compressor& compressor, Codec codec, std::string_view input) {
  std::string out;
  EXPECT_OK(compressor.Compress(codec, input, &out)) << CodecName(codec);
  return out;
}

class CodecRoundTrip : public ::testing::TestWithParam<Codec> {};

TEST_P(CodecRoundTrip, RestoresEveryInputSize) {
  Compressor compressor;
  for (size_t size : {size_t{0}, size_t{1}, size_t{100}, size_t{70000}, size_t{1} << 20}) {
    const std::string input = SampleColumn(size);
    const std::string compressed = CompressOrDie(compressor, GetParam(), input);
    std::string restored;
    ASSERT_OK(compressor.Decompress(GetParam(), compressed, input.size(), &restored))
        << "size " << size;
    EXPECT_EQ(restored, input) << "size " << size;
  }
}

TEST_P(CodecRoundTrip, AppendsAndKeepsExistingBytes) {
  Compressor compressor;
  std::string compressed = "prefix";
  ASSERT_OK(compressor.Compress(GetParam(), kHello, &compressed));
  ASSERT_EQ(compressed.substr(0, 6), "prefix");
  std::string restored = "head:";
  ASSERT_OK(compressor.Decompress(GetParam(), std::string_view(compressed).substr(6), kHello.size(),
                                  &restored));
  EXPECT_EQ(restored, "head:" + kHello);
}

TEST_P(CodecRoundTrip, OutputIsDeterministicAcrossContextReuse) {
  Compressor first;
  Compressor second;
  const std::string input = SampleColumn(50000);
  const std::string once = CompressOrDie(first, GetParam(), input);
  CompressOrDie(first, GetParam(), SampleColumn(999));
  EXPECT_EQ(CompressOrDie(first, GetParam(), input), once);
  EXPECT_EQ(CompressOrDie(second, GetParam(), input), once);
}

TEST_P(CodecRoundTrip, RejectsAWrongUncompressedSizeAndLeavesOutputAlone) {
  Compressor compressor;
  const std::string compressed = CompressOrDie(compressor, GetParam(), kHello);
  for (size_t wrong : {kHello.size() - 1, kHello.size() + 1, size_t{0}}) {
    std::string out = "keep";
    EXPECT_THAT(compressor.Decompress(GetParam(), compressed, wrong, &out),
                StatusIs(StatusCode::kCorruption))
        << CodecName(GetParam()) << " expected " << wrong;
    EXPECT_EQ(out, "keep");
  }
}

TEST_P(CodecRoundTrip, RejectsTruncatedInput) {
  Compressor compressor;
  const std::string input = SampleColumn(5000);
  const std::string compressed = CompressOrDie(compressor, GetParam(), input);
  std::string out;
  EXPECT_THAT(compressor.Decompress(GetParam(), compressed.substr(0, compressed.size() / 2),
                                    input.size(), &out),
              StatusIs(StatusCode::kCorruption));
  EXPECT_TRUE(out.empty());
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecRoundTrip, ::testing::ValuesIn(kRoundTripCodecs),
                         [](const ::testing::TestParamInfo<Codec>& param_info) {
                           return CodecName(param_info.param);
                         });

// Streams made by other producers (the gzip and zstd command-line tools) or by hand from the
// format specifications, decoded by our side.
TEST(Decompress, ReadsGzipFromTheCommandLineTool) {
  // printf 'hello parquet hello parquet hello parquet\n' | gzip -9 -n
  const std::string gzip =
      Bytes({0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd,
             0xc9, 0xc9, 0x57, 0x28, 0x48, 0x2c, 0x2a, 0x2c, 0x4d, 0x2d, 0x51, 0xc8, 0xc0,
             0xcd, 0xe3, 0x02, 0x00, 0x3b, 0xa0, 0x65, 0xa6, 0x2a, 0x00, 0x00, 0x00});
  Compressor compressor;
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kGzip, gzip, kHello.size(), &out));
  EXPECT_EQ(out, kHello);
}

TEST(Decompress, ReadsZstdFromTheCommandLineTool) {
  // printf 'hello parquet hello parquet hello parquet\n' | zstd
  const std::string zstd =
      Bytes({0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x2a, 0xad, 0x00, 0x00, 0x78, 0x68, 0x65,
             0x6c, 0x6c, 0x6f, 0x20, 0x70, 0x61, 0x72, 0x71, 0x75, 0x65, 0x74, 0x20,
             0x0a, 0x01, 0x00, 0x11, 0x4e, 0x25, 0x55, 0x9e, 0xbe, 0x59});
  Compressor compressor;
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kZstd, zstd, kHello.size(), &out));
  EXPECT_EQ(out, kHello);
}

TEST(Decompress, ZstdFrameDeclaringALargerSizeFailsBeforeAllocating) {
  Compressor compressor;
  const std::string compressed = CompressOrDie(compressor, Codec::kZstd, SampleColumn(4096));
  std::string out;
  EXPECT_THAT(compressor.Decompress(Codec::kZstd, compressed, 10, &out),
              StatusIs(StatusCode::kCorruption, HasSubstr("decodes to 4096 bytes")));
}

TEST(Decompress, ReadsHandMadeSnappyLiteral) {
  // Snappy: varint length 42, then one literal element of 42 bytes (tag (42 - 1) << 2).
  const std::string snappy = Bytes({0x2a, 0xa4}) + kHello;
  Compressor compressor;
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kSnappy, snappy, kHello.size(), &out));
  EXPECT_EQ(out, kHello);
}

TEST(Decompress, ReadsHandMadeLz4RawBlock) {
  // LZ4 block: one literals-only sequence; token 0xf0 (15+ literals), extra length 42 - 15 = 27.
  const std::string lz4 = Bytes({0xf0, 0x1b}) + kHello;
  Compressor compressor;
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kLz4Raw, lz4, kHello.size(), &out));
  EXPECT_EQ(out, kHello);
}

TEST(Decompress, GzipAcceptsAZlibHeader) {
  // zlib stream (header 78 9c) of "abc": some writers emit zlib instead of gzip framing.
  const std::string zlib =
      Bytes({0x78, 0x9c, 0x4b, 0x4c, 0x4a, 0x06, 0x00, 0x02, 0x4d, 0x01, 0x27});
  Compressor compressor;
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kGzip, zlib, 3, &out));
  EXPECT_EQ(out, "abc");
}

TEST(Compress, GzipWritesAGzipHeader) {
  Compressor compressor;
  const std::string gzip = CompressOrDie(compressor, Codec::kGzip, kHello);
  ASSERT_GE(gzip.size(), 10u);
  EXPECT_EQ(gzip.substr(0, 3), Bytes({0x1f, 0x8b, 0x08}));
}

TEST(Compress, ZstdLevelChangesTheOutput) {
  const std::string input = SampleColumn(200000);
  Compressor fast(CompressorOptions{.zstd_level = 1, .gzip_level = 6, .brotli_quality = 1});
  Compressor strong(CompressorOptions{.zstd_level = 19, .gzip_level = 6, .brotli_quality = 1});
  EXPECT_LT(CompressOrDie(strong, Codec::kZstd, input).size(),
            CompressOrDie(fast, Codec::kZstd, input).size());
}

TEST(Compress, RejectsOutOfRangeLevels) {
  std::string out;
  Compressor zstd(CompressorOptions{.zstd_level = 99, .gzip_level = 6, .brotli_quality = 1});
  EXPECT_THAT(zstd.Compress(Codec::kZstd, kHello, &out),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("ZSTD level 99")));
  Compressor gzip(CompressorOptions{.zstd_level = 3, .gzip_level = 12, .brotli_quality = 1});
  EXPECT_THAT(gzip.Compress(Codec::kGzip, kHello, &out),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("GZIP level 12")));
  Compressor brotli(CompressorOptions{.zstd_level = 3, .gzip_level = 6, .brotli_quality = 12});
  EXPECT_THAT(brotli.Compress(Codec::kBrotli, kHello, &out),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("BROTLI quality 12")));
  EXPECT_TRUE(out.empty());
}

TEST(Codecs, UnsupportedCodecsAreUnimplemented) {
  Compressor compressor;
  std::string out;
  for (Codec codec : {Codec::kLzo, Codec::kLz4, static_cast<Codec>(42)}) {
    EXPECT_THAT(compressor.Compress(codec, kHello, &out), StatusIs(StatusCode::kUnimplemented))
        << CodecName(codec);
  }
  for (Codec codec : {Codec::kLzo, static_cast<Codec>(42)}) {
    EXPECT_THAT(compressor.Decompress(codec, kHello, kHello.size(), &out),
                StatusIs(StatusCode::kUnimplemented))
        << CodecName(codec);
  }
  EXPECT_THAT(compressor.Compress(Codec::kLz4, kHello, &out),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("use LZ4_RAW")));
  EXPECT_TRUE(out.empty());
}

// Hadoop's LZ4 framing of `parts`: per part, u32be decompressed size, u32be compressed size and
// the raw LZ4 block.
std::string HadoopLz4(Compressor& compressor, std::initializer_list<std::string_view> parts) {
  std::string framed;
  for (std::string_view part : parts) {
    const std::string block = CompressOrDie(compressor, Codec::kLz4Raw, part);
    for (uint32_t size :
         {static_cast<uint32_t>(part.size()), static_cast<uint32_t>(block.size())}) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        framed.push_back(static_cast<char>((size >> shift) & 0xff));
      }
    }
    framed += block;
  }
  return framed;
}

TEST(Decompress, DeprecatedLz4ReadsHadoopFraming) {
  Compressor compressor;
  const std::string first = SampleColumn(3000);
  const std::string second = SampleColumn(500);
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kLz4, HadoopLz4(compressor, {first, second}),
                                  first.size() + second.size(), &out));
  EXPECT_EQ(out, first + second);
}

TEST(Decompress, DeprecatedLz4FallsBackToARawBlock) {
  Compressor compressor;
  const std::string input = SampleColumn(3000);
  std::string out;
  ASSERT_OK(compressor.Decompress(Codec::kLz4, CompressOrDie(compressor, Codec::kLz4Raw, input),
                                  input.size(), &out));
  EXPECT_EQ(out, input);
}

TEST(Decompress, DeprecatedLz4RejectsFramesOfTheWrongSize) {
  Compressor compressor;
  const std::string input = SampleColumn(3000);
  const std::string framed = HadoopLz4(compressor, {input});
  std::string out;
  EXPECT_THAT(compressor.Decompress(Codec::kLz4, framed, input.size() + 1, &out),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(
      compressor.Decompress(Codec::kLz4, framed.substr(0, framed.size() - 1), input.size(), &out),
      StatusIs(StatusCode::kCorruption));
  EXPECT_TRUE(out.empty());
}

TEST(Codecs, NamesFollowParquetThrift) {
  EXPECT_EQ(CodecName(Codec::kLz4Raw), "LZ4_RAW");
  EXPECT_EQ(CodecName(Codec::kZstd), "ZSTD");
  EXPECT_EQ(CodecName(static_cast<Codec>(42)), "CODEC(42)");
}

TEST(Decompress, MalformedInputIsCorruptionForEveryCodec) {
  Compressor compressor;
  const std::string garbage = Bytes({0xff, 0xfe, 0xfd, 0xfc, 0x00, 0x01, 0x02, 0x03});
  for (Codec codec :
       {Codec::kSnappy, Codec::kGzip, Codec::kZstd, Codec::kBrotli, Codec::kLz4Raw, Codec::kLz4}) {
    std::string out;
    EXPECT_THAT(compressor.Decompress(codec, garbage, 100, &out), StatusIs(StatusCode::kCorruption))
        << CodecName(codec);
    EXPECT_TRUE(out.empty()) << CodecName(codec);
  }
}

}  // namespace
}  // namespace binlake::parquet
