// Fuzz target for ByteReader: the input is both the program and the data. Each step reads an
// opcode byte and performs the read it selects on the rest of the input (or on a sub-reader of
// it), then checks the reader's contract:
//   * a successful read advances the position by exactly the bytes it decoded;
//   * a failed read returns Corruption and leaves the position unchanged;
//   * a fixed-width read fails exactly when fewer bytes than its width remain;
//   * values decoded from ULEB128, zigzag, integers and floats re-encode (ByteWriter) to bytes
//     that decode to the same value;
//   * CRC-32 / CRC-32C computed incrementally over a split equals the one-shot value.
// A broken invariant aborts, which libFuzzer (or the replay driver) reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include "binlake/base/byte_reader.h"
#include "binlake/base/byte_writer.h"
#include "binlake/base/crc32.h"
#include "binlake/base/status.h"
#include "binlake/base/varint.h"

namespace binlake {
namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxSteps = 4096;

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "byte_reader_fuzzer: invariant broken: %s\n", what);
    std::abort();
  }
}

// Checks the contract of one read of a `width`-byte value that started at `before`.
template <typename T>
void CheckFixed(const ByteReader& reader, size_t before, size_t width, const Result<T>& result) {
  if (result.ok()) {
    Check(reader.position() == before + width, "fixed read advanced by its width");
  } else {
    Check(result.status().code() == StatusCode::kCorruption, "fixed read fails with Corruption");
    Check(reader.position() == before, "failed fixed read consumes nothing");
    Check(reader.remaining() < width, "fixed read fails only when input is short");
  }
}

void CheckStatus(const ByteReader& reader, size_t before, const Status& status) {
  if (!status.ok()) {
    Check(status.code() == StatusCode::kCorruption, "read fails with Corruption");
    Check(reader.position() == before, "failed read consumes nothing");
  }
}

template <typename T, size_t kWidth>
void FixedStep(ByteReader& reader, Result<T> (ByteReader::*read)(std::string_view),
               void (ByteWriter::*write)(T)) {
  const size_t before = reader.position();
  const std::string_view expected_bytes = reader.Rest().substr(0, kWidth);
  Result<T> result = (reader.*read)("fuzz");
  CheckFixed(reader, before, kWidth, result);
  if (result.ok()) {
    ByteWriter writer;
    (writer.*write)(*result);
    Check(writer.data() == expected_bytes, "fixed-width value re-encodes to the same bytes");
  }
}

void Run(ByteReader& reader, int depth, int& steps);

