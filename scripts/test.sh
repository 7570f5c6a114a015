#!/usr/bin/env bash
# The README's test command: on a fresh Debian 12 machine (as root, or with sudo), installs
# what binlake needs, builds it twice (warnings as errors; then ASan + UBSan), starts the test
# servers on 127.0.0.1 (MariaDB, and OpenStack Swift with s3api as the S3 server), runs every
# test tier (unit, integration) against both builds, and stops the servers.
#
# Environment:
#   BINLAKE_BUILD_DIR   default build            (the -Werror build)
#   BINLAKE_ASAN_DIR    default build-asan       (the sanitizer build)
#   BINLAKE_SKIP_ASAN   1: skip the sanitizer build (quicker local runs; CI never sets it)
#   BINLAKE_JOBS        parallel build and test jobs, default: number of cores
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
build_dir=${BINLAKE_BUILD_DIR:-build}
asan_dir=${BINLAKE_ASAN_DIR:-build-asan}
jobs=${BINLAKE_JOBS:-$(nproc)}

step() { printf '\n=== %s\n' "$*"; }

step "installing Debian packages"
scripts/install-deps.sh

build() {  # build DIR CMAKE_ARGS...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBINLAKE_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

step "building ($build_dir, warnings as errors)"
build "$build_dir"
if [ "${BINLAKE_SKIP_ASAN:-0}" != 1 ]; then
  step "building ($asan_dir, ASan + UBSan)"
  build "$asan_dir" -DBINLAKE_SANITIZE=ON
fi

step "installing the npm packages of the Parquet cross-checks (tests/interop)"
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)

stop_servers() {
  step "stopping test servers"
  scripts/s3-server.sh stop || true
  scripts/mariadb-server.sh stop || true
}
trap stop_servers EXIT

step "starting MariaDB on 127.0.0.1"
eval "$(BINLAKE_MARIADB_FRESH=1 scripts/mariadb-server.sh start)"
step "starting the S3 server (Swift + s3api) on 127.0.0.1"
eval "$(BINLAKE_S3_FRESH=1 scripts/s3-server.sh start)"
export BINLAKE_REQUIRE_INTEGRATION=1

run_tiers() {  # run_tiers BUILD_DIR
  ctest --test-dir "$1" -L 'unit|integration' -j "$jobs" --output-on-failure
}

step "tests: unit + integration ($build_dir)"
run_tiers "$build_dir"
if [ "${BINLAKE_SKIP_ASAN:-0}" != 1 ]; then
  step "tests: unit + integration ($asan_dir, ASan + UBSan)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_tiers "$asan_dir"
fi
step "all test tiers passed"
