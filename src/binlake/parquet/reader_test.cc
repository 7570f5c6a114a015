// FileReader on damaged input: every prefix and many byte flips of real files give errors (never
// crashes), and hand-built files with impossible counts, sizes and indices give Corruption
// naming the offset; nested schemas give Unimplemented.
#include "binlake/parquet/reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "binlake/base/macros.h"
#include "binlake/io/byte_sink.h"
#include "binlake/io/random_access_source.h"
#include "binlake/parquet/rle_bit_packed.h"
#include "binlake/parquet/writer.h"
#include "testing/bytes.h"
#include "testing/status_matchers.h"

namespace binlake::parquet {
namespace {

using ::binlake::testing::Bytes;
using ::binlake::testing::IsOk;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(BINLAKE_PARQUET_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Opens `file` and reads every row of every column; the first error, or OK.
Status ReadEverything(const std::string& file) {
  io::StringSource source(file);
  ASSIGN_OR_RETURN(auto reader, FileReader::Open(&source));
  ASSIGN_OR_RETURN(auto batches, reader->ReadBatches({}, 100));
  RowBatch batch;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, batches->Next(&batch));
    if (!more) {
      return Status::Ok();
    }
  }
}

MATCHER(IsOkOrDecodeError, "is OK, Corruption or Unimplemented") {
  return arg.ok() || arg.code() == StatusCode::kCorruption ||
         arg.code() == StatusCode::kUnimplemented;
}

TEST(ReaderDamageTest, EveryPrefixOfAFileIsAnError) {
  const std::string file = ReadTestFile("binlake_golden_small.parquet");
  ASSERT_THAT(ReadEverything(file), IsOk());
  for (size_t size = 0; size < file.size(); ++size) {
    SCOPED_TRACE(size);
    EXPECT_THAT(ReadEverything(file.substr(0, size)), StatusIs(StatusCode::kCorruption));
  }
}

TEST(ReaderDamageTest, EveryByteOfASmallFileFlipped) {
  const std::string file = ReadTestFile("binlake_golden_small.parquet");
  for (size_t i = 0; i < file.size(); ++i) {
    for (const int mask : {0x01, 0x80, 0xff}) {
      std::string damaged = file;
      damaged[i] = static_cast<char>(static_cast<uint8_t>(damaged[i]) ^ mask);
      SCOPED_TRACE(i);
      EXPECT_THAT(ReadEverything(damaged), IsOkOrDecodeError());
    }
  }
}

TEST(ReaderDamageTest, RandomDamageToDuckDbFiles) {
  std::mt19937 rng(3);
  for (const char* name : {"duckdb_v2_zstd.parquet", "duckdb_v1_snappy.parquet"}) {
    const std::string file = ReadTestFile(name);
    for (int round = 0; round < 150; ++round) {
      std::string damaged = file;
      for (int flips = 0; flips < 4; ++flips) {
        damaged[rng() % damaged.size()] = static_cast<char>(rng());
      }
      SCOPED_TRACE(round);
      EXPECT_THAT(ReadEverything(damaged), IsOkOrDecodeError());
    }
  }
}

// Builds a one-column file ("v", optional INT32 unless given) from hand-made pages.
class HandMadeFile {
 public:
  HandMadeFile() = default;
  HandMadeFile(PhysicalType type, Repetition repetition) : type_(type), repetition_(repetition) {}

  void AddPage(PageHeader header, const std::string& body) {
    header.compressed_page_size = static_cast<int32_t>(body.size());
    if (header.uncompressed_page_size == 0) {
      header.uncompressed_page_size = static_cast<int32_t>(body.size());
    }
    EncodePageHeader(header, &pages_);
    pages_.append(body);
  }

  std::string Build(int64_t rows, std::vector<SchemaElement> leaves = {}) const {
    if (leaves.empty()) {
      SchemaElement leaf;
      leaf.type = type_;
      leaf.repetition_type = repetition_;
      leaf.name = "v";
      leaves.push_back(leaf);
    }
    FileMetaData metadata;
    SchemaElement root;
    root.name = "schema";
    root.num_children = static_cast<int32_t>(leaves.size());
    metadata.schema.push_back(root);
    metadata.schema.insert(metadata.schema.end(), leaves.begin(), leaves.end());
    metadata.num_rows = rows;
    RowGroup group;
    group.num_rows = rows;
    ColumnChunk chunk;
    ColumnMetaData meta;
    meta.type = type_;
    meta.path_in_schema = {"v"};
    meta.num_values = rows;
    meta.total_compressed_size = static_cast<int64_t>(pages_.size());
    meta.total_uncompressed_size = meta.total_compressed_size;
    meta.data_page_offset = 4;
    chunk.meta_data = meta;
    group.columns.push_back(chunk);
    metadata.row_groups.push_back(group);
    std::string file(kParquetMagic);
    file.append(pages_);
    AppendFooter(metadata, &file);
    return file;
  }

