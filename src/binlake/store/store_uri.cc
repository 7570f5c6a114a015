#include "binlake/store/store_uri.h"

#include <fmt/format.h>

#include "binlake/store/object_key.h"

namespace binlake::store {
namespace {

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kS3Scheme = "s3://";

bool IsValidBucketName(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) {
    return false;
  }
  for (char c : bucket) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!allowed) {
      return false;
    }
  }
  return bucket.front() != '.' && bucket.front() != '-' && bucket.back() != '.' &&
         bucket.back() != '-';
}

Result<StoreUri> ParseFileUri(std::string_view uri, std::string_view path) {
  if (path.empty() || path.front() != '/') {
    return InvalidArgumentError(
        fmt::format("store URI \"{}\": a file URI needs an absolute path (file:///dir)", uri));
  }
  while (path.size() > 1 && path.back() == '/') {
    path.remove_suffix(1);
  }
  if (path.find('\0') != std::string_view::npos) {
    return InvalidArgumentError(fmt::format("store URI \"{}\": path contains a NUL byte", uri));
  }
  return StoreUri{StoreScheme::kFile, std::string(path), ""};
}

Result<StoreUri> ParseS3Uri(std::string_view uri, std::string_view rest) {
  size_t slash = rest.find('/');
  std::string_view bucket = rest.substr(0, slash);
  std::string_view prefix = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (!IsValidBucketName(bucket)) {
    return InvalidArgumentError(fmt::format(
        "store URI \"{}\": bucket \"{}\" is not a valid S3 bucket name (3-63 of a-z 0-9 . -)", uri,
        bucket));
  }
  while (!prefix.empty() && prefix.back() == '/') {
    prefix.remove_suffix(1);
  }
  StoreUri parsed{StoreScheme::kS3, std::string(bucket), ""};
  if (!prefix.empty()) {
    Status valid = ValidateObjectKey(prefix);
    if (!valid.ok()) {
      return valid.WithContext(fmt::format("store URI \"{}\"", uri));
    }
    parsed.prefix = std::string(prefix) + "/";
  }
  return parsed;
}

}  // namespace

std::string StoreUri::ToString() const {
  if (scheme == StoreScheme::kFile) {
    return fmt::format("file://{}", root);
  }
  std::string prefix_part = prefix.empty() ? "" : "/" + prefix.substr(0, prefix.size() - 1);
  return fmt::format("s3://{}{}", root, prefix_part);
}

Result<StoreUri> ParseStoreUri(std::string_view uri) {
  if (uri.starts_with(kFileScheme)) {
    return ParseFileUri(uri, uri.substr(kFileScheme.size()));
  }
  if (uri.starts_with(kS3Scheme)) {
    return ParseS3Uri(uri, uri.substr(kS3Scheme.size()));
  }
  return InvalidArgumentError(fmt::format(
      "store URI \"{}\": unknown scheme (use file:///path or s3://bucket/prefix)", uri));
}

}  // namespace binlake::store
