#include "binlake/staging/layout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "testing/status_matchers.h"

namespace binlake::staging {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

// 2026-11-25 15:30:12.345678 UTC
constexpr int64_t kMicros = 1'795'620'612'345'678;

TEST(EncodeNameSegmentTest, OddNamesRoundTrip) {
  const std::vector<std::string> names = {"orders",
                                          "a/b",
                                          "a b",
                                          "..",
                                          ".",
                                          ".hidden",
                                          "\xC3\xA9",
                                          "\xE6\x97\xA5\xE6\x9C\xAC",
                                          "_binlake",
                                          "%",
                                          "50%",
                                          "_binlake2",
                                          "x.y",
                                          "$t-1",
                                          std::string("nul\0x", 5)};
  for (const std::string& name : names) {
    ASSERT_OK_AND_ASSIGN(const std::string segment, EncodeNameSegment(name));
    EXPECT_EQ(segment.find('/'), std::string::npos) << segment;
    EXPECT_NE(segment, ".");
    EXPECT_NE(segment, "..");
    EXPECT_NE(segment, "_binlake");
    EXPECT_THAT(DecodeNameSegment(segment), IsOkAndHolds(name)) << segment;
  }
}

TEST(EncodeNameSegmentTest, Spellings) {
  EXPECT_THAT(EncodeNameSegment("orders"), IsOkAndHolds("orders"));
  EXPECT_THAT(EncodeNameSegment("x.y-z_$1"), IsOkAndHolds("x.y-z_$1"));
  EXPECT_THAT(EncodeNameSegment("a/b c"), IsOkAndHolds("a%2Fb%20c"));
  EXPECT_THAT(EncodeNameSegment(".."), IsOkAndHolds("%2E."));
  EXPECT_THAT(EncodeNameSegment("_binlake"), IsOkAndHolds("%5Fbinlake"));
  EXPECT_THAT(EncodeNameSegment("_binlake_x"), IsOkAndHolds("_binlake_x"));
  EXPECT_THAT(EncodeNameSegment("%"), IsOkAndHolds("%25"));
  EXPECT_THAT(EncodeNameSegment("\xC3\xA9"), IsOkAndHolds("%C3%A9"));
  EXPECT_THAT(EncodeNameSegment(""), StatusIs(StatusCode::kInvalidArgument));
}

TEST(DecodeNameSegmentTest, RejectsMalformedEscapes) {
  for (const char* segment : {"%", "%4", "a%G1", "%2f"}) {
    EXPECT_THAT(DecodeNameSegment(segment),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr("malformed %XX")))
        << segment;
  }
}

