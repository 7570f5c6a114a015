#include "binlake/base/byte_writer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "binlake/base/byte_reader.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

constexpr uint64_t kBase = 1000;  // base offset for the readers in the round-trip tests

// One value encoded by one Write method and decoded by its matching Read method.
struct Codec {
  std::string name;  // e.g. "u32le = 4294967295"
  std::string kind;  // the kind the reader names in errors, e.g. "u32le"
  bool varint;       // truncation reports "at least 1 byte missing" instead of a count
  std::function<void(ByteWriter&)> write;
  // Reads one value and returns OK if it equals the written one.
  std::function<Status(ByteReader&)> read_and_check;
};

template <typename T>
bool SameValue(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
    return std::bit_cast<Bits>(a) == std::bit_cast<Bits>(b);
  } else {
    return a == b;
  }
}

template <typename T, typename WriteArg>
Codec MakeCodec(std::string kind, bool varint, T value, void (ByteWriter::*write)(WriteArg),
                Result<T> (ByteReader::*read)(std::string_view)) {
  Codec codec;
  if constexpr (std::is_floating_point_v<T>) {
    codec.name = fmt::format("{} = {}", kind, value);
  } else {
    codec.name = fmt::format("{} = {}", kind, +value);
  }
  codec.kind = std::move(kind);
  codec.varint = varint;
  codec.write = [value, write](ByteWriter& writer) { (writer.*write)(value); };
  codec.read_and_check = [value, read](ByteReader& reader) -> Status {
    Result<T> got = (reader.*read)("value");
    if (!got.ok()) {
      return got.status();
    }
    if (!SameValue(*got, value)) {
      return InternalError("decoded a different value");
    }
    return Status::Ok();
  };
  return codec;
}

template <typename T, typename WriteArg>
void AddFixed(std::vector<Codec>* codecs, const std::string& kind,
              void (ByteWriter::*write)(WriteArg), Result<T> (ByteReader::*read)(std::string_view),
              std::initializer_list<T> values) {
  for (T value : values) {
    codecs->push_back(MakeCodec<T>(kind, false, value, write, read));
  }
}

std::vector<Codec> AllCodecs() {
  using U64 = std::numeric_limits<uint64_t>;
  using I64 = std::numeric_limits<int64_t>;
  using I32 = std::numeric_limits<int32_t>;
  std::vector<Codec> c;
  AddFixed<uint8_t>(&c, "u8", &ByteWriter::WriteU8, &ByteReader::ReadU8, {0, 1, 0x7f, 0xff});
  AddFixed<int8_t>(&c, "i8", &ByteWriter::WriteI8, &ByteReader::ReadI8, {0, -1, -128, 127});
  for (bool be : {false, true}) {
    const std::string e = be ? "be" : "le";
    AddFixed<uint16_t>(&c, "u16" + e, be ? &ByteWriter::WriteU16Be : &ByteWriter::WriteU16Le,
                       be ? &ByteReader::ReadU16Be : &ByteReader::ReadU16Le,
                       {0, 1, 0x1234, 0xffff});
    AddFixed<uint32_t>(&c, "u24" + e, be ? &ByteWriter::WriteU24Be : &ByteWriter::WriteU24Le,
                       be ? &ByteReader::ReadU24Be : &ByteReader::ReadU24Le,
                       {0, 1, 0x123456, 0xffffff});
    AddFixed<uint32_t>(&c, "u32" + e, be ? &ByteWriter::WriteU32Be : &ByteWriter::WriteU32Le,
                       be ? &ByteReader::ReadU32Be : &ByteReader::ReadU32Le,
                       {0, 1, 0x12345678, 0xffffffff});
    AddFixed<uint64_t>(&c, "u48" + e, be ? &ByteWriter::WriteU48Be : &ByteWriter::WriteU48Le,
                       be ? &ByteReader::ReadU48Be : &ByteReader::ReadU48Le,
                       {0, 1, 0x123456789abc, 0xffffffffffff});
    AddFixed<uint64_t>(&c, "u64" + e, be ? &ByteWriter::WriteU64Be : &ByteWriter::WriteU64Le,
                       be ? &ByteReader::ReadU64Be : &ByteReader::ReadU64Le,
                       {0, 1, 0x123456789abcdef0, U64::max()});
    AddFixed<int16_t>(&c, "i16" + e, be ? &ByteWriter::WriteI16Be : &ByteWriter::WriteI16Le,
                      be ? &ByteReader::ReadI16Be : &ByteReader::ReadI16Le, {0, -1, -32768, 32767});
    AddFixed<int32_t>(&c, "i24" + e, be ? &ByteWriter::WriteI24Be : &ByteWriter::WriteI24Le,
                      be ? &ByteReader::ReadI24Be : &ByteReader::ReadI24Le,
                      {0, -1, -8388608, 8388607});
    AddFixed<int32_t>(&c, "i32" + e, be ? &ByteWriter::WriteI32Be : &ByteWriter::WriteI32Le,
                      be ? &ByteReader::ReadI32Be : &ByteReader::ReadI32Le,
                      {0, -1, I32::min(), I32::max()});
    AddFixed<int64_t>(&c, "i64" + e, be ? &ByteWriter::WriteI64Be : &ByteWriter::WriteI64Le,
                      be ? &ByteReader::ReadI64Be : &ByteReader::ReadI64Le,
                      {0, -1, I64::min(), I64::max()});
    AddFixed<float>(
        &c, "f32" + e, be ? &ByteWriter::WriteFloatBe : &ByteWriter::WriteFloatLe,
        be ? &ByteReader::ReadFloatBe : &ByteReader::ReadFloatLe,
        {0.0F, -0.0F, 1.5F, std::numeric_limits<float>::max(),
         std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::infinity(),
         std::numeric_limits<float>::quiet_NaN()});
    AddFixed<double>(
        &c, "f64" + e, be ? &ByteWriter::WriteDoubleBe : &ByteWriter::WriteDoubleLe,
        be ? &ByteReader::ReadDoubleBe : &ByteReader::ReadDoubleLe,
        {0.0, -0.0, -2.25, std::numeric_limits<double>::lowest(),
         std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::infinity(),
         std::numeric_limits<double>::quiet_NaN()});
  }
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{16383},
                     uint64_t{16384}, uint64_t{0xffffffff}, uint64_t{1} << 63, U64::max()}) {
    c.push_back(MakeCodec<uint64_t>("uleb128", true, v, &ByteWriter::WriteUleb128,
                                    &ByteReader::ReadUleb128));
  }
  for (int64_t v :
       {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{-64}, int64_t{64}, I64::min(), I64::max()}) {
    c.push_back(MakeCodec<int64_t>("uleb128", true, v, &ByteWriter::WriteZigZag64,
                                   &ByteReader::ReadZigZag64));
  }
  for (int32_t v : {0, -1, 1, I32::min(), I32::max()}) {
    c.push_back(MakeCodec<int32_t>("uleb128", true, v, &ByteWriter::WriteZigZag32,
                                   &ByteReader::ReadZigZag32));
  }
  return c;
}

