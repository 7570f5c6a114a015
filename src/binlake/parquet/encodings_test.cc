// The value encodings, with golden bytes from Parquet Encodings.md where it gives examples.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "binlake/parquet/byte_stream_split.h"
#include "binlake/parquet/delta_encoding.h"
#include "binlake/parquet/dictionary.h"
#include "binlake/parquet/plain_encoding.h"
#include "binlake/parquet/rle_bit_packed.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<uint32_t> DecodeHybrid(const std::string& bytes, int bit_width, size_t count) {
  RleBitPackedDecoder decoder(ByteReader(bytes), bit_width);
  std::vector<uint32_t> out(count);
  EXPECT_THAT(decoder.Get(out.data(), count), IsOk());
  return out;
}

// Encodings.md: "the values 0 through 7 with bit width 3" bit-packed are 10001000 11000110
// 11111010; one group, so the run header is (1 << 1) | 1.
TEST(RleBitPackedTest, SpecBitPackingExample) {
  const std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string out;
  EncodeRleBitPacked(std::span<const uint32_t>(values), 3, &out);
  EXPECT_EQ(out, Bytes({0x03, 0x88, 0xc6, 0xfa}));
  EXPECT_EQ(DecodeHybrid(out, 3, 8), values);
}

TEST(RleBitPackedTest, RepeatedValuesBecomeRleRuns) {
  const std::vector<uint8_t> ones(100, 1);
  std::string out;
  EncodeRleBitPacked(std::span<const uint8_t>(ones), 1, &out);
  EXPECT_EQ(out, Bytes({0xc8, 0x01, 0x01}));  // uleb(100 << 1), value 1
  const std::vector<uint32_t> wide(9, 0x12345);
  std::string wide_out;
  EncodeRleBitPacked(std::span<const uint32_t>(wide), 17, &wide_out);
  EXPECT_EQ(wide_out, Bytes({0x12, 0x45, 0x23, 0x01}));  // 3 value bytes for 17 bits
}

TEST(RleBitPackedTest, MixedRunsRoundTrip) {
  std::mt19937 rng(5);
  for (const int bit_width : {0, 1, 2, 7, 8, 13, 20, 31, 32}) {
    SCOPED_TRACE(bit_width);
    std::vector<uint32_t> values;
    const uint64_t mask = (uint64_t{1} << bit_width) - 1;
    for (int run = 0; run < 200; ++run) {
      const uint32_t value = static_cast<uint32_t>(rng() & mask);
      const size_t length = rng() % 3 == 0 ? rng() % 40 : 1;
      values.insert(values.end(), length, value);
    }
    std::string out;
    EncodeRleBitPacked(std::span<const uint32_t>(values), bit_width, &out);
    EXPECT_EQ(DecodeHybrid(out, bit_width, values.size()), values);
  }
}

TEST(RleBitPackedTest, DecoderErrors) {
  uint32_t value = 0;
  RleBitPackedDecoder too_wide(ByteReader(std::string_view("\x02\x01")), 33);
  EXPECT_THAT(too_wide.Get(&value, 1), StatusIs(StatusCode::kCorruption, HasSubstr("0..32")));
  const std::string rle = Bytes({0x02, 0x05});  // value 5 in a 2-bit run
  RleBitPackedDecoder bad_value(ByteReader(rle), 2);
  EXPECT_THAT(bad_value.Get(&value, 1), StatusIs(StatusCode::kCorruption, HasSubstr("exceeds")));
  const std::string short_run = Bytes({0x04, 0x01});  // two values, then nothing
  RleBitPackedDecoder exhausted(ByteReader(short_run, 100), 1);
  std::vector<uint32_t> out(3);
  EXPECT_THAT(exhausted.Get(out.data(), 3),
              StatusIs(StatusCode::kCorruption, HasSubstr("offset 102")));
  const std::string packed = Bytes({0x05, 0xff});  // 2 groups of bit width 4 with 1 byte
  RleBitPackedDecoder truncated(ByteReader(packed), 4);
  EXPECT_THAT(truncated.Get(out.data(), 2), IsOk());  // the bytes present hold two values
  EXPECT_THAT(truncated.Get(out.data(), 1), StatusIs(StatusCode::kCorruption));
}

