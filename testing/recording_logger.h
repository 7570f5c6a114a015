// RecordingLogger: a Logger that keeps every line in memory so tests can assert on what was
// logged (and that no secret was). Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "binlake/io/logger.h"

namespace binlake::testing {

class RecordingLogger : public io::Logger {
 public:
  struct Line {
    io::LogLevel level;
    std::string text;  // "message key=value key=value"
  };

  bool Enabled(io::LogLevel /*level*/) const override { return true; }
  void Log(io::LogLevel level, std::string_view message,
           std::initializer_list<io::LogField> fields) override {
    std::string text(message);
    for (const auto& field : fields) {
      text += " ";
      text += field.key;
      text += "=";
      text += field.value;
    }
    std::lock_guard lock(mutex_);
    lines_.push_back({level, std::move(text)});
  }

  std::vector<Line> Lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  // All lines joined with '\n', for substring assertions.
  std::string Text() const {
    std::lock_guard lock(mutex_);
    std::string all;
    for (const auto& line : lines_) {
      all += line.text;
      all += '\n';
    }
    return all;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Line> lines_;
};

}  // namespace binlake::testing