 private:
  PhysicalType type_ = PhysicalType::kInt32;
  Repetition repetition_ = Repetition::kOptional;
  std::string pages_;
};

PageHeader DataPage(int32_t num_values, Encoding encoding) {
  PageHeader header;
  header.type = PageType::kDataPage;
  DataPageHeader data;
  data.num_values = num_values;
  data.encoding = encoding;
  header.data_page_header = data;
  return header;
}

// Definition levels (all 1) for `count` rows, length-prefixed.
std::string AllPresentLevels(size_t count) {
  std::string levels;
  const std::vector<uint8_t> ones(count, 1);
  EncodeRleBitPacked(std::span<const uint8_t>(ones), 1, &levels);
  std::string body(4, '\0');
  body[0] = static_cast<char>(levels.size());
  return body + levels;
}

// INT96 timestamps (legacy Spark/Hive/DMS): nanoseconds of the day, then the Julian day.
TEST(ReaderTest, Int96TimestampsAreReadRaw) {
  HandMadeFile file(PhysicalType::kInt96, Repetition::kRequired);
  std::string values;
  values += Bytes({0x60, 0xe3, 0x16, 0, 0, 0, 0, 0, 0x8c, 0x3d, 0x25, 0x00});  // 1.5 ms, 2440588
  values += Bytes({0, 0, 0, 0, 0, 0, 0, 0, 0x8d, 0x3d, 0x25, 0x00});           // 0 ns, 2440589
  file.AddPage(DataPage(2, Encoding::kPlain), values);
  const std::string bytes = file.Build(2);
  io::StringSource source(bytes);
  ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(&source));
  EXPECT_EQ(reader->schema()[0].physical_type, PhysicalType::kInt96);
  ASSERT_OK_AND_ASSIGN(const RowBatch batch, reader->ReadRowGroup(0));
  ASSERT_EQ(batch.column(0).int96s().size(), 2U);
  EXPECT_EQ(Int96ToUnixMicros(batch.column(0).int96s()[0]), 1500);
  EXPECT_EQ(Int96ToUnixMicros(batch.column(0).int96s()[1]), 86400000000);
}

TEST(ReaderDamageTest, DictionaryIndexOutOfRange) {
  HandMadeFile file;
  PageHeader dictionary;
  dictionary.type = PageType::kDictionaryPage;
  dictionary.dictionary_page_header = DictionaryPageHeader{2, Encoding::kPlain, std::nullopt};
  file.AddPage(dictionary, std::string("\x01\x00\x00\x00\x02\x00\x00\x00", 8));
  std::string body = AllPresentLevels(3);
  body.push_back(2);  // bit width
  const std::vector<uint32_t> indices = {0, 1, 3};
  EncodeRleBitPacked(std::span<const uint32_t>(indices), 2, &body);
  file.AddPage(DataPage(3, Encoding::kRleDictionary), body);
  EXPECT_THAT(ReadEverything(file.Build(3)),
              StatusIs(StatusCode::kCorruption, HasSubstr("dictionary index 3")));
}

TEST(ReaderDamageTest, DictionaryEncodedPageWithoutDictionary) {
  HandMadeFile file;
  file.AddPage(DataPage(1, Encoding::kRleDictionary), AllPresentLevels(1) + "\x01\x02\x00");
  EXPECT_THAT(ReadEverything(file.Build(1)),
              StatusIs(StatusCode::kCorruption, HasSubstr("without a dictionary page")));
}

TEST(ReaderDamageTest, HugeValueCountInATinyPage) {
  HandMadeFile file;
  // Levels: one RLE run claiming a billion NULLs in 6 bytes.
  file.AddPage(DataPage(1000000000, Encoding::kPlain),
               std::string("\x06\x00\x00\x00\x80\xa8\xd6\xb9\x07\x00", 10));
  EXPECT_THAT(ReadEverything(file.Build(1000000000)),
              StatusIs(StatusCode::kCorruption, HasSubstr("values in a page")));
}