// Encodings.md, deprecated BIT_PACKED: 0..7 with bit width 3 are 00000101 00111001 01110111.
TEST(RleBitPackedTest, LegacyBitPackedSpecExample) {
  const std::string bytes = Bytes({0x05, 0x39, 0x77});
  ByteReader reader(bytes);
  std::vector<uint8_t> out(8);
  ASSERT_THAT(DecodeLegacyBitPacked(reader, 3, out.data(), 8), IsOk());
  EXPECT_THAT(out, ElementsAre(0, 1, 2, 3, 4, 5, 6, 7));
  EXPECT_TRUE(reader.AtEnd());
}

TEST(PlainEncodingTest, GoldenBytesAndRoundTrip) {
  std::string out;
  const std::vector<uint8_t> bools = {1, 0, 1, 1, 0, 0, 0, 0, 1};
  AppendPlainBools(bools, &out);
  EXPECT_EQ(out, Bytes({0x0d, 0x01}));
  out.clear();
  const std::vector<int32_t> ints = {-2, 1};
  AppendPlainFixed<int32_t>(ints, &out);
  AppendPlainByteArray("ab", &out);
  EXPECT_EQ(out, Bytes({0xfe, 0xff, 0xff, 0xff, 0x01, 0, 0, 0, 0x02, 0, 0, 0, 'a', 'b'}));

  ByteReader reader(out);
  ColumnValues int_values(PhysicalType::kInt32, false);
  ASSERT_THAT(DecodePlain(reader, 2, &int_values), IsOk());
  EXPECT_THAT(std::vector<int32_t>(int_values.int32s().begin(), int_values.int32s().end()),
              ElementsAre(-2, 1));
  ColumnValues strings(PhysicalType::kByteArray, false);
  ASSERT_THAT(DecodePlain(reader, 1, &strings), IsOk());
  EXPECT_EQ(strings.bytes(), "ab");
  EXPECT_TRUE(reader.AtEnd());

  const std::string bool_bytes = Bytes({0x0d, 0x01});
  ByteReader bool_reader(bool_bytes);
  ColumnValues bool_values(PhysicalType::kBoolean, false);
  ASSERT_THAT(DecodePlain(bool_reader, 9, &bool_values), IsOk());
  EXPECT_THAT(std::vector<uint8_t>(bool_values.bools().begin(), bool_values.bools().end()),
              ElementsAreArray(bools));
}

TEST(PlainEncodingTest, ShortInputIsCorruption) {
  const std::string bytes = Bytes({0x05, 0, 0, 0, 'a'});
  ByteReader reader(bytes, 40);
  ColumnValues strings(PhysicalType::kByteArray, false);
  EXPECT_THAT(DecodePlain(reader, 1, &strings),
              StatusIs(StatusCode::kCorruption, HasSubstr("offset 44")));
  ByteReader huge_count(bytes);
  ColumnValues doubles(PhysicalType::kDouble, false);
  EXPECT_THAT(DecodePlain(huge_count, size_t{1} << 40, &doubles),
              StatusIs(StatusCode::kCorruption));
  ColumnValues fixed(PhysicalType::kFixedLenByteArray, false, 3);
  ByteReader fixed_reader(bytes);
  EXPECT_THAT(DecodePlain(fixed_reader, 2, &fixed), StatusIs(StatusCode::kCorruption));
}

TEST(DictionaryTest, FixedWidthIndicesInOrderOfFirstAppearance) {
  DictionaryBuilder<double> dictionary(1 << 20);
  EXPECT_EQ(dictionary.Insert(1.5), 0);
  EXPECT_EQ(dictionary.Insert(-0.0), 1);
  EXPECT_EQ(dictionary.Insert(0.0), 2);  // distinct bit pattern
  EXPECT_EQ(dictionary.Insert(1.5), 0);
  EXPECT_EQ(dictionary.plain_size(), 24U);
  // Growing the table keeps every index.
  DictionaryBuilder<int64_t> many(1 << 20);
  for (int64_t i = 0; i < 5000; ++i) {
    ASSERT_EQ(many.Insert(i * 7919), i);
  }
  for (int64_t i = 0; i < 5000; ++i) {
    ASSERT_EQ(many.Insert(i * 7919), i);
  }
}

