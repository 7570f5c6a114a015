#include "binlake/binlog/json_binary.h"

#include <limits>
#include <string>

#include "binlake/binlog/json_test_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;
using namespace ::binlake::binlog::testing;  // NOLINT(google-build-using-namespace)

std::string Text(const JsonValue& v) {
  std::string text;
  EXPECT_THAT(JsonBinaryToText(JsonDocument(v), &text), IsOk());
  return text;
}

std::string Double(double d) {
  std::string out;
  AppendJsonDouble(d, &out);
  return out;
}

TEST(JsonBinaryTest, LiteralsAndIntegers) {
  EXPECT_EQ(Text(JsonLiteral(0)), "null");
  EXPECT_EQ(Text(JsonLiteral(1)), "true");
  EXPECT_EQ(Text(JsonLiteral(2)), "false");
  EXPECT_EQ(Text(JsonInt(0x05, 0xFFFB, 2)), "-5");
  EXPECT_EQ(Text(JsonInt(0x06, 0xFFFF, 2)), "65535");
  EXPECT_EQ(Text(JsonInt(0x07, 0x80000000, 4)), "-2147483648");
  EXPECT_EQ(Text(JsonInt(0x08, 0xFFFFFFFF, 4)), "4294967295");
  EXPECT_EQ(Text(JsonInt(0x09, 0x8000000000000000, 8)), "-9223372036854775808");
  EXPECT_EQ(Text(JsonInt(0x0a, 0xFFFFFFFFFFFFFFFF, 8)), "18446744073709551615");
}

TEST(JsonBinaryTest, DoublesAsMySqlPrintsThem) {
  EXPECT_EQ(Text(JsonDouble(1.5)), "1.5");
  EXPECT_EQ(Double(3.0), "3.0");
  EXPECT_EQ(Double(-0.0), "-0.0");
  EXPECT_EQ(Double(0.1), "0.1");
  EXPECT_EQ(Double(1e-7), "0.0000001");
  EXPECT_EQ(Double(1e-15), "0.000000000000001");
  EXPECT_EQ(Double(1e-16), "1e-16");
  EXPECT_EQ(Double(1.5e-20), "1.5e-20");
  EXPECT_EQ(Double(1e14), "100000000000000.0");
  EXPECT_EQ(Double(1e15), "1e15");
  EXPECT_EQ(Double(1234567890123456.7), "1234567890123456.8");
  EXPECT_EQ(Double(1e300), "1e300");
  EXPECT_EQ(Double(6.02214076e23), "6.02214076e23");
  EXPECT_EQ(Double(std::numeric_limits<double>::max()), "1.7976931348623157e308");
}

TEST(JsonBinaryTest, StringsAreEscaped) {
  EXPECT_EQ(Text(JsonString("a\"b\\c\n\t\x01\x1f/é")), "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f/é\"");
  EXPECT_EQ(Text(JsonString("")), "\"\"");
  const std::string long_text(300, 'x');  // a two-byte length
  EXPECT_EQ(Text(JsonString(long_text)), "\"" + long_text + "\"");
}

TEST(JsonBinaryTest, OpaqueValues) {
  // DECIMAL(2,1) -0.5.
  EXPECT_EQ(Text(JsonOpaque(246, std::string("\x02\x01\x7f\xfa", 4))), "-0.5");
  const int64_t ymd = ((int64_t{2015} * 13 + 1) << 5) | 15;
  const int64_t date = (ymd << 17) << 24;
  const int64_t datetime = ((ymd << 17 | ((23 << 12) | (24 << 6) | 25)) << 24) + 5;
  EXPECT_EQ(Text(JsonOpaque(10, LittleEndian(static_cast<uint64_t>(date), 8))), "\"2015-01-15\"");
  EXPECT_EQ(Text(JsonOpaque(12, LittleEndian(static_cast<uint64_t>(datetime), 8))),
            "\"2015-01-15 23:24:25.000005\"");
  EXPECT_EQ(Text(JsonOpaque(7, LittleEndian(static_cast<uint64_t>(datetime), 8))),
            "\"2015-01-15 23:24:25.000005\"");
  const int64_t time = -((int64_t{(1 << 12) | (2 << 6) | 3} << 24) + 500000);
  EXPECT_EQ(Text(JsonOpaque(11, LittleEndian(static_cast<uint64_t>(time), 8))),
            "\"-01:02:03.500000\"");
  EXPECT_EQ(Text(JsonOpaque(252, "abcd")), "\"base64:type252:YWJjZA==\"");
  EXPECT_EQ(Text(JsonOpaque(15, "abc")), "\"base64:type15:YWJj\"");
  EXPECT_EQ(Text(JsonOpaque(16, "ab")), "\"base64:type16:YWI=\"");
}

