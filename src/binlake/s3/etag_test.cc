#include "binlake/s3/etag.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::s3 {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;

TEST(EtagTest, SinglePartIsTheHexMd5) {
  // RFC 1321 test suite.
  EXPECT_EQ(SinglePartEtag(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(SinglePartEtag("abc"), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(EtagTest, MultipartIsTheMd5OfPartMd5sWithTheCount) {
  // Two parts "abc" and "": MD5(bin(md5("abc")) + bin(md5(""))), computed independently with
  // `printf '900150983cd24fb0d6963f7d28e17f72d41d8cd98f00b204e9800998ecf8427e' | xxd -r -p |
  // md5sum`.
  EXPECT_THAT(
      MultipartEtag({"\"900150983cd24fb0d6963f7d28e17f72\"", "d41d8cd98f00b204e9800998ecf8427e"}),
      IsOkAndHolds(std::string("fdf1fdf1567f6942ffe1743f1e72301e-2")));
}

TEST(EtagTest, MultipartRefusesNonMd5PartEtags) {
  EXPECT_THAT(MultipartEtag({}), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(MultipartEtag({"etag-1"}), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(MultipartEtag({"900150983cd24fb0d6963f7d28e17fzz"}),
              StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::s3
