// S3Options: everything the S3 object store needs besides the bucket and prefix (which come
// from the store URI, store/store_uri.h). Plain values; defaults are the product defaults and
// docs/configuration.md documents each field under the `s3:` key.
#pragma once

#include <cstdint>
#include <string>

namespace binlake::s3 {

struct S3Credentials {
  std::string access_key_id;
  std::string secret_access_key;  // never logged, never in a Status message
  std::string session_token;      // optional (temporary credentials)

  bool empty() const { return access_key_id.empty() && secret_access_key.empty(); }
};

struct RetryOptions {
  int max_attempts = 8;             // total tries per request, including the first
  int64_t initial_backoff_ms = 50;  // first delay; doubles each retry, with full jitter
  int64_t max_backoff_ms = 5000;    // cap on one delay
};

struct S3Options {
  // Endpoint URL, e.g. "https://s3.eu-west-1.amazonaws.com" or "http://127.0.0.1:18080".
  // Empty: AWS, "https://s3.<region>.amazonaws.com".
  std::string endpoint;
  std::string region = "us-east-1";
  // Path-style URLs (endpoint/bucket/key) instead of virtual-hosted (bucket.endpoint/key).
  // Most S3-compatible servers need path style; AWS prefers virtual-hosted.
  bool path_style = false;
  // PEM file of the CA certificates trusted for an https endpoint, e.g. the private CA of a
  // MinIO or Ceph server. Empty: the system's CA store.
  std::string ca_file;
  // Explicit credentials; when empty they are looked up in the environment
  // (AWS_ACCESS_KEY_ID, ...) and then in ~/.aws/credentials under `profile`.
  S3Credentials credentials;
  std::string profile = "default";
  // Objects larger than this are uploaded in parts of `part_size_bytes` (S3 minimum 5 MiB).
  uint64_t multipart_threshold_bytes = 16ull << 20;
  uint64_t part_size_bytes = 8ull << 20;
  int64_t connect_timeout_ms = 5000;
  int64_t request_timeout_ms = 60000;  // whole exchange, per attempt
  RetryOptions retry;
  // Check that the server honours "If-None-Match: *" on PUT when the store opens; without it
  // put-if-absent is not atomic and the store refuses to open (FailedPrecondition).
  bool verify_conditional_put = true;
};

}  // namespace binlake::s3