TEST(JsonBinaryTest, NestedSmallAndLargeContainers) {
  const JsonValue inner_object = JsonContainer(true, {"k"}, {JsonInt(0x05, 0xFFFF, 2)});
  const JsonValue array = JsonContainer(false, {},
                                        {JsonLiteral(1), JsonLiteral(0), JsonString("x"),
                                         JsonInt(0x07, 70000, 4), inner_object, JsonDouble(2.5)});
  const JsonValue doc = JsonContainer(false, {"a", "bb"}, {JsonInt(0x05, 1, 2), array});
  EXPECT_EQ(Text(doc), "{\"a\": 1, \"bb\": [true, null, \"x\", 70000, {\"k\": -1}, 2.5]}");
  const JsonValue large_array = JsonContainer(
      true, {},
      {JsonInt(0x08, 4000000000, 4), JsonInt(0x07, 0xFFFFFFFF, 4), JsonContainer(false, {}, {})});
  EXPECT_EQ(Text(large_array), "[4000000000, -1, []]");
  EXPECT_EQ(Text(JsonContainer(false, {}, {})), "[]");
}

TEST(JsonBinaryTest, EmptyValueIsNull) {
  std::string text;
  ASSERT_THAT(JsonBinaryToText("", &text), IsOk());
  EXPECT_EQ(text, "null");
}

TEST(JsonBinaryTest, MalformedDocumentsAreCorruption) {
  std::string text;
  EXPECT_THAT(JsonBinaryToText(std::string("\x0e", 1), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("unknown value type")));
  EXPECT_THAT(JsonBinaryToText(std::string("\x04\x07", 2), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("literal")));
  // A small array claiming 1 element and 100 bytes.
  EXPECT_THAT(JsonBinaryToText(std::string("\x02\x01\x00\x64\x00", 5), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("container size")));
  // Value offset past the container.
  EXPECT_THAT(JsonBinaryToText(std::string("\x02\x01\x00\x07\x00\x0c\x40\x00", 8), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("offset")));
  // A string longer than the document.
  EXPECT_THAT(JsonBinaryToText(std::string("\x0c\x05"
                                           "ab",
                                           4),
                               &text),
              StatusIs(StatusCode::kCorruption));
}

TEST(JsonBinaryTest, DeepNestingIsRefused) {
  JsonValue v = JsonContainer(false, {}, {});
  for (size_t i = 0; i < kMaxJsonDepth + 5; ++i) {
    v = JsonContainer(true, {}, {v});
  }
  std::string text;
  EXPECT_THAT(JsonBinaryToText(JsonDocument(v), &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("nesting")));
}

TEST(JsonBinaryTest, EntriesSharingOneSubtreeCannotExplode) {
  // Each level is a small array whose two entries both point at the next level: 30 levels are
  // 300 bytes on the wire but 2^30 values when expanded.
  std::string payload = LittleEndian(0, 2) + LittleEndian(4, 2);  // the innermost []
  for (int level = 0; level < 30; ++level) {
    const std::string entry = std::string(1, '\x02') + LittleEndian(10, 2);
    payload = LittleEndian(2, 2) + LittleEndian(10 + payload.size(), 2) + entry + entry + payload;
  }
  std::string text;
  EXPECT_THAT(JsonBinaryToText(std::string(1, '\x02') + payload, &text),
              StatusIs(StatusCode::kCorruption, HasSubstr("larger than the document")));
}

}  // namespace
}  // namespace binlake::binlog
