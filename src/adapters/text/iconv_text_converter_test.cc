#include "adapters/text/iconv_text_converter.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(IconvTextConverterTest, ConvertsLegacyMultiByteCharsets) {
  IconvTextConverter converter;
  std::string out;
  ASSERT_THAT(converter.ToUtf8("gbk", "\xC4\xE3\xBA\xC3", &out), IsOk());  // 你好
  EXPECT_EQ(out, "\xE4\xBD\xA0\xE5\xA5\xBD");
  ASSERT_THAT(converter.ToUtf8("big5", "\xA4\xA4", &out), IsOk());  // 中
  EXPECT_EQ(out, "\xE4\xB8\xAD");
  ASSERT_THAT(converter.ToUtf8("sjis", "\x82\xA0", &out), IsOk());  // あ
  EXPECT_EQ(out, "\xE3\x81\x82");
  ASSERT_THAT(converter.ToUtf8("cp1251", "\xCF\xF0\xE8", &out), IsOk());  // При
  EXPECT_EQ(out, "\xD0\x9F\xD1\x80\xD0\xB8");
  ASSERT_THAT(converter.ToUtf8("gbk", "", &out), IsOk());
  EXPECT_EQ(out, "");
}

TEST(IconvTextConverterTest, InvalidBytesAndUnknownCharsets) {
  IconvTextConverter converter;
  std::string out;
  EXPECT_THAT(converter.ToUtf8("gbk", "a\xC4", &out),
              StatusIs(StatusCode::kCorruption, HasSubstr("gbk")));
  EXPECT_THAT(converter.ToUtf8("swe7", "abc", &out), StatusIs(StatusCode::kUnimplemented));
}

}  // namespace
}  // namespace binlake::adapters
