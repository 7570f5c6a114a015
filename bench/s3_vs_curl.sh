#!/usr/bin/env bash
# End-to-end S3 PUT/GET rate of binlake's S3 store next to a peer client, the curl CLI
# (one process, one keep-alive connection, SigV4 signed by curl), on the same server in the same
# run, for 1 KiB objects; prints both rates and binlake's ratio.
#
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBINLAKE_BUILD_BENCHMARKS=ON
#   cmake --build build-bench --target object_store_bench
#   eval "$(scripts/s3-server.sh start)"
#   bench/s3_vs_curl.sh build-bench/bench/object_store_bench [OBJECTS]
set -euo pipefail

bench_binary=${1:?usage: s3_vs_curl.sh PATH/TO/object_store_bench [OBJECTS]}
objects=${2:-500}
: "${S3_ENDPOINT:?start scripts/s3-server.sh and eval its output first}"
bucket=${BINLAKE_S3_BENCH_BUCKET:-binlake-bench}
region=${AWS_REGION:-us-east-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

host=$(sed -E 's|^https?://([^:/]+).*|\1|' <<<"$S3_ENDPOINT")
printf 'machine %s login %s password %s\n' "$host" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" \
  > "$work/netrc"
head -c 1024 /dev/urandom > "$work/object"

curl_rate() {  # curl_rate put|get: objects per second for $objects sequential requests
  local args=() i start end
  for i in $(seq 1 "$objects"); do
    if [ "$1" = put ]; then args+=(-T "$work/object"); fi
    args+=("$S3_ENDPOINT/$bucket/curl-peer-$$/k$i" -o /dev/null)
  done
  start=$(date +%s.%N)
  curl -s -f --netrc-file "$work/netrc" --aws-sigv4 "aws:amz:$region:s3" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "${args[@]}"
  end=$(date +%s.%N)
  awk -v n="$objects" -v a="$start" -v b="$end" 'BEGIN { print n / (b - a) }'
}

binlake_rate() {  # binlake_rate Put|Get: items_per_second of the S3 1 KiB case
  "$bench_binary" --benchmark_filter="BM_$1/S3/1024/" --benchmark_min_time=2 \
    --benchmark_format=json 2>/dev/null |
    grep -m1 '"items_per_second"' | sed -E 's/.*: ([0-9.e+]+).*/\1/'
}

printf '%-8s %14s %14s %8s\n' "1 KiB" "binlake /s" "curl CLI /s" "ratio"
for op in Put Get; do
  lower=$(tr 'A-Z' 'a-z' <<<"$op")
  peer=$(curl_rate "$lower")
  ours=$(binlake_rate "$op")
  awk -v op="$op" -v ours="$ours" -v peer="$peer" \
    'BEGIN { printf "%-8s %14.0f %14.0f %8.2f\n", op, ours, peer, ours / peer }'
done
