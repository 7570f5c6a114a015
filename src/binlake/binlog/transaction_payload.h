// TRANSACTION_PAYLOAD_EVENT (MySQL 8.0.20+, binlog_transaction_compression=ON): a header of
// (type, length, value) fields, then the events of one transaction compressed with zstd (or
// stored as-is with compression type NONE), each a whole event with a 19-byte header and no
// checksum.
//
// Contract:
//   DecodeTransactionPayloadHeader reads the header fields (each number length-encoded; unknown
//   fields are skipped by their length) and returns them with the payload bytes, which must be
//   exactly payload_size long. Unknown compression types are Unimplemented.
//   PayloadEventReader streams the inner events out of a payload: memory is the largest inner
//   event plus a fixed decompression window, whatever the uncompressed size. Each inner event is
//   framed by its event_length (checked: >= 19, <= max_event_bytes, within the payload); the
//   total must equal uncompressed_size. zstd errors, truncation and size mismatches are
//   Corruption naming the offset within the uncompressed payload.
// Thread-safety: one thread at a time per reader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/result.h"
#include "binlake/binlog/events.h"

namespace binlake::binlog {

inline constexpr uint64_t kPayloadCompressionZstd = 0;
inline constexpr uint64_t kPayloadCompressionNone = 255;

struct TransactionPayload {
  TransactionPayloadEvent header;
  std::string_view payload;  // borrowed from the event body
};

Result<TransactionPayload> DecodeTransactionPayloadHeader(ByteReader& body);

struct InnerEvent {
  std::string_view bytes;       // valid until the next call to Next() or Start()
  uint64_t payload_offset = 0;  // within the uncompressed payload
};

class PayloadEventReader {
 public:
  PayloadEventReader();
  ~PayloadEventReader();
  PayloadEventReader(const PayloadEventReader&) = delete;
  PayloadEventReader& operator=(const PayloadEventReader&) = delete;

  // Starts on `payload` (borrowed; must outlive the reads).
  Status Start(const TransactionPayload& payload, uint64_t max_event_bytes);
  // The next inner event, or std::nullopt after the last one.
  Result<std::optional<InnerEvent>> Next();

 private:
  // Ensures `n` bytes are buffered at position_; false when the payload ends first.
  Result<bool> Buffer(size_t n);
  Result<bool> InflateMore();

  struct Zstd;
  std::unique_ptr<Zstd> zstd_;
  bool compressed_ = false;
  std::string_view input_;
  size_t input_position_ = 0;
  std::string inflated_;     // uncompressed bytes not yet consumed start at position_
  std::string_view window_;  // what Next() reads from: inflated_ or, uncompressed, the payload
  size_t position_ = 0;
  uint64_t consumed_ = 0;  // uncompressed bytes delivered before window_[0]
  uint64_t expected_size_ = 0;
  uint64_t max_event_bytes_ = 0;
  bool input_done_ = false;
};

}  // namespace binlake::binlog
