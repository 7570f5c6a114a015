// SpdlogLogger: the production io::Logger, writing one line per entry through spdlog.
//
// Two formats:
//   text: `2024-05-01T12:00:00.123456Z info message key=value key="a value"`
//         (values are quoted, with \" \\ \n \r \t and \xNN escapes, when they are empty or
//         contain spaces, quotes, '=', backslashes or control characters; control characters in
//         the message are escaped the same way, so an entry is always exactly one line)
//   json: `{"ts":"2024-05-01T12:00:00.123456Z","level":"info","msg":"message","key":"value"}`
//         (one object per line; every field value is a JSON string; strings are escaped per
//         RFC 8259 and bytes that are not valid UTF-8 become U+FFFD, so every line parses)
// Timestamps are UTC with microseconds. Level names: trace, debug, info, warn, error.
// Entries below the configured level are dropped (and Enabled() says so).
//
// Each instance owns its own spdlog logger and sink; nothing is registered in spdlog's global
// registry and spdlog's default logger is never touched. Output goes to stderr unless a stream is
// given (tests). The stderr sink flushes after every line.
//
// Thread-safety: Log and Enabled may be called from any number of threads at once; lines are
// never interleaved.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/io/logger.h"

namespace spdlog {
class logger;
}  // namespace spdlog

namespace binlake::adapters {

enum class LogFormat { kText, kJson };

struct LoggerOptions {
  io::LogLevel level = io::LogLevel::kInfo;
  LogFormat format = LogFormat::kText;
};

// "trace", "debug", "info", "warn" (or "warning"), "error"; InvalidArgument otherwise.
Result<io::LogLevel> ParseLogLevel(std::string_view name);
// "text" or "json"; InvalidArgument otherwise.
Result<LogFormat> ParseLogFormat(std::string_view name);
// The lower-case name used in log lines, e.g. "warn".
std::string_view LogLevelName(io::LogLevel level);

class SpdlogLogger final : public io::Logger {
 public:
  // A logger writing to stderr. InvalidArgument when an option is out of range.
  static Result<std::unique_ptr<SpdlogLogger>> Make(const LoggerOptions& options);
  // A logger writing to `out` (not owned; must outlive the logger), flushed after every line.
  static Result<std::unique_ptr<SpdlogLogger>> Make(const LoggerOptions& options,
                                                    std::ostream& out);

  SpdlogLogger(const SpdlogLogger&) = delete;
  SpdlogLogger& operator=(const SpdlogLogger&) = delete;
  ~SpdlogLogger() override;

  bool Enabled(io::LogLevel level) const override;
  void Log(io::LogLevel level, std::string_view message,
           std::initializer_list<io::LogField> fields) override;

 private:
  SpdlogLogger(LoggerOptions options, std::shared_ptr<spdlog::logger> logger);

  const LoggerOptions options_;
  const std::shared_ptr<spdlog::logger> logger_;  // spdlog's API hands loggers out as shared_ptr
};

}  // namespace binlake::adapters
