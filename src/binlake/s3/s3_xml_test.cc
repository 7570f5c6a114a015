#include "binlake/s3/s3_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace binlake::s3 {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;

constexpr std::string_view kListPage = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name><Prefix>p/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
  <IsTruncated>true</IsTruncated>
  <Contents><Key>p/a&amp;b.txt</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>
    <ETag>&quot;0123abcd&quot;</ETag><Size>42</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>p/&#233;t&#xE9;</Key><ETag>"ff-2"</ETag><Size>0</Size></Contents>
  <NextContinuationToken>bWFueS9rMTAwMA==</NextContinuationToken>
</ListBucketResult>)";

TEST(S3XmlTest, ParsesListBucketResult) {
  ASSERT_OK_AND_ASSIGN(ListObjectsResult result, ParseListBucketResult(kListPage));
  ASSERT_EQ(result.objects.size(), 2u);
  EXPECT_EQ(result.objects[0].key, "p/a&b.txt");
  EXPECT_EQ(result.objects[0].size, 42u);
  EXPECT_EQ(result.objects[0].etag, "0123abcd");
  EXPECT_EQ(result.objects[1].key, "p/\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(result.objects[1].etag, "ff-2");
  EXPECT_TRUE(result.is_truncated);
  EXPECT_EQ(result.next_continuation_token, "bWFueS9rMTAwMA==");
}

TEST(S3XmlTest, ParsesAnEmptyLastPage) {
  ASSERT_OK_AND_ASSIGN(ListObjectsResult result,
                       ParseListBucketResult("<ListBucketResult><IsTruncated>false</IsTruncated>"
                                             "<KeyCount>0</KeyCount></ListBucketResult>"));
  EXPECT_TRUE(result.objects.empty());
  EXPECT_FALSE(result.is_truncated);
}

TEST(S3XmlTest, EveryTruncationOfAListIsCorruptionNotACrash) {
  for (size_t length = 0; length < kListPage.size(); ++length) {
    Result<ListObjectsResult> result = ParseListBucketResult(kListPage.substr(0, length));
    EXPECT_THAT(result, StatusIs(StatusCode::kCorruption)) << "length " << length;
  }
}

TEST(S3XmlTest, MalformedInputIsCorruption) {
  for (std::string_view bad :
       {"", "   ", "not xml", "<a>", "<a></b>", "<a><b></a></b>", "<a>&bogus;</a>", "<a>&#0;</a>",
        "<a>&#xD800;</a>", "<a x=\"1></a>", "<a></a><b></b>", "<a>&amp</a>",
        "<!-- only a comment -->", "<a><![CDATA[x</a>"}) {
    EXPECT_THAT(ParseXml(bad), StatusIs(StatusCode::kCorruption)) << bad;
  }
}

TEST(S3XmlTest, DeepNestingIsRefused) {
  std::string deep;
  for (int i = 0; i < kMaxXmlDepth + 1; ++i) {
    deep += "<a>";
  }
  for (int i = 0; i < kMaxXmlDepth + 1; ++i) {
    deep += "</a>";
  }
  EXPECT_THAT(ParseXml(deep), StatusIs(StatusCode::kCorruption));
}

TEST(S3XmlTest, ToleratesAttributesCommentsCdataAndPrefixes) {
  ASSERT_OK_AND_ASSIGN(XmlElement root,
                       ParseXml("<?xml version='1.0'?><!-- c --><s3:R a='x>' b=\"y\">"
                                "<K><![CDATA[<raw>]]></K><E/><!-- c2 --></s3:R>"));
  EXPECT_EQ(root.name, "R");
  EXPECT_EQ(root.ChildText("K"), "<raw>");
  ASSERT_NE(root.Child("E"), nullptr);
  EXPECT_EQ(root.Child("missing"), nullptr);
}

TEST(S3XmlTest, ListWithBadFieldsIsCorruption) {
  EXPECT_THAT(ParseListBucketResult("<ListBucketResult><Contents><Key>k</Key><Size>-1</Size>"
                                    "</Contents></ListBucketResult>"),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ParseListBucketResult("<ListBucketResult><Contents><Size>1</Size></Contents>"
                                    "</ListBucketResult>"),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ParseListBucketResult("<ListBucketResult><IsTruncated>true</IsTruncated>"
                                    "</ListBucketResult>"),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ParseListBucketResult("<Error><Code>NoSuchBucket</Code></Error>"),
              StatusIs(StatusCode::kCorruption));
}

TEST(S3XmlTest, ParsesErrorBody) {
  ASSERT_OK_AND_ASSIGN(
      S3ErrorBody error,
      ParseErrorXml("<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>"
                    "AuthorizationHeaderMalformed</Code><Message>the region 'eu-west-1' is "
                    "wrong; expecting 'us-east-1'</Message><Region>us-east-1</Region>"
                    "<RequestId>tx1</RequestId></Error>"));
  EXPECT_EQ(error.code, "AuthorizationHeaderMalformed");
  EXPECT_EQ(error.region, "us-east-1");
  EXPECT_THAT(error.message, ::testing::HasSubstr("eu-west-1"));
  EXPECT_THAT(ParseErrorXml("<Error><Message>m</Message></Error>"),
              StatusIs(StatusCode::kCorruption));
}

TEST(S3XmlTest, ParsesMultipartResults) {
  EXPECT_THAT(ParseInitiateMultipartUploadResult(
                  "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                  "<UploadId>VXBsb2FkIElE</UploadId></InitiateMultipartUploadResult>"),
              IsOkAndHolds(std::string("VXBsb2FkIElE")));
  EXPECT_THAT(ParseInitiateMultipartUploadResult("<InitiateMultipartUploadResult>"
                                                 "</InitiateMultipartUploadResult>"),
              StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ParseCompleteMultipartUploadResult(
                  "<CompleteMultipartUploadResult><ETag>&quot;abc-3&quot;</ETag>"
                  "</CompleteMultipartUploadResult>"),
              IsOkAndHolds(std::string("abc-3")));
  EXPECT_THAT(ParseCompleteMultipartUploadResult("<Error><Code>InternalError</Code></Error>"),
              StatusIs(StatusCode::kCorruption));
}

TEST(S3XmlTest, BuildsCompleteMultipartUploadBody) {
  EXPECT_EQ(CompleteMultipartUploadXml({{1, "\"a\""}, {2, "b"}}),
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;a&quot;</ETag>"
            "</Part><Part><PartNumber>2</PartNumber><ETag>b</ETag></Part>"
            "</CompleteMultipartUpload>");
  EXPECT_EQ(XmlEscape("<&>'\""), "&lt;&amp;&gt;&apos;&quot;");
  EXPECT_EQ(UnquoteEtag("W/\"x\""), "x");
  EXPECT_EQ(UnquoteEtag("\""), "\"");
}

}  // namespace
}  // namespace binlake::s3