TEST(ReaderDamageTest, PageLargerThanItsChunk) {
  HandMadeFile file;
  PageHeader header = DataPage(1, Encoding::kPlain);
  header.uncompressed_page_size = 1000;
  file.AddPage(header, AllPresentLevels(1) + std::string("\x07\x00\x00\x00", 4));
  std::string bytes = file.Build(1);
  EXPECT_THAT(ReadEverything(bytes), StatusIs(StatusCode::kCorruption, HasSubstr("offset")));
}

TEST(ReaderDamageTest, ValuesShorterThanTheirCount) {
  HandMadeFile file;
  file.AddPage(DataPage(3, Encoding::kPlain),
               AllPresentLevels(3) + std::string("\x07\x00\x00\x00", 4));
  EXPECT_THAT(ReadEverything(file.Build(3)),
              StatusIs(StatusCode::kCorruption, HasSubstr("page at offset 4")));
}

TEST(ReaderDamageTest, ChunkRowsFewerThanTheRowGroup) {
  HandMadeFile file;
  file.AddPage(DataPage(1, Encoding::kPlain),
               AllPresentLevels(1) + std::string("\x07\x00\x00\x00", 4));
  EXPECT_THAT(ReadEverything(file.Build(2)),
              StatusIs(StatusCode::kCorruption, HasSubstr("column chunk ends")));
  EXPECT_THAT(ReadEverything(file.Build(1)), IsOk());
}

TEST(ReaderDamageTest, ChunkPastTheEndOfTheData) {
  HandMadeFile file;
  file.AddPage(DataPage(1, Encoding::kPlain),
               AllPresentLevels(1) + std::string("\x07\x00\x00\x00", 4));
  std::string bytes = file.Build(1);
  // Cut the page off but keep a valid footer by rebuilding with an empty page list.
  HandMadeFile empty;
  const std::string truncated = empty.Build(1);
  EXPECT_THAT(ReadEverything(truncated), StatusIs(StatusCode::kCorruption));
  EXPECT_THAT(ReadEverything(bytes), IsOk());
}

TEST(ReaderDamageTest, FooterLongerThanTheLimit) {
  const std::string file = ReadTestFile("binlake_golden_small.parquet");
  io::StringSource source(file);
  ReaderOptions options;
  options.max_footer_size = 16;
  EXPECT_THAT(FileReader::Open(&source, options).status(),
              StatusIs(StatusCode::kCorruption, HasSubstr("exceeds the limit 16")));
}

TEST(ReaderDamageTest, NestedSchemasAreUnimplemented) {
  SchemaElement group;
  group.name = "g";
  group.repetition_type = Repetition::kOptional;
  group.num_children = 1;
  SchemaElement leaf;
  leaf.type = PhysicalType::kInt32;
  leaf.repetition_type = Repetition::kRepeated;
  leaf.name = "v";
  HandMadeFile file;
  file.AddPage(DataPage(0, Encoding::kPlain), "");
  const std::string bytes = file.Build(0, {group, leaf});
  io::StringSource source(bytes);
  EXPECT_THAT(FileReader::Open(&source).status(),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("nested column 'g'")));
}

TEST(ReaderDamageTest, DecimalParametersOutOfRange) {
  for (const DecimalType decimal : {DecimalType{-1, 5}, DecimalType{3, 2}, DecimalType{0, 10}}) {
    SchemaElement leaf;
    leaf.type = PhysicalType::kInt32;
    leaf.repetition_type = Repetition::kOptional;
    leaf.name = "v";
    leaf.logical_type = decimal;
    HandMadeFile file;
    file.AddPage(DataPage(0, Encoding::kPlain), "");
    const std::string bytes = file.Build(0, {leaf});
    io::StringSource source(bytes);
    EXPECT_THAT(FileReader::Open(&source).status(),
                StatusIs(StatusCode::kCorruption, HasSubstr("DECIMAL column 'v'")));
  }
}

TEST(ReaderTest, ProjectionErrors) {
  const std::string file = ReadTestFile("binlake_golden_small.parquet");
  io::StringSource source(file);
  ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(&source));
  const std::vector<size_t> repeated = {1, 1};
  EXPECT_THAT(reader->ReadRowGroup(0, repeated).status(), StatusIs(StatusCode::kInvalidArgument));
  const std::vector<size_t> missing = {2};
  EXPECT_THAT(reader->ReadBatches(missing).status(), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(reader->ReadRowGroup(1).status(), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(reader->ReadBatches({}, 0).status(), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace binlake::parquet
