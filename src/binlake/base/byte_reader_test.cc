#include "binlake/base/byte_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

// Owns its bytes and a reader over them, so a one-line read from a temporary cannot dangle
// (ByteReader itself refuses a temporary std::string).
class OwnedReader {
 public:
  explicit OwnedReader(std::string bytes, uint64_t base_offset = 0)
      : bytes_(std::move(bytes)), reader_(bytes_, base_offset) {}
  OwnedReader(const OwnedReader&) = delete;
  OwnedReader& operator=(const OwnedReader&) = delete;
  ByteReader* operator->() { return &reader_; }
  ByteReader& reader() { return reader_; }

 private:
  std::string bytes_;
  ByteReader reader_;
};

TEST(ByteReaderTest, ReadsLittleEndianIntegers) {
  const std::string data = Bytes({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08});
  EXPECT_THAT(ByteReader(data).ReadU8(), IsOkAndHolds(0x01));
  EXPECT_THAT(ByteReader(data).ReadU16Le(), IsOkAndHolds(0x0201));
  EXPECT_THAT(ByteReader(data).ReadU24Le(), IsOkAndHolds(0x030201U));
  EXPECT_THAT(ByteReader(data).ReadU32Le(), IsOkAndHolds(0x04030201U));
  EXPECT_THAT(ByteReader(data).ReadU48Le(), IsOkAndHolds(0x060504030201ULL));
  EXPECT_THAT(ByteReader(data).ReadU64Le(), IsOkAndHolds(0x0807060504030201ULL));
}

TEST(ByteReaderTest, ReadsBigEndianIntegers) {
  const std::string data = Bytes({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08});
  EXPECT_THAT(ByteReader(data).ReadU16Be(), IsOkAndHolds(0x0102));
  EXPECT_THAT(ByteReader(data).ReadU24Be(), IsOkAndHolds(0x010203U));
  EXPECT_THAT(ByteReader(data).ReadU32Be(), IsOkAndHolds(0x01020304U));
  EXPECT_THAT(ByteReader(data).ReadU48Be(), IsOkAndHolds(0x010203040506ULL));
  EXPECT_THAT(ByteReader(data).ReadU64Be(), IsOkAndHolds(0x0102030405060708ULL));
}

TEST(ByteReaderTest, ReadsMaximumValues) {
  const std::string data(8, '\xff');
  EXPECT_THAT(ByteReader(data).ReadU8(), IsOkAndHolds(0xff));
  EXPECT_THAT(ByteReader(data).ReadU24Be(), IsOkAndHolds(0xffffffU));
  EXPECT_THAT(ByteReader(data).ReadU48Le(), IsOkAndHolds(0xffffffffffffULL));
  EXPECT_THAT(ByteReader(data).ReadU64Be(), IsOkAndHolds(std::numeric_limits<uint64_t>::max()));
}

TEST(ByteReaderTest, SignExtendsSignedIntegers) {
  const std::string ones(8, '\xff');
  EXPECT_THAT(ByteReader(ones).ReadI8(), IsOkAndHolds(-1));
  EXPECT_THAT(ByteReader(ones).ReadI16Le(), IsOkAndHolds(-1));
  EXPECT_THAT(ByteReader(ones).ReadI24Le(), IsOkAndHolds(-1));
  EXPECT_THAT(ByteReader(ones).ReadI24Be(), IsOkAndHolds(-1));
  EXPECT_THAT(ByteReader(ones).ReadI32Be(), IsOkAndHolds(-1));
  EXPECT_THAT(ByteReader(ones).ReadI64Le(), IsOkAndHolds(-1));
  // The smallest 24-bit value and the largest, in both orders.
  EXPECT_THAT(OwnedReader(Bytes({0x00, 0x00, 0x80}))->ReadI24Le(), IsOkAndHolds(-8388608));
  EXPECT_THAT(OwnedReader(Bytes({0xff, 0xff, 0x7f}))->ReadI24Le(), IsOkAndHolds(8388607));
  EXPECT_THAT(OwnedReader(Bytes({0x80, 0x00, 0x00}))->ReadI24Be(), IsOkAndHolds(-8388608));
  EXPECT_THAT(OwnedReader(Bytes({0x80, 0, 0, 0, 0, 0, 0, 0}))->ReadI64Be(),
              IsOkAndHolds(std::numeric_limits<int64_t>::min()));
  EXPECT_THAT(OwnedReader(Bytes({0xfe, 0xff}))->ReadI16Le(), IsOkAndHolds(-2));
}

