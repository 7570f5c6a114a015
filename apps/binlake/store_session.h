// StoreSession: what every `binlake store` subcommand needs: the effective configuration, a
// logger, a clock and one open ObjectStore.
//
// A STORE argument is either a store URI (file:///dir, s3://bucket/prefix) or one of the names
// `staging` and `final`, which stand for the configured staging.uri and final.uri.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/sys/spdlog_logger.h"
#include "adapters/sys/system_clock.h"
#include "binlake/base/result.h"
#include "binlake/config/config.h"
#include "binlake/io/object_store.h"
#include "cli.h"

namespace binlake::cli {

// The STORE argument's help text, shared by the store subcommands.
inline constexpr char kStoreArgHelp[] =
    "store URI (file:///dir, s3://bucket/prefix) or `staging`/`final` for the configured one";

class StoreSession {
 public:
  // Loads the configuration, resolves `store_arg` and opens the store (for S3 this runs the
  // credential, bucket and conditional-PUT probes of adapters::OpenObjectStore).
  // InvalidArgument for a bad configuration or URI, otherwise the store's errors.
  static Result<std::unique_ptr<StoreSession>> Open(const GlobalOptions& globals,
                                                    std::string_view store_arg);

  io::ObjectStore& store() { return *store_; }
  io::Clock& clock() { return clock_; }

 private:
  struct PrivateTag {};  // only Open constructs a session

 public:
  explicit StoreSession(PrivateTag /*tag*/) {}

 private:
  adapters::SystemClock clock_;
  std::unique_ptr<adapters::SpdlogLogger> logger_;
  std::unique_ptr<io::ObjectStore> store_;  // last: destroyed first, it uses clock_ and logger_
};

// InvalidArgument naming `key` when it is not a valid object key (store/object_key.h), so a
// bad key is refused before any store is opened.
Status CheckKeyArgument(std::string_view key);

}  // namespace binlake::cli
