#include "adapters/system_env.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "binlake/base/macros.h"
#include "binlake/s3/credentials_file.h"

namespace binlake::adapters {
namespace {

// The AWS tools treat an empty variable as unset; so does binlake for their variables.
std::optional<std::string> GetAwsEnv(std::string_view name) {
  std::optional<std::string> value = GetEnv(name);
  if (value.has_value() && value->empty()) {
    return std::nullopt;
  }
  return value;
}

std::string CredentialsFilePath() {
  if (auto explicit_path = GetAwsEnv("AWS_SHARED_CREDENTIALS_FILE")) {
    return *explicit_path;
  }
  return GetAwsEnv("HOME").value_or("") + "/.aws/credentials";
}

}  // namespace

std::optional<std::string> GetEnv(std::string_view name) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read-only use
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InvalidArgumentError(fmt::format("\"{}\": cannot open: {}", path, std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return InvalidArgumentError(fmt::format("\"{}\": read failed", path));
  }
  return text.str();
}

Result<s3::S3Credentials> ResolveS3Credentials(const s3::S3Options& options) {
  if (!options.credentials.empty()) {
    return options.credentials;
  }
  auto access_key = GetAwsEnv("AWS_ACCESS_KEY_ID");
  auto secret_key = GetAwsEnv("AWS_SECRET_ACCESS_KEY");
  if (access_key && secret_key) {
    return s3::S3Credentials{*access_key, *secret_key, GetAwsEnv("AWS_SESSION_TOKEN").value_or("")};
  }
  std::string path = CredentialsFilePath();
  std::string profile = GetAwsEnv("AWS_PROFILE").value_or(options.profile);
  Result<std::string> text = ReadTextFile(path);  // a missing file means "no profile there"
  if (text.ok()) {
    Result<s3::S3Credentials> parsed = s3::ParseCredentialsFile(*text, profile);
    if (parsed.ok() || parsed.status().code() != StatusCode::kNotFound) {
      return parsed.ok() ? parsed : parsed.status().WithContext(path);
    }
  }
  return FailedPreconditionError(fmt::format(
      "no S3 credentials: not in the configuration, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are "
      "not both set, and {} has no profile [{}]",
      path, profile));
}

}  // namespace binlake::adapters
