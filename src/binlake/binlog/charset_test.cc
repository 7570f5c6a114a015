#include "binlake/binlog/charset.h"

#include <string>

#include "binlake/base/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace binlake::binlog {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

std::string Convert(TextEncoding encoding, std::string_view bytes) {
  std::string out;
  EXPECT_THAT(ConvertToUtf8(encoding, "cs", bytes, nullptr, &out), IsOk());
  return out;
}

TEST(CharsetTest, CollationIdsOfMySqlAndMariaDb) {
  EXPECT_EQ(CharsetForCollation(8)->name, "latin1");
  EXPECT_EQ(CharsetForCollation(33)->name, "utf8mb3");
  EXPECT_EQ(CharsetForCollation(45)->name, "utf8mb4");
  EXPECT_EQ(CharsetForCollation(63)->encoding, TextEncoding::kBinary);
  EXPECT_EQ(CharsetForCollation(28)->name, "gbk");
  EXPECT_EQ(CharsetForCollation(28)->encoding, TextEncoding::kOther);
  EXPECT_EQ(CharsetForCollation(255)->name, "utf8mb4");  // MySQL 8 utf8mb4_0900_ai_ci
  EXPECT_EQ(CharsetForCollation(248)->name, "gb18030");
  EXPECT_EQ(CharsetForCollation(2304)->name, "utf8mb4");  // MariaDB 11 uca1400
  EXPECT_FALSE(CharsetForCollation(0).has_value());
  EXPECT_FALSE(CharsetForCollation(100000).has_value());
}

TEST(CharsetTest, Utf8IsValidated) {
  EXPECT_EQ(Convert(TextEncoding::kUtf8, "h\xC3\xA9 \xF0\x9F\x98\x80"),
            "h\xC3\xA9 \xF0\x9F\x98\x80");
  std::string out;
  for (const std::string_view bad :
       {"\xC3", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"}) {
    EXPECT_THAT(ConvertToUtf8(TextEncoding::kUtf8, "utf8mb4", bad, nullptr, &out),
                StatusIs(StatusCode::kCorruption, HasSubstr("utf8mb4")));
  }
  EXPECT_TRUE(IsValidUtf8(std::string(100, 'a') + "\xE2\x82\xAC"));
}

TEST(CharsetTest, Latin1IsWindows1252AsMySqlDefinesIt) {
  EXPECT_EQ(Convert(TextEncoding::kLatin1, "caf\xE9 \x80\x9F\x81\xFF"),
            "caf\xC3\xA9 \xE2\x82\xAC\xC5\xB8\xC2\x81\xC3\xBF");
}

TEST(CharsetTest, AsciiRejectsHighBytes) {
  EXPECT_EQ(Convert(TextEncoding::kAscii, "abc"), "abc");
  std::string out;
  EXPECT_THAT(ConvertToUtf8(TextEncoding::kAscii, "ascii", "ab\x80", nullptr, &out),
              StatusIs(StatusCode::kCorruption, HasSubstr("byte 2")));
}

TEST(CharsetTest, WideEncodings) {
  EXPECT_EQ(Convert(TextEncoding::kUcs2, std::string("\x00h\x00\xE9", 4)), "h\xC3\xA9");
  // U+1F600 as a UTF-16 surrogate pair, big- and little-endian.
  EXPECT_EQ(Convert(TextEncoding::kUtf16, std::string("\xD8\x3D\xDE\x00", 4)), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Convert(TextEncoding::kUtf16le, std::string("\x3D\xD8\x00\xDE", 4)),
            "\xF0\x9F\x98\x80");
  EXPECT_EQ(Convert(TextEncoding::kUtf32, std::string("\x00\x01\xF6\x00", 4)), "\xF0\x9F\x98\x80");
  std::string out;
  EXPECT_THAT(ConvertToUtf8(TextEncoding::kUtf16, "utf16", "\xD8\x3D", nullptr, &out),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ConvertToUtf8(TextEncoding::kUcs2, "ucs2", std::string(1, '\0'), nullptr, &out),
              StatusIs(StatusCode::kCorruption, HasSubstr("code units")));
  EXPECT_THAT(ConvertToUtf8(TextEncoding::kUtf32, "utf32", std::string("\x00\x11\x00\x00", 4),
                            nullptr, &out),
              StatusIs(StatusCode::kCorruption));
}

class UpperCaseConverter : public TextConverter {
 public:
  Status ToUtf8(std::string_view charset, std::string_view bytes, std::string* out) const override {
    out->assign(charset);
    out->append(":");
    out->append(bytes);
    return Status::Ok();
  }
};

TEST(CharsetTest, OtherCharsetsNeedAConverter) {
  std::string out;
  EXPECT_THAT(ConvertToUtf8(TextEncoding::kOther, "gbk", "\xC4\xE3", nullptr, &out),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("gbk")));
  const UpperCaseConverter converter;
  ASSERT_THAT(ConvertToUtf8(TextEncoding::kOther, "gbk", "xy", &converter, &out), IsOk());
  EXPECT_EQ(out, "gbk:xy");
}

TEST(CharsetTest, ConvertFromUtf8RestoresTheStoredBytes) {
  std::string out;
  ASSERT_THAT(
      ConvertFromUtf8(TextEncoding::kLatin1, "caf\xC3\xA9 \xE2\x82\xAC\xC2\x81 \xE4\xB8\xAD", &out),
      IsOk());
  EXPECT_EQ(out, "caf\xE9 \x80\x81 ?");
  ASSERT_THAT(ConvertFromUtf8(TextEncoding::kUtf16, "\xF0\x9F\x98\x80", &out), IsOk());
  EXPECT_EQ(out, std::string("\xD8\x3D\xDE\x00", 4));
  ASSERT_THAT(ConvertFromUtf8(TextEncoding::kUtf16le, "h", &out), IsOk());
  EXPECT_EQ(out, std::string("h\x00", 2));
  ASSERT_THAT(ConvertFromUtf8(TextEncoding::kUcs2, "\xF0\x9F\x98\x80", &out), IsOk());
  EXPECT_EQ(out, std::string("\x00?", 2));
  ASSERT_THAT(ConvertFromUtf8(TextEncoding::kUtf32, "h", &out), IsOk());
  EXPECT_EQ(out, std::string("\x00\x00\x00h", 4));
  ASSERT_THAT(ConvertFromUtf8(TextEncoding::kAscii, "a\xC3\xA9", &out), IsOk());
  EXPECT_EQ(out, "a?");
  EXPECT_THAT(ConvertFromUtf8(TextEncoding::kLatin1, "\xC3", &out),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ConvertFromUtf8(TextEncoding::kOther, "x", &out),
              StatusIs(StatusCode::kUnimplemented));
}

}  // namespace
}  // namespace binlake::binlog
