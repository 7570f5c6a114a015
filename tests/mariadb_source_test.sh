#!/usr/bin/env bash
# Integration: the throwaway MariaDB that scripts/mariadb-server.sh starts is a valid binlake
# source: reachable over TCP on 127.0.0.1 as the replication user, binary log in ROW format
# with FULL row images and CRC32 checksums, GTIDs, the privileges capture needs, and a write
# shows up as a row event in the binary log.
# Needs BINLAKE_MARIADB_* in the environment (scripts/mariadb-server.sh env). Without them it
# reports a skip (exit 77), or fails when BINLAKE_REQUIRE_INTEGRATION=1 (CI).
set -euo pipefail

if [ -z "${BINLAKE_MARIADB_PORT:-}" ]; then
  if [ "${BINLAKE_REQUIRE_INTEGRATION:-0}" = 1 ]; then
    echo "FAIL: BINLAKE_MARIADB_PORT unset; start scripts/mariadb-server.sh first"; exit 1
  fi
  echo "SKIP: BINLAKE_MARIADB_PORT unset (start scripts/mariadb-server.sh)"; exit 77
fi

sql() {
  mariadb --no-defaults --protocol=tcp -h "$BINLAKE_MARIADB_HOST" -P "$BINLAKE_MARIADB_PORT" \
    -u "$BINLAKE_MARIADB_USER" -p"$BINLAKE_MARIADB_PASSWORD" -N -B -e "$1"
}
fail=0
expect() {  # expect NAME ACTUAL WANTED
  if [ "$2" = "$3" ]; then echo "ok   $1 = $2"; else echo "FAIL $1 = '$2', want '$3'"; fail=1; fi
}
variable() { sql "SELECT @@GLOBAL.$1"; }

expect log_bin "$(variable log_bin)" 1
expect binlog_format "$(variable binlog_format)" ROW
expect binlog_row_image "$(variable binlog_row_image)" FULL
expect binlog_checksum "$(variable binlog_checksum)" CRC32
expect server_id "$(variable server_id)" 1

grants=$(sql "SHOW GRANTS")
for privilege in "REPLICATION SLAVE" "BINLOG MONITOR" "RELOAD" "SELECT"; do
  if grep -q "$privilege" <<<"$grants"; then echo "ok   grant $privilege"; else
    echo "FAIL grant $privilege missing from: $grants"; fail=1; fi
done

db=$BINLAKE_MARIADB_DATABASE
table="source_probe_$$"
sql "CREATE TABLE $db.$table (id INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO $db.$table VALUES (1, 'x')"
log_file=$(sql "SHOW MASTER STATUS" | cut -f1)
events=$(sql "SHOW BINLOG EVENTS IN '$log_file'" | grep -c "Write_rows" || true)
sql "DROP TABLE $db.$table"
if [ "$events" -ge 1 ]; then echo "ok   row event in $log_file"; else
  echo "FAIL no Write_rows event in $log_file"; fail=1; fi
gtid=$(variable gtid_binlog_pos)
if [ -n "$gtid" ]; then echo "ok   gtid_binlog_pos = $gtid"; else echo "FAIL no GTID position"; fail=1; fi
exit $fail
