// How a libmariadb or server error number becomes a Status, as pure functions (no I/O), so the
// mapping is unit-tested without a server. MariaDbConnector and MariaDbConnection are the users.
//
// Codes (io/sql_connection.h):
//   Unavailable (retryable)  the connection failed, was lost, killed or timed out, or the
//                            server is full or shutting down (2002, 2003, 2006, 2013, 1040,
//                            1053, 1159, 1161, 1927, ...)
//   PermissionDenied         login or privilege refused (1044, 1045, 1142, 1143, 1227, 1698)
//   InvalidArgument          the server rejected the SQL or a name (1049, 1054, 1064, 1146)
//   FailedPrecondition       anything else, including TLS failures (2026): the same settings
//                            fail again, so retrying is pointless
// Messages: "<where>: <number> <server text>" and, for connection failures, "; <what to do>"
// naming the settings to check. <where> is "source HOST:PORT (user USER)"; the password never
// appears.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "binlake/base/status.h"
#include "binlake/source/source_options.h"

namespace binlake::adapters {

// "source 127.0.0.1:13306 (user binlake)".
std::string SourceWhere(const source::SourceOptions& options);

// True when a new connection attempt may succeed after a failure with `error`.
bool IsRetryableSqlError(unsigned error);

// The Status for `error` (text `message`) on a statement.
Status SqlError(unsigned error, std::string_view message, std::string_view where);

// The Status for `error` while connecting and logging in, with a hint on what to check.
Status ConnectError(unsigned error, std::string_view message, const source::SourceOptions& options);

// "disabled", "preferred", ... as in source.tls_mode.
std::string_view TlsModeName(source::TlsMode mode);

}  // namespace binlake::adapters
