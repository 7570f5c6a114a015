// ChangeFileWriter and ReadChangeFile: write → read round trips in Parquet, CSV and CSV.gz,
// the same rows reading back as the same text from every format, deterministic bytes, golden
// files, stats, and the reader's errors on malformed files.
#include "binlake/staging/change_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "binlake/parquet/reader.h"
#include "binlake/staging/change_file_reader.h"
#include "binlake/staging/test_table.h"
#include "testing/status_matchers.h"

namespace binlake::staging {
namespace {

using ::binlake::staging::testing::SmallRow;
using ::binlake::staging::testing::SmallRowText;
using ::binlake::staging::testing::SmallTable;
using ::binlake::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

StagingFileOptions Options(FileFormat format, FileCompression compression) {
  StagingFileOptions options;
  options.format = format;
  options.compression = compression;
  return options;
}

StagingFileOptions Csv() {
  return Options(FileFormat::kCsv, FileCompression::kNone);
}

std::string WriteLoad(const StagingFileOptions& options, int64_t rows) {
  io::StringSink sink;
  auto writer = ChangeFileWriter::Make(SmallTable(), FileKind::kLoad, options, &sink);
  EXPECT_THAT(writer, ::binlake::testing::IsOk());
  for (int64_t i = 0; i < rows; ++i) {
    EXPECT_THAT((*writer)->AppendLoadRow(SmallRow(i)), ::binlake::testing::IsOk());
  }
  EXPECT_THAT((*writer)->Finish(), ::binlake::testing::IsOk());
  return sink.Release();
}

// I 0, U 0 -> key 100 (before key 0), D 1.
std::string WriteCdc(const StagingFileOptions& options, ChangeFileStats* stats = nullptr) {
  io::StringSink sink;
  auto writer = ChangeFileWriter::Make(SmallTable(), FileKind::kCdc, options, &sink);
  EXPECT_THAT(writer, ::binlake::testing::IsOk());
  std::vector<mysql::Value> moved = SmallRow(0);
  moved[0] = int64_t{100};
  const std::vector<mysql::Value> before = {int64_t{0}};
  EXPECT_THAT((*writer)->AppendChange(ChangeOp::kInsert, SmallRow(0), {7, 1'000'001, "gtid:1", {}}),
              ::binlake::testing::IsOk());
  EXPECT_THAT((*writer)->AppendChange(ChangeOp::kUpdate, moved, {8, 1'000'002, "gtid:2", before}),
              ::binlake::testing::IsOk());
  EXPECT_THAT((*writer)->AppendChange(ChangeOp::kDelete, SmallRow(1), {9, 1'000'002, "gtid:2", {}}),
              ::binlake::testing::IsOk());
  auto finished = (*writer)->Finish();
  EXPECT_THAT(finished, ::binlake::testing::IsOk());
  if (stats != nullptr && finished.ok()) {
    *stats = *finished;
  }
  return sink.Release();
}

Result<std::vector<StagedRow>> Read(std::string bytes, FileKind kind,
                                    const StagingFileOptions& options) {
  io::StringSource source(std::move(bytes), "test.file");
  return ReadChangeFile(SmallTable(), kind, options.format, options.compression, &source);
}

std::vector<std::vector<Cell>> CellsOf(const std::vector<StagedRow>& rows) {
  std::vector<std::vector<Cell>> cells;
  for (const StagedRow& row : rows) {
    cells.push_back(row.cells);
  }
  return cells;
}

TEST(ChangeFileTest, LoadFilesReadBackAsCanonicalTextInEveryFormat) {
  std::vector<std::vector<Cell>> expected;
  for (int64_t i = 0; i < 30; ++i) {
    expected.push_back(SmallRowText(i));
  }
  for (const StagingFileOptions& options :
       {Options(FileFormat::kParquet, FileCompression::kZstd),
        Options(FileFormat::kParquet, FileCompression::kSnappy),
        Options(FileFormat::kParquet, FileCompression::kGzip),
        Options(FileFormat::kParquet, FileCompression::kNone), Csv(),
        Options(FileFormat::kCsv, FileCompression::kGzip)}) {
    ASSERT_OK_AND_ASSIGN(auto rows, Read(WriteLoad(options, 30), FileKind::kLoad, options));
    EXPECT_EQ(CellsOf(rows), expected);
    for (const StagedRow& row : rows) {
      EXPECT_EQ(row.op, ChangeOp::kInsert);
      EXPECT_FALSE(row.change_seq.has_value());
      EXPECT_FALSE(row.commit_micros.has_value());
      EXPECT_FALSE(row.txn.has_value());
      EXPECT_THAT(row.before_key, ElementsAre(std::nullopt));
    }
  }
}

TEST(ChangeFileTest, DmsMappingReadsBackAsTheSameText) {
  StagingFileOptions options;
  options.parquet_types.mode = parquet::TypeMappingMode::kDms;
  ASSERT_OK_AND_ASSIGN(auto dms, Read(WriteLoad(options, 6), FileKind::kLoad, options));
  ASSERT_OK_AND_ASSIGN(auto exact, Read(WriteLoad({}, 6), FileKind::kLoad, {}));
  EXPECT_EQ(CellsOf(dms), CellsOf(exact));
}

TEST(ChangeFileTest, ManyRowsSpanSeveralBatchesAndEqualAcrossFormats) {
  const StagingFileOptions parquet;
  ASSERT_OK_AND_ASSIGN(auto from_parquet,
                       Read(WriteLoad(parquet, 10000), FileKind::kLoad, parquet));
  ASSERT_OK_AND_ASSIGN(auto from_csv, Read(WriteLoad(Csv(), 10000), FileKind::kLoad, Csv()));
  ASSERT_EQ(from_parquet.size(), 10000u);
  EXPECT_EQ(CellsOf(from_parquet), CellsOf(from_csv));
}

TEST(ChangeFileTest, CdcRowsCarryOpMetadataAndBeforeKey) {
  for (const StagingFileOptions& options : {StagingFileOptions{}, Csv()}) {
    ChangeFileStats stats;
    const std::string bytes = WriteCdc(options, &stats);
    EXPECT_EQ(stats.rows, 3u);
    EXPECT_EQ(stats.inserts, 1u);
    EXPECT_EQ(stats.updates, 1u);
    EXPECT_EQ(stats.deletes, 1u);
    EXPECT_EQ(stats.bytes, bytes.size());
    ASSERT_OK_AND_ASSIGN(auto rows, Read(bytes, FileKind::kCdc, options));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].op, ChangeOp::kInsert);
    EXPECT_EQ(rows[1].op, ChangeOp::kUpdate);
    EXPECT_EQ(rows[2].op, ChangeOp::kDelete);
    EXPECT_EQ(rows[1].cells[0], "100");
    EXPECT_EQ(rows[1].change_seq, 8);
    EXPECT_EQ(rows[1].commit_micros, 1'000'002);
    EXPECT_EQ(rows[1].txn, "gtid:2");
    EXPECT_THAT(rows[1].before_key, ElementsAre("0"));
    EXPECT_THAT(rows[0].before_key, ElementsAre(std::nullopt));
    EXPECT_EQ(rows[2].cells, SmallRowText(1));
  }
}

