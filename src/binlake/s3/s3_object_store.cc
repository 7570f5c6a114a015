#include "binlake/s3/s3_object_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <utility>

#include "binlake/base/macros.h"
#include "binlake/s3/etag.h"
#include "binlake/s3/s3_errors.h"
#include "binlake/store/object_key.h"

namespace binlake::s3 {

// One multipart upload in progress: CreateMultipartUpload, UploadPart..., then Complete or
// Abort. Abort is idempotent and best-effort (a failure is logged; the bucket's lifecycle rule
// is the last resort for orphaned parts).
class MultipartUpload {
 public:
  static Result<MultipartUpload> Start(S3ObjectStore& store, std::string full_key) {
    ASSIGN_OR_RETURN(io::HttpResponse response,
                     store.Execute(store.builder_.CreateMultipartUpload(full_key)));
    Result<std::string> upload_id = ParseInitiateMultipartUploadResult(response.body);
    if (!upload_id.ok()) {
      return upload_id.status().WithContext(fmt::format("S3 CreateMultipartUpload {}", full_key));
    }
    return MultipartUpload(store, std::move(full_key), std::move(upload_id).value());
  }

  int part_count() const { return static_cast<int>(parts_.size()); }

  Status UploadPart(std::string_view bytes) {
    int part_number = part_count() + 1;
    ASSIGN_OR_RETURN(io::HttpResponse response, store_->Execute(store_->builder_.UploadPart(
                                                    key_, upload_id_, part_number, bytes)));
    std::string_view etag = response.Header("etag");
    if (etag.empty()) {
      return CorruptionError(
          fmt::format("S3 UploadPart {} part {}: response has no ETag", key_, part_number));
    }
    parts_.push_back(CompletedPart{part_number, std::string(etag)});
    return Status::Ok();
  }

  // Uploads as many whole parts of `part_size` from the front of `bytes` as it holds; returns
  // the number of bytes consumed.
  Result<size_t> UploadWholeParts(std::string_view bytes, size_t part_size) {
    size_t offset = 0;
    while (bytes.size() - offset >= part_size) {
      RETURN_IF_ERROR(UploadPart(bytes.substr(offset, part_size)));
      offset += part_size;
    }
    return offset;
  }

  Status Complete(bool if_absent) {
    S3Request request = store_->builder_.CompleteMultipartUpload(
        key_, upload_id_, CompleteMultipartUploadXml(parts_), if_absent);
    int attempts = 0;
    Result<io::HttpResponse> completed = store_->Execute(request, &attempts);
    if (!completed.ok()) {
      return RecognizeCompleted(completed.status(), attempts);
    }
    const io::HttpResponse& response = *completed;
    // S3 may report a failed completion as 200 with an <Error> body.
    if (ParseErrorXml(response.body).ok()) {
      return store_->ErrorFor(request, response);
    }
    RETURN_IF_ERROR(ParseCompleteMultipartUploadResult(response.body));
    upload_id_.clear();
    return Status::Ok();
  }

  // A retried Complete whose first attempt was applied sees 412 (conditional) or NoSuchUpload.
  Status RecognizeCompleted(const Status& failure, int attempts) {
    StatusCode code = failure.code();
    if (code != StatusCode::kAlreadyExists && code != StatusCode::kNotFound) {
      return failure;
    }
    std::vector<std::string> part_etags;
    for (const CompletedPart& part : parts_) {
      part_etags.push_back(part.etag);
    }
    Result<std::string> expected = MultipartEtag(part_etags);
    if (!expected.ok()) {
      return failure;  // the server's ETags are not MD5s: we cannot tell
    }
    RETURN_IF_ERROR(store_->RecognizeOwnWrite(key_, failure, attempts, *expected));
    upload_id_.clear();
    return Status::Ok();
  }

  Status Abort() {
    if (upload_id_.empty()) {
      return Status::Ok();
    }
    std::string upload_id = std::exchange(upload_id_, "");
    Status status =
        store_->Execute(store_->builder_.AbortMultipartUpload(key_, upload_id)).status();
    if (!status.ok() && status.code() != StatusCode::kNotFound) {
      store_->logger_.Warn(
          "S3 multipart upload abort failed; parts may remain until a lifecycle "
          "rule removes them",
          {{"key", key_}, {"error", status.ToString()}});
      return status;
    }
    return Status::Ok();
  }