TEST(TableFolderTest, EncodesBothNames) {
  EXPECT_THAT(TableFolder("shop", "orders"), IsOkAndHolds("shop/orders/"));
  EXPECT_THAT(TableFolder("my db", "a/b"), IsOkAndHolds("my%20db/a%2Fb/"));
  EXPECT_THAT(TableFolder("", "t"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(LoadFileNameTest, EightUpperCaseHexDigits) {
  StagingFileOptions options;
  EXPECT_EQ(LoadFileName(1, options), "LOAD00000001.parquet");
  EXPECT_EQ(LoadFileName(10, options), "LOAD0000000A.parquet");
  EXPECT_EQ(LoadFileName(16, options), "LOAD00000010.parquet");
  EXPECT_EQ(LoadFileName(0xFFFFFFFF, options), "LOADFFFFFFFF.parquet");
  options.format = FileFormat::kCsv;
  options.compression = FileCompression::kNone;
  EXPECT_EQ(LoadFileName(2, options), "LOAD00000002.csv");
  options.compression = FileCompression::kGzip;
  EXPECT_EQ(LoadFileName(2, options), "LOAD00000002.csv.gz");
}

TEST(CdcFileNameTest, UtcMillisecondsAndDateFolders) {
  StagingFileOptions options;
  EXPECT_EQ(CdcFileName(kMicros, options), "20261125-153012345.parquet");
  EXPECT_EQ(CdcFileName(0, options), "19700101-000000000.parquet");
  struct Case {
    DatePartition partition;
    DatePartitionDelimiter delimiter;
    const char* name;
  };
  for (const Case& c : {
           Case{DatePartition::kYyyymmdd, DatePartitionDelimiter::kSlash, "2026/11/25/"},
           Case{DatePartition::kYyyymmddhh, DatePartitionDelimiter::kSlash, "2026/11/25/15/"},
           Case{DatePartition::kYyyymm, DatePartitionDelimiter::kDash, "2026-11/"},
           Case{DatePartition::kMmyyyydd, DatePartitionDelimiter::kUnderscore, "11_2026_25/"},
           Case{DatePartition::kDdmmyyyy, DatePartitionDelimiter::kNone, "25112026/"},
       }) {
    options.date_partition = c.partition;
    options.date_partition_delimiter = c.delimiter;
    const std::string name = CdcFileName(kMicros, options);
    EXPECT_EQ(name, std::string(c.name) + "20261125-153012345.parquet");
    ASSERT_OK_AND_ASSIGN(const StagingKey key, ParseStagingKey("s/t/" + name));
    EXPECT_EQ(key.cdc_millis, kMicros / 1000) << name;
  }
}

TEST(CdcFileNameTest, NamesSortInTimeOrder) {
  StagingFileOptions options;
  options.date_partition = DatePartition::kYyyymmddhh;
  std::vector<int64_t> times = {
      0, 999, 1000, 59'999'999, 86'400'000'000, kMicros, kMicros + 1000, 4'102'444'800'000'000};
  std::vector<std::string> names;
  for (const int64_t micros : times) {
    names.push_back(CdcFileName(micros, options));
  }
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  std::vector<std::string> loads;
  for (const uint32_t number : {1u, 9u, 10u, 15u, 16u, 255u, 4096u}) {
    loads.push_back(LoadFileName(number, options));
  }
  EXPECT_TRUE(std::is_sorted(loads.begin(), loads.end()));
}

TEST(ParseStagingKeyTest, LoadAndCdcKeys) {
  ASSERT_OK_AND_ASSIGN(StagingKey load, ParseStagingKey("my%20db/a%2Fb/LOAD0000000A.csv.gz"));
  EXPECT_EQ(load.kind, StagingKey::Kind::kLoad);
  EXPECT_EQ(load.schema, "my db");
  EXPECT_EQ(load.table, "a/b");
  EXPECT_EQ(load.load_number, 10u);
  EXPECT_EQ(load.format, FileFormat::kCsv);
  EXPECT_EQ(load.compression, FileCompression::kGzip);

  ASSERT_OK_AND_ASSIGN(StagingKey cdc, ParseStagingKey("shop/orders/20261125-153012345.parquet"));
  EXPECT_EQ(cdc.kind, StagingKey::Kind::kCdc);
  EXPECT_EQ(cdc.cdc_millis, kMicros / 1000);
  EXPECT_EQ(cdc.format, FileFormat::kParquet);
}

TEST(ParseStagingKeyTest, RejectsOtherKeysNamingThem) {
  for (const char* key : {
           "_binlake/checkpoint.json",
           "shop/orders",
           "shop/orders/LOAD00000001.txt",
           "shop/orders/LOAD00000000.parquet",
           "shop/orders/LOAD0000000a.parquet",
           "shop/orders/LOAD000001.parquet",
           "shop/orders/2026/LOAD00000001.parquet",
           "shop/orders/20261325-153012345.parquet",
           "shop/orders/20260229-153012345.parquet",
           "shop/orders/20261125-243012345.parquet",
           "shop/orders/2026/11/24/20261125-153012345.parquet",
           "shop/orders/abc/20261125-153012345.parquet",
           "sh%2fop/orders/LOAD00000001.parquet",
           "sh%6Fp/orders/LOAD00000001.parquet",
           "/orders/LOAD00000001.parquet",
       }) {
    EXPECT_THAT(ParseStagingKey(key), StatusIs(StatusCode::kInvalidArgument, HasSubstr(key)))
        << key;
  }
}

TEST(ParseStagingKeyTest, InverseOfTheNames) {
  StagingFileOptions options;
  options.format = FileFormat::kCsv;
  ASSERT_OK_AND_ASSIGN(const std::string folder, TableFolder("_binlake", ".."));
  ASSERT_OK_AND_ASSIGN(StagingKey key, ParseStagingKey(folder + LoadFileName(77, options)));
  EXPECT_EQ(key.schema, "_binlake");
  EXPECT_EQ(key.table, "..");
  EXPECT_EQ(key.load_number, 77u);
  EXPECT_EQ(key.format, FileFormat::kCsv);
  EXPECT_EQ(key.compression, FileCompression::kNone);
}

}  // namespace
}  // namespace binlake::staging
