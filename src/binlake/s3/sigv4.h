// AWS Signature Version 4 for S3, as pure functions of their inputs (time is passed in).
//
// Spec: "Authenticating Requests: Using the Authorization Header (AWS Signature Version 4)",
// Amazon S3 API reference (sig-v4-header-based-auth). The steps are:
//   CanonicalRequest = method \n canonical URI \n canonical query \n canonical headers \n
//                      signed header names \n hex SHA-256 of the payload
//   StringToSign     = "AWS4-HMAC-SHA256" \n amz-date \n scope \n hex SHA-256(CanonicalRequest)
//   Signature        = hex HMAC(signing key, StringToSign), signing key derived from the secret,
//                      the date, the region and "s3".
// All headers given to the signer are signed; callers pass exactly the headers they send.
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "binlake/io/http_client.h"
#include "binlake/s3/s3_options.h"

namespace binlake::s3 {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Raw (32-byte) HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// Lower-case hex of raw bytes.
std::string HexEncode(std::string_view bytes);

// RFC 3986 percent-encoding with upper-case hex: unreserved characters (A-Z a-z 0-9 - _ . ~)
// stay, everything else becomes %XX. '/' stays when `keep_slash` (object key paths).
std::string UriEncode(std::string_view text, bool keep_slash);

// One query parameter; an empty value is written "name=" (valueless sub-resources such as
// "uploads" must be signed that way).
using QueryParams = std::vector<std::pair<std::string, std::string>>;
// The canonical query string: names and values UriEncode'd (slashes encoded), sorted by
// encoded name then value, joined with '&'. Also the form the URL must carry (curl sends it
// as given).
std::string CanonicalQueryString(const QueryParams& params);

// "20130524T000000Z" for `unix_micros` (UTC). Valid for years 1970..9999.
std::string AmzDate(int64_t unix_micros);

struct SignableRequest {
  std::string_view method;
  std::string_view canonical_uri;    // the encoded path, e.g. "/bucket/a%20b"
  std::string_view canonical_query;  // from CanonicalQueryString
  // Every header that will be sent and must be signed (any case). Must include "host",
  // "x-amz-date" and "x-amz-content-sha256".
  const io::HttpHeaders* headers = nullptr;
  std::string_view payload_sha256;  // hex
};

// The intermediate strings, exposed for tests and for debugging a SignatureDoesNotMatch.
std::string CanonicalRequest(const SignableRequest& request);
std::string StringToSign(std::string_view canonical_request, std::string_view amz_date,
                         std::string_view region);
// The value of the Authorization header. `amz_date` must be the x-amz-date header value.
std::string AuthorizationHeader(const SignableRequest& request, const S3Credentials& credentials,
                                std::string_view region, std::string_view amz_date);

}  // namespace binlake::s3
