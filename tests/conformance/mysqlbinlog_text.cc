#include "tests/conformance/mysqlbinlog_text.h"

#include <fmt/format.h>

#include "tests/conformance/text_util.h"

namespace binlake::conformance {
namespace {

constexpr std::string_view kAt = "# at ";
constexpr std::string_view kEndLogPos = "end_log_pos ";
constexpr std::string_view kColumnPrefix = "###   @";

// "#231114 22:13:20 server id 1  end_log_pos 1357 CRC32 0x4cecb9e4 \tAnnotate_rows:"
bool IsHeaderLine(std::string_view line) {
  return line.size() > 8 && line[0] == '#' && line[7] == ' ' &&
         line.find(" server id ") != std::string_view::npos &&
         line.find(kEndLogPos) != std::string_view::npos;
}

std::optional<ExpectedEvent> ParseHeader(std::string_view line) {
  const size_t pos = line.find(kEndLogPos);
  const size_t tab = line.find('\t');
  if (tab == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view number = line.substr(pos + kEndLogPos.size());
  number = number.substr(0, number.find(' '));
  const std::optional<uint64_t> end = ParseNumber(number);
  if (!end.has_value()) {
    return std::nullopt;
  }
  ExpectedEvent event;
  event.end_log_pos = *end;
  event.description = std::string(line.substr(tab + 1));
  return event;
}

struct RowStatement {
  std::string_view keyword;
};
constexpr RowStatement kRowStatements[] = {{"INSERT INTO"}, {"UPDATE"}, {"DELETE FROM"}};

class Parser {
 public:
  Result<MysqlbinlogText> Run(std::string_view text) {
    const std::vector<std::string_view> lines = SplitLines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (Status status = Line(lines[i]); !status.ok()) {
        return status.WithContext(fmt::format("line {}", i + 1));
      }
    }
    return std::move(out_);
  }

 private:
  Status Line(std::string_view line) {
    if (line.starts_with(kAt)) {
      const std::optional<uint64_t> position = ParseNumber(line.substr(kAt.size()));
      if (!position.has_value()) {
        return InvalidArgumentError(fmt::format("bad position line \"{}\"", line));
      }
      out_.positions.push_back(*position);
      return Status::Ok();
    }
    if (IsHeaderLine(line)) {
      std::optional<ExpectedEvent> event = ParseHeader(line);
      if (!event.has_value()) {
        return InvalidArgumentError(fmt::format("bad header line \"{}\"", line));
      }
      out_.events.push_back(std::move(*event));
      image_ = nullptr;
      return Status::Ok();
    }
    if (!line.starts_with("###")) {
      return Status::Ok();
    }
    return RowLine(line);
  }

  Status RowLine(std::string_view line) {
    if (line.starts_with(kColumnPrefix)) {
      if (image_ == nullptr) {
        return InvalidArgumentError("column line outside a SET/WHERE image");
      }
      const std::string_view rest = line.substr(kColumnPrefix.size());
      const size_t equals = rest.find('=');
      const std::optional<uint64_t> number = ParseNumber(rest.substr(0, equals));
      if (equals == std::string_view::npos || !number.has_value()) {
        return InvalidArgumentError(fmt::format("bad column line \"{}\"", line));
      }
      image_->push_back(SplitColumnLine(static_cast<uint32_t>(*number), rest.substr(equals + 1)));
      return Status::Ok();
    }
    const std::string_view body = line.substr(3);
    if (body == " SET" || body == " WHERE") {
      ExpectedRow* row = CurrentRow();
      if (row == nullptr) {
        return InvalidArgumentError("image outside a row");
      }
      auto& image = body == " SET" ? row->set : row->where;
      image.emplace();
      image_ = &*image;
      return Status::Ok();
    }
    for (const RowStatement& statement : kRowStatements) {
      const std::string prefix = fmt::format(" {} ", statement.keyword);
      if (body.starts_with(prefix)) {
        if (out_.events.empty()) {
          return InvalidArgumentError("row before any event header");
        }
        ExpectedRow row;
        row.statement = std::string(statement.keyword);
        row.table = std::string(body.substr(prefix.size()));
        out_.events.back().rows.push_back(std::move(row));
        image_ = nullptr;
        return Status::Ok();
      }
    }
    return Status::Ok();  // "### " lines we do not use
  }

  ExpectedRow* CurrentRow() {
    if (out_.events.empty() || out_.events.back().rows.empty()) {
      return nullptr;
    }
    return &out_.events.back().rows.back();
  }

  MysqlbinlogText out_;
  std::vector<ExpectedColumn>* image_ = nullptr;
};

}  // namespace

ExpectedColumn SplitColumnLine(uint32_t number, std::string_view after_equals) {
  ExpectedColumn column;
  column.number = number;
  constexpr std::string_view kOpen = " /* ";
  constexpr std::string_view kClose = " */";
  const size_t open = after_equals.rfind(kOpen);
  const bool has_comment = open != std::string_view::npos && after_equals.size() >= kClose.size() &&
                           after_equals.substr(after_equals.size() - kClose.size()) == kClose &&
                           after_equals.find(" meta=", open) != std::string_view::npos;
  if (!has_comment) {
    column.value = std::string(after_equals);
    return column;
  }
  column.value = std::string(after_equals.substr(0, open));
  column.comment = std::string(after_equals.substr(
      open + kOpen.size(), after_equals.size() - open - kOpen.size() - kClose.size()));
  return column;
}

Result<MysqlbinlogText> ParseMysqlbinlogText(std::string_view text) {
  return Parser().Run(text);
}

}  // namespace binlake::conformance
