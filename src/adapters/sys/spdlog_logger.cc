#include "adapters/sys/spdlog_logger.h"

#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <cstdint>
#include <string>
#include <utility>

#include "binlake/base/macros.h"

namespace binlake::adapters {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

spdlog::level::level_enum ToSpdlogLevel(io::LogLevel level) {
  switch (level) {
    case io::LogLevel::kTrace:
      return spdlog::level::trace;
    case io::LogLevel::kDebug:
      return spdlog::level::debug;
    case io::LogLevel::kInfo:
      return spdlog::level::info;
    case io::LogLevel::kWarn:
      return spdlog::level::warn;
    case io::LogLevel::kError:
      return spdlog::level::err;
  }
  return spdlog::level::err;
}

bool IsValidLevel(io::LogLevel level) {
  return level >= io::LogLevel::kTrace && level <= io::LogLevel::kError;
}

void AppendHexByte(std::string* out, uint8_t byte) {
  out->push_back(kHexDigits[byte >> 4]);
  out->push_back(kHexDigits[byte & 0x0f]);
}

// ---- text format ----

bool NeedsQuotes(std::string_view value) {
  if (value.empty()) {
    return true;
  }
  for (char ch : value) {
    const auto byte = static_cast<uint8_t>(ch);
    if (byte <= 0x20 || byte == 0x7f || ch == '"' || ch == '=' || ch == '\\') {
      return true;
    }
  }
  return false;
}

// Appends `text` with control characters (and, when `quoted`, quotes and backslashes) escaped.
void AppendTextEscaped(std::string* out, std::string_view text, bool quoted) {
  for (char ch : text) {
    const auto byte = static_cast<uint8_t>(ch);
    switch (ch) {
      case '\n':
        out->append("\\n");
        continue;
      case '\r':
        out->append("\\r");
        continue;
      case '\t':
        out->append("\\t");
        continue;
      case '"':
      case '\\':
        if (quoted) {
          out->push_back('\\');
        }
        out->push_back(ch);
        continue;
      default:
        break;
    }
    if (byte < 0x20 || byte == 0x7f) {
      out->append("\\x");
      AppendHexByte(out, byte);
    } else {
      out->push_back(ch);
    }
  }
}

void AppendTextValue(std::string* out, std::string_view value) {
  if (!NeedsQuotes(value)) {
    out->append(value);
    return;
  }
  out->push_back('"');
  AppendTextEscaped(out, value, /*quoted=*/true);
  out->push_back('"');
}

// ---- JSON format ----

// The length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 if the bytes there are not one.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto lead = static_cast<uint8_t>(text[i]);
  size_t length = 0;
  uint8_t second_min = 0x80;
  uint8_t second_max = 0xbf;
  if (lead < 0x80) {
    return 1;
  }
  if (lead < 0xc2 || lead > 0xf4) {
    // A stray continuation byte, an overlong two-byte form, or a lead byte beyond U+10FFFF.
    return 0;
  }
  if (lead < 0xe0) {
    length = 2;
  } else if (lead < 0xf0) {
    length = 3;
    if (lead == 0xe0) {
      second_min = 0xa0;  // overlong
    } else if (lead == 0xed) {
      second_max = 0x9f;  // surrogates
    }
  } else {
    length = 4;
    if (lead == 0xf0) {
      second_min = 0x90;  // overlong
    } else if (lead == 0xf4) {
      second_max = 0x8f;  // above U+10FFFF
    }
  }
  if (text.size() - i < length) {
    return 0;
  }
  const auto second = static_cast<uint8_t>(text[i + 1]);
  if (second < second_min || second > second_max) {
    return 0;
  }
  for (size_t k = 2; k < length; ++k) {
    const auto next = static_cast<uint8_t>(text[i + k]);
    if (next < 0x80 || next > 0xbf) {
      return 0;
    }
  }
  return length;
}

void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    const char ch = text[i];
    const auto byte = static_cast<uint8_t>(ch);
    if (byte >= 0x80) {
      const size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out->append("\\ufffd");
        ++i;
      } else {
        out->append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (ch) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out->append("\\u00");
          AppendHexByte(out, byte);
        } else {
          out->push_back(ch);
        }
        break;
    }
    ++i;
  }
  out->push_back('"');
}

