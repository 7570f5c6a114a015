#include "binlake/s3/credentials_file.h"

#include <fmt/format.h>

namespace binlake::s3 {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Stores `value` in the field named `key`; unknown keys are ignored.
void SetField(std::string_view key, std::string_view value, S3Credentials* credentials) {
  if (key == "aws_access_key_id") {
    credentials->access_key_id = value;
  } else if (key == "aws_secret_access_key") {
    credentials->secret_access_key = value;
  } else if (key == "aws_session_token") {
    credentials->session_token = value;
  }
}

}  // namespace

Result<S3Credentials> ParseCredentialsFile(std::string_view ini_text, std::string_view profile) {
  S3Credentials credentials;
  bool in_profile = false;
  bool found = false;
  while (!ini_text.empty()) {
    size_t newline = ini_text.find('\n');
    std::string_view line = Trim(ini_text.substr(0, newline));
    ini_text.remove_prefix(newline == std::string_view::npos ? ini_text.size() : newline + 1);
    if (line.empty() || line.front() == '#' || line.front() == ';') {
      continue;
    }
    if (line.front() == '[' && line.back() == ']') {
      in_profile = Trim(line.substr(1, line.size() - 2)) == profile;
      found = found || in_profile;
      continue;
    }
    size_t equals = line.find('=');
    if (in_profile && equals != std::string_view::npos) {
      SetField(Trim(line.substr(0, equals)), Trim(line.substr(equals + 1)), &credentials);
    }
  }
  if (!found) {
    return NotFoundError(fmt::format("AWS credentials file has no profile [{}]", profile));
  }
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return InvalidArgumentError(fmt::format(
        "AWS credentials file profile [{}] lacks {}", profile,
        credentials.access_key_id.empty() ? "aws_access_key_id" : "aws_secret_access_key"));
  }
  return credentials;
}

}  // namespace binlake::s3
