#include "adapters/mysql/mariadb_connector.h"

#include <fmt/format.h>
#include <mysql.h>

#include <string>

#include "adapters/mysql/mariadb_errors.h"
#include "binlake/base/macros.h"
#include "binlake/s3/retry_policy.h"

namespace binlake::adapters {
namespace {

// Removes NO_BACKSLASH_ESCAPES from the session's sql_mode and keeps every other mode.
constexpr std::string_view kSessionSetup =
    "SET SESSION time_zone = '+00:00', SESSION autocommit = 1, SESSION sql_mode = "
    "TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', "
    "','))";

unsigned SecondsRoundedUp(int64_t millis) {
  return static_cast<unsigned>((std::max<int64_t>(millis, 1) + 999) / 1000);
}

struct SessionCloser {
  void operator()(MYSQL* session) const { mysql_close(session); }
};
using SessionPtr = std::unique_ptr<MYSQL, SessionCloser>;

Status SetOption(MYSQL* session, mysql_option option, const void* value, std::string_view name) {
  if (mysql_options(session, option, value) != 0) {
    return InternalError(fmt::format("libmariadb refused the option {}", name));
  }
  return Status::Ok();
}

Status SetFlag(MYSQL* session, mysql_option option, bool on, std::string_view name) {
  const my_bool value = on ? 1 : 0;
  return SetOption(session, option, &value, name);
}

Status SetTimeouts(MYSQL* session, const source::SourceOptions& options) {
  const unsigned connect = SecondsRoundedUp(options.connect_timeout_ms);
  const unsigned read = SecondsRoundedUp(options.read_timeout_ms);
  RETURN_IF_ERROR(SetOption(session, MYSQL_OPT_CONNECT_TIMEOUT, &connect, "connect timeout"));
  RETURN_IF_ERROR(SetOption(session, MYSQL_OPT_READ_TIMEOUT, &read, "read timeout"));
  return SetOption(session, MYSQL_OPT_WRITE_TIMEOUT, &read, "write timeout");
}

// verify_ca: with a CA file libmariadb checks the chain (OpenSSL SSL_VERIFY_PEER);
// MYSQL_OPT_SSL_VERIFY_SERVER_CERT adds the host-name check, so only verify_identity sets it.
Status SetTls(MYSQL* session, const source::SourceOptions& options) {
  using source::TlsMode;
  const TlsMode mode = options.tls_mode;
  if (mode == TlsMode::kDisabled)
    return Status::Ok();
  const bool verify = mode == TlsMode::kVerifyCa || mode == TlsMode::kVerifyIdentity;
  if (verify && options.tls_ca_file.empty()) {
    return InvalidArgumentError(fmt::format("{}: source.tls_mode {} needs source.tls_ca_file",
                                            SourceWhere(options), TlsModeName(mode)));
  }
  if (verify) {
    RETURN_IF_ERROR(
        SetOption(session, MYSQL_OPT_SSL_CA, options.tls_ca_file.c_str(), "source.tls_ca_file"));
  }
  if (!options.tls_cert_file.empty()) {
    RETURN_IF_ERROR(SetOption(session, MYSQL_OPT_SSL_CERT, options.tls_cert_file.c_str(),
                              "source.tls_cert_file"));
  }
  if (!options.tls_key_file.empty()) {
    RETURN_IF_ERROR(
        SetOption(session, MYSQL_OPT_SSL_KEY, options.tls_key_file.c_str(), "source.tls_key_file"));
  }
  RETURN_IF_ERROR(SetFlag(session, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
                          mode == TlsMode::kVerifyIdentity, "verify server certificate"));
  if (mode == TlsMode::kPreferred) {
    // libmariadb 3.3 has no option for "TLS when offered": its use_ssl flag (public in
    // st_mysql_options) asks for TLS, and a server without TLS is then accepted unless
    // MYSQL_OPT_SSL_ENFORCE or a certificate check is set.
    session->options.use_ssl = 1;
    return Status::Ok();
  }
  return SetFlag(session, MYSQL_OPT_SSL_ENFORCE, true, "TLS required");
}

Status SetOptions(MYSQL* session, const source::SourceOptions& options) {
  RETURN_IF_ERROR(SetOption(session, MYSQL_SET_CHARSET_NAME, "utf8mb4", "character set"));
  RETURN_IF_ERROR(SetFlag(session, MYSQL_REPORT_DATA_TRUNCATION, true, "report truncation"));
  RETURN_IF_ERROR(SetTimeouts(session, options));
  return SetTls(session, options);
}

}  // namespace

std::string_view SessionSetupSql() {
  return kSessionSetup;
}

MariaDbConnector::MariaDbConnector(source::SourceOptions options, io::Clock& clock,
                                   uint64_t jitter_seed)
    : options_(std::move(options)),
      clock_(clock),
      seeds_(static_cast<std::minstd_rand::result_type>(jitter_seed)) {
  static std::once_flag library_ready;
  std::call_once(library_ready, [] { mysql_library_init(0, nullptr, nullptr); });
}

uint64_t MariaDbConnector::NextSeed() {
  std::lock_guard lock(seed_mutex_);
  return seeds_();
}

Result<std::unique_ptr<io::SqlConnection>> MariaDbConnector::Connect() {
  ASSIGN_OR_RETURN(std::unique_ptr<io::SqlConnection> session, ConnectSession());
  return session;
}

Result<std::unique_ptr<MariaDbConnection>> MariaDbConnector::ConnectSession() {
  const s3::RetryOptions retry{static_cast<int>(options_.reconnect_max_attempts + 1),
                               options_.reconnect_initial_backoff_ms,
                               options_.reconnect_max_backoff_ms};
  s3::RetryPolicy policy(retry, NextSeed());
  for (int attempts = 1;; ++attempts) {
    auto session = ConnectOnce();
    if (session.ok() || !policy.ShouldRetry(session.status(), attempts))
      return session;
    clock_.SleepForMicros(policy.NextDelayMicros(attempts));
  }
}

Result<std::unique_ptr<MariaDbConnection>> MariaDbConnector::ConnectOnce() {
  SessionPtr session(mysql_init(nullptr));
  if (session == nullptr)
    return InternalError("libmariadb: mysql_init failed (out of memory)");
  RETURN_IF_ERROR(SetOptions(session.get(), options_));
  if (mysql_real_connect(session.get(), options_.host.c_str(), options_.user.c_str(),
                         options_.password.c_str(), nullptr, static_cast<unsigned>(options_.port),
                         nullptr, 0) == nullptr) {
    return ConnectError(mysql_errno(session.get()), mysql_error(session.get()), options_);
  }
  auto connection = std::make_unique<MariaDbConnection>(
      session.release(), SourceWhere(options_),
      fmt::format("{}@{}:{}", options_.user, options_.host, options_.port));
  RETURN_IF_ERROR(connection->Execute(kSessionSetup));
  return connection;
}

}  // namespace binlake::adapters