TEST(ByteWriterTest, EveryMethodRoundTripsThroughTheReader) {
  const std::vector<Codec> codecs = AllCodecs();
  ASSERT_GT(codecs.size(), 120U);
  for (const Codec& codec : codecs) {
    SCOPED_TRACE(codec.name);
    ByteWriter writer;
    codec.write(writer);
    const std::string encoded = writer.Release();
    ByteReader reader(encoded, kBase);
    EXPECT_OK(codec.read_and_check(reader));
    EXPECT_TRUE(reader.AtEnd());
  }
}

TEST(ByteWriterTest, AllMethodsRoundTripInOneStream) {
  const std::vector<Codec> codecs = AllCodecs();
  ByteWriter writer;
  for (const Codec& codec : codecs) {
    codec.write(writer);
  }
  const std::string encoded = writer.Release();
  ByteReader reader(encoded);
  for (const Codec& codec : codecs) {
    EXPECT_OK(codec.read_and_check(reader)) << codec.name;
  }
  EXPECT_OK(reader.ExpectEnd());
}

TEST(ByteWriterTest, TruncationAtEveryLengthIsCorruptionAtTheRightOffset) {
  for (const Codec& codec : AllCodecs()) {
    ByteWriter writer;
    codec.write(writer);
    const std::string encoded = writer.Release();
    for (size_t length = 0; length < encoded.size(); ++length) {
      SCOPED_TRACE(fmt::format("{} truncated to {} bytes", codec.name, length));
      ByteReader reader(std::string_view(encoded).substr(0, length), kBase);
      const std::string prefix =
          fmt::format("truncated input at offset {} reading {} (value)", kBase, codec.kind);
      const std::string missing =
          codec.varint ? std::string("at least 1 byte missing")
                       : fmt::format("need {} bytes, {} available, {} missing", encoded.size(),
                                     length, encoded.size() - length);
      const Status status = codec.read_and_check(reader);
      EXPECT_THAT(status, StatusIs(StatusCode::kCorruption, HasSubstr(prefix)));
      EXPECT_THAT(status, StatusIs(StatusCode::kCorruption, HasSubstr(missing)));
      EXPECT_EQ(reader.position(), 0U);
    }
  }
}

