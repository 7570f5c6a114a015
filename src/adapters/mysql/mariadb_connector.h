// MariaDbConnector: io::SqlConnector that opens libmariadb sessions to the source server
// described by source::SourceOptions.
//
// Each session: character set utf8mb4, connect/read/write timeouts from the options (seconds,
// rounded up), TLS per source.tls_mode (docs/protocol/source-connection.md), then
// `SET time_zone='+00:00'`, sql_mode without NO_BACKSLASH_ESCAPES and autocommit on.
// Auth plugins: whatever the server asks for among libmariadb's (mysql_native_password,
// caching_sha2_password, sha256_password, ed25519, ...).
//
// Connect() tries once, then, while the failure is retryable (IsRetryableSqlError: refused,
// lost, timed out, too many connections), up to source.reconnect.max_attempts more times,
// sleeping through `clock` between tries with exponential backoff and full jitter
// (s3::RetryPolicy's schedule). Other failures (access denied, unknown database, TLS) return
// at once. Errors name the server and user, and say what to check; never the password.
// Thread-safety: Connect may be called from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string_view>

#include "adapters/mysql/mariadb_connection.h"
#include "binlake/io/clock.h"
#include "binlake/io/sql_connection.h"
#include "binlake/source/source_options.h"

namespace binlake::adapters {

// The statement that sets every session up after login: UTC, autocommit, and the session's
// sql_mode without NO_BACKSLASH_ESCAPES (the other modes kept).
std::string_view SessionSetupSql();

class MariaDbConnector : public io::SqlConnector {
 public:
  // `clock` outlives the connector; `jitter_seed` seeds the backoff jitter.
  MariaDbConnector(source::SourceOptions options, io::Clock& clock, uint64_t jitter_seed);

  Result<std::unique_ptr<io::SqlConnection>> Connect() override;

  // Connect() with the concrete type (tests use ServerThreadId()).
  Result<std::unique_ptr<MariaDbConnection>> ConnectSession();

 private:
  Result<std::unique_ptr<MariaDbConnection>> ConnectOnce();
  uint64_t NextSeed();

  source::SourceOptions options_;
  io::Clock& clock_;
  std::mutex seed_mutex_;
  std::minstd_rand seeds_;
};

}  // namespace binlake::adapters
