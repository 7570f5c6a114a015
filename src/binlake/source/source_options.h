// SourceOptions: how binlake reaches the source MySQL/MariaDB server (config keys `source.*`).
// Plain values; the defaults are the product defaults, documented in docs/configuration.md.
#pragma once

#include <cstdint>
#include <string>

namespace binlake::source {

// TLS on the client connection, as the MySQL clients name the modes.
enum class TlsMode : uint8_t {
  kDisabled,        // plain TCP
  kPreferred,       // TLS when the server offers it, no certificate check
  kRequired,        // TLS or fail, no certificate check
  kVerifyCa,        // TLS, the server certificate chains to tls_ca_file
  kVerifyIdentity,  // as kVerifyCa, and the certificate names `host`
};

struct SourceOptions {
  std::string host = "127.0.0.1";
  int64_t port = 3306;
  std::string user;
  std::string password;  // never logged, never in a Status message
  TlsMode tls_mode = TlsMode::kPreferred;
  std::string tls_ca_file;    // PEM CA bundle (verify modes)
  std::string tls_cert_file;  // client certificate (optional)
  std::string tls_key_file;   // its key (optional)
  int64_t connect_timeout_ms = 10'000;
  // Longest wait for one network read or write; a stalled server past it is an Unavailable
  // error, and the caller reconnects.
  int64_t read_timeout_ms = 600'000;
  // Connection attempts after a retryable failure (refused, reset, timed out), with exponential
  // backoff and full jitter between reconnect_initial_backoff_ms and reconnect_max_backoff_ms.
  int64_t reconnect_max_attempts = 10;
  int64_t reconnect_initial_backoff_ms = 500;
  int64_t reconnect_max_backoff_ms = 30'000;
};

}  // namespace binlake::source
