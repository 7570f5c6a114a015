#!/usr/bin/env bash
# The README's "run it" command: installs what binlake needs, builds it, and shows what works
# today: the CLI, the configuration check, and the object stores binlake writes its staging
# files and tables to, on local files and on a real S3 server started on 127.0.0.1.
# Everything it creates lives under $BINLAKE_QUICKSTART_DIR (default /tmp/binlake-quickstart).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
work=${BINLAKE_QUICKSTART_DIR:-/tmp/binlake-quickstart}
mkdir -p "$work"

step() { printf '\n=== %s\n' "$*"; }

step "installing Debian packages and building binlake"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target binlake
binlake=build/apps/binlake/binlake

step "binlake --help"
"$binlake" --help

step "a configuration (secrets come from the environment, never from the file)"
cat > "$work/binlake.yaml" <<YAML
staging:
  uri: file://$work/staging
final:
  uri: file://$work/lake
s3:
  endpoint: \${S3_ENDPOINT:-http://127.0.0.1:18080}
  path_style: true
  access_key_id: \${AWS_ACCESS_KEY_ID:-test:tester}
  secret_access_key: \${AWS_SECRET_ACCESS_KEY:-testing}
YAML
cat "$work/binlake.yaml"
"$binlake" -c "$work/binlake.yaml" config check

step "the local object store (file://): write, read back, list, delete"
"$binlake" -c "$work/binlake.yaml" store check "file://$work/staging"

step "a real S3 server on 127.0.0.1 (OpenStack Swift with s3api)"
trap 'scripts/s3-server.sh stop >/dev/null 2>&1 || true' EXIT
eval "$(scripts/s3-server.sh start)"
"$binlake" -c "$work/binlake.yaml" store check "s3://binlake-test/quickstart"

step "done: files are under $work; see README.md for what comes next"
