#include "binlake/store/object_key.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "testing/status_matchers.h"

namespace binlake::store {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ObjectKeyTest, AcceptsOrdinaryKeys) {
  for (std::string_view key : {"a", "shop/orders/LOAD00000001.parquet",
                               "x/y=1/z+2/%41/ü/with space", ".hidden/x", "a.b/..c/c.."}) {
    EXPECT_THAT(ValidateObjectKey(key), IsOk()) << key;
  }
}

TEST(ObjectKeyTest, RefusesEscapesAndAmbiguousKeys) {
  const std::string with_nul("a\0b", 3);
  struct Case {
    std::string_view key;
    std::string_view reason;
  };
  for (const Case& c : {Case{"", "empty"}, Case{"../../etc/passwd", "'..'"}, Case{"a/../b", "'..'"},
                        Case{"./x", "'.'"}, Case{"a/.", "'.'"}, Case{"/abs", "absolute"},
                        Case{"a//b", "empty path segment"}, Case{"a/", "empty path segment"},
                        Case{with_nul, "NUL"}, Case{"a\\b", "backslash"}}) {
    EXPECT_THAT(ValidateObjectKey(c.key),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(std::string(c.reason))))
        << c.key;
  }
}

TEST(ObjectKeyTest, RefusesOverlongKeysAndEscapesControlBytesInMessages) {
  EXPECT_THAT(ValidateObjectKey(std::string(kMaxObjectKeyBytes + 1, 'k')),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("longer than 1024")));
  EXPECT_THAT(ValidateObjectKey(std::string("x\0y", 3)),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("x\\x00y")));
}

TEST(ObjectKeyTest, ListPrefixMayBeEmptyOrEndInSlash) {
  EXPECT_THAT(ValidateListPrefix(""), IsOk());
  EXPECT_THAT(ValidateListPrefix("shop/"), IsOk());
  EXPECT_THAT(ValidateListPrefix("shop/ord"), IsOk());
  EXPECT_THAT(ValidateListPrefix("../"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::store