Status CheckOptions(const LoggerOptions& options) {
  if (!IsValidLevel(options.level)) {
    return InvalidArgumentError("logger: invalid log level");
  }
  if (options.format != LogFormat::kText && options.format != LogFormat::kJson) {
    return InvalidArgumentError("logger: invalid log format");
  }
  return Status::Ok();
}

}  // namespace

Result<io::LogLevel> ParseLogLevel(std::string_view name) {
  if (name == "trace") {
    return io::LogLevel::kTrace;
  }
  if (name == "debug") {
    return io::LogLevel::kDebug;
  }
  if (name == "info") {
    return io::LogLevel::kInfo;
  }
  if (name == "warn" || name == "warning") {
    return io::LogLevel::kWarn;
  }
  if (name == "error") {
    return io::LogLevel::kError;
  }
  return InvalidArgumentError("unknown log level \"" + std::string(name) +
                              "\" (expected trace, debug, info, warn or error)");
}

Result<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "text") {
    return LogFormat::kText;
  }
  if (name == "json") {
    return LogFormat::kJson;
  }
  return InvalidArgumentError("unknown log format \"" + std::string(name) +
                              "\" (expected text or json)");
}

std::string_view LogLevelName(io::LogLevel level) {
  switch (level) {
    case io::LogLevel::kTrace:
      return "trace";
    case io::LogLevel::kDebug:
      return "debug";
    case io::LogLevel::kInfo:
      return "info";
    case io::LogLevel::kWarn:
      return "warn";
    case io::LogLevel::kError:
      return "error";
  }
  return "unknown";
}

Result<std::unique_ptr<SpdlogLogger>> SpdlogLogger::Make(const LoggerOptions& options) {
  RETURN_IF_ERROR(CheckOptions(options));
  return std::unique_ptr<SpdlogLogger>(
      new SpdlogLogger(options, std::make_shared<spdlog::logger>(
                                    "binlake", std::make_shared<spdlog::sinks::stderr_sink_mt>())));
}

Result<std::unique_ptr<SpdlogLogger>> SpdlogLogger::Make(const LoggerOptions& options,
                                                         std::ostream& out) {
  RETURN_IF_ERROR(CheckOptions(options));
  return std::unique_ptr<SpdlogLogger>(new SpdlogLogger(
      options,
      std::make_shared<spdlog::logger>(
          "binlake", std::make_shared<spdlog::sinks::ostream_sink_mt>(out, /*force_flush=*/true))));
}

SpdlogLogger::SpdlogLogger(LoggerOptions options, std::shared_ptr<spdlog::logger> logger)
    : options_(options), logger_(std::move(logger)) {
  // The timestamp comes from spdlog (the moment of the call, in UTC); %v is the rest of the
  // line, built by Log().
  const char* pattern = options_.format == LogFormat::kJson ? R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ",%v)"
                                                            : "%Y-%m-%dT%H:%M:%S.%fZ %v";
  logger_->set_formatter(
      std::make_unique<spdlog::pattern_formatter>(pattern, spdlog::pattern_time_type::utc, "\n"));
  logger_->set_level(ToSpdlogLevel(options_.level));
}

SpdlogLogger::~SpdlogLogger() {
  logger_->flush();
}

bool SpdlogLogger::Enabled(io::LogLevel level) const {
  return level >= options_.level;
}

void SpdlogLogger::Log(io::LogLevel level, std::string_view message,
                       std::initializer_list<io::LogField> fields) {
  if (!Enabled(level) || !IsValidLevel(level)) {
    return;
  }
  std::string line;
  line.reserve(64 + message.size());
  const std::string_view level_name = LogLevelName(level);
  if (options_.format == LogFormat::kJson) {
    line.append(R"("level":")");
    line.append(level_name);
    line.append(R"(","msg":)");
    AppendJsonString(&line, message);
    for (const io::LogField& field : fields) {
      line.push_back(',');
      AppendJsonString(&line, field.key);
      line.push_back(':');
      AppendJsonString(&line, field.value);
    }
    line.push_back('}');
  } else {
    line.append(level_name);
    line.push_back(' ');
    AppendTextEscaped(&line, message, /*quoted=*/false);
    for (const io::LogField& field : fields) {
      line.push_back(' ');
      AppendTextEscaped(&line, field.key, /*quoted=*/false);
      line.push_back('=');
      AppendTextValue(&line, field.value);
    }
  }
  logger_->log(ToSpdlogLevel(level), spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace binlake::adapters
