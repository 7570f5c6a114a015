#include "adapters/sys/spdlog_logger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "testing/status_matchers.h"

namespace binlake::adapters {
namespace {

using ::binlake::testing::IsOkAndHolds;
using ::binlake::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

// "2024-05-01T12:00:00.123456Z"
constexpr char kTimestampRegex[] =
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z";
constexpr size_t kTimestampLength = 27;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::unique_ptr<SpdlogLogger> MakeLogger(io::LogLevel level, LogFormat format, std::ostream& out) {
  Result<std::unique_ptr<SpdlogLogger>> logger =
      SpdlogLogger::Make(LoggerOptions{.level = level, .format = format}, out);
  EXPECT_TRUE(logger.ok()) << logger.status();
  return std::move(logger).value();
}

TEST(SpdlogLoggerTest, TextLineHasTimestampLevelMessageAndFields) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kInfo, LogFormat::kText, out);
  logger->Info("uploaded file", {{"key", "a/b.parquet"}, {"rows", "42"}});
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_THAT(lines[0], MatchesRegex(std::string(kTimestampRegex) + " .*"));
  EXPECT_EQ(lines[0].substr(kTimestampLength + 1), "info uploaded file key=a/b.parquet rows=42");
}

TEST(SpdlogLoggerTest, TextQuotesValuesThatNeedIt) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kTrace, LogFormat::kText, out);
  logger->Warn("two\nlines", {{"table", "my table"},
                              {"empty", ""},
                              {"quote", R"(say "hi")"},
                              {"eq", "a=b"},
                              {"ctl", std::string("a\tb\x01", 4)},
                              {"plain", "x"}});
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].substr(kTimestampLength + 1),
            R"(warn two\nlines table="my table" empty="" quote="say \"hi\"" eq="a=b" )"
            R"(ctl="a\tb\x01" plain=x)");
}

TEST(SpdlogLoggerTest, JsonLineIsOneEscapedObject) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kInfo, LogFormat::kJson, out);
  logger->Error("bad \"row\"\n\\", {{"table", "t\x01"}, {"utf8", "caf\xc3\xa9 \xe2\x82\xac"}});
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1U);
  const std::string& line = lines[0];
  ASSERT_THAT(line, MatchesRegex(std::string("\\{\"ts\":\"") + kTimestampRegex + "\",.*\\}"));
  EXPECT_EQ(line.substr(7 + kTimestampLength),
            R"(","level":"error","msg":"bad \"row\"\n\\","table":"t\u0001",)"
            "\"utf8\":\"caf\xc3\xa9 \xe2\x82\xac\"}");
}

TEST(SpdlogLoggerTest, JsonReplacesInvalidUtf8) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kInfo, LogFormat::kJson, out);
  // A stray continuation byte, a truncated sequence, an overlong '/', a surrogate, and 0xff.
  logger->Info("m", {{"v",
                      "a\x80"
                      "b\xe2\x82"
                      "c\xc0\xaf"
                      "d\xed\xa0\x80"
                      "e\xff"}});
  // A valid four-byte sequence is kept; one above U+10FFFF is not.
  logger->Info("m", {{"ok", "\xf0\x9f\x98\x80"}, {"big", "\xf4\x90\x80\x80"}});
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_THAT(lines[1], HasSubstr("\"ok\":\"\xf0\x9f\x98\x80\","
                                  R"("big":"\ufffd\ufffd\ufffd\ufffd"})"));
  EXPECT_THAT(lines[0],
              HasSubstr(R"("v":"a\ufffdb\ufffd\ufffdc\ufffd\ufffdd\ufffd\ufffd\ufffde\ufffd"})"));
}

TEST(SpdlogLoggerTest, LevelsBelowTheThresholdAreDropped) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kWarn, LogFormat::kText, out);
  EXPECT_FALSE(logger->Enabled(io::LogLevel::kTrace));
  EXPECT_FALSE(logger->Enabled(io::LogLevel::kDebug));
  EXPECT_FALSE(logger->Enabled(io::LogLevel::kInfo));
  EXPECT_TRUE(logger->Enabled(io::LogLevel::kWarn));
  EXPECT_TRUE(logger->Enabled(io::LogLevel::kError));
  logger->Log(io::LogLevel::kTrace, "t", {});
  logger->Debug("d");
  logger->Info("i");
  logger->Warn("w");
  logger->Error("e");
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].substr(kTimestampLength + 1), "warn w");
  EXPECT_EQ(lines[1].substr(kTimestampLength + 1), "error e");
}