 private:
  MultipartUpload(S3ObjectStore& store, std::string key, std::string upload_id)
      : store_(&store), key_(std::move(key)), upload_id_(std::move(upload_id)) {}

  S3ObjectStore* store_;
  std::string key_;
  std::string upload_id_;  // empty once completed or aborted
  std::vector<CompletedPart> parts_;
};

// The streaming writer. Buffers until the object exceeds multipart_threshold_bytes, then
// uploads whole parts as they fill; Close() sends a single PUT or the last part + Complete.
class S3ObjectWriter : public io::ObjectWriter {
 public:
  S3ObjectWriter(S3ObjectStore& store, std::string full_key, bool if_absent)
      : store_(store), key_(std::move(full_key)), if_absent_(if_absent) {}
  ~S3ObjectWriter() override {
    if (open_) {
      (void)Abort();
    }
  }

  Status Append(std::string_view bytes) override {
    RETURN_IF_ERROR(CheckOpen());
    buffer_.append(bytes);
    Status status = UploadFilledParts();
    if (!status.ok()) {
      (void)Abort();
    }
    return status;
  }

  Status Close() override {
    RETURN_IF_ERROR(CheckOpen());
    Status status = Finish();
    if (!status.ok()) {
      (void)Abort();
    }
    open_ = false;
    buffer_.clear();
    buffer_.shrink_to_fit();
    return status;
  }

  Status Abort() override {
    open_ = false;
    buffer_.clear();
    buffer_.shrink_to_fit();
    return upload_.has_value() ? upload_->Abort() : Status::Ok();
  }

 private:
  Status CheckOpen() const { return store::CheckWriterOpen(!open_, key_); }

  size_t PartSize() const { return static_cast<size_t>(store_.options_.part_size_bytes); }

  Status UploadFilledParts() {
    if (!upload_.has_value() && buffer_.size() > store_.options_.multipart_threshold_bytes) {
      ASSIGN_OR_RETURN(upload_, MultipartUpload::Start(store_, key_));
    }
    if (!upload_.has_value()) {
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(size_t consumed, upload_->UploadWholeParts(buffer_, PartSize()));
    buffer_.erase(0, consumed);
    return Status::Ok();
  }

  Status Finish() {
    if (!upload_.has_value()) {
      return store_.PutObject(key_, buffer_, if_absent_);
    }
    if (!buffer_.empty() || upload_->part_count() == 0) {
      RETURN_IF_ERROR(upload_->UploadPart(buffer_));
    }
    return upload_->Complete(if_absent_);
  }

  S3ObjectStore& store_;
  std::string key_;
  bool if_absent_;
  bool open_ = true;
  std::string buffer_;
  std::optional<MultipartUpload> upload_;
};

namespace {

Result<uint64_t> ParseContentLength(std::string_view text) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return CorruptionError(fmt::format("S3 HeadObject: bad Content-Length \"{}\"", text));
  }
  return value;
}

Status ValidateOptions(const std::string& bucket, const std::string& prefix,
                       const S3Options& options) {
  if (bucket.empty()) {
    return InvalidArgumentError("S3 store: empty bucket name");
  }
  if (!prefix.empty() && (prefix.back() != '/' || !store::ValidateListPrefix(prefix).ok())) {
    return InvalidArgumentError(
        fmt::format("S3 store: key prefix \"{}\" must be a valid key ending in '/'", prefix));
  }
  if (options.credentials.access_key_id.empty() || options.credentials.secret_access_key.empty()) {
    return InvalidArgumentError(fmt::format(
        "S3 store s3://{}: no credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
        "a profile in ~/.aws/credentials)",
        bucket));
  }
  if (options.region.empty()) {
    return InvalidArgumentError("S3 store: empty region");
  }
  if (options.part_size_bytes < kMinPartSizeBytes ||
      options.part_size_bytes > std::numeric_limits<size_t>::max() / 2) {
    return InvalidArgumentError(fmt::format(
        "S3 store: part_size_bytes {} is below S3's minimum of 5 MiB", options.part_size_bytes));
  }
  if (options.retry.max_attempts < 1) {
    return InvalidArgumentError("S3 store: retry.max_attempts must be at least 1");
  }
  return Status::Ok();
}

}  // namespace

