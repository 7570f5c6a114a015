// HttpClient: one HTTP/1.1 exchange at a time, as plain values.
//
// The S3 store (s3/) builds and signs requests in pure code and sends them through this
// interface; adapters/curl/curl_http_client.h implements it over libcurl (keep-alive, TLS).
// The client does not retry, follow redirects or interpret status codes: any HTTP response,
// 2xx to 5xx, is a successful Send(). Errors from Send() are transport failures only:
//   Unavailable          connection refused/reset, DNS failure, TLS handshake failure (retryable)
//   DeadlineExceeded     connect or transfer timeout (retryable)
//   FailedPrecondition   the server's TLS certificate is not trusted (not retryable)
//   InvalidArgument      a malformed request (bad URL) or an unusable CA file
// Thread-safety: Send() may be called from several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "binlake/base/result.h"

namespace binlake::io {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "PUT", "POST", "HEAD", "DELETE"
  std::string url;     // absolute, with the query string already in its final (signed) form
  HttpHeaders headers;
  std::string_view body;  // borrowed; must outlive Send()
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // names lower-cased
  std::string body;

  // The first header named `name` (lower-case), or empty.
  std::string_view Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) {
        return value;
      }
    }
    return {};
  }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace binlake::io