TEST(ByteWriterTest, WritesKnownBytes) {
  ByteWriter writer;
  writer.WriteU16Le(0x0102);
  writer.WriteU16Be(0x0102);
  writer.WriteU24Le(0x010203);
  writer.WriteU24Be(0x010203);
  writer.WriteU48Be(0x010203040506);
  writer.WriteI24Le(-2);
  writer.WriteUleb128(300);
  writer.WriteZigZag64(-3);
  writer.WriteFloatBe(1.5F);
  writer.WriteBytes("ab");
  writer.WriteZeros(2);
  EXPECT_EQ(writer.data(), Bytes({0x02, 0x01, 0x01, 0x02, 0x03, 0x02, 0x01, 0x01, 0x02, 0x03,
                                  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xfe, 0xff, 0xff, 0xac,
                                  0x02, 0x05, 0x3f, 0xc0, 0x00, 0x00, 'a',  'b',  0x00, 0x00}));
  EXPECT_EQ(writer.size(), 30U);
}

TEST(ByteWriterTest, Uleb128IsCanonical) {
  for (uint64_t v : {uint64_t{0}, uint64_t{127}, uint64_t{128}, uint64_t{1} << 35,
                     std::numeric_limits<uint64_t>::max()}) {
    ByteWriter writer;
    writer.WriteUleb128(v);
    EXPECT_EQ(writer.size(), Uleb128Size(v)) << v;
  }
  ByteWriter writer;
  writer.WriteUleb128(std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(writer.data(), Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
}

TEST(ByteWriterTest, PatchesALengthPrefix) {
  ByteWriter writer;
  writer.WriteU8(0xee);
  const size_t length_at = writer.size();
  writer.WriteZeros(4);
  writer.WriteBytes("payload");
  ASSERT_OK(writer.PutU32LeAt(length_at, 7));
  ASSERT_OK(writer.PutU8At(0, 0xab));
  EXPECT_EQ(writer.data(), Bytes({0xab, 0x07, 0x00, 0x00, 0x00}) + "payload");
  ASSERT_OK(writer.PutU32BeAt(length_at, 7));
  ASSERT_OK(writer.PutU16LeAt(8, 0x4142));
  ASSERT_OK(writer.PutU24BeAt(9, 0x434445));
  EXPECT_EQ(writer.data(), Bytes({0xab, 0x00, 0x00, 0x00, 0x07}) + "payBCDE");
  ASSERT_OK(writer.PutU64LeAt(4, 0x3837363534333231));
  ASSERT_OK(writer.PutU64BeAt(4, 0x3132333435363738));
  ASSERT_OK(writer.PutU24LeAt(0, 0));
  ASSERT_OK(writer.PutU16BeAt(10, 0));
  EXPECT_EQ(writer.size(), 12U);
}

TEST(ByteWriterTest, PatchOutOfRangeIsInvalidArgumentAndWritesNothing) {
  ByteWriter writer;
  writer.WriteBytes("abcdef");
  EXPECT_THAT(writer.PutU32LeAt(3, 1),
              StatusIs(StatusCode::kInvalidArgument,
                       "cannot patch 4 bytes at offset 3: only 6 bytes written"));
  EXPECT_THAT(writer.PutU8At(6, 1), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(writer.PutU64BeAt(std::numeric_limits<size_t>::max() - 2, 1),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(writer.PutU16BeAt(std::numeric_limits<size_t>::max(), 1),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(writer.data(), "abcdef");
  EXPECT_OK(writer.PutU16LeAt(4, 0x4645));
  EXPECT_EQ(writer.data(), "abcdEF");
}

TEST(ByteWriterTest, AppendsToACallersString) {
  std::string out = "head:";
  {
    ByteWriter writer(&out);
    writer.WriteU8('x');
    EXPECT_EQ(writer.size(), 6U);
    ASSERT_OK(writer.PutU8At(0, 'H'));
  }
  EXPECT_EQ(out, "Head:x");
}

TEST(ByteWriterTest, ReleaseEmptiesTheWriter) {
  ByteWriter writer;
  writer.WriteBytes("abc");
  EXPECT_EQ(writer.Release(), "abc");
  EXPECT_EQ(writer.size(), 0U);
  writer.WriteU8('z');
  EXPECT_EQ(writer.Release(), "z");
}

TEST(ByteWriterTest, MovesKeepTheRightBuffer) {
  ByteWriter owning;
  owning.WriteBytes("own");
  ByteWriter moved(std::move(owning));
  moved.WriteBytes("ed");
  EXPECT_EQ(moved.data(), "owned");
  EXPECT_EQ(owning.size(), 0U);  // NOLINT(bugprone-use-after-move): a moved-from writer is empty

  std::string out;
  ByteWriter borrowing(&out);
  ByteWriter assigned;
  assigned = std::move(borrowing);
  assigned.WriteBytes("x");
  EXPECT_EQ(out, "x");

  ByteWriter reassigned;
  reassigned = std::move(moved);
  reassigned.WriteBytes("!");
  EXPECT_EQ(reassigned.data(), "owned!");
}

}  // namespace
}  // namespace binlake
