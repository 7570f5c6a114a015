#include "adapters/system_env.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "binlake/base/macros.h"
#include "binlake/s3/credentials_file.h"

namespace binlake::adapters {
namespace {

// The file's text; nullopt when it cannot be opened.
std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CredentialsFilePath() {
  if (auto explicit_path = GetEnv("AWS_SHARED_CREDENTIALS_FILE")) {
    return *explicit_path;
  }
  return GetEnv("HOME").value_or("") + "/.aws/credentials";
}

}  // namespace

std::optional<std::string> GetEnv(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

Result<s3::S3Credentials> ResolveS3Credentials(const s3::S3Options& options) {
  if (!options.credentials.empty()) {
    return options.credentials;
  }
  auto access_key = GetEnv("AWS_ACCESS_KEY_ID");
  auto secret_key = GetEnv("AWS_SECRET_ACCESS_KEY");
  if (access_key && secret_key) {
    return s3::S3Credentials{*access_key, *secret_key, GetEnv("AWS_SESSION_TOKEN").value_or("")};
  }
  std::string path = CredentialsFilePath();
  std::string profile = GetEnv("AWS_PROFILE").value_or(options.profile);
  std::optional<std::string> text = ReadSmallFile(path);
  if (text.has_value()) {
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