TEST(ChangeFileTest, CsvRecordsFollowTheDmsDefaults) {
  const std::string csv = WriteCdc(Csv());
  EXPECT_THAT(csv, ::testing::StartsWith("I,0,plain,-12.50,0.1,2026-11-25 15:30:12.345,"));
  EXPECT_THAT(csv, HasSubstr(",7,1970-01-01 00:00:01.000001,gtid:1,\n"));
  EXPECT_THAT(csv, HasSubstr(",8,1970-01-01 00:00:01.000002,gtid:2,0\n"));
  EXPECT_THAT(csv, HasSubstr("D,1,\"a \"\"quoted\"\", multi\nline\r\ntext \xC3\xA9\","));
}

TEST(ChangeFileTest, IncludeOpForFullLoadAddsOpI) {
  StagingFileOptions options = Csv();
  options.include_op_for_full_load = true;
  const std::string csv = WriteLoad(options, 3);
  EXPECT_THAT(csv, ::testing::StartsWith("I,0,"));
  EXPECT_THAT(csv, HasSubstr("\nI,2,\"\",,,,,,,,,,,,,,\n"));
  ASSERT_OK_AND_ASSIGN(auto rows, Read(csv, FileKind::kLoad, options));
  EXPECT_EQ(CellsOf(rows)[2], SmallRowText(2));
}

