#include "adapters/fs/local_file.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::IsOk;
using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

class LocalFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = fmt::format("{}/binlake-file-test-XXXXXX", tmp ? tmp : "/tmp");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string Path(std::string_view name) const { return fmt::format("{}/{}", dir_, name); }

  std::string dir_;
};

TEST_F(LocalFileTest, SinkWritesWhatSourceReadsBack) {
  ASSERT_OK_AND_ASSIGN(auto sink, LocalFileSink::Create(Path("f")));
  ASSERT_OK(sink->Append("PAR1"));
  ASSERT_OK(sink->Append(std::string("\0middle\xff", 8)));
  ASSERT_OK(sink->Append(""));
  EXPECT_EQ(sink->bytes_written(), 12u);
  ASSERT_OK(sink->Close());
  EXPECT_THAT(sink->Append("x"), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(sink->Close(), StatusIs(StatusCode::kFailedPrecondition));

  ASSERT_OK_AND_ASSIGN(auto source, LocalFileSource::Open(Path("f")));
  EXPECT_THAT(source->Size(), IsOkAndHolds(uint64_t{12}));
  EXPECT_THAT(source->ReadAt(0, 4), IsOkAndHolds("PAR1"));
  EXPECT_THAT(source->ReadAt(4, 8), IsOkAndHolds(std::string("\0middle\xff", 8)));
  EXPECT_THAT(source->ReadAt(12, 0), IsOkAndHolds(""));
  EXPECT_EQ(source->Describe(), Path("f"));
}

TEST_F(LocalFileTest, SourceRefusesRangesPastTheEndBeforeAllocating) {
  ASSERT_OK_AND_ASSIGN(auto sink, LocalFileSink::Create(Path("f")));
  ASSERT_OK(sink->Append("0123456789"));
  ASSERT_OK(sink->Close());
  ASSERT_OK_AND_ASSIGN(auto source, LocalFileSource::Open(Path("f")));
  EXPECT_THAT(source->ReadAt(5, 6),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("past the end of " + Path("f"))));
  EXPECT_THAT(source->ReadAt(11, 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(source->ReadAt(1, UINT64_MAX), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(source->ReadAt(9, 1), IsOkAndHolds("9"));
}

TEST_F(LocalFileTest, CreateTruncatesAnExistingFile) {
  std::ofstream(Path("f")) << "old contents that are longer";
  ASSERT_OK_AND_ASSIGN(auto sink, LocalFileSink::Create(Path("f")));
  ASSERT_OK(sink->Append("new"));
  ASSERT_OK(sink->Close());
  ASSERT_OK_AND_ASSIGN(auto source, LocalFileSource::Open(Path("f")));
  EXPECT_THAT(source->Size(), IsOkAndHolds(uint64_t{3}));
}

TEST_F(LocalFileTest, OpenErrorsNameThePath) {
  EXPECT_THAT(LocalFileSource::Open(Path("missing")),
              StatusIs(StatusCode::kNotFound, HasSubstr(Path("missing"))));
  EXPECT_THAT(LocalFileSource::Open(dir_),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("not a regular file")));
  EXPECT_THAT(LocalFileSink::Create(Path("no/such/dir/f")), StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace binlake::adapters