TEST(SpdlogLoggerTest, TraceLevelWritesEverything) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kTrace, LogFormat::kJson, out);
  logger->Log(io::LogLevel::kTrace, "t", {});
  logger->Debug("d");
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_THAT(lines[0], HasSubstr(R"("level":"trace","msg":"t"})"));
  EXPECT_THAT(lines[1], HasSubstr(R"("level":"debug","msg":"d"})"));
}

TEST(SpdlogLoggerTest, ConcurrentLinesAreNotInterleaved) {
  std::ostringstream out;
  auto logger = MakeLogger(io::LogLevel::kInfo, LogFormat::kJson, out);
  constexpr int kThreads = 4;
  constexpr int kLinesPerThread = 200;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < kLinesPerThread; ++i) {
        logger->Info("line", {{"thread", std::to_string(t)}, {"i", std::to_string(i)}});
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const std::vector<std::string> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kLinesPerThread));
  for (const std::string& line : lines) {
    ASSERT_THAT(line, MatchesRegex(R"(\{"ts":"[^"]*","level":"info","msg":"line",)"
                                   R"("thread":"[0-9]","i":"[0-9]+"\})"));
  }
}

TEST(SpdlogLoggerTest, InstancesAreIndependent) {
  std::ostringstream a_out;
  std::ostringstream b_out;
  auto a = MakeLogger(io::LogLevel::kInfo, LogFormat::kText, a_out);
  auto b = MakeLogger(io::LogLevel::kError, LogFormat::kJson, b_out);
  a->Info("to a");
  b->Info("dropped by b");
  b->Error("to b");
  EXPECT_EQ(Lines(a_out.str()).size(), 1U);
  ASSERT_EQ(Lines(b_out.str()).size(), 1U);
  EXPECT_THAT(b_out.str(), HasSubstr("to b"));
}

TEST(SpdlogLoggerTest, MakeForStderrSucceeds) {
  Result<std::unique_ptr<SpdlogLogger>> logger = SpdlogLogger::Make(LoggerOptions{});
  ASSERT_TRUE(logger.ok());
  EXPECT_TRUE((*logger)->Enabled(io::LogLevel::kInfo));
  EXPECT_FALSE((*logger)->Enabled(io::LogLevel::kDebug));
}

TEST(SpdlogLoggerTest, RejectsOutOfRangeOptions) {
  std::ostringstream out;
  EXPECT_THAT(SpdlogLogger::Make(LoggerOptions{.level = static_cast<io::LogLevel>(99)}, out),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(SpdlogLogger::Make(LoggerOptions{.format = static_cast<LogFormat>(7)}, out),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(LoggerOptionsTest, ParsesLevelAndFormatNames) {
  EXPECT_THAT(ParseLogLevel("trace"), IsOkAndHolds(io::LogLevel::kTrace));
  EXPECT_THAT(ParseLogLevel("debug"), IsOkAndHolds(io::LogLevel::kDebug));
  EXPECT_THAT(ParseLogLevel("info"), IsOkAndHolds(io::LogLevel::kInfo));
  EXPECT_THAT(ParseLogLevel("warn"), IsOkAndHolds(io::LogLevel::kWarn));
  EXPECT_THAT(ParseLogLevel("warning"), IsOkAndHolds(io::LogLevel::kWarn));
  EXPECT_THAT(ParseLogLevel("error"), IsOkAndHolds(io::LogLevel::kError));
  EXPECT_THAT(ParseLogLevel("INFO"), StatusIs(StatusCode::kInvalidArgument, HasSubstr("INFO")));
  EXPECT_THAT(ParseLogFormat("text"), IsOkAndHolds(LogFormat::kText));
  EXPECT_THAT(ParseLogFormat("json"), IsOkAndHolds(LogFormat::kJson));
  EXPECT_THAT(ParseLogFormat("xml"), StatusIs(StatusCode::kInvalidArgument));
  for (auto level : {io::LogLevel::kTrace, io::LogLevel::kDebug, io::LogLevel::kInfo,
                     io::LogLevel::kWarn, io::LogLevel::kError}) {
    EXPECT_THAT(ParseLogLevel(LogLevelName(level)), IsOkAndHolds(level));
  }
}

}  // namespace
}  // namespace binlake::adapters
