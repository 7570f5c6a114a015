#!/usr/bin/env bash
# mariadb-server.sh: a throwaway MariaDB server on 127.0.0.1 for binlake's capture tests and
# `binlake demo`. It is configured the way binlake needs a source to be: binary log on,
# binlog_format=ROW, binlog_row_image=FULL, CRC32 checksums, a server_id, GTIDs, and a
# replication user. It also offers TLS (a CA and a server certificate generated once per state
# directory, valid for 127.0.0.1 and localhost) and a second user that logs in with the ed25519
# plugin. Nothing outside the state directory is touched.
#
# Usage: mariadb-server.sh start|stop|status|env|sql [SQL...]
#   start   initialise the data directory if needed, start mariadbd, wait until it answers,
#           create the replication user and the test database, print the connection exports
#   stop    shut the server down (waits for it to exit)
#   status  exit 0 if the server answers
#   env     print the connection exports
#   sql     run SQL as root over the server's socket (arguments, or stdin)
#
# Environment:
#   BINLAKE_MARIADB_DIR    state directory (data, socket, logs)     default /tmp/binlake-mariadb
#   BINLAKE_MARIADB_PORT   TCP port on 127.0.0.1                    default 13306
#   BINLAKE_MARIADB_FRESH  1: wipe the data directory before start  default 0
#   BINLAKE_MARIADB_TIMEOUT seconds to wait for the server           default 60
#
# The replication user is binlake / binlake, with SELECT, RELOAD, SHOW DATABASES, REPLICATION
# SLAVE, REPLICATION CLIENT (BINLOG MONITOR) and SHOW VIEW on every database. binlake_ed25519 /
# binlake has the same grants and authenticates with ed25519. `env` also exports the CA that
# signed the server certificate (BINLAKE_MARIADB_TLS_CA).
set -euo pipefail

STATE_DIR=${BINLAKE_MARIADB_DIR:-/tmp/binlake-mariadb}
PORT=${BINLAKE_MARIADB_PORT:-13306}
DATA_DIR=$STATE_DIR/data
SOCKET=$STATE_DIR/mariadb.sock
PID_FILE=$STATE_DIR/mariadb.pid
LOG_FILE=$STATE_DIR/mariadb.log
CONF_FILE=$STATE_DIR/my.cnf
USER_NAME=binlake
USER_PASSWORD=binlake
TEST_DATABASE=binlake_test
ED25519_USER_NAME=binlake_ed25519
TLS_DIR=$STATE_DIR/tls

print_env() {
  cat <<EOT
export BINLAKE_MARIADB_HOST=127.0.0.1
export BINLAKE_MARIADB_PORT=$PORT
export BINLAKE_MARIADB_USER=$USER_NAME
export BINLAKE_MARIADB_PASSWORD=$USER_PASSWORD
export BINLAKE_MARIADB_DATABASE=$TEST_DATABASE
export BINLAKE_MARIADB_SOCKET=$SOCKET
export BINLAKE_MARIADB_TLS_CA=$TLS_DIR/ca.pem
export BINLAKE_MARIADB_ED25519_USER=$ED25519_USER_NAME
EOT
}

root_sql() {
  mariadb --no-defaults --protocol=socket --socket="$SOCKET" -uroot "$@"
}

answers() {
  [ -S "$SOCKET" ] && root_sql -e "SELECT 1" >/dev/null 2>&1
}

write_config() {
  cat > "$CONF_FILE" <<EOT
[mariadbd]
datadir = $DATA_DIR
socket = $SOCKET
pid-file = $PID_FILE
port = $PORT
bind-address = 127.0.0.1
skip-name-resolve
log-error = $LOG_FILE
server-id = 1
log-bin = binlog
binlog-format = ROW
binlog-row-image = FULL
binlog-checksum = CRC32
binlog-annotate-row-events = ON
max-binlog-size = 256M
gtid-strict-mode = ON
innodb-buffer-pool-size = 256M
innodb-log-file-size = 128M
innodb-flush-log-at-trx-commit = 2
sync-binlog = 0
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
ssl-ca = $TLS_DIR/ca.pem
ssl-cert = $TLS_DIR/server-cert.pem
ssl-key = $TLS_DIR/server-key.pem
plugin-load-add = auth_ed25519
EOT
}

