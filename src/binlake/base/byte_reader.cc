#include "binlake/base/byte_reader.h"

#include <fmt/format.h>

#include <limits>
#include <string>

namespace binlake {
namespace {

// " (label)" when the caller named the value, otherwise nothing.
std::string Label(std::string_view what) {
  if (what.empty()) {
    return {};
  }
  return fmt::format(" ({})", what);
}

}  // namespace

Result<uint32_t> ByteReader::ReadUleb128U32(std::string_view what) {
  const size_t start = pos_;
  Result<uint64_t> raw = ReadUleb128(what);
  if (!raw.ok()) {
    return raw.status();
  }
  if (*raw > std::numeric_limits<uint32_t>::max()) {
    pos_ = start;
    return CorruptionError(fmt::format("invalid uleb128 at offset {}{}: value {} exceeds 32 bits",
                                       offset(), Label(what), *raw));
  }
  return static_cast<uint32_t>(*raw);
}

Status ByteReader::Seek(size_t position, std::string_view what) {
  if (position > size_) {
    return CorruptionError(fmt::format(
        "seek past the end{}: position {} (offset {}) is beyond the {}-byte window at offset {}",
        Label(what), position, base_offset_ + position, size_, base_offset_));
  }
  pos_ = position;
  return Status::Ok();
}

Status ByteReader::TruncatedError(std::string_view kind, std::string_view what,
                                  size_t needed) const {
  const size_t available = remaining();
  return CorruptionError(fmt::format(
      "truncated input at offset {} reading {}{}: need {} bytes, {} available, {} missing",
      offset(), kind, Label(what), needed, available, needed - available));
}

Status ByteReader::Uleb128Error(Uleb128Problem problem, std::string_view what) const {
  switch (problem) {
    case Uleb128Problem::kTruncated:
      return CorruptionError(fmt::format(
          "truncated input at offset {} reading uleb128{}: the input ends after {} continuation "
          "bytes, at least 1 byte missing",
          offset(), Label(what), remaining()));
    case Uleb128Problem::kTooLong:
      return CorruptionError(fmt::format("invalid uleb128 at offset {}{}: longer than {} bytes",
                                         offset(), Label(what), kMaxUleb128Bytes));
    case Uleb128Problem::kOverflow:
      return CorruptionError(fmt::format("invalid uleb128 at offset {}{}: value exceeds 64 bits",
                                         offset(), Label(what)));
  }
  return InternalError("unknown uleb128 problem");
}

Status ByteReader::TrailingBytesError(std::string_view what) const {
  return CorruptionError(fmt::format("{} unexpected trailing bytes at offset {}{}", remaining(),
                                     offset(), Label(what)));
}

}  // namespace binlake
