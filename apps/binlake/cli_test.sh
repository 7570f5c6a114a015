#!/usr/bin/env bash
# End-to-end check of the binlake command line: --version, --help, `config check` with good and
# bad configurations, a `store` round trip on a file:// store in a temporary directory, and
# `staging fold`/`staging ls` over hand-written change files.
# Usage: cli_test.sh PATH_TO_BINLAKE
set -uo pipefail
binlake=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run EXPECTED_EXIT ARGS...: runs binlake, keeping stdout in $out and stderr in $err.
run() {
  local expected=$1
  shift
  "$binlake" "$@" >"$work/stdout" 2>"$work/stderr"
  local code=$?
  out=$(cat "$work/stdout")
  err=$(cat "$work/stderr")
  if [ "$code" != "$expected" ]; then
    fail "binlake $* exited $code, expected $expected; stderr: $err"
  fi
}
expect_in() {  # expect_in TEXT NEEDLE WHAT
  case "$1" in *"$2"*) ;; *) fail "$3: missing '$2' in: $1" ;; esac
}
expect_not_in() {
  case "$1" in *"$2"*) fail "$3: unexpected '$2' in: $1" ;; *) ;; esac
}

# --- version and help ----------------------------------------------------------------------
run 0 --version
[ "$out" = "binlake 0.1.0" ] || fail "--version printed '$out'"