S3ObjectStore::S3ObjectStore(std::unique_ptr<io::HttpClient> owned_http, io::HttpClient& http,
                             io::Clock& clock, io::Logger& logger, S3RequestBuilder builder,
                             std::string prefix, S3Options options)
    : owned_http_(std::move(owned_http)),
      http_(http),
      clock_(clock),
      logger_(logger),
      builder_(std::move(builder)),
      prefix_(std::move(prefix)),
      options_(std::move(options)) {}

S3ObjectStore::~S3ObjectStore() = default;

Result<std::unique_ptr<S3ObjectStore>> S3ObjectStore::Make(io::HttpClient& http, io::Clock& clock,
                                                           io::Logger& logger, std::string bucket,
                                                           std::string prefix, S3Options options) {
  return MakeImpl(nullptr, http, clock, logger, std::move(bucket), std::move(prefix),
                  std::move(options));
}

Result<std::unique_ptr<S3ObjectStore>> S3ObjectStore::Make(std::unique_ptr<io::HttpClient> http,
                                                           io::Clock& clock, io::Logger& logger,
                                                           std::string bucket, std::string prefix,
                                                           S3Options options) {
  if (http == nullptr) {
    return InvalidArgumentError("S3 store: null HttpClient");
  }
  io::HttpClient& borrowed = *http;
  return MakeImpl(std::move(http), borrowed, clock, logger, std::move(bucket), std::move(prefix),
                  std::move(options));
}

Result<std::unique_ptr<S3ObjectStore>> S3ObjectStore::MakeImpl(
    std::unique_ptr<io::HttpClient> owned, io::HttpClient& http, io::Clock& clock,
    io::Logger& logger, std::string bucket, std::string prefix, S3Options options) {
  RETURN_IF_ERROR(ValidateOptions(bucket, prefix, options));
  ASSIGN_OR_RETURN(S3Endpoint endpoint, ParseS3Endpoint(options.endpoint, options.region));
  S3RequestBuilder builder(std::move(endpoint), std::move(bucket), options.path_style);
  return std::unique_ptr<S3ObjectStore>(new S3ObjectStore(std::move(owned), http, clock, logger,
                                                          std::move(builder), std::move(prefix),
                                                          std::move(options)));
}

std::string S3ObjectStore::Describe() const {
  if (prefix_.empty()) {
    return fmt::format("s3://{}", builder_.bucket());
  }
  return fmt::format("s3://{}/{}", builder_.bucket(), prefix_.substr(0, prefix_.size() - 1));
}

Status S3ObjectStore::Scrub(const Status& status) const {
  if (status.ok()) {
    return status;
  }
  return Status(status.code(),
                ScrubSecret(status.message(), options_.credentials.secret_access_key),
                status.retryable());
}

Status S3ObjectStore::ErrorFor(const S3Request& request, const io::HttpResponse& response) const {
  std::string endpoint = builder_.endpoint().ToString();  // outlives `context`
  S3ErrorContext context{request.operation, endpoint,        builder_.bucket(),
                         request.key,       options_.region, request.conditional};
  return Scrub(MapS3Error(context, response));
}

Result<io::HttpResponse> S3ObjectStore::SendOnce(const S3Request& request) {
  io::HttpRequest http_request = SignS3Request(request, builder_.endpoint(), options_.credentials,
                                               options_.region, clock_.NowMicros());
  Result<io::HttpResponse> response = http_.Send(http_request);
  if (!response.ok()) {
    return Scrub(response.status().WithContext(
        fmt::format("S3 {} s3://{}/{} at {}", request.operation, builder_.bucket(), request.key,
                    builder_.endpoint().ToString())));
  }
  if (!IsSuccess(response->status)) {
    return ErrorFor(request, *response);
  }
  return response;
}