TEST(ChangeFileTest, EstimatedBytesTracksTheFileSize) {
  for (const StagingFileOptions& options : {StagingFileOptions{}, Csv()}) {
    io::StringSink sink;
    ASSERT_OK_AND_ASSIGN(auto writer,
                         ChangeFileWriter::Make(SmallTable(), FileKind::kLoad, options, &sink));
    for (int64_t i = 0; i < 9000; ++i) {
      ASSERT_OK(writer->AppendLoadRow(SmallRow(i)));
    }
    const uint64_t estimate = writer->EstimatedBytes();
    ASSERT_OK_AND_ASSIGN(const ChangeFileStats stats, writer->Finish());
    EXPECT_EQ(stats.bytes, sink.data().size());
    EXPECT_EQ(stats.rows, 9000u);
    EXPECT_EQ(stats.inserts, 9000u);
    // Rows not yet encoded count uncompressed, so the estimate is high, but not by much.
    EXPECT_GE(estimate, stats.bytes / 2);
    EXPECT_LE(estimate, stats.bytes * 8);
  }
}

TEST(ChangeFileTest, KeylessTablesHaveNoBeforeKeyColumns) {
  mysql::TableSchema keyless = SmallTable();
  keyless.primary_key.clear();
  for (const StagingFileOptions& options : {StagingFileOptions{}, Csv()}) {
    for (const FileKind kind : {FileKind::kLoad, FileKind::kCdc}) {
      io::StringSink sink;
      ASSERT_OK_AND_ASSIGN(auto writer, ChangeFileWriter::Make(keyless, kind, options, &sink));
      if (kind == FileKind::kLoad) {
        ASSERT_OK(writer->AppendLoadRow(SmallRow(0)));
      } else {
        ASSERT_OK(writer->AppendChange(ChangeOp::kDelete, SmallRow(0), {1, 2, "t", {}}));
        ASSERT_OK(writer->AppendChange(ChangeOp::kInsert, SmallRow(1), {2, 2, "t", {}}));
      }
      ASSERT_OK(writer->Finish().status());
      io::StringSource source(sink.Release(), "keyless");
      ASSERT_OK_AND_ASSIGN(
          auto rows, ReadChangeFile(keyless, kind, options.format, options.compression, &source));
      ASSERT_FALSE(rows.empty());
      EXPECT_EQ(rows.back().cells, SmallRowText(kind == FileKind::kLoad ? 0 : 1));
      EXPECT_TRUE(rows.back().before_key.empty());
    }
  }
}

TEST(ChangeFileTest, SameInputSameBytes) {
  for (const StagingFileOptions& options :
       {StagingFileOptions{}, Csv(), Options(FileFormat::kCsv, FileCompression::kGzip)}) {
    EXPECT_EQ(WriteLoad(options, 5000), WriteLoad(options, 5000));
    EXPECT_EQ(WriteCdc(options), WriteCdc(options));
  }
}