run 0 --help
subcommands=$(echo "$out" | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' | xargs)
[ "$subcommands" = "config store binlog parquet source staging capture" ] || fail "--help lists subcommands '$subcommands'"
expect_in "$out" "Exit codes:" "--help footer"

run 0 store --help
subcommands=$(echo "$out" | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' | xargs)
[ "$subcommands" = "ls put get head rm check" ] || fail "store --help lists '$subcommands'"

run 0 source --help
subcommands=$(echo "$out" | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' | xargs)
[ "$subcommands" = "check" ] || fail "source --help lists '$subcommands'"
# An unreachable source is a retryable failure: exit 3, naming the server and what to check.
run 3 source check --set source.port=1 --set source.reconnect.max_attempts=1 \
  --set source.reconnect.initial_backoff=1ms --set source.reconnect.max_backoff=1ms
expect_in "$err" "127.0.0.1:1" "source check unreachable"

run 0 capture --help
expect_in "$out" "--full-load-only" "capture --help"
# Streaming is not in this version: without --full-load-only, a usage error that says so.
run 2 capture
expect_in "$err" "needs --full-load-only" "capture without --full-load-only"
# No staging store configured: a configuration error before any connection.
run 2 capture --full-load-only
expect_in "$err" "staging.uri" "capture without staging.uri"

run 2
run 2 no-such-command
run 2 store put file:///tmp/x only-a-key

# --- config check --------------------------------------------------------------------------
secret="wJalrXUtnFEMI-K7MDENG-bPxRfiCY"
cat >"$work/good.yaml" <<YAML
log:
  level: debug
staging:
  uri: file://$work/staging
s3:
  endpoint: http://\${CLI_TEST_HOST:-127.0.0.1}:9000
  access_key_id: AKIDEXAMPLE
  secret_access_key: \${CLI_TEST_SECRET}
  part_size: 16MiB
  multipart_threshold: 64 MiB
YAML
CLI_TEST_SECRET=$secret run 0 -c "$work/good.yaml" --set s3.region=eu-west-1 config check
expect_in "$out" "level: debug" "config check"
expect_in "$out" "endpoint: \"http://127.0.0.1:9000\"" "config check env default"
expect_in "$out" "region: \"eu-west-1\"" "config check --set"
expect_in "$out" "part_size: 16MiB" "config check"
expect_in "$out" "secret_access_key: <redacted>" "config check"
expect_not_in "$out$err" "$secret" "config check secret"

CLI_TEST_SECRET=$secret run 0 -c "$work/good.yaml" --log-level error --set log.level=trace config check
expect_in "$out" "level: error" "--log-level wins over --set"

run 2 -c "$work/good.yaml" config check
expect_in "$err" "s3.secret_access_key: environment variable CLI_TEST_SECRET is not set" "missing env"

cat >"$work/bad.yaml" <<YAML
s3:
  secret_access_key: $secret
  access_key_id: AKIDEXAMPLE
  part_size: 3MiB
YAML
run 2 -c "$work/bad.yaml" config check
expect_in "$err" "config: s3.part_size: \"3MiB\" is below the S3 minimum part size of 5 MiB" "bad part size"
expect_not_in "$out$err" "$secret" "bad config secret"

printf 's3:\n  retry:\n    max_atempts: 3\n' >"$work/typo.yaml"
run 2 -c "$work/typo.yaml" config check
expect_in "$err" "s3.retry.max_atempts: unknown key (did you mean max_attempts?)" "typo"

run 2 --set s3.secret_access_key=$secret config check
expect_in "$err" "s3.access_key_id" "secret without key id"
expect_not_in "$out$err" "$secret" "--set secret"

run 2 -c "$work/missing.yaml" config check
expect_in "$err" "missing.yaml" "missing config file"

# --- store round trip on file:// ----------------------------------------------------------
lake="file://$work/lake"
printf 'hello\n' >"$work/hello.txt"
run 0 store put "$lake" db/t/a.txt "$work/hello.txt"
run 0 store put "$lake" db/t/b.txt - --if-absent < <(printf 'from stdin')
run 5 store put "$lake" db/t/b.txt - --if-absent < <(printf 'again')
run 4 store put "$lake" db/t/c.txt "$work/no-such-file"

run 0 store ls "$lake"
[ "$out" = $'db/t/a.txt\ndb/t/b.txt' ] || fail "ls printed '$out'"
run 0 store ls "$lake" --long
expect_in "$out" "10  " "ls --long size"
run 0 store ls "$lake" --limit 1
[ "$out" = "db/t/a.txt" ] || fail "ls --limit 1 printed '$out'"
run 0 store ls "$lake" --start-after db/t/a.txt
[ "$out" = "db/t/b.txt" ] || fail "ls --start-after printed '$out'"
run 0 store ls "$lake" --prefix db/t/b
[ "$out" = "db/t/b.txt" ] || fail "ls --prefix printed '$out'"

run 0 store get "$lake" db/t/b.txt
[ "$out" = "from stdin" ] || fail "get printed '$out'"
run 0 store get "$lake" db/t/a.txt -o "$work/copy.txt"
cmp -s "$work/hello.txt" "$work/copy.txt" || fail "get -o wrote different bytes"
run 4 store get "$lake" db/t/none.txt

run 0 store head "$lake" db/t/a.txt
expect_in "$out" "size: 6" "head"

run 0 --set staging.uri="$lake" store ls staging
expect_in "$out" "db/t/a.txt" "the staging alias"
run 2 store ls staging
expect_in "$err" "staging.uri: not set" "unset staging alias"

run 2 store get "$lake" ../escape
expect_in "$err" "../escape" "escape key"
run 2 store put "$lake" ../escape "$work/hello.txt"
[ ! -e "$work/escape" ] || fail "../escape was written outside the store"
run 2 store ls "gs://bucket"

run 0 store rm "$lake" db/t/a.txt
run 4 store head "$lake" db/t/a.txt
run 0 store rm "$lake" db/t/a.txt

run 0 store check "$lake"
for step in open put get "put-if-absent refused" list delete "gone after delete"; do
  echo "$out" | grep -qE "^$step +ok " || fail "store check: no ok line for $step in: $out"
done
run 0 store ls "$lake" --prefix _binlake/
[ -z "$out" ] || fail "store check left '$out' behind"

# --- binlog dump / stats on fixture files -------------------------------------------------------
fixtures=$(cd "$(dirname "$0")/../../tests/fixtures/binlog" && pwd)
payload=$fixtures/mysql-binlog-connector-rust/mysql-bin.000057
run 0 binlog dump "$payload"
expect_in "$out" "# at 457 (payload offset 151)" "binlog dump: inner payload event position"
expect_in "$out" "###   @1=1 /* INT meta=0 nullable=1 is_null=0 */" "binlog dump: -vv row line"
expect_in "$out" "GTID_LOG_EVENT gtid=\"76f3e7be-6720-11ed-9cad-0242ac110002:11\"" "binlog dump: GTID"
run 0 binlog dump --format json --start-position 651 --stop-position 1283 "$payload"
[ "$(echo "$out" | wc -l)" = 11 ] || fail "binlog dump json: expected FDE + GTID + payload + 8 inner events, got: $out"
expect_in "$out" '"type":"UPDATE_ROWS_EVENT"' "binlog dump json: rows event"
expect_not_in "$out" '"offset":1283' "binlog dump json: --stop-position"
run 0 binlog stats "$payload"
expect_in "$out" "events: 21  row changes: 3" "binlog stats: totals"
expect_in "$out" "transactions: 3 committed" "binlog stats: transactions"
run 1 binlog stats "$fixtures/rust_mysql_common/binlog_truncated_prev_gtid_event.000001"
expect_in "$err" "truncated event at offset 120" "binlog stats: truncated file"
run 4 binlog dump "$work/no-such-binlog"
run 2 binlog dump --format xml "$payload"

# --- parquet inspect / cat on a DuckDB-written file (fuzz seed, 20 rows) -----------------------
parquet_file=$(cd "$(dirname "$0")/../.." && pwd)/fuzz/corpus/parquet_reader/duckdb_v1_snappy_dict
run 0 parquet inspect "$parquet_file"
expect_in "$out" "created_by: DuckDB version v1.5.6" "inspect created_by"
expect_in "$out" "codec: SNAPPY" "inspect codec"
expect_in "$out" "PLAIN_DICTIONARY" "inspect encodings"
expect_in "$out" "logical_type: DECIMAL(9,2)" "inspect logical type"
expect_in "$out" 'max: 2020-01-20' "inspect date statistics"
run 0 parquet inspect --json "$parquet_file"
expect_in "$out" '"num_rows": 20' "inspect --json"
run 0 parquet cat "$parquet_file" --limit 2 --columns i,s,d,dt,ts,u,bl
[ "$out" = '{"i":0,"s":null,"d":"0.00","dt":"2020-01-01","ts":"2020-01-01T00:00:00.000000","u":18446744073709551615,"bl":"eDA="}
{"i":1,"s":"v1","d":"1.25","dt":"2020-01-02","ts":"2020-01-01T00:00:01.000000","u":18446744073709551614,"bl":"eDE="}' ] ||
  fail "parquet cat printed: $out"
run 0 parquet cat "$parquet_file"
[ "$(echo "$out" | wc -l)" = 20 ] || fail "parquet cat printed $(echo "$out" | wc -l) rows, not 20"
run 2 parquet cat "$parquet_file" --columns nope
expect_in "$err" 'no column "nope"' "unknown column"
# parquet-mr style output, as AWS DMS writes it: PLAIN_DICTIONARY, BIT_PACKED levels.
corpus=$(dirname "$parquet_file")
run 0 parquet inspect "$corpus/parquet_testing_plain_dict_uncompressed_checksum"
expect_in "$out" "created_by: parquet-mr version 1.13.0-SNAPSHOT" "parquet-mr created_by"
expect_in "$out" "PLAIN_DICTIONARY" "parquet-mr dictionary encoding"
run 0 parquet cat "$corpus/parquet_testing_fixed_length_decimal_legacy" --limit 1
[ "$out" = '{"value":"1.00"}' ] || fail "legacy FLBA decimal printed: $out"
# Impala: INT96 timestamps.
run 0 parquet cat "$corpus/parquet_testing_alltypes_plain" --limit 1 --columns id,timestamp_col
[ "$out" = '{"id":4,"timestamp_col":"2009-03-01T00:00:00.000000000"}' ] || fail "INT96 printed: $out"
run 4 parquet inspect "$work/missing.parquet"
printf 'PAR1 not a parquet file' >"$work/bad.parquet"
run 1 parquet inspect "$work/bad.parquet"
expect_in "$err" "bad.parquet" "corrupt file named"

# --- staging: fold and ls over hand-written CSV change files ---------------------------------
staging="file://$work/fold-staging"
mkdir -p "$work/fold-staging"
column() {  # column NAME KIND NULLABLE
  printf '{"name":"%s","kind":"%s","unsigned":false,"length":0,"scale":0,"charset":"%s","elements":[],"nullable":%s}' \
    "$1" "$2" "$([ "$2" = varchar ] && echo utf8mb4)" "$3"
}
printf '{"seq":1,"valid_from":{"file":"binlog.000001","offset":4,"gtid_set":""},"database":"shop","table":"odd name","columns":[%s,%s],"key":[0],"key_source":"primary_key"}' \
  "$(column id int false)" "$(column v varchar true)" >"$work/schema.json"
printf '1,a,,,,\n2,"",,,,\n3,,,,,\n' >"$work/load.csv"
printf 'U,20,b,5,2026-11-25 15:30:12.000000,gtid:1,2\nD,1,a,6,2026-11-25 15:30:12.000000,gtid:1,\nI,4,"x,y",4,2026-11-25 15:30:11.000000,gtid:0,\n' >"$work/cdc.csv"
run 0 store put "$staging" "_binlake/capture/schemas/shop/odd%20name/00000000000000000001.json" "$work/schema.json"
run 0 store put "$staging" "shop/odd%20name/20261125-153012345.csv" "$work/cdc.csv"
run 0 store put "$staging" "shop/odd%20name/LOAD00000001.csv" "$work/load.csv"
run 0 staging fold "$staging" --table "shop.odd name"
[ "$out" = '3,
4,"x,y"
20,b' ] || fail "staging fold printed: $out"
expect_in "$err" "folded 2 files, 6 change rows: 3 current rows" "staging fold summary"
printf 'staging:\n  uri: %s\n' "$staging" >"$work/fold.yaml"
run 0 staging fold "$work/fold.yaml" --table "shop.odd name" --format json
expect_in "$out" '{"id":"3","v":null}' "staging fold --format json"
run 0 staging ls "$staging" --table "shop.odd name"
expect_in "$out" "shop/odd%20name/LOAD00000001.csv  LOAD  3 rows  I 3  U 0  D 0" "staging ls LOAD"
expect_in "$out" "shop/odd%20name/20261125-153012345.csv  CDC  3 rows  I 1  U 1  D 1" "staging ls CDC"
run 4 staging fold "$staging" --table shop.missing
expect_in "$err" 'no schema of table "shop.missing"' "staging fold unknown table"
printf 'I,1,"open\n' >"$work/bad.csv"
run 0 store put "$staging" "shop/odd%20name/20261126-000000000.csv" "$work/bad.csv"
run 1 staging fold "$staging" --table "shop.odd name"
expect_in "$err" "20261126-000000000.csv: line 1, field 3: a quoted field is not closed" "staging corrupt CSV"

if [ "$failures" -ne 0 ]; then
  echo "cli_test: $failures failure(s)"
  exit 1
fi
echo "cli_test: all checks passed"
