// Fuzz target: a whole binlog stream through the event decoder and the transaction assembler
// (src/binlake/binlog/event_decoder.h, transaction_assembler.h). The input is a binlog file (the
// "\xfe" "bin" magic, then events framed by their event_length, as the seed corpus holds); the
// first event teaches the decoder the format, every later one is decoded (checksums, payloads,
// TABLE_MAP and row images included) and assembled into transactions. Any input must end in a
// value or an error Status: never a crash, a hang or an unbounded allocation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/binlog/event_decoder.h"
#include "binlake/binlog/transaction_assembler.h"

namespace {

using binlake::Status;
using namespace binlake::binlog;  // NOLINT(google-build-using-namespace): fuzz harness

class NullHandler : public TransactionHandler {
 public:
  Status OnBegin(const TransactionBegin&) override { return Status::Ok(); }
  Status OnRows(const Event&, const RowsEventData&) override { return Status::Ok(); }
  Status OnStatement(const Statement&) override { return Status::Ok(); }
  Status OnCommit(const TransactionCommit&) override { return Status::Ok(); }
  Status OnDiscard(const TransactionDiscard&) override { return Status::Ok(); }
  Status OnXaOutcome(const XaOutcome&) override { return Status::Ok(); }
};

// A small bound, so that a fuzzed payload length cannot make the decoder allocate much.
constexpr uint64_t kMaxFuzzEventBytes = uint64_t{1} << 22;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.starts_with(binlake::io::kBinlogMagic)) {
    return 0;
  }
  DecoderOptions options;
  options.max_event_bytes = kMaxFuzzEventBytes;
  EventDecoder decoder(options);
  NullHandler handler;
  TransactionAssembler assembler(handler);
  size_t offset = binlake::io::kBinlogMagic.size();
  while (input.size() - offset >= binlake::io::kMinBinlogEventLength) {
    binlake::ByteReader length_reader(input.substr(offset + binlake::io::kBinlogEventLengthOffset));
    const uint32_t length = *length_reader.ReadU32Le();
    if (length < binlake::io::kMinBinlogEventLength || length > input.size() - offset) {
      return 0;
    }
    const binlake::io::RawBinlogEvent raw{input.substr(offset, length), "fuzz-bin.000001", offset};
    if (!decoder.Decode(raw, [&](const Event& event) { return assembler.Process(event); }).ok()) {
      return 0;
    }
    offset += length;
  }
  (void)assembler.Finish();
  return 0;
}