void Step(ByteReader& reader, uint8_t opcode, int depth, int& steps) {
  const size_t before = reader.position();
  switch (opcode % 26) {
    case 0:
      FixedStep<uint8_t, 1>(reader, &ByteReader::ReadU8, &ByteWriter::WriteU8);
      break;
    case 1:
      FixedStep<uint16_t, 2>(reader, &ByteReader::ReadU16Le, &ByteWriter::WriteU16Le);
      break;
    case 2:
      FixedStep<uint16_t, 2>(reader, &ByteReader::ReadU16Be, &ByteWriter::WriteU16Be);
      break;
    case 3:
      FixedStep<uint32_t, 3>(reader, &ByteReader::ReadU24Le, &ByteWriter::WriteU24Le);
      break;
    case 4:
      FixedStep<uint32_t, 3>(reader, &ByteReader::ReadU24Be, &ByteWriter::WriteU24Be);
      break;
    case 5:
      FixedStep<uint32_t, 4>(reader, &ByteReader::ReadU32Le, &ByteWriter::WriteU32Le);
      break;
    case 6:
      FixedStep<uint32_t, 4>(reader, &ByteReader::ReadU32Be, &ByteWriter::WriteU32Be);
      break;
    case 7:
      FixedStep<uint64_t, 6>(reader, &ByteReader::ReadU48Le, &ByteWriter::WriteU48Le);
      break;
    case 8:
      FixedStep<uint64_t, 6>(reader, &ByteReader::ReadU48Be, &ByteWriter::WriteU48Be);
      break;
    case 9:
      FixedStep<uint64_t, 8>(reader, &ByteReader::ReadU64Le, &ByteWriter::WriteU64Le);
      break;
    case 10:
      FixedStep<uint64_t, 8>(reader, &ByteReader::ReadU64Be, &ByteWriter::WriteU64Be);
      break;
    case 11:
      FixedStep<int32_t, 3>(reader, &ByteReader::ReadI24Le, &ByteWriter::WriteI24Le);
      break;
    case 12:
      FixedStep<int32_t, 3>(reader, &ByteReader::ReadI24Be, &ByteWriter::WriteI24Be);
      break;
    case 13:
      FixedStep<int64_t, 8>(reader, &ByteReader::ReadI64Le, &ByteWriter::WriteI64Le);
      break;
    case 14:
      FixedStep<float, 4>(reader, &ByteReader::ReadFloatLe, &ByteWriter::WriteFloatLe);
      break;
    case 15:
      FixedStep<double, 8>(reader, &ByteReader::ReadDoubleBe, &ByteWriter::WriteDoubleBe);
      break;
    case 16: {
      Result<uint64_t> value = reader.ReadUleb128("fuzz");
      CheckStatus(reader, before, value.status());
      if (value.ok()) {
        const size_t consumed = reader.position() - before;
        Check(consumed >= 1 && consumed <= kMaxUleb128Bytes, "uleb128 length in range");
        Check(Uleb128Size(*value) <= consumed, "canonical uleb128 is never longer");
        ByteWriter writer;
        writer.WriteUleb128(*value);
        ByteReader again(writer.data());
        Result<uint64_t> decoded = again.ReadUleb128();
        Check(decoded.ok() && *decoded == *value && again.AtEnd(), "uleb128 round trip");
      }
      break;
    }
    case 17: {
      Result<int64_t> value = reader.ReadZigZag64("fuzz");
      CheckStatus(reader, before, value.status());
      if (value.ok()) {
        ByteWriter writer;
        writer.WriteZigZag64(*value);
        Result<int64_t> decoded = ByteReader(writer.data()).ReadZigZag64();
        Check(decoded.ok() && *decoded == *value, "zigzag64 round trip");
      }
      break;
    }
    case 18: {
      Result<int32_t> value = reader.ReadZigZag32("fuzz");
      CheckStatus(reader, before, value.status());
      if (value.ok()) {
        ByteWriter writer;
        writer.WriteZigZag32(*value);
        Result<int32_t> decoded = ByteReader(writer.data()).ReadZigZag32();
        Check(decoded.ok() && *decoded == *value, "zigzag32 round trip");
      }
      break;
    }
    case 19: {
      // A length byte, then that many bytes.
      Result<uint8_t> length = reader.ReadU8("length");
      if (!length.ok()) {
        break;
      }
      const size_t after_length = reader.position();
      Result<std::string_view> bytes = reader.ReadBytes(*length, "fuzz");
      CheckStatus(reader, after_length, bytes.status());
      Check(!bytes.ok() || bytes->size() == *length, "ReadBytes returns n bytes");
      break;
    }
    case 20: {
      Result<uint16_t> length = reader.ReadU16Le("length");
      if (!length.ok()) {
        break;
      }
      const size_t after_length = reader.position();
      CheckStatus(reader, after_length, reader.Skip(*length, "fuzz"));
      break;
    }
    case 21: {
      // A length byte, then a nested run of steps bounded to that many bytes.
      Result<uint8_t> length = reader.ReadU8("length");
      if (!length.ok() || depth >= kMaxDepth) {
        break;
      }
      const size_t after_length = reader.position();
      Result<ByteReader> sub = reader.SubReader(*length, "fuzz");
      CheckStatus(reader, after_length, sub.status());
      if (sub.ok()) {
        Check(sub->size() == *length, "sub-reader has the requested size");
        Check(sub->base_offset() == reader.base_offset() + after_length, "sub-reader offset");
        Run(*sub, depth + 1, steps);
      }
      break;
    }
    case 22: {
      Result<uint8_t> peeked = reader.PeekU8();
      CheckStatus(reader, before, peeked.status());
      Check(reader.position() == before, "peek consumes nothing");
      const size_t n = opcode % 8U;
      Result<std::string_view> bytes = reader.PeekBytes(n);
      Check(reader.position() == before, "peek consumes nothing");
      Check(bytes.ok() == (reader.remaining() >= n), "peek fails only when short");
      break;
    }
    case 23: {
      // Seek forward by a byte's worth (never backward, so the run always ends).
      Result<uint8_t> delta = reader.ReadU8("delta");
      if (!delta.ok()) {
        break;
      }
      const size_t from = reader.position();
      const Status status = reader.Seek(from + *delta, "fuzz");
      CheckStatus(reader, from, status);
      Check(status.ok() == (from + *delta <= reader.size()), "seek fails only past the end");
      break;
    }
    case 24: {
      const Status status = reader.ExpectEnd("fuzz");
      Check(status.ok() == reader.AtEnd(), "ExpectEnd agrees with AtEnd");
      break;
    }
    case 25: {
      const std::string_view rest = reader.Rest();
      const size_t split = rest.size() / 2;
      Check(Crc32Update(Crc32(rest.substr(0, split)), rest.substr(split)) == Crc32(rest),
            "incremental CRC-32");
      Check(Crc32cUpdate(Crc32c(rest.substr(0, split)), rest.substr(split)) == Crc32c(rest),
            "incremental CRC-32C");
      break;
    }
    default:
      break;
  }
}

void Run(ByteReader& reader, int depth, int& steps) {
  while (!reader.AtEnd() && steps < kMaxSteps) {
    ++steps;
    Result<uint8_t> opcode = reader.ReadU8("opcode");
    Check(opcode.ok(), "opcode read succeeds when not at end");
    Step(reader, *opcode, depth, steps);
  }
}

}  // namespace
}  // namespace binlake

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  binlake::ByteReader reader(std::span<const uint8_t>(data, size), /*base_offset=*/0);
  int steps = 0;
  binlake::Run(reader, /*depth=*/0, steps);
  return 0;
}
