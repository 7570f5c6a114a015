#include "store_session.h"

#include <utility>

#include "adapters/store_factory.h"
#include "binlake/base/macros.h"
#include "binlake/config/validate.h"
#include "binlake/store/object_key.h"
#include "binlake/store/store_uri.h"

namespace binlake::cli {
namespace {

Result<std::string> ResolveStoreUri(const config::Config& config, std::string_view store_arg) {
  if (store_arg == "staging") {
    RETURN_IF_ERROR(config::RequireStoreUri(config.staging, "staging.uri"));
    return config.staging.uri;
  }
  if (store_arg == "final") {
    RETURN_IF_ERROR(config::RequireStoreUri(config.final, "final.uri"));
    return config.final.uri;
  }
  RETURN_IF_ERROR(store::ParseStoreUri(store_arg));
  return std::string(store_arg);
}

adapters::LoggerOptions LoggerOptionsFor(const config::LogConfig& log) {
  adapters::LoggerOptions options;
  options.level = log.level;
  options.format = log.format == config::LogFormat::kJson ? adapters::LogFormat::kJson
                                                          : adapters::LogFormat::kText;
  return options;
}

}  // namespace

Result<std::unique_ptr<StoreSession>> StoreSession::Open(const GlobalOptions& globals,
                                                         std::string_view store_arg) {
  ASSIGN_OR_RETURN(config::Config config, LoadEffectiveConfig(globals));
  ASSIGN_OR_RETURN(std::string uri, ResolveStoreUri(config, store_arg));
  auto session = std::make_unique<StoreSession>(PrivateTag{});
  ASSIGN_OR_RETURN(session->logger_, adapters::SpdlogLogger::Make(LoggerOptionsFor(config.log)));
  ASSIGN_OR_RETURN(session->store_,
                   adapters::OpenObjectStore(uri, config.s3, session->clock_, *session->logger_));
  return session;
}

Status CheckKeyArgument(std::string_view key) {
  return store::ValidateObjectKey(key);
}

}  // namespace binlake::cli
