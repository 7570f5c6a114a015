#include "binlake/s3/sigv4.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

namespace binlake::s3 {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kService = "s3";

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Trims both ends and collapses inner runs of spaces to one (the SigV4 header value rule).
std::string NormalizeHeaderValue(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  return out;
}

// Lower-cased, normalized and sorted by name.
std::vector<std::pair<std::string, std::string>> CanonicalHeaders(const io::HttpHeaders& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    out.emplace_back(ToLower(name), NormalizeHeaderValue(value));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string SignedHeaderNames(const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string names;
  for (const auto& header : headers) {
    if (!names.empty()) {
      names += ';';
    }
    names += header.first;
  }
  return names;
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0f];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), &length);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

std::string UriEncode(std::string_view text, bool keep_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out += c;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0f];
  }
  return out;
}

std::string CanonicalQueryString(const QueryParams& params) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(params.size());
  for (const auto& [name, value] : params) {
    encoded.emplace_back(UriEncode(name, false), UriEncode(value, false));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) {
      out += '&';
    }
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string AmzDate(int64_t unix_micros) {
  using std::chrono::days;
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  using std::chrono::sys_days;
  using std::chrono::sys_time;
  sys_time<microseconds> time{microseconds(unix_micros)};
  auto day = std::chrono::floor<days>(time);
  std::chrono::year_month_day date{sys_days(day)};
  std::chrono::hh_mm_ss clock{duration_cast<std::chrono::seconds>(time - day)};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

std::string CanonicalRequest(const SignableRequest& request) {
  auto headers = CanonicalHeaders(*request.headers);
  std::string out;
  out += request.method;
  out += '\n';
  out += request.canonical_uri;
  out += '\n';
  out += request.canonical_query;
  out += '\n';
  for (const auto& [name, value] : headers) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  out += '\n';
  out += SignedHeaderNames(headers);
  out += '\n';
  out += request.payload_sha256;
  return out;
}

std::string StringToSign(std::string_view canonical_request, std::string_view amz_date,
                         std::string_view region) {
  std::string_view date = amz_date.substr(0, 8);
  return fmt::format("{}\n{}\n{}/{}/{}/aws4_request\n{}", kAlgorithm, amz_date, date, region,
                     kService, Sha256Hex(canonical_request));
}

std::string AuthorizationHeader(const SignableRequest& request, const S3Credentials& credentials,
                                std::string_view region, std::string_view amz_date) {
  std::string_view date = amz_date.substr(0, 8);
  std::string key = HmacSha256("AWS4" + credentials.secret_access_key, date);
  key = HmacSha256(key, region);
  key = HmacSha256(key, kService);
  key = HmacSha256(key, "aws4_request");
  std::string string_to_sign = StringToSign(CanonicalRequest(request), amz_date, region);
  std::string signature = HexEncode(HmacSha256(key, string_to_sign));
  return fmt::format("{} Credential={}/{}/{}/{}/aws4_request,SignedHeaders={},Signature={}",
                     kAlgorithm, credentials.access_key_id, date, region, kService,
                     SignedHeaderNames(CanonicalHeaders(*request.headers)), signature);
}

}  // namespace binlake::s3
