#include "binlake/store/store_uri.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::store {
namespace {

using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

TEST(StoreUriTest, ParsesFileUris) {
  ASSERT_OK_AND_ASSIGN(StoreUri uri, ParseStoreUri("file:///tmp/lake/"));
  EXPECT_EQ(uri.scheme, StoreScheme::kFile);
  EXPECT_EQ(uri.root, "/tmp/lake");
  EXPECT_EQ(uri.prefix, "");
  EXPECT_EQ(uri.ToString(), "file:///tmp/lake");
}

TEST(StoreUriTest, ParsesS3UrisWithAndWithoutPrefix) {
  ASSERT_OK_AND_ASSIGN(StoreUri bare, ParseStoreUri("s3://my-bucket"));
  EXPECT_EQ(bare.scheme, StoreScheme::kS3);
  EXPECT_EQ(bare.root, "my-bucket");
  EXPECT_EQ(bare.prefix, "");
  EXPECT_EQ(bare.ToString(), "s3://my-bucket");

  ASSERT_OK_AND_ASSIGN(StoreUri prefixed, ParseStoreUri("s3://my.bucket/lake/staging/"));
  EXPECT_EQ(prefixed.root, "my.bucket");
  EXPECT_EQ(prefixed.prefix, "lake/staging/");
  EXPECT_EQ(prefixed.ToString(), "s3://my.bucket/lake/staging");
}

TEST(StoreUriTest, RefusesBadUris) {
  EXPECT_THAT(ParseStoreUri("file://relative/dir"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("absolute path")));
  EXPECT_THAT(ParseStoreUri("gs://bucket"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("unknown scheme")));
  EXPECT_THAT(ParseStoreUri("s3://Bad_Bucket"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("Bad_Bucket")));
  EXPECT_THAT(ParseStoreUri("s3://ab"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseStoreUri("s3://bucket/../etc"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("s3://bucket/../etc")));
}

}  // namespace
}  // namespace binlake::store
