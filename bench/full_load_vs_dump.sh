#!/usr/bin/env bash
# Full-load rate of `binlake capture --full-load-only` (a sysbench table to ZSTD Parquet LOAD
# files on local disk) next to, in the same run and on the same table:
#   (a) the wire limit: bench/wire_select, a bare libmariadb client that streams the same
#       `SELECT *` with mysql_use_result and discards the rows;
#   (b) `mariadb-dump --single-transaction` of the table to /dev/null (SQL text).
# The server is a throwaway MariaDB started by scripts/mariadb-server.sh in its own directory and
# port, with a buffer pool that holds the whole table (all three read from memory, as in
# /work/shared/reference/anchors.md). Client and server share the machine's cores, so the rates
# are wall-clock rows per second, best of 3 runs each; binlake's CPU (user + sys) and maximum
# RSS come from /usr/bin/time -v of its best run.
# The last line is:
#   binlake_rows_per_s=... dump_rows_per_s=... wire_rows_per_s=... ratio_dump=... ratio_wire=...
#   binlake_rows_per_cpu_s=... rss_mib=...
# (ratio_dump = binlake / dump, ratio_wire = binlake / wire.)
#
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBINLAKE_BUILD_BENCHMARKS=ON
#   cmake --build build-release --target binlake wire_select
#   bench/full_load_vs_dump.sh build-release/apps/binlake/binlake build-release/bench/wire_select [ROWS]
#
# ROWS (default 2,000,000) is the sysbench table size. Environment: BINLAKE_BENCH_MARIADB_DIR
# (default /tmp/binlake-bench-fullload, wiped first), BINLAKE_BENCH_MARIADB_PORT (default 13326),
# BINLAKE_BENCH_KEEP=1 keeps the server running, BINLAKE_BENCH_PARALLELISM (default 2) and
# BINLAKE_BENCH_CHUNK_ROWS (default 250000) set full_load.parallelism and full_load.chunk_rows.
set -euo pipefail

usage="usage: full_load_vs_dump.sh PATH/TO/binlake PATH/TO/wire_select [ROWS]"
binlake=$(realpath "${1:?$usage}")
wire_select=$(realpath "${2:?$usage}")
rows=${3:-2000000}
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/throwaway_mariadb.sh"
start_throwaway_mariadb /tmp/binlake-bench-fullload 13326 sysbench mariadb-dump /usr/bin/time
database=fullload_bench
work=$BINLAKE_MARIADB_DIR/bench
mkdir -p "$work"

sql "SET GLOBAL innodb_buffer_pool_size = 2 * 1024 * 1024 * 1024;
     CREATE DATABASE $database;
     GRANT ALL ON $database.* TO '$BINLAKE_MARIADB_USER'@'127.0.0.1'"
echo "preparing sbtest1 with $rows rows..." >&2
sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$BINLAKE_MARIADB_PORT" \
  --mysql-user="$BINLAKE_MARIADB_USER" --mysql-password="$BINLAKE_MARIADB_PASSWORD" \
  --mysql-db="$database" --tables=1 --table-size="$rows" prepare >/dev/null
[ "$(sql "SELECT COUNT(*) FROM $database.sbtest1")" = "$rows" ] || { echo "sysbench prepare: wrong row count" >&2; exit 1; }

wire() {
  "$wire_select" 127.0.0.1 "$BINLAKE_MARIADB_PORT" "$BINLAKE_MARIADB_USER" \
    "$BINLAKE_MARIADB_PASSWORD" "$database" sbtest1
}
wire >/dev/null  # warms the buffer pool: every run below reads from memory

# best_of_3 COMMAND...: COMMAND prints "<rows> <wall seconds>"; prints the fastest run's rate.
best_of_3() {
  local best=0 rate
  for _ in 1 2 3; do
    rate=$("$@" | awk '{ printf "%.0f\n", $1 / $2 }')
    if [ "$rate" -gt "$best" ]; then best=$rate; fi
  done
  echo "$best"
}

