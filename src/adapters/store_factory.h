// OpenObjectStore: turns a store URI from the configuration into a live ObjectStore.
//
//   file:///dir            -> adapters/fs LocalObjectStore rooted at /dir (created if missing)
//   s3://bucket[/prefix]   -> s3::S3ObjectStore over the libcurl HttpClient, credentials resolved
//                             from `s3_options.credentials`, then the environment
//                             (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
//                             then ~/.aws/credentials (profile `s3_options.profile`, or
//                             AWS_PROFILE)
// Opening an S3 store checks that the bucket is reachable with the credentials (a clear
// PermissionDenied naming the endpoint and bucket otherwise) and, when
// `s3_options.verify_conditional_put` is set, that the server honours If-None-Match.
// `clock` and `logger` must outlive the returned store.
#pragma once

#include <memory>
#include <string_view>

#include "binlake/base/result.h"
#include "binlake/io/clock.h"
#include "binlake/io/logger.h"
#include "binlake/io/object_store.h"
#include "binlake/s3/s3_options.h"

namespace binlake::adapters {

Result<std::unique_ptr<io::ObjectStore>> OpenObjectStore(std::string_view uri,
                                                         const s3::S3Options& s3_options,
                                                         io::Clock& clock, io::Logger& logger);

}  // namespace binlake::adapters
