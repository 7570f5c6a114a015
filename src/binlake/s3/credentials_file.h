// Parsing the AWS shared credentials file (~/.aws/credentials), as text.
//
// The file is INI: "[profile]" sections with "key = value" lines; '#' and ';' start comment
// lines. Keys used: aws_access_key_id, aws_secret_access_key, aws_session_token. Reading the
// file and the environment is the adapter's job (adapters/system_env.h); this is pure.
// Thread-safety: free function without shared state.
#pragma once

#include <string_view>

#include "binlake/base/result.h"
#include "binlake/s3/s3_options.h"

namespace binlake::s3 {

// The credentials of `profile` in `ini_text`. NotFound when the profile is absent;
// InvalidArgument when it lacks the access key or the secret (the message names the profile
// and the missing key, never a value).
Result<S3Credentials> ParseCredentialsFile(std::string_view ini_text, std::string_view profile);

}  // namespace binlake::s3
