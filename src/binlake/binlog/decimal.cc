#include "binlake/binlog/decimal.h"

#include <array>

#include "binlake/base/macros.h"
#include "fmt/format.h"

namespace binlake::binlog {
namespace {

constexpr uint32_t kDigitsPerGroup = 9;
constexpr uint32_t kMaxPrecision = 65;
constexpr uint32_t kMaxScale = 30;
constexpr std::array<uint32_t, 10> kBytesForDigits = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
constexpr std::array<uint32_t, 10> kPowersOfTen = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

bool ValidPrecisionAndScale(uint32_t precision, uint32_t scale) {
  return precision >= 1 && precision <= kMaxPrecision && scale <= kMaxScale && scale <= precision;
}

size_t PartBytes(uint32_t digits) {
  return size_t{digits / kDigitsPerGroup} * 4 + kBytesForDigits[digits % kDigitsPerGroup];
}

// Reads the decimal groups of one part (integer or fraction) from the unmasked bytes.
class GroupReader {
 public:
  GroupReader(const uint8_t* bytes, size_t size) : bytes_(bytes), size_(size) {}

  // Reads a group of `digits` digits (1..9) and appends it zero-padded to `digits` characters.
  Status Append(uint32_t digits, std::string* out) {
    const uint32_t width = kBytesForDigits[digits];
    uint32_t value = 0;
    for (uint32_t i = 0; i < width; ++i) {
      value = (value << 8) | bytes_[pos_ + i];
    }
    if (value >= kPowersOfTen[digits]) {
      return CorruptionError(fmt::format("DECIMAL group at byte {} holds {}, more than {} digits",
                                         pos_, value, digits));
    }
    pos_ += width;
    fmt::format_to(std::back_inserter(*out), "{:0{}}", value, digits);
    return Status::Ok();
  }

  bool Done() const { return pos_ == size_; }

 private:
  const uint8_t* bytes_;
  size_t size_;
  size_t pos_ = 0;
};

// Appends the digits of a part with `digits` digits; the partial group comes first for the
// integer part and last for the fraction.
Status AppendPart(GroupReader& reader, uint32_t digits, bool partial_first, std::string* out) {
  const uint32_t partial = digits % kDigitsPerGroup;
  if (partial_first && partial != 0) {
    RETURN_IF_ERROR(reader.Append(partial, out));
  }
  for (uint32_t i = 0; i < digits / kDigitsPerGroup; ++i) {
    RETURN_IF_ERROR(reader.Append(kDigitsPerGroup, out));
  }
  if (!partial_first && partial != 0) {
    RETURN_IF_ERROR(reader.Append(partial, out));
  }
  return Status::Ok();
}

}  // namespace

size_t DecimalBinarySize(uint32_t precision, uint32_t scale) {
  if (!ValidPrecisionAndScale(precision, scale)) {
    return 0;
  }
  return PartBytes(precision - scale) + PartBytes(scale);
}

Status DecodeDecimalBinary(std::string_view bytes, uint32_t precision, uint32_t scale,
                           std::string* text) {
  const size_t size = DecimalBinarySize(precision, scale);
  if (size == 0) {
    return InvalidArgumentError(fmt::format(
        "invalid DECIMAL({}, {}): precision must be 1..65 and scale 0..30", precision, scale));
  }
  if (bytes.size() != size) {
    return CorruptionError(fmt::format("DECIMAL({}, {}) takes {} bytes, got {}", precision, scale,
                                       size, bytes.size()));
  }
  std::array<uint8_t, 32> unmasked{};
  const bool negative = (static_cast<uint8_t>(bytes[0]) & 0x80) == 0;
  const uint8_t mask = negative ? 0xff : 0x00;
  for (size_t i = 0; i < size; ++i) {
    unmasked[i] = static_cast<uint8_t>(static_cast<uint8_t>(bytes[i]) ^ mask);
  }
  unmasked[0] ^= 0x80;

  text->clear();
  text->push_back('-');
  GroupReader reader(unmasked.data(), size);
  RETURN_IF_ERROR(AppendPart(reader, precision - scale, /*partial_first=*/true, text));
  // Strip the integer part's leading zeros, keeping one digit.
  const size_t first_digit = text->find_first_not_of('0', 1);
  const size_t keep_from = first_digit == std::string::npos ? text->size() : first_digit;
  text->erase(1, keep_from - 1);
  if (text->size() == 1) {
    text->push_back('0');
  }
  if (scale > 0) {
    text->push_back('.');
    RETURN_IF_ERROR(AppendPart(reader, scale, /*partial_first=*/false, text));
  }
  const bool is_zero = text->find_first_of("123456789") == std::string::npos;
  if (!negative || is_zero) {
    text->erase(0, 1);
  }
  return Status::Ok();
}

}  // namespace binlake::binlog
