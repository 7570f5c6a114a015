// Test support for the libmariadb adapter: the test MariaDB started by
// scripts/mariadb-server.sh, found through BINLAKE_MARIADB_* (see that script's `env`).
// Without them a test skips, unless BINLAKE_REQUIRE_INTEGRATION=1, when it fails.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "binlake/source/source_options.h"

namespace binlake::adapters::testing {

inline std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// Options for the binlake user over TCP, TLS disabled, or nullopt without a test server.
inline std::optional<source::SourceOptions> TestServer() {
  if (Env("BINLAKE_MARIADB_HOST").empty())
    return std::nullopt;
  source::SourceOptions options;
  options.host = Env("BINLAKE_MARIADB_HOST");
  options.port = std::stoll(Env("BINLAKE_MARIADB_PORT"));
  options.user = Env("BINLAKE_MARIADB_USER");
  options.password = Env("BINLAKE_MARIADB_PASSWORD");
  options.tls_mode = source::TlsMode::kDisabled;
  options.connect_timeout_ms = 5'000;
  options.read_timeout_ms = 30'000;
  options.reconnect_max_attempts = 1;
  options.reconnect_initial_backoff_ms = 10;
  options.reconnect_max_backoff_ms = 10;
  return options;
}

// Runs `sql` as root over the server's socket with the mariadb client; true on success.
inline bool RootSql(const std::string& sql) {
  const std::string command = "mariadb --no-defaults --protocol=socket --socket='" +
                              Env("BINLAKE_MARIADB_SOCKET") + "' -uroot";
  FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr)
    return false;
  const bool written = std::fwrite(sql.data(), 1, sql.size(), pipe) == sql.size();
  return pclose(pipe) == 0 && written;
}

}  // namespace binlake::adapters::testing

// Skips the test (or fails it under BINLAKE_REQUIRE_INTEGRATION=1) when no server is set.
#define BINLAKE_REQUIRE_MARIADB(options)                                           \
  const auto options = ::binlake::adapters::testing::TestServer();                 \
  if (!options) {                                                                  \
    if (::binlake::adapters::testing::Env("BINLAKE_REQUIRE_INTEGRATION") == "1") { \
      FAIL() << "BINLAKE_MARIADB_HOST is not set (BINLAKE_REQUIRE_INTEGRATION=1)"; \
    }                                                                              \
    GTEST_SKIP() << "no test MariaDB: eval \"$(scripts/mariadb-server.sh env)\"";  \
  }
