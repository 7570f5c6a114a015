// The ETags S3 computes for an object, predicted from its bytes.
//
// A single-part PutObject's ETag is the hex MD5 of the body; a multipart object's ETag is the
// hex MD5 of the concatenated binary MD5s of its parts, then "-" and the part count. Servers
// with SSE-KMS or SSE-C encryption use other ETags, so a mismatch means "cannot tell", never
// "different bytes". Used to recognise our own write after a retried request whose first
// reply was lost (see S3ObjectStore). Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "binlake/base/result.h"

namespace binlake::s3 {

// Lower-case hex MD5 of `bytes`: the ETag of a single-part upload of them.
std::string SinglePartEtag(std::string_view bytes);

// The ETag of a multipart object whose parts had `part_etags` (as UploadPart returned them,
// with or without quotes), in part order. InvalidArgument when a part ETag is not a 32-digit hex
// MD5 (a server that does not use MD5 ETags) or there are no parts.
Result<std::string> MultipartEtag(const std::vector<std::string>& part_etags);

}  // namespace binlake::s3
