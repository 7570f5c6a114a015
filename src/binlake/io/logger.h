// Logger: structured log lines from core code.
//
// Core code logs through a Logger& it is given (adapters/sys/spdlog_logger.h in production,
// testing/recording_logger.h in tests). A line is a message plus key/value fields (table, key,
// position...). Secrets must never be passed in a message or field.
// Thread-safety: implementations are safe to call from several threads.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace binlake::io {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

struct LogField {
  std::string_view key;
  std::string value;
};

class Logger {
 public:
  virtual ~Logger() = default;
  // True if a line at `level` would be written (lets callers skip building costly fields).
  virtual bool Enabled(LogLevel level) const = 0;
  virtual void Log(LogLevel level, std::string_view message,
                   std::initializer_list<LogField> fields) = 0;

  void Info(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kInfo, message, fields);
  }
  void Warn(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kWarn, message, fields);
  }
  void Error(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kError, message, fields);
  }
  void Debug(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kDebug, message, fields);
  }
};

}  // namespace binlake::io
