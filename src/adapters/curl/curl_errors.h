// How a failed libcurl transfer becomes a Status, as pure functions (no I/O), so that the
// mapping is unit-tested without a server. CurlHttpClient (curl_http_client.h) is the user.
//
// The mapping follows io::HttpClient (io/http_client.h):
//   timeout                                      DeadlineExceeded (retryable)
//   connect/DNS failure, reset, TLS handshake    Unavailable (retryable)
//   certificate not trusted (expired, unknown    FailedPrecondition (not retryable: the same
//     issuer, wrong host name, pinned key)         certificate fails again)
//   CA bundle missing or unreadable              InvalidArgument naming ca_file, or
//                                                  FailedPrecondition for the system's store
//   bad URL or protocol                          InvalidArgument
//   out of memory                                Internal
// Every message names the URL and carries curl's own words.
// Thread-safety: pure functions.
#pragma once

#include <curl/curl.h>

#include <string_view>

#include "binlake/base/status.h"

namespace binlake::adapters {

// InvalidArgument: the CA bundle `ca_file` (the option of that name) cannot be used, because
// of `reason` (e.g. "No such file or directory").
Status CaFileError(std::string_view ca_file, std::string_view reason);

// The Status for curl_easy_perform returning `code` (not CURLE_OK) on a request to `url`.
// `detail` is curl's error buffer (may be empty); `ca_file` is the CA bundle in use, empty for
// the system's store.
Status CurlTransportError(CURLcode code, std::string_view detail, std::string_view url,
                          std::string_view ca_file);

}  // namespace binlake::adapters
