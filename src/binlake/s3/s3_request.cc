#include "binlake/s3/s3_request.h"

#include <fmt/format.h>

namespace binlake::s3 {
namespace {

const std::string& EmptySha256() {
  static const std::string empty_hash = Sha256Hex("");
  return empty_hash;
}

}  // namespace

Result<S3Endpoint> ParseS3Endpoint(std::string_view endpoint, std::string_view region) {
  if (endpoint.empty()) {
    return S3Endpoint{"https", fmt::format("s3.{}.amazonaws.com", region)};
  }
  size_t separator = endpoint.find("://");
  S3Endpoint parsed;
  if (separator != std::string_view::npos) {
    parsed.scheme = std::string(endpoint.substr(0, separator));
    parsed.authority = std::string(endpoint.substr(separator + 3));
  }
  while (!parsed.authority.empty() && parsed.authority.back() == '/') {
    parsed.authority.pop_back();
  }
  bool scheme_ok = parsed.scheme == "http" || parsed.scheme == "https";
  bool authority_ok =
      !parsed.authority.empty() && parsed.authority.find_first_of("/?#@ ") == std::string::npos;
  if (!scheme_ok || !authority_ok) {
    return InvalidArgumentError(
        fmt::format("S3 endpoint \"{}\" is not of the form http(s)://host[:port]", endpoint));
  }
  return parsed;
}

S3Request S3RequestBuilder::Base(std::string_view operation, std::string_view method,
                                 std::string_view key) const {
  S3Request request;
  request.operation = std::string(operation);
  request.method = std::string(method);
  request.key = std::string(key);
  std::string encoded_key = UriEncode(key, /*keep_slash=*/true);
  if (path_style_) {
    request.host = endpoint_.authority;
    request.path = key.empty() ? "/" + bucket_ : fmt::format("/{}/{}", bucket_, encoded_key);
  } else {
    request.host = fmt::format("{}.{}", bucket_, endpoint_.authority);
    request.path = "/" + encoded_key;
  }
  request.payload_sha256 = EmptySha256();
  return request;
}

S3Request S3RequestBuilder::PutObject(std::string_view key, std::string_view body,
                                      bool if_absent) const {
  S3Request request = Base("PutObject", "PUT", key);
  request.body = body;
  request.payload_sha256 = Sha256Hex(body);
  if (if_absent) {
    request.headers.emplace_back("if-none-match", "*");
    request.conditional = true;
  }
  return request;
}

S3Request S3RequestBuilder::GetObject(std::string_view key, std::optional<ByteRange> range) const {
  S3Request request = Base("GetObject", "GET", key);
  if (range.has_value()) {
    request.headers.emplace_back("range", fmt::format("bytes={}-{}", range->first, range->last));
  }
  return request;
}

S3Request S3RequestBuilder::HeadObject(std::string_view key) const {
  return Base("HeadObject", "HEAD", key);
}

S3Request S3RequestBuilder::DeleteObject(std::string_view key) const {
  return Base("DeleteObject", "DELETE", key);
}

S3Request S3RequestBuilder::ListObjectsV2(const ListObjectsRequest& list) const {
  S3Request request = Base("ListObjectsV2", "GET", "");
  if (!path_style_) {
    request.path.assign(1, '/');  // not = "/": GCC 12 -Wrestrict false positive (PR 105329)
  }
  request.query.emplace_back("list-type", "2");
  request.query.emplace_back("max-keys", std::to_string(list.max_keys));
  if (!list.prefix.empty()) {
    request.query.emplace_back("prefix", list.prefix);
  }
  if (!list.start_after.empty()) {
    request.query.emplace_back("start-after", list.start_after);
  }
  if (!list.continuation_token.empty()) {
    request.query.emplace_back("continuation-token", list.continuation_token);
  }
  return request;
}

S3Request S3RequestBuilder::CreateMultipartUpload(std::string_view key) const {
  S3Request request = Base("CreateMultipartUpload", "POST", key);
  request.query.emplace_back("uploads", "");
  return request;
}

S3Request S3RequestBuilder::UploadPart(std::string_view key, std::string_view upload_id,
                                       int part_number, std::string_view body) const {
  S3Request request = Base("UploadPart", "PUT", key);
  request.query.emplace_back("partNumber", std::to_string(part_number));
  request.query.emplace_back("uploadId", std::string(upload_id));
  request.body = body;
  request.payload_sha256 = Sha256Hex(body);
  return request;
}

S3Request S3RequestBuilder::CompleteMultipartUpload(std::string_view key,
                                                    std::string_view upload_id, std::string xml,
                                                    bool if_absent) const {
  S3Request request = Base("CompleteMultipartUpload", "POST", key);
  request.query.emplace_back("uploadId", std::string(upload_id));
  request.headers.emplace_back("content-type", "application/xml");
  request.payload_sha256 = Sha256Hex(xml);
  request.body_storage = std::move(xml);
  if (if_absent) {
    request.headers.emplace_back("if-none-match", "*");
    request.conditional = true;
  }
  return request;
}

S3Request S3RequestBuilder::AbortMultipartUpload(std::string_view key,
                                                 std::string_view upload_id) const {
  S3Request request = Base("AbortMultipartUpload", "DELETE", key);
  request.query.emplace_back("uploadId", std::string(upload_id));
  return request;
}

io::HttpRequest SignS3Request(const S3Request& request, const S3Endpoint& endpoint,
                              const S3Credentials& credentials, std::string_view region,
                              int64_t now_micros) {
  std::string query = CanonicalQueryString(request.query);
  std::string amz_date = AmzDate(now_micros);
  io::HttpRequest out;
  out.method = request.method;
  out.url = fmt::format("{}://{}{}{}{}", endpoint.scheme, request.host, request.path,
                        query.empty() ? "" : "?", query);
  out.headers = request.headers;
  out.headers.emplace_back("host", request.host);
  out.headers.emplace_back("x-amz-date", amz_date);
  out.headers.emplace_back("x-amz-content-sha256", request.payload_sha256);
  if (!credentials.session_token.empty()) {
    out.headers.emplace_back("x-amz-security-token", credentials.session_token);
  }
  SignableRequest signable{request.method, request.path, query, &out.headers,
                           request.payload_sha256};
  std::string authorization = AuthorizationHeader(signable, credentials, region, amz_date);
  out.headers.emplace_back("authorization", std::move(authorization));
  out.body = request.Body();
  return out;
}

}  // namespace binlake::s3
