// Mapping S3 HTTP responses to binlake Status codes.
//
//   404 NoSuchKey / no body        NotFound (the key)
//   404 NoSuchBucket               NotFound (the bucket, named)
//   404 NoSuchUpload               NotFound (the multipart upload)
//   412 on a conditional write     AlreadyExists; elsewhere FailedPrecondition
//   403, SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied
//                                  PermissionDenied
//   400 AuthorizationHeaderMalformed, 301 PermanentRedirect
//                                  InvalidArgument with the region hint
//   416                            InvalidArgument (range outside the object)
//   501 NotImplemented             Unimplemented
//   500, 503 SlowDown, other 5xx   Unavailable, retryable
//   other 4xx                      InvalidArgument or FailedPrecondition, never retryable
// Every message names the operation, the object (s3://bucket/key), the endpoint and the S3
// error code. Messages are built only from the context and the response, never from
// credentials; the store additionally scrubs its secret from any message (ScrubSecret).
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>

#include "binlake/base/status.h"
#include "binlake/io/http_client.h"

namespace binlake::s3 {

struct S3ErrorContext {
  std::string_view operation;  // e.g. "PutObject"
  std::string_view endpoint;   // e.g. "http://127.0.0.1:18080"
  std::string_view bucket;
  std::string_view key;      // full key inside the bucket; empty for bucket-level calls
  std::string_view region;   // the configured region, for the region hint
  bool conditional = false;  // the request carried If-None-Match: * (412 means the key exists)
};

// True for 2xx.
inline bool IsSuccess(int http_status) {
  return http_status >= 200 && http_status < 300;
}

// The Status for a non-2xx `response` (or a 2xx whose body is an <Error>).
Status MapS3Error(const S3ErrorContext& context, const io::HttpResponse& response);

// `message` with every occurrence of `secret` replaced by "<redacted>". Empty secrets are
// ignored.
std::string ScrubSecret(std::string message, std::string_view secret);

}  // namespace binlake::s3