TEST(DictionaryTest, RefusesNewValuesPastTheLimit) {
  DictionaryBuilder<int32_t> small(8);
  EXPECT_EQ(small.Insert(1), 0);
  EXPECT_EQ(small.Insert(2), 1);
  EXPECT_EQ(small.Insert(3), kDictionaryFull);
  EXPECT_EQ(small.Insert(2), 1);
  ByteArrayDictionary strings(10, 0);
  EXPECT_EQ(strings.Insert("abc"), 0);  // 4 + 3 bytes
  EXPECT_EQ(strings.Insert("de"), kDictionaryFull);
  EXPECT_EQ(strings.Insert("abc"), 0);
  std::string plain;
  strings.AppendPlain(&plain);
  EXPECT_EQ(plain, Bytes({3, 0, 0, 0, 'a', 'b', 'c'}));
  strings.Clear();
  EXPECT_EQ(strings.Insert("de"), 0);
}

TEST(DictionaryTest, GatherChecksIndices) {
  ColumnValues dictionary(PhysicalType::kByteArray, false);
  dictionary.AppendBytes("x");
  dictionary.AppendBytes("yz");
  ColumnValues out(PhysicalType::kByteArray, true);
  const std::vector<uint32_t> indices = {1, 0, 1};
  ASSERT_THAT(AppendDictionaryValues(dictionary, indices, 0, &out), IsOk());
  EXPECT_EQ(out.bytes(), "yzxyz");
  const std::vector<uint32_t> bad = {2};
  EXPECT_THAT(AppendDictionaryValues(dictionary, bad, 77, &out),
              StatusIs(StatusCode::kCorruption, HasSubstr("offset 77")));
}

// Encodings.md DELTA_BINARY_PACKED example 1: 1, 2, 3, 4, 5 (all deltas 1: bit width 0).
TEST(DeltaEncodingTest, SpecExampleConstantDeltas) {
  const std::string bytes = Bytes({0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0});
  ByteReader reader(bytes);
  std::vector<int64_t> values;
  ASSERT_THAT(DecodeDeltaBinaryPacked(reader, 100, &values), IsOk());
  EXPECT_THAT(values, ElementsAre(1, 2, 3, 4, 5));
  EXPECT_TRUE(reader.AtEnd());
}

// Example 2: 7, 5, 3, 1, 2, 3, 4, 5: min delta -2, relative deltas 0 0 0 3 3 3 3 in 2 bits
// (the spec's example uses 8-value blocks; here the same deltas in a valid 128-value block).
std::string SpecExample2() {
  std::string bytes = Bytes({0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 0x02, 0, 0, 0, 0xc0, 0x3f});
  bytes.append(6, '\0');  // the rest of the 32-value miniblock
  return bytes;
}

TEST(DeltaEncodingTest, SpecExampleMixedDeltas) {
  const std::string bytes = SpecExample2();
  ByteReader reader(bytes);
  ColumnValues ints(PhysicalType::kInt32, false);
  ASSERT_THAT(DecodeDeltaIntegers(reader, 8, &ints), IsOk());
  EXPECT_THAT(std::vector<int32_t>(ints.int32s().begin(), ints.int32s().end()),
              ElementsAre(7, 5, 3, 1, 2, 3, 4, 5));
}

TEST(DeltaEncodingTest, CountsAndHeadersAreChecked) {
  const std::string bytes = SpecExample2();
  ByteReader too_many(bytes);
  std::vector<int64_t> values;
  EXPECT_THAT(DecodeDeltaBinaryPacked(too_many, 7, &values),
              StatusIs(StatusCode::kCorruption, HasSubstr("at most 7")));
  ByteReader wrong_count(bytes);
  ColumnValues ints(PhysicalType::kInt64, false);
  EXPECT_THAT(DecodeDeltaIntegers(wrong_count, 9, &ints), StatusIs(StatusCode::kCorruption));
  const std::string bad_block = Bytes({0x64, 0x04, 0x01, 0x00});  // block size 100
  ByteReader bad(bad_block);
  EXPECT_THAT(DecodeDeltaBinaryPacked(bad, 10, &values),
              StatusIs(StatusCode::kCorruption, HasSubstr("block size 100")));
  std::string wide = SpecExample2();
  wide[6] = 65;  // bit width 65
  ByteReader wide_reader(wide);
  EXPECT_THAT(DecodeDeltaBinaryPacked(wide_reader, 10, &values),
              StatusIs(StatusCode::kCorruption, HasSubstr("bit width 65")));
}

