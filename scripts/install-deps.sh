#!/usr/bin/env bash
# Installs every Debian 12 package binlake needs to build, test and run its demo.
# Safe to re-run: apt-get skips what is already installed. Runs as root, or with sudo.
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libssl-dev libcurl4-openssl-dev libmariadb-dev libzstd-dev libsnappy-dev zlib1g-dev liblz4-dev libbrotli-dev
  libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# Servers the integration tests and `binlake demo` start on 127.0.0.1.
SERVER_PACKAGES=(
  mariadb-server mariadb-client openssl
  swift swift-proxy swift-object swift-container swift-account python3-swift memcached
  curl
  sysbench
  python3  # the capture tests' source renderer and CSV checks (tests/capture/*.py)
)

# Node.js runs the Parquet cross-checks (tests/interop: DuckDB and hyparquet from npm). A node
# that is already installed (e.g. Node 20 from another source) is kept; otherwise Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SERVER_PACKAGES+=(nodejs npm)
fi

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

missing=()
for pkg in "${BUILD_PACKAGES[@]}" "${SERVER_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
echo "install-deps: done"
