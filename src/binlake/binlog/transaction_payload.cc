#include "binlake/binlog/transaction_payload.h"

#include <fmt/format.h>
#include <zstd.h>

#include "binlake/base/macros.h"
#include "binlake/binlog/event_bodies.h"

namespace binlake::binlog {
namespace {

// Header field codes (0 is the end mark).
constexpr uint64_t kFieldPayloadSize = 1;
constexpr uint64_t kFieldCompressionType = 2;
constexpr uint64_t kFieldUncompressedSize = 3;

constexpr size_t kInnerHeaderLength = 19;
constexpr size_t kInflateChunk = size_t{64} << 10;
constexpr int kMaxWindowLog = 27;  // 128 MiB: zstd's own default ceiling for streaming

}  // namespace

Result<TransactionPayload> DecodeTransactionPayloadHeader(ByteReader& body) {
  TransactionPayload result;
  bool have_size = false;
  while (true) {
    ASSIGN_OR_RETURN(std::optional<TlvField> field, ReadTlvField(body, "payload field"));
    if (!field) {
      break;
    }
    if (field->type == kFieldPayloadSize) {
      ASSIGN_OR_RETURN(result.header.payload_size,
                       ReadLengthEncodedInt(field->value, "payload size"));
      have_size = true;
    } else if (field->type == kFieldCompressionType) {
      ASSIGN_OR_RETURN(result.header.compression,
                       ReadLengthEncodedInt(field->value, "compression"));
    } else if (field->type == kFieldUncompressedSize) {
      ASSIGN_OR_RETURN(result.header.uncompressed_size,
                       ReadLengthEncodedInt(field->value, "uncompressed size"));
    }
  }
  if (!have_size || result.header.payload_size != body.remaining()) {
    return CorruptionError(fmt::format(
        "TRANSACTION_PAYLOAD at offset {}: payload size {} but {} bytes follow the header",
        body.offset(), have_size ? result.header.payload_size : 0, body.remaining()));
  }
  if (result.header.compression != kPayloadCompressionZstd &&
      result.header.compression != kPayloadCompressionNone) {
    return UnimplementedError(
        fmt::format("TRANSACTION_PAYLOAD compression type {} (binlake "
                    "reads zstd, 0, and none, 255)",
                    result.header.compression));
  }
  ASSIGN_OR_RETURN(result.payload, body.ReadBytes(body.remaining(), "payload"));
  return result;
}

struct PayloadEventReader::Zstd {
  ZSTD_DCtx* context = ZSTD_createDCtx();
  ~Zstd() { ZSTD_freeDCtx(context); }
};

PayloadEventReader::PayloadEventReader() : zstd_(std::make_unique<Zstd>()) {}
PayloadEventReader::~PayloadEventReader() = default;

Status PayloadEventReader::Start(const TransactionPayload& payload, uint64_t max_event_bytes) {
  compressed_ = payload.header.compression == kPayloadCompressionZstd;
  input_ = payload.payload;
  input_position_ = 0;
  inflated_.clear();
  position_ = 0;
  consumed_ = 0;
  expected_size_ = payload.header.uncompressed_size;
  max_event_bytes_ = max_event_bytes;
  input_done_ = !compressed_;
  window_ = compressed_ ? std::string_view() : input_;
  if (compressed_) {
    if (zstd_->context == nullptr) {
      return InternalError("zstd: cannot allocate a decompression context");
    }
    ZSTD_DCtx_reset(zstd_->context, ZSTD_reset_session_and_parameters);
    ZSTD_DCtx_setParameter(zstd_->context, ZSTD_d_windowLogMax, kMaxWindowLog);
  }
  return Status::Ok();
}

Result<bool> PayloadEventReader::InflateMore() {
  if (input_done_) {
    return false;
  }
  if (position_ > 0) {  // drop what was delivered, keep the partial event
    inflated_.erase(0, position_);
    consumed_ += position_;
    position_ = 0;
  }
  const size_t old_size = inflated_.size();
  inflated_.resize(old_size + kInflateChunk);
  ZSTD_inBuffer in{input_.data(), input_.size(), input_position_};
  ZSTD_outBuffer out{inflated_.data() + old_size, kInflateChunk, 0};
  const size_t rc = ZSTD_decompressStream(zstd_->context, &out, &in);
  inflated_.resize(old_size + out.pos);
  input_position_ = in.pos;
  window_ = inflated_;
  if (ZSTD_isError(rc) != 0) {
    return CorruptionError(fmt::format("TRANSACTION_PAYLOAD: zstd: {} at compressed offset {}",
                                       ZSTD_getErrorName(rc), input_position_));
  }
  if (in.pos == in.size && out.pos < kInflateChunk) {
    input_done_ = true;  // all input consumed and the output buffer was not filled
    if (rc != 0) {
      return CorruptionError("TRANSACTION_PAYLOAD: zstd stream is truncated");
    }
  }
  return out.pos > 0 || !input_done_;
}

Result<bool> PayloadEventReader::Buffer(size_t n) {
  while (window_.size() - position_ < n) {
    ASSIGN_OR_RETURN(bool more, InflateMore());
    if (!more) {
      return false;
    }
  }
  return true;
}

Result<std::optional<InnerEvent>> PayloadEventReader::Next() {
  const uint64_t offset = consumed_ + position_;
  ASSIGN_OR_RETURN(bool have_byte, Buffer(1));
  if (!have_byte) {
    if (expected_size_ != 0 && offset != expected_size_) {
      return CorruptionError(
          fmt::format("TRANSACTION_PAYLOAD: {} bytes uncompressed, the header says {}", offset,
                      expected_size_));
    }
    return std::optional<InnerEvent>();
  }
  ASSIGN_OR_RETURN(bool have_header, Buffer(kInnerHeaderLength));
  if (!have_header) {
    return CorruptionError(
        fmt::format("TRANSACTION_PAYLOAD: payload ends inside the event header at payload "
                    "offset {}",
                    offset));
  }
  ByteReader header(window_.substr(position_ + 9, 4), offset + 9);
  ASSIGN_OR_RETURN(uint32_t length, header.ReadU32Le("event length"));
  if (length < kInnerHeaderLength || length > max_event_bytes_) {
    return CorruptionError(fmt::format(
        "TRANSACTION_PAYLOAD: bad event length {} at payload offset {}", length, offset));
  }
  ASSIGN_OR_RETURN(bool have_event, Buffer(length));
  if (!have_event) {
    return CorruptionError(fmt::format(
        "TRANSACTION_PAYLOAD: truncated event at payload offset {} (length {})", offset, length));
  }
  InnerEvent event{window_.substr(position_, length), offset};
  position_ += length;
  return std::optional<InnerEvent>(event);
}

}  // namespace binlake::binlog
