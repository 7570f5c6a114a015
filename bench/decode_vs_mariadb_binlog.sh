#!/usr/bin/env bash
# Binlog decoding rate of binlake next to MariaDB's own mariadb-binlog, on the same binlog in the
# same run. The binlog comes from a sysbench oltp_write_only workload against a throwaway MariaDB
# (scripts/mariadb-server.sh): every transaction is one UPDATE on an indexed column, one on a
# non-indexed column, one DELETE and one INSERT, each a row event with one row, the hard case
# for a decoder (per-event overhead dominates). binlake decodes every row into typed values
# (`binlake binlog stats`: event decoding, row images, transaction assembly); mariadb-binlog
# prints every row (`--base64-output=decode-rows -vv`) to /dev/null. Both run pinned to one CPU,
# and the rates divide by each process's CPU time (user + system), so that other load on the
# machine does not distort the comparison; wall times are printed too.
# The last line is:  binlake_rows_per_s=... mariadb_binlog_rows_per_s=... ratio=...
#
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-release --target binlake
#   bench/decode_vs_mariadb_binlog.sh build-release/apps/binlake/binlake [ROW_CHANGES]
#
# ROW_CHANGES (default 1,000,000) sets the workload size: ROW_CHANGES / 4 transactions.
# Environment: BINLAKE_BENCH_MARIADB_DIR (default /tmp/binlake-bench-mariadb, wiped first),
# BINLAKE_BENCH_MARIADB_PORT (default 13316), BINLAKE_BENCH_KEEP=1 keeps the server running.
set -euo pipefail

binlake=$(realpath "${1:?usage: decode_vs_mariadb_binlog.sh PATH/TO/binlake [ROW_CHANGES]}")
row_changes=${2:-1000000}
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/throwaway_mariadb.sh"
start_throwaway_mariadb /tmp/binlake-bench-mariadb 13316 sysbench mariadb-binlog
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

sysbench_args=(oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1
  --mysql-port="$BINLAKE_MARIADB_PORT" --mysql-user="$BINLAKE_MARIADB_USER"
  --mysql-password="$BINLAKE_MARIADB_PASSWORD" --mysql-db="$BINLAKE_MARIADB_DATABASE"
  --tables=4 --table-size=100000)
echo "preparing sysbench tables..." >&2
sysbench "${sysbench_args[@]}" prepare >/dev/null
sql "FLUSH BINARY LOGS"
first=$(sql "SHOW BINARY LOGS" | tail -n 1 | cut -f1)
transactions=$(( (row_changes + 3) / 4 ))
echo "running $transactions oltp_write_only transactions..." >&2
sysbench "${sysbench_args[@]}" --threads=8 --time=0 --events="$transactions" run >/dev/null
sql "FLUSH BINARY LOGS"
data_dir="$BINLAKE_MARIADB_DIR/data"
files=()
while read -r name; do
  if [[ "$name" > "$first" || "$name" == "$first" ]]; then files+=("$data_dir/$name"); fi
done < <(sql "SHOW BINARY LOGS" | cut -f1 | head -n -1)
echo "binlog: ${files[*]##*/} ($(du -ch "${files[@]}" | tail -n 1 | cut -f1))" >&2

# cpu_seconds OUTPUT COMMAND...: runs COMMAND with stdout to OUTPUT and prints its CPU seconds
# (user + system) and wall seconds.
cpu_seconds() {
  local output=$1 TIMEFORMAT='%U %S %R' times
  shift
  times=$({ time "$@" > "$output" 2> "$BINLAKE_MARIADB_DIR/decode.err"; } 2>&1 | tail -n 1)
  awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' <<<"$times"
}

read -r binlake_seconds binlake_wall < <(cpu_seconds "$BINLAKE_MARIADB_DIR/stats.txt" \
  "${pin[@]}" "$binlake" binlog stats "${files[@]}")
rows=$(sed -n 's/.*row changes: \([0-9]*\).*/\1/p' "$BINLAKE_MARIADB_DIR/stats.txt")
[ "$rows" -ge "$row_changes" ] || { echo "only $rows row changes in the binlog" >&2; exit 1; }
read -r mariadb_seconds mariadb_wall < <(cpu_seconds /dev/null \
  "${pin[@]}" mariadb-binlog --base64-output=decode-rows -vv "${files[@]}")

echo "row changes: $rows; CPU (wall) seconds: binlake ${binlake_seconds} (${binlake_wall}), mariadb-binlog -vv ${mariadb_seconds} (${mariadb_wall})" >&2
awk -v n="$rows" -v a="$binlake_seconds" -v b="$mariadb_seconds" 'BEGIN {
  printf "binlake_rows_per_s=%.0f mariadb_binlog_rows_per_s=%.0f ratio=%.1f\n", n / a, n / b, b / a }'