Result<io::HttpResponse> S3ObjectStore::Execute(const S3Request& request, int* attempts) {
  uint64_t seed = static_cast<uint64_t>(clock_.NowMicros()) ^
                  (request_counter_.fetch_add(1) * 0x9E3779B97F4A7C15ull);
  RetryPolicy policy(options_.retry, seed);
  for (int attempt = 1;; ++attempt) {
    Result<io::HttpResponse> response = SendOnce(request);
    if (response.ok() || !policy.ShouldRetry(response.status(), attempt)) {
      if (attempts != nullptr) {
        *attempts = attempt;
      }
      return response;
    }
    int64_t delay_micros = policy.NextDelayMicros(attempt);
    logger_.Warn("S3 request failed; retrying", {{"operation", request.operation},
                                                 {"attempt", std::to_string(attempt)},
                                                 {"delay_ms", std::to_string(delay_micros / 1000)},
                                                 {"error", response.status().ToString()}});
    clock_.SleepForMicros(delay_micros);
  }
}

Status S3ObjectStore::RecognizeOwnWrite(const std::string& full_key, const Status& failure,
                                        int attempts, std::string_view expected_etag) {
  if (attempts < 2) {
    return failure;  // a single attempt was answered: its answer is the truth
  }
  Result<io::HttpResponse> head = Execute(builder_.HeadObject(full_key));
  if (!head.ok() || UnquoteEtag(head->Header("etag")) != expected_etag) {
    return failure;
  }
  logger_.Info("S3 write retried after a lost reply; the object holds our bytes",
               {{"key", full_key}, {"etag", std::string(expected_etag)}});
  return Status::Ok();
}

Result<std::string> S3ObjectStore::FullKey(std::string_view key) const {
  RETURN_IF_ERROR(store::ValidateObjectKey(key));
  return prefix_ + std::string(key);
}

Status S3ObjectStore::PutObject(const std::string& full_key, std::string_view bytes,
                                bool if_absent) {
  int attempts = 0;
  Status status = Execute(builder_.PutObject(full_key, bytes, if_absent), &attempts).status();
  if (if_absent && status.code() == StatusCode::kAlreadyExists) {
    return RecognizeOwnWrite(full_key, status, attempts, SinglePartEtag(bytes));
  }
  return status;
}

Status S3ObjectStore::WriteWhole(std::string_view key, std::string_view bytes, bool if_absent) {
  ASSIGN_OR_RETURN(std::string full_key, FullKey(key));
  // The streaming writer makes the one-PUT-or-multipart choice and aborts a failed upload.
  S3ObjectWriter writer(*this, std::move(full_key), if_absent);
  RETURN_IF_ERROR(writer.Append(bytes));
  return writer.Close();
}

Status S3ObjectStore::Put(std::string_view key, std::string_view bytes) {
  return WriteWhole(key, bytes, /*if_absent=*/false);
}

Status S3ObjectStore::PutIfAbsent(std::string_view key, std::string_view bytes) {
  return WriteWhole(key, bytes, /*if_absent=*/true);
}

Result<std::string> S3ObjectStore::GetObject(const std::string& full_key,
                                             std::optional<ByteRange> range) {
  ASSIGN_OR_RETURN(io::HttpResponse response, Execute(builder_.GetObject(full_key, range)));
  return std::move(response.body);
}

Result<std::string> S3ObjectStore::Get(std::string_view key) {
  ASSIGN_OR_RETURN(std::string full_key, FullKey(key));
  return GetObject(full_key, std::nullopt);
}

Result<std::string> S3ObjectStore::GetRange(std::string_view key, uint64_t offset,
                                            uint64_t length) {
  ASSIGN_OR_RETURN(std::string full_key, FullKey(key));
  if (length == 0) {
    RETURN_IF_ERROR(Head(key));  // NotFound for an absent key, as documented
    return std::string();
  }
  uint64_t last = offset + std::min(length - 1, std::numeric_limits<uint64_t>::max() - offset);
  return GetObject(full_key, ByteRange{offset, last});
}

