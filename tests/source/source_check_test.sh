#!/usr/bin/env bash
# Integration: `binlake source check` against the test MariaDB (scripts/mariadb-server.sh):
# the server report and the selected tables with their keys; a keyless table refused (exit 1)
# naming both ways out, then accepted as full_row; a wrong password is exit 6.
# Needs BINLAKE_MARIADB_* (scripts/mariadb-server.sh env); without them it skips (exit 77), or
# fails when BINLAKE_REQUIRE_INTEGRATION=1.
# Usage: source_check_test.sh PATH_TO_BINLAKE
set -uo pipefail
binlake=$1
if [ -z "${BINLAKE_MARIADB_PORT:-}" ]; then
  if [ "${BINLAKE_REQUIRE_INTEGRATION:-0}" = 1 ]; then
    echo "FAIL: BINLAKE_MARIADB_PORT unset; start scripts/mariadb-server.sh first"; exit 1
  fi
  echo "SKIP: BINLAKE_MARIADB_PORT unset (start scripts/mariadb-server.sh)"; exit 77
fi
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_in() {  # expect_in TEXT NEEDLE WHAT
  case "$1" in *"$2"*) ;; *) fail "$3: missing '$2' in: $1" ;; esac
}
root_sql() {
  mariadb --no-defaults --protocol=socket --socket="$BINLAKE_MARIADB_SOCKET" -uroot -e "$1"
}
# check EXPECTED_EXIT ARGS...: runs `binlake source check` on the test server; output in $out.
check() {
  local expected=$1
  shift
  out=$("$binlake" source check --set "source.host=$BINLAKE_MARIADB_HOST" \
    --set "source.port=$BINLAKE_MARIADB_PORT" --set "source.user=$BINLAKE_MARIADB_USER" \
    --set "source.password=$BINLAKE_MARIADB_PASSWORD" --set source.tls_mode=disabled \
    --set source.reconnect.max_attempts=1 --set 'capture.include=source_cli.*' "$@" 2>&1)
  local code=$?
  [ "$code" = "$expected" ] || fail "source check $* exited $code, expected $expected: $out"
}

root_sql "CREATE DATABASE IF NOT EXISTS source_cli;
  DROP TABLE IF EXISTS source_cli.orders, source_cli.\`odd name\`, source_cli.log;
  CREATE TABLE source_cli.orders (region VARCHAR(8) NOT NULL, id BIGINT NOT NULL, v TEXT,
                                  PRIMARY KEY (region, id));
  CREATE TABLE source_cli.\`odd name\` (k INT NOT NULL, UNIQUE KEY (k));"

check 0 --set capture.include=source_cli.orders
expect_in "$out" "server           MariaDB 10." "server line"
expect_in "$out" "binlog           format ROW, row image full" "binlog line"
expect_in "$out" "full load        lock-free" "snapshot line"
expect_in "$out" "tables           1 selected" "table count"
expect_in "$out" "\`source_cli\`.\`orders\`     3 columns  primary key (region, id)" "orders"

root_sql "CREATE TABLE source_cli.log (msg TEXT)"
check 1
expect_in "$out" "FailedPrecondition: 2 selected table(s) have no primary key" "keyless refusal"
expect_in "$out" "\`source_cli\`.\`odd name\` (it has one: source_cli.odd name=k)" "suggestion"
expect_in "$out" "capture.keyless_tables: full_row" "way out"

check 0 --set capture.keyless_tables=full_row --set 'capture.unique_keys=source_cli.odd name=k'
expect_in "$out" "\`source_cli\`.\`log\`" "log listed"
expect_in "$out" "full row (no key)" "keyless as full row"
expect_in "$out" "unique key (k)" "configured unique key"

check 1 --set 'capture.include=source_cli.nothing_*'
expect_in "$out" "selects no base table" "empty selection"

check 6 --set source.password=wrong
expect_in "$out" "PermissionDenied" "wrong password"

if [ $failures -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "source check: all checks passed"
