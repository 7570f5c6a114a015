// Building and signing the S3 REST requests binlake uses, as plain values.
//
// S3RequestBuilder turns an operation (PutObject, GetObject, ...) into an unsigned S3Request:
// method, host, encoded path, query parameters, operation headers and the body with its
// SHA-256. SignS3Request then produces the io::HttpRequest to send: the URL with the query in
// canonical form (sorted, RFC 3986, valueless sub-resources as "name="), and the headers
// host, x-amz-date, x-amz-content-sha256 (always), x-amz-security-token (with a session
// token) and Authorization (SigV4, sigv4.h). A request is signed again for each retry.
// References: Amazon S3 API reference, PutObject, GetObject, HeadObject, DeleteObject,
// ListObjectsV2, CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload.
// Thread-safety: the builder is immutable after construction; its methods are const.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/io/http_client.h"
#include "binlake/s3/s3_options.h"
#include "binlake/s3/sigv4.h"

namespace binlake::s3 {

struct S3Endpoint {
  std::string scheme;     // "http" or "https"
  std::string authority;  // "host" or "host:port"

  std::string ToString() const { return scheme + "://" + authority; }
};

// Parses "scheme://host[:port][/]". An empty `endpoint` means AWS:
// "https://s3.<region>.amazonaws.com". InvalidArgument for other schemes, paths, or userinfo.
Result<S3Endpoint> ParseS3Endpoint(std::string_view endpoint, std::string_view region);

struct S3Request {
  std::string operation;  // for messages, e.g. "PutObject"
  std::string key;        // the full key inside the bucket (empty for bucket calls), for messages
  std::string method;
  std::string host;
  std::string path;  // already encoded
  QueryParams query;
  io::HttpHeaders headers;     // operation headers (range, if-none-match, content-type ...)
  std::string_view body;       // borrowed; must outlive sending, unless body_storage is set
  std::string body_storage;    // an owned body (the CompleteMultipartUpload XML)
  std::string payload_sha256;  // hex SHA-256 of Body()
  bool conditional = false;    // carries If-None-Match: *

  std::string_view Body() const { return body_storage.empty() ? body : body_storage; }
};

struct ListObjectsRequest {
  std::string prefix;
  std::string start_after;
  int max_keys = 1000;
  std::string continuation_token;
};

// A byte range [first, last], both inclusive, as in the HTTP Range header.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
};

class S3RequestBuilder {
 public:
  S3RequestBuilder(S3Endpoint endpoint, std::string bucket, bool path_style)
      : endpoint_(std::move(endpoint)), bucket_(std::move(bucket)), path_style_(path_style) {}

  const S3Endpoint& endpoint() const { return endpoint_; }
  const std::string& bucket() const { return bucket_; }

  // `body` is borrowed by the returned request. `if_absent` adds If-None-Match: *.
  S3Request PutObject(std::string_view key, std::string_view body, bool if_absent) const;
  S3Request GetObject(std::string_view key, std::optional<ByteRange> range) const;
  S3Request HeadObject(std::string_view key) const;
  S3Request DeleteObject(std::string_view key) const;
  S3Request ListObjectsV2(const ListObjectsRequest& list) const;
  S3Request CreateMultipartUpload(std::string_view key) const;
  // `body` is borrowed. `part_number` is 1..10000.
  S3Request UploadPart(std::string_view key, std::string_view upload_id, int part_number,
                       std::string_view body) const;
  // `xml` is the CompleteMultipartUploadXml body (owned by the request). `if_absent` adds
  // If-None-Match: * (AWS honours it on completion; see s3_object_store.h).
  S3Request CompleteMultipartUpload(std::string_view key, std::string_view upload_id,
                                    std::string xml, bool if_absent) const;
  S3Request AbortMultipartUpload(std::string_view key, std::string_view upload_id) const;

 private:
  // A request for `key` (empty: the bucket itself) with an empty body.
  S3Request Base(std::string_view operation, std::string_view method, std::string_view key) const;

  S3Endpoint endpoint_;
  std::string bucket_;
  bool path_style_;
};

// The request to send, signed at `now_micros` for `region`.
io::HttpRequest SignS3Request(const S3Request& request, const S3Endpoint& endpoint,
                              const S3Credentials& credentials, std::string_view region,
                              int64_t now_micros);

}  // namespace binlake::s3
