#!/usr/bin/env bash
# Parquet encode cost of binlake next to DuckDB, same rows, same machine, same run: a 2,000,000-row
# sysbench-shaped table (id INT, k INT, c CHAR(120), pad CHAR(60)) and a wide 20-column mixed
# table, each written with ZSTD on one thread by binlake and by DuckDB (@duckdb/node-api, the
# version pinned in tests/interop). binlake generates the rows (bench/parquet_bench_tables.h) and
# hands DuckDB the very same rows as an uncompressed Parquet file, which DuckDB loads into an
# in-memory table before the timed COPY; both sides time only the ZSTD write, in CPU seconds
# (user + sys). Prints file sizes and, as the last line:
#   binlake_rows_per_cpu_s=... duckdb_rows_per_cpu_s=... ratio=...      (sysbench table)
#
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBINLAKE_BUILD_BENCHMARKS=ON
#   cmake --build build-bench --target parquet_vs_duckdb_bench
#   (cd tests/interop && npm ci)
#   bench/parquet_vs_duckdb.sh build-bench/bench/parquet_vs_duckdb_bench [SYSBENCH_ROWS [WIDE_ROWS]]
#
# Memory check (not part of this script's output): stream 10 GiB of rows through the writer,
#   /usr/bin/time -v build-bench/bench/parquet_vs_duckdb_bench stream 10
set -euo pipefail

bench_binary=${1:?usage: parquet_vs_duckdb.sh PATH/TO/parquet_vs_duckdb_bench [SYSBENCH_ROWS [WIDE_ROWS]]}
sysbench_rows=${2:-2000000}
wide_rows=${3:-500000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

field() {  # field NAME LINE: the value of NAME=... in LINE
  sed -E "s/.*(^| )$1=([^ ]+).*/\2/" <<<"$2"
}

run_table() {  # run_table TABLE ROWS: prints both lines and sets binlake_rate, duckdb_rate
  local table=$1 rows=$2 ours theirs
  ours=$("$bench_binary" write "$table" "$rows" "$work/$table.binlake.parquet" "$work/$table.input.parquet")
  theirs=$(node "$here/parquet_vs_duckdb.mjs" "$work/$table.input.parquet" "$work/$table.duckdb.parquet")
  echo "$table: $ours"
  echo "$table: $theirs"
  binlake_rate=$(awk -v r="$rows" -v s="$(field cpu_s "$ours")" 'BEGIN { printf "%.0f", r / s }')
  duckdb_rate=$(awk -v r="$rows" -v s="$(field cpu_s "$theirs")" 'BEGIN { printf "%.0f", r / s }')
  local size_ratio
  size_ratio=$(awk -v a="$(field bytes "$ours")" -v b="$(field bytes "$theirs")" 'BEGIN { printf "%.3f", a / b }')
  echo "$table: binlake_rows_per_cpu_s=$binlake_rate duckdb_rows_per_cpu_s=$duckdb_rate" \
       "ratio=$(awk -v a="$binlake_rate" -v b="$duckdb_rate" 'BEGIN { printf "%.2f", a / b }')" \
       "size_ratio=$size_ratio"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
run_table wide "$wide_rows"
run_table sysbench "$sysbench_rows"
echo "binlake_rows_per_cpu_s=$binlake_rate duckdb_rows_per_cpu_s=$duckdb_rate" \
     "ratio=$(awk -v a="$binlake_rate" -v b="$duckdb_rate" 'BEGIN { printf "%.2f", a / b }')"
