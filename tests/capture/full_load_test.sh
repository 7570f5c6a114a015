#!/usr/bin/env bash
# Integration: `binlake capture --full-load-only` of the fixture tables (all_types.sql: every
# mapped type with its edge values, composite and case-insensitive VARCHAR keys, 0, 1 and
# 1,000,000 rows, odd names) into a file:// staging store in FORMAT (parquet or csv). Checks:
#   - every table, folded by the project's test reader (`binlake staging fold`), equals the
#     source value for value (compare_table.py renders the source on the server, not binlake);
#   - parquet: DuckDB (npm, tests/interop) decodes every value of every staging Parquet file,
#     and the rows per table folder equal the source tables' row counts;
#   - csv: every CSV file parses with Python's RFC 4180 reader, every record of a table has the
#     table's field count (columns + 3 binlake columns + one before-key column per key column),
#     and the records per table folder equal the source row counts;
#   - a second run over the finished staging store reads nothing and changes no file.
#
#   full_load_test.sh PATH/TO/binlake parquet|csv|s3
#
# Needs the test MariaDB (scripts/mariadb-server.sh; BINLAKE_MARIADB_* exported): skips (77)
# without it, fails when BINLAKE_REQUIRE_INTEGRATION=1. Uses database tests_full_load_<FORMAT>.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
usage="usage: full_load_test.sh PATH/TO/binlake parquet|csv|s3"
binlake=$(realpath "${1:?$usage}")
format=${2:?$usage}
require_server

database=tests_full_load_$format
make_work
store="file://$staging"  # what the test reader folds: a store URI, or the config file (S3)
staging_keys="  format: $format"
include="$database.*"
case "$format" in
  csv) staging_keys+=$'\n  compression: none' ;;
  s3)
    require_s3
    staging_keys="  format: parquet
s3:
  endpoint: $S3_ENDPOINT
  region: ${AWS_REGION:-us-east-1}
  path_style: true
  access_key_id: $AWS_ACCESS_KEY_ID
  secret_access_key: $AWS_SECRET_ACCESS_KEY"
    ;;
esac

fresh_database "$database" "$here/all_types.sql"
if [ "$format" = s3 ]; then
  root_sql -e "DROP TABLE \`$database\`.million"  # 1M rows: the file:// runs have it
  write_config "$work/capture.yaml" \
    "s3://${BINLAKE_S3_TEST_BUCKET:-binlake-test}/tests-full-load-$(date +%s)-$$" "$include" \
    "$staging_keys"
  store=$work/capture.yaml
else
  write_config "$work/capture.yaml" "$store" "$include" "$staging_keys"
fi

echo "== binlake capture --full-load-only ($format)"
start=$SECONDS
"$binlake" capture -c "$work/capture.yaml" --full-load-only > "$work/capture.log" 2>&1 || {
  cat "$work/capture.log"; echo "FAIL: binlake capture exited non-zero"; exit 1; }
echo "full load took $((SECONDS - start)) s; $(grep -c ' done rows=' "$work/capture.log") chunks"

mapfile -t tables < <(root_sql -e "SELECT TABLE_NAME FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = '$database' ORDER BY TABLE_NAME")
echo "== every table equals the source (${#tables[@]} tables)"
for table in "${tables[@]}"; do
  python3 "$here/compare_table.py" "$binlake" "$store" "$database" "$table"
done

# expected_counts EXTRA_FIELDS: "<fields>\t<rows>" per non-empty source table, sorted (EXTRA_FIELDS
# empty: rows only). Empty tables have no LOAD file, as with DMS.
expected_counts() {
  for table in "${tables[@]}"; do
    local quoted=${table//\`/\`\`} rows fields
    rows=$(root_sql -e "SELECT COUNT(*) FROM \`$database\`.\`$quoted\`")
    [ "$rows" = 0 ] && continue
    if [ -n "$1" ]; then
      fields=$(root_sql -e "SELECT (SELECT COUNT(*) FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = '$database' AND TABLE_NAME = '${table//\'/\'\'}') + 3 +
        (SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = '$database'
          AND TABLE_NAME = '${table//\'/\'\'}' AND CONSTRAINT_NAME = 'PRIMARY')")
      printf '%s\t%s\n' "$fields" "$rows"
    else
      printf '%s\n' "$rows"
    fi
  done | sort
}

if [ "$format" = s3 ]; then
  root_sql -e "DROP DATABASE \`$database\`"
  echo "PASS"  # the file:// runs check the files themselves
  exit 0
elif [ "$format" = parquet ]; then
  if node_ready; then
    echo "== DuckDB reads every staging Parquet file"
    node "$repo/tests/interop/count_staging_rows.mjs" "$staging" | tee "$work/duckdb.txt"
    diff <(cut -f2 "$work/duckdb.txt" | sort) <(expected_counts "") || {
      echo "FAIL: rows per table folder (DuckDB, left) differ from the source tables' (right)"; exit 1; }
    echo "ok DuckDB row counts equal the source's"
  fi
else
  echo "== every CSV file parses as RFC 4180"
  python3 "$here/check_csv_files.py" "$staging" | tee "$work/csv.txt"
  diff <(cut -f2,3 "$work/csv.txt" | sort) <(expected_counts fields) || {
    echo "FAIL: fields and records per table folder (left) differ from the source's (right)"; exit 1; }
  echo "ok CSV field and record counts equal the source's"
fi

echo "== a second run over the finished store reads nothing"
find "$staging" -type f ! -path '*/_binlake/*' -printf '%P %s %T@\n' | sort > "$work/files.before"
"$binlake" capture -c "$work/capture.yaml" --full-load-only > "$work/again.log" 2>&1 || {
  cat "$work/again.log"; echo "FAIL: second binlake capture exited non-zero"; exit 1; }
if grep -q ' reading' "$work/again.log"; then
  grep ' reading' "$work/again.log" | head -n 5; echo "FAIL: the second run re-read chunks"; exit 1
fi
find "$staging" -type f ! -path '*/_binlake/*' -printf '%P %s %T@\n' | sort > "$work/files.after"
diff "$work/files.before" "$work/files.after" || { echo "FAIL: the second run changed files"; exit 1; }
echo "ok nothing re-read or rewritten"
root_sql -e "DROP DATABASE \`$database\`"
echo "PASS"
