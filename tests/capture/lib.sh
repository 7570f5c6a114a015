# Shared by the capture integration tests (sourced, not run). Sets `repo` and `here`, and
# defines the skip rule, root SQL on the test server, and capture config files.
# shellcheck shell=bash

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

# Skips (exit 77) without a test server, or fails when BINLAKE_REQUIRE_INTEGRATION=1 (CI).
require_server() {
  if [ -n "${BINLAKE_MARIADB_PORT:-}" ] && "$repo/scripts/mariadb-server.sh" status; then
    return 0
  fi
  if [ "${BINLAKE_REQUIRE_INTEGRATION:-0}" = 1 ]; then
    echo "FAIL: no test MariaDB (BINLAKE_MARIADB_PORT unset or server down); run scripts/mariadb-server.sh start"
    exit 1
  fi
  echo "SKIP: no test MariaDB (eval \"\$(scripts/mariadb-server.sh start)\")"
  exit 77
}

# Skips (77) without the local S3 server's exports (scripts/s3-server.sh), or fails when
# BINLAKE_REQUIRE_INTEGRATION=1.
require_s3() {
  if [ -n "${S3_ENDPOINT:-}" ]; then
    return 0
  fi
  if [ "${BINLAKE_REQUIRE_INTEGRATION:-0}" = 1 ]; then
    echo "FAIL: S3_ENDPOINT unset; run scripts/s3-server.sh start"
    exit 1
  fi
  echo "SKIP: S3_ENDPOINT unset (eval \"\$(scripts/s3-server.sh start)\")"
  exit 77
}

# root_sql [-e SQL]: runs SQL (or stdin) as root over the server's socket, tab-separated
# output without column names.
root_sql() {
  mariadb --no-defaults --protocol=socket --socket="$BINLAKE_MARIADB_SOCKET" -uroot \
    --default-character-set=utf8mb4 -N -B "$@"
}

# fresh_database NAME [SQL_FILE]: drops and creates database NAME, then runs SQL_FILE in it.
fresh_database() {
  root_sql -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\`"
  if [ -n "${2:-}" ]; then
    { echo "USE \`$1\`;"; cat "$2"; } | root_sql
  fi
}

# make_work: a temp directory $work with an empty $staging folder in it, removed at exit after
# the caller's `cleanup_hook` function runs (when it defines one).
make_work() {
  work=$(mktemp -d)
  staging=$work/staging
  mkdir -p "$staging"
  trap 'if declare -F cleanup_hook >/dev/null; then cleanup_hook; fi; rm -rf "$work"' EXIT
}

# write_config FILE STAGING_URI INCLUDE [YAML_LINES]: a capture config for the test server.
# YAML_LINES (optional) is appended verbatim (e.g. a full_load: section).
write_config() {
  cat > "$1" <<EOT
log:
  level: info
source:
  host: $BINLAKE_MARIADB_HOST
  port: $BINLAKE_MARIADB_PORT
  user: $BINLAKE_MARIADB_USER
  password: $BINLAKE_MARIADB_PASSWORD
  tls_mode: disabled
capture:
  include: "$3"
staging:
  uri: $2
${4:-}
EOT
}

# node_ready: true when node and tests/interop/node_modules (npm ci) are there; else it skips
# the caller's DuckDB part, or fails when BINLAKE_REQUIRE_INTEGRATION=1.
node_ready() {
  if command -v node >/dev/null && [ -d "$repo/tests/interop/node_modules/@duckdb/node-api" ]; then
    return 0
  fi
  if [ "${BINLAKE_REQUIRE_INTEGRATION:-0}" = 1 ]; then
    echo "FAIL: node or tests/interop/node_modules missing (cd tests/interop && npm ci)"
    exit 1
  fi
  echo "skip DuckDB check: node or tests/interop/node_modules missing (cd tests/interop && npm ci)"
  return 1
}