# A CA and a server certificate it signs (SAN IP:127.0.0.1, DNS:localhost), made once.
make_certificates() {
  if [ -f "$TLS_DIR/server-cert.pem" ]; then return 0; fi
  mkdir -p "$TLS_DIR"
  local quiet="$TLS_DIR/openssl.log"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=binlake test CA" \
    -keyout "$TLS_DIR/ca-key.pem" -out "$TLS_DIR/ca.pem" >"$quiet" 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$TLS_DIR/server-key.pem" -out "$TLS_DIR/server.csr" >>"$quiet" 2>&1
  printf 'subjectAltName = IP:127.0.0.1, DNS:localhost\n' > "$TLS_DIR/server.ext"
  openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca-key.pem" \
    -CAcreateserial -days 3650 -extfile "$TLS_DIR/server.ext" \
    -out "$TLS_DIR/server-cert.pem" >>"$quiet" 2>&1
}

initialise() {
  if [ "${BINLAKE_MARIADB_FRESH:-0}" = 1 ]; then rm -rf "$DATA_DIR"; fi
  if [ -d "$DATA_DIR/mysql" ]; then return 0; fi
  mkdir -p "$DATA_DIR"
  mariadb-install-db --no-defaults --datadir="$DATA_DIR" --user="$(id -un)" \
    --auth-root-authentication-method=socket --skip-test-db >"$STATE_DIR/install.log" 2>&1 || {
      echo "mariadb-server: mariadb-install-db failed; log:" >&2; tail -n 20 "$STATE_DIR/install.log" >&2
      return 1
    }
}

create_user() {
  root_sql <<EOT
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$USER_PASSWORD';
CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$USER_PASSWORD';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, SHOW VIEW
  ON *.* TO '$USER_NAME'@'127.0.0.1', '$USER_NAME'@'localhost';
CREATE DATABASE IF NOT EXISTS $TEST_DATABASE;
GRANT ALL ON $TEST_DATABASE.* TO '$USER_NAME'@'127.0.0.1', '$USER_NAME'@'localhost';
CREATE USER IF NOT EXISTS '$ED25519_USER_NAME'@'127.0.0.1'
  IDENTIFIED VIA ed25519 USING PASSWORD('$USER_PASSWORD');
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, SHOW VIEW
  ON *.* TO '$ED25519_USER_NAME'@'127.0.0.1';
EOT
}

start_server() {
  mkdir -p "$STATE_DIR"
  if answers; then create_user; print_env; return 0; fi
  command -v mariadbd >/dev/null || { echo "mariadb-server: mariadbd not installed (run scripts/install-deps.sh)" >&2; return 1; }
  make_certificates
  write_config
  initialise
  rm -f "$SOCKET"
  mariadbd --defaults-file="$CONF_FILE" --user="$(id -un)" >/dev/null 2>&1 </dev/null &
  local deadline=$((SECONDS + ${BINLAKE_MARIADB_TIMEOUT:-60}))
  until answers; do
    if [ $SECONDS -ge $deadline ]; then
      echo "mariadb-server: no answer after ${BINLAKE_MARIADB_TIMEOUT:-60} s; log:" >&2
      tail -n 30 "$LOG_FILE" >&2 || true
      return 1
    fi
    sleep 0.2
  done
  create_user
  print_env
}

stop_server() {
  [ -f "$PID_FILE" ] || return 0
  local pid; pid=$(cat "$PID_FILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
}

case "${1:-start}" in
  start) start_server ;;
  stop) stop_server ;;
  status) answers ;;
  env) print_env ;;
  sql) shift; if [ $# -gt 0 ]; then root_sql -e "$*"; else root_sql; fi ;;
  *) echo "usage: $0 start|stop|status|env|sql [SQL]" >&2; exit 2 ;;
esac