TEST(ByteReaderTest, ReadsFloatsBitExactly) {
  // 1.5f = 0x3FC00000; -2.25 = 0xC002000000000000.
  EXPECT_THAT(OwnedReader(Bytes({0x00, 0x00, 0xc0, 0x3f}))->ReadFloatLe(), IsOkAndHolds(1.5F));
  EXPECT_THAT(OwnedReader(Bytes({0x3f, 0xc0, 0x00, 0x00}))->ReadFloatBe(), IsOkAndHolds(1.5F));
  EXPECT_THAT(OwnedReader(Bytes({0, 0, 0, 0, 0, 0, 0x02, 0xc0}))->ReadDoubleLe(),
              IsOkAndHolds(-2.25));
  EXPECT_THAT(OwnedReader(Bytes({0xc0, 0x02, 0, 0, 0, 0, 0, 0}))->ReadDoubleBe(),
              IsOkAndHolds(-2.25));
  // A NaN keeps its payload.
  OwnedReader nan(Bytes({0x01, 0x00, 0xc0, 0x7f}));
  ASSERT_OK_AND_ASSIGN(float value, nan->ReadFloatLe());
  EXPECT_TRUE(std::isnan(value));
  EXPECT_EQ(std::bit_cast<uint32_t>(value), 0x7fc00001U);
}

TEST(ByteReaderTest, AdvancesThroughMixedReads) {
  const std::string data = Bytes({0xaa, 0x01, 0x00, 0x00, 0x02, 'x', 'y', 'z', 0x05});
  ByteReader reader(data);
  EXPECT_THAT(reader.ReadU8(), IsOkAndHolds(0xaa));
  EXPECT_THAT(reader.ReadU16Le(), IsOkAndHolds(1));
  EXPECT_EQ(reader.position(), 3U);
  EXPECT_THAT(reader.ReadU16Be(), IsOkAndHolds(2));
  EXPECT_THAT(reader.ReadBytes(3), IsOkAndHolds("xyz"));
  EXPECT_EQ(reader.remaining(), 1U);
  EXPECT_FALSE(reader.AtEnd());
  EXPECT_THAT(reader.ReadU8(), IsOkAndHolds(5));
  EXPECT_TRUE(reader.AtEnd());
  EXPECT_OK(reader.ExpectEnd());
}

TEST(ByteReaderTest, TruncatedReadNamesKindLabelOffsetAndMissingBytes) {
  const std::string data = Bytes({0x01, 0x02, 0x03, 0x04, 0x05, 0x06});
  ByteReader reader(data, /*base_offset=*/4096);
  ASSERT_OK(reader.Skip(4));
  EXPECT_THAT(reader.ReadU32Le("event length"),
              StatusIs(StatusCode::kCorruption,
                       "truncated input at offset 4100 reading u32le (event length): need 4 "
                       "bytes, 2 available, 2 missing"));
  // Without a label only the kind is named.
  EXPECT_THAT(reader.ReadU64Be(),
              StatusIs(StatusCode::kCorruption,
                       "truncated input at offset 4100 reading u64be: need 8 bytes, 2 available, "
                       "6 missing"));
  // A failed read consumes nothing.
  EXPECT_EQ(reader.position(), 4U);
  EXPECT_THAT(reader.ReadU16Le(), IsOkAndHolds(0x0605));
}

