#include "binlake/base/crc32.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace binlake {
namespace {

// The definition, one bit at a time: the reference the table-driven code must agree with.
uint32_t BitwiseCrc(uint32_t reflected_polynomial, std::string_view data) {
  uint32_t crc = 0xffffffffU;
  for (char ch : data) {
    crc ^= static_cast<uint8_t>(ch);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 1U) != 0 ? (crc >> 1) ^ reflected_polynomial : crc >> 1;
    }
  }
  return ~crc;
}

constexpr uint32_t kCrc32Polynomial = 0xEDB88320U;
constexpr uint32_t kCrc32cPolynomial = 0x82F63B78U;

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& ch : out) {
    ch = static_cast<char>(static_cast<uint8_t>(rng() & 0xffU));
  }
  return out;
}

TEST(Crc32Test, KnownVectors) {
  EXPECT_EQ(Crc32(""), 0x00000000U);
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926U);
  EXPECT_EQ(Crc32("a"), 0xE8B7BE43U);
  EXPECT_EQ(Crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339U);
  EXPECT_EQ(Crc32(std::string(32, '\0')), 0x190A55ADU);
  EXPECT_EQ(Crc32(std::string(32, '\xff')), 0xFF6CAB0BU);
}

TEST(Crc32cTest, KnownVectors) {
  EXPECT_EQ(Crc32c(""), 0x00000000U);
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283U);
  EXPECT_EQ(Crc32c("a"), 0xC1D04330U);
  // RFC 3720 (iSCSI) appendix B.4 test vectors.
  EXPECT_EQ(Crc32c(std::string(32, '\0')), 0x8A9136AAU);
  EXPECT_EQ(Crc32c(std::string(32, '\xff')), 0x62A8AB43U);
  std::string ascending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
  }
  EXPECT_EQ(Crc32c(ascending), 0x46DD794EU);
}

TEST(Crc32Test, MatchesBitwiseReferenceOnOneMebibyte) {
  const std::string data = RandomBytes(1 << 20, 1);
  EXPECT_EQ(Crc32(data), BitwiseCrc(kCrc32Polynomial, data));
  EXPECT_EQ(Crc32c(data), BitwiseCrc(kCrc32cPolynomial, data));
}

TEST(Crc32Test, MatchesReferenceForEveryShortLengthAndAlignment) {
  const std::string data = RandomBytes(80, 2);
  for (size_t start = 0; start < 8; ++start) {
    for (size_t length = 0; start + length <= data.size(); ++length) {
      const std::string_view piece = std::string_view(data).substr(start, length);
      ASSERT_EQ(Crc32(piece), BitwiseCrc(kCrc32Polynomial, piece)) << start << "+" << length;
      ASSERT_EQ(Crc32c(piece), BitwiseCrc(kCrc32cPolynomial, piece)) << start << "+" << length;
    }
  }
}

TEST(Crc32Test, IncrementalEqualsOneShot) {
  const std::string data = RandomBytes(100'003, 3);
  const uint32_t whole = Crc32(data);
  const uint32_t whole_c = Crc32c(data);
  std::mt19937 rng(4);
  for (int trial = 0; trial < 50; ++trial) {
    uint32_t crc = 0;
    uint32_t crc_c = 0;
    size_t pos = 0;
    while (pos < data.size()) {
      const size_t n = std::min<size_t>(rng() % 5000, data.size() - pos);
      crc = Crc32Update(crc, std::string_view(data).substr(pos, n));
      crc_c = Crc32cUpdate(crc_c, std::string_view(data).substr(pos, n));
      pos += n;
    }
    ASSERT_EQ(crc, whole);
    ASSERT_EQ(crc_c, whole_c);
  }
  EXPECT_EQ(Crc32Update(Crc32("1234"), "56789"), 0xCBF43926U);
  EXPECT_EQ(Crc32cUpdate(Crc32c("12345678"), "9"), 0xE3069283U);
  EXPECT_EQ(Crc32Update(0xCBF43926U, ""), 0xCBF43926U);
}

}  // namespace
}  // namespace binlake
