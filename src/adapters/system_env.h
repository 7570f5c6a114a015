// Reading the process environment and the AWS shared credentials file: the OS side of S3
// credential resolution (the parsing is pure, s3/credentials_file.h).
// Thread-safety: safe to call concurrently as long as nothing modifies the environment
// (setenv) at the same time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/s3/s3_options.h"

namespace binlake::adapters {

// The value of environment variable `name`, or nullopt when unset (an empty value is a value).
std::optional<std::string> GetEnv(std::string_view name);

// The whole content of the file at `path`. InvalidArgument naming the path and the system's
// reason when it cannot be opened or read.
Result<std::string> ReadTextFile(const std::string& path);

// Credentials for S3, first found wins:
//   1. `options.credentials` when not empty;
//   2. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN); empty counts as unset;
//   3. the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, default
//      $HOME/.aws/credentials), profile AWS_PROFILE if set, else `options.profile`.
// FailedPrecondition when none yields credentials (the message says where it looked, never a
// value); InvalidArgument when the file's profile is incomplete.
Result<s3::S3Credentials> ResolveS3Credentials(const s3::S3Options& options);

}  // namespace binlake::adapters
