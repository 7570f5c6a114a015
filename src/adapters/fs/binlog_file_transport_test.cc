#include "adapters/fs/binlog_file_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "binlake/base/macros.h"
#include "testing/binlog_events.h"
#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::BinlogFile;
using ::binlake::testing::MakeEvent;
using ::binlake::testing::MakeFormatDescription;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;

class BinlogFileTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/binlog_transport_test.XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Reads every event, returning "offset:length" strings.
  static Result<std::vector<std::string>> ReadAll(io::BinlogTransport& transport) {
    std::vector<std::string> out;
    while (true) {
      ASSIGN_OR_RETURN(std::optional<io::RawBinlogEvent> event, transport.Next());
      if (!event) {
        return out;
      }
      out.push_back(std::to_string(event->offset) + ":" + std::to_string(event->bytes.size()));
    }
  }

  std::string dir_;
};

std::string ThreeEventFile() {
  return BinlogFile({MakeFormatDescription("8.0.32", 1), MakeEvent(16, std::string(8, 'x'), true),
                     MakeEvent(16, std::string(8, 'y'), true)},
                    true);
}

TEST_F(BinlogFileTransportTest, FramesEventsWithOffsetsAndSource) {
  const std::string file = ThreeEventFile();
  ASSERT_OK_AND_ASSIGN(auto transport, BinlogFileTransport::Open(Write("binlog.000007", file)));
  ASSERT_OK_AND_ASSIGN(std::optional<io::RawBinlogEvent> first, transport->Next());
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->source, "binlog.000007");
  EXPECT_EQ(first->offset, 4u);
  EXPECT_EQ(first->bytes, file.substr(4, first->bytes.size()));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rest, ReadAll(*transport));
  const size_t fde = first->bytes.size();
  EXPECT_THAT(rest, ::testing::ElementsAre(std::to_string(4 + fde) + ":31",
                                           std::to_string(4 + fde + 31) + ":31"));
}

TEST_F(BinlogFileTransportTest, StartPositionDeliversTheFormatDescriptionFirst) {
  const std::string file = ThreeEventFile();
  const size_t third = file.size() - 31;
  ASSERT_OK_AND_ASSIGN(auto transport, BinlogFileTransport::Open(Write("b.000001", file), third));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> events, ReadAll(*transport));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].substr(0, 2), "4:");
  EXPECT_EQ(events[1], std::to_string(third) + ":31");
}

TEST_F(BinlogFileTransportTest, RejectsBadMagicAndShortFiles) {
  EXPECT_THAT(BinlogFileTransport::Open(Write("a",
                                              "\xfe"
                                              "bix" +
                                                  std::string(30, '\0'))),
              StatusIs(StatusCode::kCorruption, HasSubstr("bad magic")));
  EXPECT_THAT(BinlogFileTransport::Open(Write("b",
                                              "\xfe"
                                              "b")),
              StatusIs(StatusCode::kCorruption, HasSubstr("not a binlog file")));
  EXPECT_THAT(BinlogFileTransport::Open(dir_ + "/missing"), StatusIs(StatusCode::kNotFound));
}

TEST_F(BinlogFileTransportTest, RejectsStartPositionsOutsideTheFile) {
  const std::string path = Write("c", ThreeEventFile());
  EXPECT_THAT(BinlogFileTransport::Open(path, 2), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(BinlogFileTransport::Open(path, 1u << 20), StatusIs(StatusCode::kInvalidArgument));
}

TEST_F(BinlogFileTransportTest, TruncatedEventNamesFileAndOffset) {
  std::string file = ThreeEventFile();
  file.resize(file.size() - 5);
  ASSERT_OK_AND_ASSIGN(auto transport, BinlogFileTransport::Open(Write("t.000001", file)));
  const std::string expected = "truncated event at offset " + std::to_string(file.size() - 26);
  EXPECT_THAT(ReadAll(*transport),
              StatusIs(StatusCode::kCorruption, AllOf(HasSubstr("t.000001"), HasSubstr(expected))));
  // The error sticks.
  EXPECT_THAT(transport->Next(), StatusIs(StatusCode::kCorruption));
}

TEST_F(BinlogFileTransportTest, TruncatedHeaderAndBadLength) {
  std::string file = ThreeEventFile();
  file.resize(file.size() - 31 + 7);  // 7 bytes of the last header
  ASSERT_OK_AND_ASSIGN(auto transport, BinlogFileTransport::Open(Write("h", file)));
  EXPECT_THAT(ReadAll(*transport),
              StatusIs(StatusCode::kCorruption, HasSubstr("shorter than an event header")));

  std::string bad = ThreeEventFile();
  bad[bad.size() - 31 + 9] = 5;  // event length 5
  bad[bad.size() - 31 + 10] = 0;
  ASSERT_OK_AND_ASSIGN(auto transport2, BinlogFileTransport::Open(Write("l", bad)));
  EXPECT_THAT(ReadAll(*transport2),
              StatusIs(StatusCode::kCorruption, HasSubstr("bad event length 5")));
}

TEST_F(BinlogFileTransportTest, StreamsEventsLargerThanTheReadChunk) {
  const std::string big(BinlogFileTransport::kChunkBytes * 2 + 123, 'z');
  std::vector<std::string> events = {MakeFormatDescription("8.0.32", 0)};
  for (int i = 0; i < 3; ++i) {
    events.push_back(MakeEvent(29, big, false));
  }
  const std::string file = BinlogFile(events, false);
  ASSERT_OK_AND_ASSIGN(auto transport, BinlogFileTransport::Open(Write("big", file)));
  uint64_t expected_offset = 4;
  size_t count = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(std::optional<io::RawBinlogEvent> event, transport->Next());
    if (!event) {
      break;
    }
    EXPECT_EQ(event->offset, expected_offset);
    EXPECT_EQ(event->bytes, std::string_view(file).substr(expected_offset, event->bytes.size()));
    expected_offset += event->bytes.size();
    ++count;
  }
  EXPECT_EQ(count, 4u);
  EXPECT_EQ(expected_offset, file.size());
}

}  // namespace
}  // namespace binlake::adapters
