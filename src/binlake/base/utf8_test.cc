#include "binlake/base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace binlake {
namespace {

TEST(IsValidUtf8, AcceptsUtf8AndRefusesEverythingElse) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("h\xc3\xa9llo"));
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));   // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xc3\x28"));          // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("caf\xe9"));           // latin1, not converted
}

TEST(AppendUtf8, EncodesEveryLengthAndDecodesBack) {
  for (uint32_t cp : {0x41U, 0xE9U, 0x20ACU, 0x1F600U, 0x10FFFFU}) {
    std::string text;
    AppendUtf8(cp, &text);
    uint32_t decoded = 0;
    EXPECT_EQ(DecodeUtf8At(text, 0, &decoded), text.size());
    EXPECT_EQ(decoded, cp);
  }
}

TEST(AsciiPrefix, StopsAtTheFirstNonAsciiByte) {
  EXPECT_EQ(AsciiPrefix(""), 0U);
  EXPECT_EQ(AsciiPrefix("abcdefghij\xc3\xa9"), 10U);
  EXPECT_EQ(AsciiPrefix("abc"), 3U);
}

}  // namespace
}  // namespace binlake
