#include "adapters/store_factory.h"

#include <fmt/format.h>

#include <utility>

#include "adapters/curl/curl_http_client.h"
#include "adapters/fs/local_object_store.h"
#include "adapters/system_env.h"
#include "binlake/base/macros.h"
#include "binlake/s3/s3_object_store.h"
#include "binlake/store/store_uri.h"

namespace binlake::adapters {
namespace {

Result<std::unique_ptr<io::ObjectStore>> OpenS3Store(const store::StoreUri& uri,
                                                     const s3::S3Options& s3_options,
                                                     io::Clock& clock, io::Logger& logger) {
  s3::S3Options options = s3_options;
  ASSIGN_OR_RETURN(options.credentials, ResolveS3Credentials(s3_options));
  CurlOptions curl_options;
  curl_options.connect_timeout_ms = options.connect_timeout_ms;
  curl_options.request_timeout_ms = options.request_timeout_ms;
  curl_options.ca_file = options.ca_file;
  ASSIGN_OR_RETURN(std::unique_ptr<CurlHttpClient> http, CurlHttpClient::Make(curl_options));
  ASSIGN_OR_RETURN(std::unique_ptr<s3::S3ObjectStore> store,
                   s3::S3ObjectStore::Make(std::move(http), clock, logger, uri.root, uri.prefix,
                                           std::move(options)));
  RETURN_IF_ERROR(store->ProbeBucket());
  if (s3_options.verify_conditional_put) {
    RETURN_IF_ERROR(store->VerifyConditionalPut());
  }
  logger.Info("opened S3 object store", {{"store", store->Describe()}});
  return std::unique_ptr<io::ObjectStore>(std::move(store));
}

}  // namespace

Result<std::unique_ptr<io::ObjectStore>> OpenObjectStore(std::string_view uri,
                                                         const s3::S3Options& s3_options,
                                                         io::Clock& clock, io::Logger& logger) {
  ASSIGN_OR_RETURN(store::StoreUri parsed, store::ParseStoreUri(uri));
  if (parsed.scheme == store::StoreScheme::kFile) {
    ASSIGN_OR_RETURN(std::unique_ptr<LocalObjectStore> local, LocalObjectStore::Open(parsed.root));
    return std::unique_ptr<io::ObjectStore>(std::move(local));
  }
  return OpenS3Store(parsed, s3_options, clock, logger);
}

}  // namespace binlake::adapters
