// CurlHttpClient: io::HttpClient over libcurl easy handles.
//
// Each Send() borrows an easy handle from a small pool (so connections are kept alive and
// reused) and returns it afterwards; handles beyond the pool size are closed. TLS peer and
// host verification are always on, redirects are not followed, only http and https are
// allowed, and no signal handlers are used (CURLOPT_NOSIGNAL). Request bodies are sent from
// memory; HEAD uses CURLOPT_NOBODY; response header names are lower-cased. libcurl's global
// initialisation runs once, the first time a client is made. Certificates are checked against
// CurlOptions::ca_file when set, else against the system's CA store.
// Errors follow io::HttpClient, mapped as curl_errors.h describes: Unavailable (connect, DNS,
// reset, TLS handshake), DeadlineExceeded (timeouts), FailedPrecondition (certificate not
// trusted; not retryable), InvalidArgument (bad URL or method, unusable ca_file).
// Thread-safety: Send() may be called from any number of threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/io/http_client.h"

namespace binlake::adapters {

struct CurlOptions {
  int64_t connect_timeout_ms = 5000;
  int64_t request_timeout_ms = 60000;  // whole exchange
  size_t max_idle_handles = 8;         // handles (and their connections) kept for reuse
  // PEM file of the CA certificates trusted for https (CURLOPT_CAINFO), e.g. a private CA of
  // a MinIO or Ceph server. Empty: the system's CA store.
  std::string ca_file;
};

class CurlHttpClient : public io::HttpClient {
 public:
  // Initialises libcurl (once per process). Internal if libcurl cannot be initialised;
  // InvalidArgument naming the file if `options.ca_file` is set but cannot be opened (whether
  // it holds usable certificates shows on the first https request).
  static Result<std::unique_ptr<CurlHttpClient>> Make(const CurlOptions& options);

  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;
  ~CurlHttpClient() override;

  Result<io::HttpResponse> Send(const io::HttpRequest& request) override;

 private:
  explicit CurlHttpClient(const CurlOptions& options) : options_(options) {}

  void* AcquireHandle();
  void ReleaseHandle(void* handle);

  const CurlOptions options_;
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles, guarded by mutex_
};

}  // namespace binlake::adapters