// The exact bytes of a small LOAD file and a CDC file (Parquet, uncompressed; CSV). Regenerate
// deliberately with BINLAKE_UPDATE_GOLDEN=1, after checking the Parquet file with DuckDB.
TEST(ChangeFileTest, GoldenFiles) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"items_load.parquet", WriteLoad(Options(FileFormat::kParquet, FileCompression::kNone), 6)},
      {"items_cdc.parquet", WriteCdc(Options(FileFormat::kParquet, FileCompression::kNone))},
      {"items_cdc.csv", WriteCdc(Csv())},
  };
  for (const auto& [name, bytes] : files) {
    const std::string path = std::string(BINLAKE_STAGING_TESTDATA) + "/" + name;
    if (std::getenv("BINLAKE_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(path, std::ios::binary) << bytes;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(bytes, golden.str()) << name;
  }
}

TEST(ChangeFileTest, WriterRejectsMisuse) {
  io::StringSink sink;
  ASSERT_OK_AND_ASSIGN(auto load, ChangeFileWriter::Make(SmallTable(), FileKind::kLoad, {}, &sink));
  EXPECT_THAT(load->AppendChange(ChangeOp::kInsert, SmallRow(0), {}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("LOAD")));
  EXPECT_THAT(load->AppendLoadRow(std::vector<mysql::Value>{int64_t{1}}),
              StatusIs(StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(auto cdc, ChangeFileWriter::Make(SmallTable(), FileKind::kCdc, {}, &sink));
  EXPECT_THAT(cdc->AppendChange(ChangeOp::kUpdate, SmallRow(0), {}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("before-key")));
  EXPECT_THAT(ChangeFileWriter::Make(SmallTable(), FileKind::kLoad,
                                     Options(FileFormat::kCsv, FileCompression::kZstd), &sink),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("CSV")));
  ASSERT_OK_AND_ASSIGN(auto done, ChangeFileWriter::Make(SmallTable(), FileKind::kLoad, {}, &sink));
  ASSERT_OK(done->Finish().status());
  EXPECT_THAT(done->AppendLoadRow(SmallRow(0)), StatusIs(StatusCode::kFailedPrecondition));
}

TEST(ChangeFileReaderTest, MalformedCsvNamesFileLineAndField) {
  const std::string good = WriteCdc(Csv());
  const std::string first_line = good.substr(0, good.find('\n') + 1);
  struct Case {
    std::string csv;
    std::string message;
  };
  for (const Case& c : {
           Case{first_line + "I,1,\"open", "line 2, field 3: a quoted field is not closed"},
           Case{"I,1,2\n", "line 1: 3 fields, want 17"},
           Case{"X" + first_line.substr(1), "line 1: Op is \"X\""},
           Case{first_line.substr(0, first_line.size() - 1),
                "line 1, field 17: the last record does not end"},
           Case{"I,\"a\"b\n", "line 1, field 2: bytes after the closing quote"},
           Case{"I,a\"b\n", "line 1, field 2: a '\"' inside an unquoted field"},
           Case{"I,a\rb\n", "line 1, field 2: a '\\r' not followed"},
       }) {
    EXPECT_THAT(Read(c.csv, FileKind::kCdc, Csv()),
                StatusIs(StatusCode::kCorruption, HasSubstr("test.file: " + c.message)))
        << c.csv;
  }
  std::string bad_seq = first_line;
  bad_seq.replace(bad_seq.find(",7,"), 3, ",x7,");
  EXPECT_THAT(Read(bad_seq, FileKind::kCdc, Csv()),
              StatusIs(StatusCode::kCorruption, HasSubstr("_binlake_change_seq \"x7\"")));
}

TEST(ChangeFileReaderTest, ParquetOfAnotherTableIsCorruption) {
  mysql::TableSchema other = SmallTable();
  other.columns[1].name = "title";
  io::StringSource source(WriteLoad({}, 2), "other.parquet");
  EXPECT_THAT(
      ReadChangeFile(other, FileKind::kLoad, FileFormat::kParquet, FileCompression::kNone, &source),
      StatusIs(StatusCode::kCorruption, HasSubstr("column 2 `name` differs")));
  io::StringSource load_as_cdc(WriteLoad({}, 2), "load.parquet");
  EXPECT_THAT(ReadChangeFile(SmallTable(), FileKind::kCdc, FileFormat::kParquet,
                             FileCompression::kNone, &load_as_cdc),
              StatusIs(StatusCode::kCorruption, HasSubstr("load.parquet")));
  io::StringSource garbage("not parquet", "garbage.parquet");
  EXPECT_THAT(ReadChangeFile(SmallTable(), FileKind::kLoad, FileFormat::kParquet,
                             FileCompression::kNone, &garbage),
              ::testing::Not(::binlake::testing::IsOk()));
  EXPECT_THAT(Read("not gzip", FileKind::kLoad, Options(FileFormat::kCsv, FileCompression::kGzip)),
              StatusIs(StatusCode::kCorruption, HasSubstr("test.file")));
}

}  // namespace
}  // namespace binlake::staging
