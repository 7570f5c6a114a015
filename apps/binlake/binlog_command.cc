#include "binlog_command.h"

#include <fmt/format.h>

#include <memory>
#include <utility>

#include "adapters/fs/binlog_file_transport.h"
#include "adapters/text/iconv_text_converter.h"
#include "binlake/base/macros.h"

namespace binlake::cli {
namespace {

void AddFileArgs(CLI::App& command, BinlogFilesArgs& args) {
  command.add_option("FILE", args.files, "binlog files, in order")->required();
  command.add_option("--start-position", args.start_position,
                     "start at this offset of the first file (an event boundary; default 4)");
  command.add_option("--stop-position", args.stop_position,
                     "stop before the first event at or after this offset of the last file");
}

}  // namespace

Status ForEachBinlogEvent(const BinlogFilesArgs& args, const binlog::EventCallback& on_event) {
  // Legacy multi-byte charsets (gbk, big5, sjis, ...) are converted through iconv.
  const adapters::IconvTextConverter text_converter;
  binlog::DecoderOptions options;
  options.text_converter = &text_converter;
  binlog::EventDecoder decoder(std::move(options));
  for (size_t i = 0; i < args.files.size(); ++i) {
    const uint64_t start = i == 0 ? args.start_position : 4;
    const bool last = i + 1 == args.files.size();
    ASSIGN_OR_RETURN(std::unique_ptr<adapters::BinlogFileTransport> transport,
                     adapters::BinlogFileTransport::Open(args.files[i], start));
    while (true) {
      ASSIGN_OR_RETURN(std::optional<io::RawBinlogEvent> raw, transport->Next());
      if (!raw || (last && args.stop_position != 0 && raw->offset >= args.stop_position)) {
        break;
      }
      RETURN_IF_ERROR(decoder.Decode(*raw, on_event));
    }
  }
  return Status::Ok();
}

void AddBinlogCommand(CLI::App& app, Action& action) {
  CLI::App* group =
      app.add_subcommand("binlog", "Read MySQL/MariaDB binlog files offline (debugging)");
  group->require_subcommand(1);

  auto dump_args = std::make_shared<BinlogFilesArgs>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* dump = group->add_subcommand(
      "dump", "Print every event and its decoded rows (text like mysqlbinlog -vv, or JSON lines)");
  AddFileArgs(*dump, *dump_args);
  dump->add_option("--format", *format, "text (default) or json (one event per line)")
      ->check(CLI::IsMember({"text", "json"}));
  OnSelected(*dump, action, [dump_args, format] { return RunBinlogDump(*dump_args, *format); });

  auto stats_args = std::make_shared<BinlogFilesArgs>();
  CLI::App* stats = group->add_subcommand(
      "stats", "Decode everything and count events per type and rows per table and operation");
  AddFileArgs(*stats, *stats_args);
  OnSelected(*stats, action, [stats_args] { return RunBinlogStats(*stats_args); });
}

}  // namespace binlake::cli