TEST(ByteReaderTest, EveryKindFailsOnEmptyInput) {
  ByteReader reader(std::string_view(), 7);
  EXPECT_THAT(reader.ReadU8(), StatusIs(StatusCode::kCorruption, HasSubstr("reading u8")));
  EXPECT_THAT(reader.ReadI8(), StatusIs(StatusCode::kCorruption, HasSubstr("reading i8")));
  EXPECT_THAT(reader.ReadI24Be(), StatusIs(StatusCode::kCorruption, HasSubstr("reading i24be")));
  EXPECT_THAT(reader.ReadFloatLe(), StatusIs(StatusCode::kCorruption, HasSubstr("f32le")));
  EXPECT_THAT(reader.ReadDoubleBe(), StatusIs(StatusCode::kCorruption, HasSubstr("f64be")));
  EXPECT_THAT(reader.ReadUleb128(), StatusIs(StatusCode::kCorruption, HasSubstr("uleb128")));
  EXPECT_THAT(reader.ReadZigZag64(), StatusIs(StatusCode::kCorruption, HasSubstr("uleb128")));
  EXPECT_THAT(reader.ReadBytes(1, "name"),
              StatusIs(StatusCode::kCorruption, HasSubstr("offset 7 reading bytes (name)")));
  EXPECT_THAT(reader.Skip(3), StatusIs(StatusCode::kCorruption, HasSubstr("3 missing")));
  EXPECT_THAT(reader.PeekU8(), StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(reader.SubReader(1), StatusIs(StatusCode::kCorruption, HasSubstr("sub-reader")));
  // Zero-length operations succeed even on empty input.
  EXPECT_THAT(reader.ReadBytes(0), IsOkAndHolds(""));
  EXPECT_OK(reader.Skip(0));
  EXPECT_OK(reader.ExpectEnd());
  EXPECT_THAT(ByteReader().ReadU8(), StatusIs(StatusCode::kCorruption));
}

TEST(ByteReaderTest, PeekDoesNotConsume) {
  ByteReader reader(std::string_view("abc"));
  EXPECT_THAT(reader.PeekU8(), IsOkAndHolds('a'));
  EXPECT_THAT(reader.PeekBytes(2), IsOkAndHolds("ab"));
  EXPECT_THAT(reader.PeekBytes(4), StatusIs(StatusCode::kCorruption, HasSubstr("1 missing")));
  EXPECT_EQ(reader.position(), 0U);
  EXPECT_EQ(reader.Rest(), "abc");
}

TEST(ByteReaderTest, SeekMovesWithinTheWindow) {
  ByteReader reader(std::string_view("abcdef"), 100);
  ASSERT_OK(reader.Seek(4));
  EXPECT_EQ(reader.offset(), 104U);
  EXPECT_THAT(reader.ReadBytes(2), IsOkAndHolds("ef"));
  ASSERT_OK(reader.Seek(6));
  EXPECT_TRUE(reader.AtEnd());
  ASSERT_OK(reader.Seek(0));
  EXPECT_EQ(reader.Rest(), "abcdef");
  EXPECT_THAT(reader.Seek(7, "footer"),
              StatusIs(StatusCode::kCorruption, HasSubstr("seek past the end (footer)")));
  EXPECT_EQ(reader.position(), 0U);
}

TEST(ByteReaderTest, SubReaderIsBoundedAndKeepsAbsoluteOffsets) {
  const std::string data = Bytes({0x03, 0x0a, 0x0b, 0x0c, 0xff, 0xff});
  ByteReader reader(data, /*base_offset=*/1000);
  ASSERT_OK_AND_ASSIGN(uint8_t length, reader.ReadU8());
  ASSERT_OK_AND_ASSIGN(ByteReader body, reader.SubReader(length, "body"));
  EXPECT_EQ(reader.position(), 4U);
  EXPECT_EQ(body.base_offset(), 1001U);
  EXPECT_EQ(body.size(), 3U);
  EXPECT_THAT(body.ReadU16Le(), IsOkAndHolds(0x0b0a));
  // The sub-reader cannot see the 0xff bytes that follow it.
  EXPECT_THAT(body.ReadU16Le("field"),
              StatusIs(StatusCode::kCorruption,
                       "truncated input at offset 1003 reading u16le (field): need 2 bytes, 1 "
                       "available, 1 missing"));
  EXPECT_THAT(
      body.ExpectEnd("body"),
      StatusIs(StatusCode::kCorruption, "1 unexpected trailing bytes at offset 1003 (body)"));
  EXPECT_THAT(reader.ReadU16Le(), IsOkAndHolds(0xffff));
}

TEST(ByteReaderTest, ReadBytesReturnsAViewIntoTheInput) {
  const std::string data = "hello world";
  ByteReader reader(data);
  ASSERT_OK(reader.Skip(6));
  ASSERT_OK_AND_ASSIGN(std::string_view word, reader.ReadBytes(5));
  EXPECT_EQ(word, "world");
  EXPECT_EQ(word.data(), data.data() + 6);
}

TEST(ByteReaderTest, AcceptsASpanOfBytes) {
  const std::vector<uint8_t> data = {0x34, 0x12};
  ByteReader reader(std::span<const uint8_t>(data), 10);
  EXPECT_THAT(reader.ReadU16Le(), IsOkAndHolds(0x1234));
  EXPECT_EQ(reader.offset(), 12U);
}

struct Uleb128Case {
  std::string bytes;
  uint64_t value;
};

TEST(ByteReaderTest, DecodesUleb128) {
  const std::vector<Uleb128Case> cases = {
      {Bytes({0x00}), 0},
      {Bytes({0x01}), 1},
      {Bytes({0x7f}), 127},
      {Bytes({0x80, 0x01}), 128},
      {Bytes({0xac, 0x02}), 300},
      {Bytes({0xe5, 0x8e, 0x26}), 624485},
      {Bytes({0xff, 0xff, 0xff, 0xff, 0x0f}), 0xffffffffULL},
      {Bytes({0x80, 0x80, 0x80, 0x80, 0x10}), 0x100000000ULL},
      {Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
       std::numeric_limits<uint64_t>::max()},
      {Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}), 1ULL << 63},
      // Non-canonical (padded) encodings are accepted.
      {Bytes({0x80, 0x00}), 0},
      {Bytes({0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}), 1},
  };
  for (const auto& c : cases) {
    const std::string input = c.bytes + "tail";
    ByteReader reader(input);
    EXPECT_THAT(reader.ReadUleb128(), IsOkAndHolds(c.value)) << c.value;
    EXPECT_EQ(reader.position(), c.bytes.size()) << c.value;
  }
}