Result<io::ObjectInfo> S3ObjectStore::Head(std::string_view key) {
  ASSIGN_OR_RETURN(std::string full_key, FullKey(key));
  ASSIGN_OR_RETURN(io::HttpResponse response, Execute(builder_.HeadObject(full_key)));
  io::ObjectInfo info;
  info.key = std::string(key);
  ASSIGN_OR_RETURN(info.size, ParseContentLength(response.Header("content-length")));
  info.etag = std::string(UnquoteEtag(response.Header("etag")));
  return info;
}

Result<io::ListPage> S3ObjectStore::List(const io::ListOptions& options) {
  RETURN_IF_ERROR(store::ValidateListOptions(options));
  ListObjectsRequest list{prefix_ + options.prefix,
                          options.start_after.empty() ? "" : prefix_ + options.start_after,
                          options.max_keys, options.page_token};
  ASSIGN_OR_RETURN(io::HttpResponse response, Execute(builder_.ListObjectsV2(list)));
  Result<ListObjectsResult> parsed = ParseListBucketResult(response.body);
  if (!parsed.ok()) {
    return parsed.status().WithContext(fmt::format("S3 ListObjectsV2 {}", Describe()));
  }
  io::ListPage page;
  for (auto& object : parsed->objects) {
    if (!object.key.starts_with(prefix_)) {
      return CorruptionError(fmt::format("S3 ListObjectsV2 {}: key \"{}\" outside the prefix",
                                         Describe(), object.key));
    }
    object.key.erase(0, prefix_.size());
    page.objects.push_back(std::move(object));
  }
  if (parsed->is_truncated) {
    page.next_page_token = std::move(parsed->next_continuation_token);
  }
  return page;
}

Status S3ObjectStore::Delete(std::string_view key) {
  ASSIGN_OR_RETURN(std::string full_key, FullKey(key));
  Status status = Execute(builder_.DeleteObject(full_key)).status();
  if (status.code() == StatusCode::kNotFound) {
    return Status::Ok();  // deleting an absent key succeeds, as on AWS
  }
  return status;
}

Result<std::unique_ptr<io::ObjectWriter>> S3ObjectStore::OpenWriter(
    std::string_view key, const io::WriteOptions& options) {
  ASSIGN_OR_RETURN(std::string full_key, FullKey(key));
  return std::unique_ptr<io::ObjectWriter>(
      std::make_unique<S3ObjectWriter>(*this, std::move(full_key), options.if_absent));
}

Status S3ObjectStore::ProbeBucket() {
  ListObjectsRequest list{prefix_, "", 1, ""};
  Result<io::HttpResponse> response = Execute(builder_.ListObjectsV2(list));
  if (!response.ok()) {
    return response.status().WithContext(fmt::format("opening store {}", Describe()));
  }
  return ParseListBucketResult(response->body).status();
}

Status S3ObjectStore::VerifyConditionalPut() {
  std::string probe =
      fmt::format("_binlake/probe/{}-{}", clock_.NowMicros(), request_counter_.fetch_add(1));
  std::string why = fmt::format(
      "S3 server {} does not honour If-None-Match: * on PUT, so put-if-absent (used to commit "
      "files exactly once) would not be atomic on {}",
      builder_.endpoint().ToString(), Describe());
  Status first = PutIfAbsent(probe, "binlake conditional-put probe");
  if (first.code() == StatusCode::kUnimplemented) {
    return FailedPreconditionError(fmt::format("{} ({})", why, first.message()));
  }
  RETURN_IF_ERROR(first);
  Status second = PutIfAbsent(probe, "binlake conditional-put probe, second write");
  Status cleanup = Delete(probe);
  if (!cleanup.ok()) {
    logger_.Warn("could not delete the conditional-put probe object",
                 {{"key", prefix_ + probe}, {"error", cleanup.ToString()}});
  }
  if (second.ok()) {
    return FailedPreconditionError(why + " (a second conditional PUT of the same key succeeded)");
  }
  if (second.code() == StatusCode::kUnimplemented) {
    return FailedPreconditionError(fmt::format("{} ({})", why, second.message()));
  }
  if (second.code() != StatusCode::kAlreadyExists) {
    return second;
  }
  return Status::Ok();
}

}  // namespace binlake::s3
