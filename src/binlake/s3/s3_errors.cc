#include "binlake/s3/s3_errors.h"

#include <fmt/format.h>

#include "binlake/s3/s3_xml.h"

namespace binlake::s3 {
namespace {

// What the server said: the XML error body when there is one, else just the HTTP status.
S3ErrorBody ReadErrorBody(const io::HttpResponse& response) {
  Result<S3ErrorBody> parsed = ParseErrorXml(response.body);
  if (parsed.ok()) {
    return *parsed;
  }
  return S3ErrorBody{fmt::format("HTTP {}", response.status), "", ""};
}

std::string Describe(const S3ErrorContext& context, const S3ErrorBody& body, int http_status) {
  std::string target = context.key.empty() ? fmt::format("s3://{}", context.bucket)
                                           : fmt::format("s3://{}/{}", context.bucket, context.key);
  std::string detail = body.message.empty() ? "" : fmt::format(": {}", body.message);
  return fmt::format("S3 {} {} at {} failed with HTTP {} {}{}", context.operation, target,
                     context.endpoint, http_status, body.code, detail);
}

bool IsCredentialError(std::string_view code) {
  return code == "SignatureDoesNotMatch" || code == "InvalidAccessKeyId" ||
         code == "AccessDenied" || code == "InvalidToken" || code == "ExpiredToken" ||
         code == "RequestTimeTooSkewed";
}

Status RegionError(const S3ErrorContext& context, const S3ErrorBody& body, int http_status,
                   std::string_view server_region) {
  std::string expected =
      server_region.empty() ? "" : fmt::format(", the bucket/server expects \"{}\"", server_region);
  return InvalidArgumentError(
      fmt::format("{} (wrong region? requests are signed for region \"{}\"{}; set s3.region)",
                  Describe(context, body, http_status), context.region, expected));
}

Status NotFound(const S3ErrorContext& context, const S3ErrorBody& body, int http_status) {
  std::string message = Describe(context, body, http_status);
  if (body.code == "NoSuchBucket") {
    message +=
        fmt::format(" (bucket \"{}\" does not exist at {})", context.bucket, context.endpoint);
  }
  return NotFoundError(std::move(message));
}

}  // namespace

Status MapS3Error(const S3ErrorContext& context, const io::HttpResponse& response) {
  S3ErrorBody body = ReadErrorBody(response);
  int http_status = response.status;
  if (http_status >= 500 || body.code == "SlowDown" || body.code == "InternalError") {
    if (http_status == 501 || body.code == "NotImplemented") {
      return UnimplementedError(Describe(context, body, http_status));
    }
    return UnavailableError(Describe(context, body, http_status));
  }
  if (http_status == 403 || IsCredentialError(body.code)) {
    return PermissionDeniedError(Describe(context, body, http_status) +
                                 " (check the access key, secret key and permissions)");
  }
  if (body.code == "AuthorizationHeaderMalformed" || body.code == "PermanentRedirect" ||
      http_status == 301) {
    std::string_view server_region =
        body.region.empty() ? response.Header("x-amz-bucket-region") : body.region;
    return RegionError(context, body, http_status, server_region);
  }
  switch (http_status) {
    case 404:
      return NotFound(context, body, http_status);
    case 412:
      if (context.conditional) {
        return AlreadyExistsError(Describe(context, body, http_status) + " (the key exists)");
      }
      return FailedPreconditionError(Describe(context, body, http_status));
    case 416:
      return InvalidArgumentError(Describe(context, body, http_status) +
                                  " (range outside the object)");
    case 409:
      return FailedPreconditionError(Describe(context, body, http_status));
    default:
      break;
  }
  if (http_status >= 400) {
    return InvalidArgumentError(Describe(context, body, http_status));
  }
  return InternalError(Describe(context, body, http_status) + " (unexpected response)");
}

std::string ScrubSecret(std::string message, std::string_view secret) {
  if (secret.empty()) {
    return message;
  }
  size_t pos = 0;
  while ((pos = message.find(secret, pos)) != std::string::npos) {
    message.replace(pos, secret.size(), "<redacted>");
    pos += 10;
  }
  return message;
}

}  // namespace binlake::s3