TEST(ByteReaderTest, RejectsOverlongUleb128) {
  // Eleven bytes: the tenth still has its continuation bit set.
  const std::string overlong =
      Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  ByteReader reader(overlong, 50);
  EXPECT_THAT(reader.ReadUleb128("length"),
              StatusIs(StatusCode::kCorruption,
                       "invalid uleb128 at offset 50 (length): longer than 10 bytes"));
  EXPECT_EQ(reader.position(), 0U);
  // Ten bytes, but the last contributes more than bit 63.
  const std::string too_big = Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02});
  EXPECT_THAT(ByteReader(too_big).ReadUleb128(),
              StatusIs(StatusCode::kCorruption, HasSubstr("exceeds 64 bits")));
}

TEST(ByteReaderTest, RejectsTruncatedUleb128) {
  const std::string full = Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01});
  for (size_t length = 0; length < full.size(); ++length) {
    ByteReader reader(std::string_view(full).substr(0, length), 20);
    EXPECT_THAT(reader.ReadUleb128("count"),
                StatusIs(StatusCode::kCorruption,
                         HasSubstr("truncated input at offset 20 reading uleb128 (count)")))
        << length;
    EXPECT_EQ(reader.position(), 0U);
  }
}

TEST(ByteReaderTest, Uleb128U32RejectsValuesAbove32Bits) {
  EXPECT_THAT(OwnedReader(Bytes({0xff, 0xff, 0xff, 0xff, 0x0f}))->ReadUleb128U32(),
              IsOkAndHolds(0xffffffffU));
  OwnedReader owned(Bytes({0x80, 0x80, 0x80, 0x80, 0x10}), 3);
  ByteReader& reader = owned.reader();
  EXPECT_THAT(reader.ReadUleb128U32("field id"),
              StatusIs(StatusCode::kCorruption,
                       "invalid uleb128 at offset 3 (field id): value 4294967296 exceeds 32 bits"));
  EXPECT_EQ(reader.position(), 0U);
}

TEST(ByteReaderTest, DecodesZigZag) {
  EXPECT_THAT(OwnedReader(Bytes({0x00}))->ReadZigZag64(), IsOkAndHolds(0));
  EXPECT_THAT(OwnedReader(Bytes({0x01}))->ReadZigZag64(), IsOkAndHolds(-1));
  EXPECT_THAT(OwnedReader(Bytes({0x02}))->ReadZigZag64(), IsOkAndHolds(1));
  EXPECT_THAT(OwnedReader(Bytes({0x03}))->ReadZigZag32(), IsOkAndHolds(-2));
  EXPECT_THAT(OwnedReader(Bytes({0xff, 0xff, 0xff, 0xff, 0x0f}))->ReadZigZag32(),
              IsOkAndHolds(std::numeric_limits<int32_t>::min()));
  EXPECT_THAT(OwnedReader(Bytes({0xfe, 0xff, 0xff, 0xff, 0x0f}))->ReadZigZag32(),
              IsOkAndHolds(std::numeric_limits<int32_t>::max()));
  EXPECT_THAT(OwnedReader(Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}))
                  ->ReadZigZag64(),
              IsOkAndHolds(std::numeric_limits<int64_t>::min()));
}

TEST(VarintTest, ZigZagMapping) {
  static_assert(ZigZagEncode64(0) == 0);
  static_assert(ZigZagEncode64(-1) == 1);
  static_assert(ZigZagEncode64(1) == 2);
  static_assert(ZigZagEncode64(std::numeric_limits<int64_t>::max()) ==
                std::numeric_limits<uint64_t>::max() - 1);
  static_assert(ZigZagEncode64(std::numeric_limits<int64_t>::min()) ==
                std::numeric_limits<uint64_t>::max());
  static_assert(ZigZagEncode32(-2) == 3);
  static_assert(ZigZagDecode32(ZigZagEncode32(std::numeric_limits<int32_t>::min())) ==
                std::numeric_limits<int32_t>::min());
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{63}, int64_t{-64}, int64_t{1} << 40,
                    std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(ZigZagDecode64(ZigZagEncode64(v)), v);
  }
}

TEST(VarintTest, Uleb128Size) {
  static_assert(Uleb128Size(0) == 1);
  static_assert(Uleb128Size(127) == 1);
  static_assert(Uleb128Size(128) == 2);
  static_assert(Uleb128Size(std::numeric_limits<uint32_t>::max()) == kMaxUleb128Bytes32);
  static_assert(Uleb128Size(std::numeric_limits<uint64_t>::max()) == kMaxUleb128Bytes);
  SUCCEED();
}

}  // namespace
}  // namespace binlake