wire_run() { wire | sed -n 's/.*rows=\([0-9]*\) seconds=\([0-9.]*\).*/\1 \2/p'; }

dump_run() {
  local seconds
  seconds=$( { /usr/bin/time -f '%e' mariadb-dump --no-defaults --single-transaction \
    --protocol=tcp -h 127.0.0.1 -P "$BINLAKE_MARIADB_PORT" -u "$BINLAKE_MARIADB_USER" \
    -p"$BINLAKE_MARIADB_PASSWORD" "$database" sbtest1 >/dev/null; } 2>&1 | tail -n 1)
  echo "$rows $seconds"
}

cat > "$work/capture.yaml" <<EOT
log:
  level: info
source:
  host: 127.0.0.1
  port: $BINLAKE_MARIADB_PORT
  user: $BINLAKE_MARIADB_USER
  password: $BINLAKE_MARIADB_PASSWORD
  tls_mode: disabled
capture:
  include: $database.sbtest1
full_load:
  parallelism: ${BINLAKE_BENCH_PARALLELISM:-2}
  chunk_rows: ${BINLAKE_BENCH_CHUNK_ROWS:-250000}
staging:
  uri: file://$work/staging
  format: parquet
  compression: zstd
EOT

# One binlake full load into an empty staging directory; keeps the /usr/bin/time -v report of
# the fastest run in $work/binlake.time and prints "<rows> <wall seconds>".
binlake_best_wall=
binlake_run() {
  rm -rf "$work/staging" && mkdir -p "$work/staging"
  /usr/bin/time -v -o "$work/time.txt" "$binlake" capture -c "$work/capture.yaml" \
    --full-load-only >"$work/capture.log" 2>&1 || { cat "$work/capture.log" >&2; exit 1; }
  local loaded wall
  loaded=$(sed -n 's/.*chunk [0-9]* done rows=\([0-9]*\).*/\1/p' "$work/capture.log" | awk '{ s += $1 } END { print s + 0 }')
  [ "$loaded" = "$rows" ] || { echo "binlake loaded $loaded rows, want $rows" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  if [ -z "$binlake_best_wall" ] || awk -v a="$wall" -v b="$binlake_best_wall" 'BEGIN { exit !(a < b) }'; then
    binlake_best_wall=$wall
    cp "$work/time.txt" "$work/binlake.time"
  fi
  echo "$rows $wall"
}

echo "measuring: wire_select, mariadb-dump, binlake (best of 3 each)..." >&2
wire_rate=$(best_of_3 wire_run)
dump_rate=$(best_of_3 dump_run)
# Not in a subshell: binlake_run records its fastest run in variables.
binlake_rate=0
for _ in 1 2 3; do
  binlake_run >"$work/run.txt"
  rate=$(awk '{ printf "%.0f\n", $1 / $2 }' "$work/run.txt")
  if [ "$rate" -gt "$binlake_rate" ]; then binlake_rate=$rate; fi
done

cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/binlake.time")
rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/binlake.time")
files=$(find "$work/staging" -name 'LOAD*.parquet' | wc -l)
bytes=$(du -cb "$work/staging" | tail -n 1 | cut -f1)
echo "rows: $rows; binlake best run: ${binlake_best_wall}s wall, ${cpu}s CPU, $files LOAD files, $bytes bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
awk -v n="$rows" -v b="$binlake_rate" -v d="$dump_rate" -v w="$wire_rate" -v c="$cpu" -v r="$rss_kib" 'BEGIN {
  printf "binlake_rows_per_s=%d dump_rows_per_s=%d wire_rows_per_s=%d ratio_dump=%.2f ratio_wire=%.2f binlake_rows_per_cpu_s=%.0f rss_mib=%.0f\n",
    b, d, w, b / d, b / w, n / c, r / 1024 }'
