#!/usr/bin/env bash
# Runs one Parquet cross-check (see CMakeLists.txt here).
# Usage: run_interop.sh readers|duckdb PATH_TO_parquet_interop_writer PATH_TO_binlake
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
check=$1 writer=$2 binlake=$3

if ! command -v node >/dev/null || [ ! -d "$here/node_modules/@duckdb/node-api" ] ||
   [ ! -d "$here/node_modules/hyparquet" ]; then
  if [ "${BINLAKE_REQUIRE_INTEGRATION:-0}" = 1 ]; then
    echo "FAIL: node or tests/interop/node_modules missing (run: cd tests/interop && npm ci)"
    exit 1
  fi
  echo "SKIP: node or tests/interop/node_modules missing (run: cd tests/interop && npm ci)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "$check" in
  readers)
    "$writer" "$work"
    node "$here/check_binlake_files.mjs" "$work"
    ;;
  duckdb)
    node "$here/check_duckdb_files.mjs" "$binlake" "$work"
    ;;
  *)
    echo "unknown check: $check" >&2
    exit 2
    ;;
esac
