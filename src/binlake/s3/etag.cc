#include "binlake/s3/etag.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

#include "binlake/s3/s3_xml.h"

namespace binlake::s3 {
namespace {

constexpr size_t kMd5Bytes = 16;
using Md5Digest = std::array<unsigned char, kMd5Bytes>;

Md5Digest Md5(std::string_view bytes) {
  Md5Digest digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_md5(), nullptr);
  return digest;
}

std::string Hex(const Md5Digest& digest) {
  std::string hex;
  hex.reserve(2 * kMd5Bytes);
  for (unsigned char byte : digest) {
    hex += fmt::format("{:02x}", byte);
  }
  return hex;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Appends the 16 bytes `hex` encodes; false when it is not 32 hex digits.
bool AppendMd5Bytes(std::string_view hex, std::string* out) {
  if (hex.size() != 2 * kMd5Bytes) {
    return false;
  }
  for (size_t i = 0; i < hex.size(); i += 2) {
    int high = HexDigit(hex[i]);
    int low = HexDigit(hex[i + 1]);
    if (high < 0 || low < 0) {
      return false;
    }
    out->push_back(static_cast<char>(high * 16 + low));
  }
  return true;
}

}  // namespace

std::string SinglePartEtag(std::string_view bytes) {
  return Hex(Md5(bytes));
}

Result<std::string> MultipartEtag(const std::vector<std::string>& part_etags) {
  if (part_etags.empty()) {
    return InvalidArgumentError("a multipart ETag needs at least one part");
  }
  std::string concatenated;
  for (const std::string& etag : part_etags) {
    if (!AppendMd5Bytes(UnquoteEtag(etag), &concatenated)) {
      return InvalidArgumentError(fmt::format("part ETag \"{}\" is not a hex MD5", etag));
    }
  }
  return fmt::format("{}-{}", Hex(Md5(concatenated)), part_etags.size());
}

}  // namespace binlake::s3
