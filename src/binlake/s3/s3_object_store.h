// S3ObjectStore: io::ObjectStore over the S3 REST API (AWS S3 and S3-compatible servers).
//
// All S3 logic is here and in the pure helpers beside it (sigv4.h, s3_request.h, s3_xml.h,
// s3_errors.h, retry_policy.h); the bytes travel through an io::HttpClient
// (adapters/curl/curl_http_client.h in production, a scripted fake in tests). Time comes from
// io::Clock (request dates, back-off sleeps), never from the system.
//
// Layout: every key is stored as `prefix + key` in `bucket` (the prefix comes from the store
// URI, s3://bucket/prefix); List strips the prefix again.
// Requests: path-style (endpoint/bucket/key) or virtual-hosted (bucket.endpoint/key) URLs,
// SigV4 with x-amz-content-sha256 always sent, x-amz-security-token with a session token.
// Retries: retryable failures (transport errors, timeouts, 5xx, 503 SlowDown) are retried per
// S3Options::retry with full-jitter back-off slept on the Clock; 4xx never are. The Status
// that reaches the caller keeps its retryable bit.
// Conditional writes: PutIfAbsent and writers opened with if_absent send If-None-Match: *
// (on PutObject, or on CompleteMultipartUpload for multipart objects); a 412 is
// AlreadyExists. How atomic that is depends on the server (AWS: atomic; the local Swift test
// server: check-then-write). A retried write whose first attempt was applied but whose reply
// was lost sees 412 (or NoSuchUpload for a multipart Complete) on the retry; the store then
// reads the object's ETag and, when it is the ETag of our bytes (MD5, or MD5 of part MD5s),
// reports success instead of AlreadyExists. Identical bytes written by another writer look the
// same, which is harmless: the object holds exactly what the caller wanted written once.
// Multipart: objects larger than multipart_threshold_bytes are uploaded in parts of
// part_size_bytes; a writer buffers at most max(threshold, part size) plus one Append, and
// aborts the upload when it fails or is destroyed before Close().
// Errors: s3_errors.h; PermissionDenied names the endpoint and bucket and never the secret
// (every message is also scrubbed of the secret key before it leaves the store).
// Thread-safety: all methods may be called concurrently (the HttpClient must allow it); an
// ObjectWriter is used by one thread at a time and must not outlive the store.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"
#include "binlake/io/clock.h"
#include "binlake/io/http_client.h"
#include "binlake/io/logger.h"
#include "binlake/io/object_store.h"
#include "binlake/s3/retry_policy.h"
#include "binlake/s3/s3_options.h"
#include "binlake/s3/s3_request.h"
#include "binlake/s3/s3_xml.h"

namespace binlake::s3 {

// The smallest part size S3 accepts for all parts but the last.
inline constexpr uint64_t kMinPartSizeBytes = 5ull << 20;

class S3ObjectStore : public io::ObjectStore {
 public:
  // A store over `bucket` with keys under `prefix` (empty, or ending in '/'), using
  // `options.credentials` (already resolved; see adapters/store_factory.h). `http`, `clock`
  // and `logger` must outlive the store. Does no I/O. InvalidArgument for an empty bucket, a
  // bad prefix or endpoint, missing credentials, part_size_bytes below 5 MiB, or
  // retry.max_attempts < 1.
  static Result<std::unique_ptr<S3ObjectStore>> Make(io::HttpClient& http, io::Clock& clock,
                                                     io::Logger& logger, std::string bucket,
                                                     std::string prefix, S3Options options);
  // The same, owning the HttpClient.
  static Result<std::unique_ptr<S3ObjectStore>> Make(std::unique_ptr<io::HttpClient> http,
                                                     io::Clock& clock, io::Logger& logger,
                                                     std::string bucket, std::string prefix,
                                                     S3Options options);

  S3ObjectStore(const S3ObjectStore&) = delete;
  S3ObjectStore& operator=(const S3ObjectStore&) = delete;
  ~S3ObjectStore() override;

  Status Put(std::string_view key, std::string_view bytes) override;
  Status PutIfAbsent(std::string_view key, std::string_view bytes) override;
  Result<std::string> Get(std::string_view key) override;
  Result<std::string> GetRange(std::string_view key, uint64_t offset, uint64_t length) override;
  Result<io::ObjectInfo> Head(std::string_view key) override;
  Result<io::ListPage> List(const io::ListOptions& options) override;
  Status Delete(std::string_view key) override;
  Result<std::unique_ptr<io::ObjectWriter>> OpenWriter(std::string_view key,
                                                       const io::WriteOptions& options) override;
  std::string Describe() const override;

  // Checks that the bucket exists and the credentials may list it (ListObjectsV2, max-keys 1).
  // PermissionDenied / NotFound / InvalidArgument (region) naming the endpoint and bucket.
  Status ProbeBucket();
  // Checks that the server honours If-None-Match: * on PutObject: writes a probe key under
  // "<prefix>_binlake/probe/" twice with it, expects the second to fail with 412, then deletes
  // it. FailedPrecondition when the server answers 501 NotImplemented or accepts the second
  // write (put-if-absent would not be atomic there).
  Status VerifyConditionalPut();

 private:
  friend class S3ObjectWriter;
  friend class MultipartUpload;

  S3ObjectStore(std::unique_ptr<io::HttpClient> owned_http, io::HttpClient& http, io::Clock& clock,
                io::Logger& logger, S3RequestBuilder builder, std::string prefix,
                S3Options options);

  static Result<std::unique_ptr<S3ObjectStore>> MakeImpl(std::unique_ptr<io::HttpClient> owned,
                                                         io::HttpClient& http, io::Clock& clock,
                                                         io::Logger& logger, std::string bucket,
                                                         std::string prefix, S3Options options);

  // Sends `request` with retries. The 2xx response, or the mapped error (scrubbed). When
  // `attempts` is given it receives the number of attempts made.
  Result<io::HttpResponse> Execute(const S3Request& request, int* attempts = nullptr);
  // `failure` ended a write of `full_key` after `attempts` tries. If an earlier try may have
  // been applied (attempts > 1) and the object's ETag now equals `expected_etag`, the write did
  // happen: OK. Otherwise `failure`.
  Status RecognizeOwnWrite(const std::string& full_key, const Status& failure, int attempts,
                           std::string_view expected_etag);
  // One attempt: transport errors and non-2xx responses become a Status.
  Result<io::HttpResponse> SendOnce(const S3Request& request);
  Status ErrorFor(const S3Request& request, const io::HttpResponse& response) const;
  Status Scrub(const Status& status) const;

  // `prefix_ + key` after validating `key`.
  Result<std::string> FullKey(std::string_view key) const;
  Status PutObject(const std::string& full_key, std::string_view bytes, bool if_absent);
  // Put or PutIfAbsent of a whole buffer, through S3ObjectWriter.
  Status WriteWhole(std::string_view key, std::string_view bytes, bool if_absent);
  Result<std::string> GetObject(const std::string& full_key, std::optional<ByteRange> range);

  std::unique_ptr<io::HttpClient> owned_http_;
  io::HttpClient& http_;
  io::Clock& clock_;
  io::Logger& logger_;
  const S3RequestBuilder builder_;
  const std::string prefix_;
  const S3Options options_;
  std::atomic<uint64_t> request_counter_{0};
};

}  // namespace binlake::s3
