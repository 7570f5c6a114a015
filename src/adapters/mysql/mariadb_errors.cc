#include "adapters/mysql/mariadb_errors.h"

#include <errmsg.h>
#include <fmt/format.h>
#include <mysqld_error.h>

#include <algorithm>
#include <array>

namespace binlake::adapters {
namespace {

constexpr std::array<unsigned, 14> kUnavailable = {
    CR_CONNECTION_ERROR,  CR_CONN_HOST_ERROR,      CR_IPSOCK_ERROR,          CR_SERVER_GONE_ERROR,
    CR_SERVER_LOST,       CR_SERVER_HANDSHAKE_ERR, CR_SERVER_LOST_EXTENDED,  ER_CON_COUNT_ERROR,
    ER_SERVER_SHUTDOWN,   ER_NET_READ_INTERRUPTED, ER_NET_WRITE_INTERRUPTED, ER_CONNECTION_KILLED,
    ER_QUERY_INTERRUPTED, CR_UNKNOWN_HOST};
constexpr std::array<unsigned, 6> kPermissionDenied = {
    ER_DBACCESS_DENIED_ERROR,        ER_ACCESS_DENIED_ERROR,
    ER_TABLEACCESS_DENIED_ERROR,     ER_COLUMNACCESS_DENIED_ERROR,
    ER_SPECIFIC_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR};
constexpr std::array<unsigned, 4> kInvalidArgument = {ER_BAD_DB_ERROR, ER_BAD_FIELD_ERROR,
                                                      ER_PARSE_ERROR, ER_NO_SUCH_TABLE};

template <size_t N>
bool In(const std::array<unsigned, N>& codes, unsigned error) {
  return std::find(codes.begin(), codes.end(), error) != codes.end();
}

std::string ConnectHint(unsigned error, const source::SourceOptions& options) {
  if (error == CR_SSL_CONNECTION_ERROR) {
    return fmt::format(
        "check source.tls_mode ({}) and the CA file source.tls_ca_file ('{}'): the server "
        "certificate must chain to it{}",
        TlsModeName(options.tls_mode), options.tls_ca_file,
        options.tls_mode == source::TlsMode::kVerifyIdentity
            ? " and name source.host in its subject alternative names"
            : "");
  }
  if (In(kPermissionDenied, error)) {
    return "check source.user and source.password and the GRANTs listed in docs/capture.md";
  }
  if (error == ER_BAD_DB_ERROR)
    return "check the database name";
  if (In(kUnavailable, error)) {
    return "check that the server runs and that source.host and source.port reach it";
  }
  return "see the server's error log";
}

}  // namespace

std::string SourceWhere(const source::SourceOptions& options) {
  return fmt::format("source {}:{} (user {})", options.host, options.port, options.user);
}

bool IsRetryableSqlError(unsigned error) {
  return In(kUnavailable, error);
}

Status SqlError(unsigned error, std::string_view message, std::string_view where) {
  std::string text = fmt::format("{}: {} {}", where, error, message);
  if (In(kUnavailable, error))
    return UnavailableError(std::move(text));
  if (In(kPermissionDenied, error))
    return PermissionDeniedError(std::move(text));
  if (In(kInvalidArgument, error))
    return InvalidArgumentError(std::move(text));
  return FailedPreconditionError(std::move(text));
}

Status ConnectError(unsigned error, std::string_view message,
                    const source::SourceOptions& options) {
  const Status status = SqlError(error, message, SourceWhere(options));
  return Status(status.code(), fmt::format("{}; {}", status.message(), ConnectHint(error, options)),
                status.retryable());
}

std::string_view TlsModeName(source::TlsMode mode) {
  switch (mode) {
    case source::TlsMode::kDisabled:
      return "disabled";
    case source::TlsMode::kPreferred:
      return "preferred";
    case source::TlsMode::kRequired:
      return "required";
    case source::TlsMode::kVerifyCa:
      return "verify_ca";
    case source::TlsMode::kVerifyIdentity:
      return "verify_identity";
  }
  return "unknown";
}

}  // namespace binlake::adapters