TEST(DeltaEncodingTest, Int64ExtremesWrapAround) {
  // first = INT64_MAX, then a delta of +1 wraps to INT64_MIN (min delta 1, bit width 0).
  std::string bytes = Bytes({0x80, 0x01, 0x04, 0x02});
  bytes += Bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01});  // zigzag(max)
  bytes += Bytes({0x02, 0, 0, 0, 0});
  ByteReader reader(bytes);
  std::vector<int64_t> values;
  ASSERT_THAT(DecodeDeltaBinaryPacked(reader, 2, &values), IsOk());
  EXPECT_THAT(values, ElementsAre(std::numeric_limits<int64_t>::max(),
                                  std::numeric_limits<int64_t>::min()));
}

// Encodings.md DELTA_LENGTH_BYTE_ARRAY example: "Hello", "World", "Foobar", "ABCDEF".
TEST(DeltaEncodingTest, SpecDeltaLengthByteArray) {
  std::string bytes = Bytes({0x80, 0x01, 0x04, 0x04, 0x0a, 0x00, 0x01, 0, 0, 0, 0x02, 0, 0, 0});
  bytes += "HelloWorldFoobarABCDEF";
  ByteReader reader(bytes);
  ColumnValues out(PhysicalType::kByteArray, false);
  ASSERT_THAT(DecodeDeltaLengthByteArray(reader, 4, &out), IsOk());
  EXPECT_EQ(out.BytesValue(0), "Hello");
  EXPECT_EQ(out.BytesValue(3), "ABCDEF");
  EXPECT_TRUE(reader.AtEnd());
}

// Encodings.md DELTA_BYTE_ARRAY example: "axis", "axle", "babble", "babyhood" are prefix
// lengths 0 2 0 3 and suffixes "axis" "le" "babble" "yhood".
std::string SpecDeltaByteArray() {
  std::string bytes = Bytes({0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0, 0, 0, 0x44, 0x01});
  bytes.append(10, '\0');
  bytes += Bytes({0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0, 0, 0, 0x70});
  bytes.append(11, '\0');
  bytes += "axislebabbleyhood";
  return bytes;
}

TEST(DeltaEncodingTest, SpecDeltaByteArray) {
  const std::string bytes = SpecDeltaByteArray();
  ByteReader reader(bytes);
  ColumnValues out(PhysicalType::kByteArray, false);
  ASSERT_THAT(DecodeDeltaByteArray(reader, 4, 1 << 20, &out), IsOk());
  EXPECT_EQ(out.BytesValue(0), "axis");
  EXPECT_EQ(out.BytesValue(1), "axle");
  EXPECT_EQ(out.BytesValue(2), "babble");
  EXPECT_EQ(out.BytesValue(3), "babyhood");
  ByteReader limited(bytes);
  ColumnValues small(PhysicalType::kByteArray, false);
  EXPECT_THAT(DecodeDeltaByteArray(limited, 4, 10, &small),
              StatusIs(StatusCode::kCorruption, HasSubstr("more than 10 bytes")));
  ByteReader fixed_reader(bytes);
  ColumnValues fixed(PhysicalType::kFixedLenByteArray, false, 4);
  EXPECT_THAT(DecodeDeltaByteArray(fixed_reader, 4, 1 << 20, &fixed),
              StatusIs(StatusCode::kCorruption, HasSubstr("width is 4")));
}

TEST(ByteStreamSplitTest, FloatsAndFixedWidth) {
  // 1.0f = 00 00 80 3f and 2.0f = 00 00 00 40 (little-endian): stream k holds byte k of each.
  const std::string bytes = Bytes({0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3f, 0x40});
  ByteReader reader(bytes);
  ColumnValues floats(PhysicalType::kFloat, false);
  ASSERT_THAT(DecodeByteStreamSplit(reader, 2, &floats), IsOk());
  EXPECT_THAT(std::vector<float>(floats.floats().begin(), floats.floats().end()),
              ElementsAre(1.0f, 2.0f));
  ByteReader fixed_reader(bytes);
  ColumnValues fixed(PhysicalType::kFixedLenByteArray, false, 2);
  ASSERT_THAT(DecodeByteStreamSplit(fixed_reader, 4, &fixed), IsOk());
  EXPECT_EQ(fixed.bytes(), Bytes({0x00, 0x80, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x40}));
  ByteReader uneven(bytes);
  ColumnValues doubles(PhysicalType::kDouble, false);
  EXPECT_THAT(DecodeByteStreamSplit(uneven, 2, &doubles), StatusIs(StatusCode::kCorruption));
}

}  // namespace
}  // namespace binlake::parquet
