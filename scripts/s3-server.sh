#!/usr/bin/env bash
# s3-server.sh: a local, throwaway S3 endpoint for binlake's integration tests and benchmarks.
#
# It runs OpenStack Swift (Debian 12 packages, 2.30) as a single-node "all in one" with the
# s3api middleware, so the tests talk to a real server that checks SigV4 signatures, payload
# hashes and credential scopes, does multipart uploads and returns S3 XML errors. Everything
# listens on 127.0.0.1 only; all state (config, rings, objects, logs, pids) lives under one
# directory. See docs in /work/shared/reference/s3-server.md for the measurements behind it.
#
#   scripts/s3-server.sh start    install packages if needed, configure, start, wait until a
#                                 signed S3 call works, create the test buckets, print exports
#                                 (idempotent: an already healthy server is left running)
#   scripts/s3-server.sh stop     stop the processes recorded in $STATE/run/*.pid
#   scripts/s3-server.sh status   exit 0 when healthy
#   scripts/s3-server.sh env      print the exports only
#
# Usage in a shell:   eval "$(scripts/s3-server.sh start)"
#
# Settings (environment):
#   BINLAKE_S3_DIR       state directory                     (default /tmp/binlake-s3)
#   BINLAKE_S3_PORT      S3 port; +1..+3 are the object/container/account servers, +4 memcached
#                                                            (default 18080)
#   BINLAKE_S3_FRESH=1   wipe stored objects before starting
#   BINLAKE_S3_CONDPUT   1 (default) loads the test-only "s3condput" filter so that PutObject
#                        honours If-None-Match: * / If-Match (stock s3api 2.30 answers 501);
#                        0 runs stock s3api (to see what binlake does on such a server)
#   BINLAKE_S3_BUCKETS   buckets to create                   (default "binlake-test binlake-bench")
#   BINLAKE_S3_TIMEOUT   seconds to wait for health          (default 60)
#
# Credentials (Swift tempauth): access key "test:tester" (note the ':'), secret "testing",
# region us-east-1, path-style URLs. The only file touched outside the state directory is
# /etc/swift/swift.conf (created if missing; S3's 2 KB user-metadata limit added if unset).
set -euo pipefail

state=${BINLAKE_S3_DIR:-/tmp/binlake-s3}
s3_port=${BINLAKE_S3_PORT:-18080}
host=127.0.0.1
access_key=test:tester
secret_key=testing
region=us-east-1
buckets=${BINLAKE_S3_BUCKETS:-binlake-test binlake-bench}
conf_dir=$state/etc
data_dir=$state/srv
run_dir=$state/run
log_dir=$state/log
swift_servers=(object container account proxy)
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

port_of() {
  case $1 in
    proxy) echo "$s3_port" ;;
    object) echo $((s3_port + 1)) ;;
    container) echo $((s3_port + 2)) ;;
    account) echo $((s3_port + 3)) ;;
    memcached) echo $((s3_port + 4)) ;;
  esac
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

log() { echo "s3-server: $*" >&2; }

exports() {
  printf 'export S3_ENDPOINT=http://%s:%s\n' "$host" "$s3_port"
  printf 'export AWS_ACCESS_KEY_ID=%s\n' "$access_key"
  printf 'export AWS_SECRET_ACCESS_KEY=%s\n' "$secret_key"
  printf 'export AWS_REGION=%s AWS_DEFAULT_REGION=%s\n' "$region" "$region"
  printf 'export BINLAKE_S3_TEST_BUCKET=%s\n' "${buckets%% *}"
  # Swift (even with the s3condput filter) checks If-None-Match then writes: not atomic under a
  # true race, so the integration tests skip the conformance race case against this server.
  printf 'export BINLAKE_S3_CONDPUT_ATOMIC=0\n'
}

# A SigV4-signed request with curl. curl 7.88 signs but does not add x-amz-content-sha256,
# and the tempauth key contains ':', so the credentials go through a netrc file.
signed_curl() {
  local method=$1 path=$2
  printf 'machine %s login %s password %s\n' "$host" "$access_key" "$secret_key" >"$run_dir/netrc"
  curl -s -m 5 -X "$method" --netrc-file "$run_dir/netrc" --aws-sigv4 "aws:amz:$region:s3" \
    -H "x-amz-content-sha256: $empty_sha256" -o /dev/null -w '%{http_code}' \
    "http://$host:$s3_port$path"
}

is_healthy() {
  [ -d "$run_dir" ] || return 1
  local server
  for server in object container account proxy; do
    [ "$(curl -s -m 2 "http://$host:$(port_of "$server")/healthcheck" 2>/dev/null)" = OK ] || return 1
  done
  [ "$(signed_curl GET / 2>/dev/null)" = 200 ]
}

stop_servers() {
  local name pid
  for name in "${swift_servers[@]}" memcached; do
    pid=$(cat "$run_dir/$name.pid" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || true
  done
  # The Swift servers setsid() themselves, so wait for each PID rather than a process group.
  for name in "${swift_servers[@]}" memcached; do
    pid=$(cat "$run_dir/$name.pid" 2>/dev/null) || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$run_dir/$name.pid"
  done
}

install_packages() {
  local missing=()
  command -v swift-proxy-server >/dev/null 2>&1 ||
    missing+=(swift swift-proxy swift-object swift-container swift-account python3-swift)
  command -v memcached >/dev/null 2>&1 || missing+=(memcached)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null || command -v swift-proxy-server >/dev/null
}

# Swift reads its hash salts, storage policy and constraints from /etc/swift/swift.conf only.
prepare_system_conf() {
  local conf=/etc/swift/swift.conf
  if [ ! -f $conf ]; then
    as_root mkdir -p /etc/swift
    printf '[swift-hash]\nswift_hash_path_prefix = binlake\nswift_hash_path_suffix = binlake\n\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n' |
      as_root tee $conf >/dev/null
  fi
  grep -q '^max_meta_value_length' $conf && return 0
  if grep -q '^\[swift-constraints\]' $conf; then
    as_root sed -i '/^\[swift-constraints\]/a max_meta_value_length = 2048\nmax_meta_overall_size = 2048' $conf
  else
    printf '\n[swift-constraints]\nmax_meta_value_length = 2048\nmax_meta_overall_size = 2048\n' |
      as_root tee -a $conf >/dev/null
  fi
}

# TEST-ONLY paste filter: conditional PutObject for Swift 2.30's s3api.
write_condput_filter() {
  cat >"$conf_dir/s3condput.py" <<'PY'
"""s3condput: conditional PutObject for Swift 2.30 s3api. FOR LOCAL TESTS ONLY.

Stock s3api rejects a PUT carrying If-Match or If-None-Match with 501 NotImplemented. Swift's
object server already refuses "If-None-Match: *" when the object exists (412), so this filter
  1. hides the two headers from s3api's header validation (they stay in the request, and so
     in the signed headers);
  2. leaves "If-None-Match: *" to Swift, and answers 501 for any other If-None-Match value;
  3. checks If-Match itself: HEAD the object (NoSuchKey when absent) and compare ETags
     (PreconditionFailed when none matches), then PUT.
Neither check is atomic against a concurrent writer of the same key.
"""
from swift.common.middleware.s3api import s3request
from swift.common.middleware.s3api.controllers import obj as s3_object
from swift.common.middleware.s3api.s3response import PreconditionFailed, S3NotImplemented
from swift.common.utils import list_from_csv

CONDITION_HEADERS = ('If-Match', 'If-None-Match')


def bare_etag(value):
    value = value.strip()
    if value.startswith('W/'):
        value = value[2:]
    return value.strip('"')


def validate_without_conditions(original):
    def validate(self):
        hidden = {}
        if self.method == 'PUT':
            hidden = {h: self.headers.pop(h) for h in CONDITION_HEADERS if h in self.headers}
        try:
            original(self)
        finally:
            self.headers.update(hidden)
    return validate


def check_if_match(controller, req, if_match):
    if_none_match = req.environ.pop('HTTP_IF_NONE_MATCH', None)
    try:
        head = req.get_response(controller.app, 'HEAD')
    finally:
        if if_none_match is not None:
            req.environ['HTTP_IF_NONE_MATCH'] = if_none_match
    wanted = [bare_etag(v) for v in list_from_csv(if_match)]
    if '*' not in wanted and bare_etag(head.headers.get('etag', '')) not in wanted:
        raise PreconditionFailed()


def conditional_put(original):
    def PUT(self, req):
        if_none_match = req.environ.get('HTTP_IF_NONE_MATCH')
        if if_none_match is not None and if_none_match.strip() != '*':
            raise S3NotImplemented('If-None-Match on PUT supports only "*"')
        if_match = req.environ.pop('HTTP_IF_MATCH', None)
        if if_match is not None and 'X-Amz-Copy-Source' not in req.headers:
            check_if_match(self, req, if_match)
        return original(self, req)
    PUT.__name__ = 'PUT'
    PUT.publicly_accessible = True
    return PUT


def install():
    if getattr(s3request.S3Request, '_binlake_condput', False):
        return
    s3request.S3Request._validate_headers = validate_without_conditions(
        s3request.S3Request._validate_headers)
    s3_object.ObjectController.PUT = conditional_put(s3_object.ObjectController.PUT)
    s3request.S3Request._binlake_condput = True


def filter_factory(global_conf, **local_conf):
    install()
    return lambda app: app
PY
}

write_server_conf() {
  local server=$1 user
  user=$(id -un)
  cat >"$conf_dir/$server-server.conf" <<EOF
[DEFAULT]
bind_ip = $host
bind_port = $(port_of "$server")
workers = 0
user = $user
swift_dir = $conf_dir
devices = $data_dir
mount_check = false
disable_fallocate = true
log_name = $server-server
log_level = INFO

[pipeline:main]
pipeline = healthcheck $server-server

[filter:healthcheck]
use = egg:swift#healthcheck

[app:$server-server]
use = egg:swift#$server
EOF
}

# s3api sits right before the auth filter (tempauth) and before slo (multipart) and copy;
# tempauth needs the memcache client ("cache") in the pipeline.
write_proxy_conf() {
  local condput=""
  if [ "${BINLAKE_S3_CONDPUT:-1}" = 1 ]; then
    condput="s3condput "
    write_condput_filter
  fi
  cat >"$conf_dir/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = $host
bind_port = $s3_port
workers = 0
user = $(id -un)
swift_dir = $conf_dir
log_name = proxy-server
log_level = INFO

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk ${condput}s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true

[filter:s3api]
use = egg:swift#s3api
location = $region
dns_compliant_bucket_names = true
max_upload_part_num = 10000
min_segment_size = 5242880
allowable_clock_skew = 900

[filter:s3condput]
paste.filter_factory = s3condput:filter_factory

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = $secret_key .admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = $host:$(port_of memcached)

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
max_manifest_segments = 10000
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
[filter:symlink]
use = egg:swift#symlink
EOF
}

# One ring per server kind: part power 8, one replica, one device. Built in one Python process
# (the system /usr/bin/python3, which has the swift modules, not a pyenv shim)
# much faster than nine swift-ring-builder calls; rebuilt when the ports change.
write_rings() {
  local ports
  ports="$(port_of object) $(port_of container) $(port_of account)"
  [ -f "$conf_dir/account.ring.gz" ] && [ "$(cat "$conf_dir/ring-ports" 2>/dev/null)" = "$ports" ] && return 0
  (cd "$conf_dir" && /usr/bin/python3 - "$host" $ports <<'PY'
import sys
from swift.common.ring import RingBuilder
address = sys.argv[1]
for kind, port in zip(('object', 'container', 'account'), sys.argv[2:]):
    builder = RingBuilder(8, 1, 1)
    builder.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': address, 'port': int(port),
                     'device': 'd1', 'weight': 1.0, 'meta': ''})
    builder.rebalance()
    builder.get_ring().save(kind + '.ring.gz')
    builder.save(kind + '.builder')
PY
  )
  echo "$ports" >"$conf_dir/ring-ports"
}

configure() {
  mkdir -p "$conf_dir" "$data_dir/d1" "$run_dir" "$log_dir"
  prepare_system_conf
  local server
  for server in object container account; do write_server_conf "$server"; done
  write_proxy_conf
  write_rings
}

launch() {
  if command -v memcached >/dev/null 2>&1; then
    memcached -l "$host" -p "$(port_of memcached)" -U 0 -m 32 -t 1 -u "$(id -un)" \
      >"$log_dir/memcached.log" 2>&1 </dev/null &
    echo $! >"$run_dir/memcached.pid"
  fi
  local server
  for server in "${swift_servers[@]}"; do
    # -v logs to the console (captured in $log_dir): there is no syslog daemon here.
    PYTHONPATH="$conf_dir${PYTHONPATH:+:$PYTHONPATH}" \
      "swift-$server-server" "$conf_dir/$server-server.conf" -v >"$log_dir/$server.log" 2>&1 </dev/null &
    echo $! >"$run_dir/$server.pid"
  done
}

wait_healthy() {
  local deadline=$((SECONDS + ${BINLAKE_S3_TIMEOUT:-60})) server
  until is_healthy; do
    for server in "${swift_servers[@]}"; do
      if ! kill -0 "$(cat "$run_dir/$server.pid")" 2>/dev/null; then
        log "swift-$server-server exited; last lines of its log:"
        tail -n 30 "$log_dir/$server.log" >&2
        return 1
      fi
    done
    if [ $SECONDS -ge $deadline ]; then
      log "not healthy after ${BINLAKE_S3_TIMEOUT:-60} s; logs in $log_dir"
      return 1
    fi
    sleep 0.2
  done
}

create_buckets() {
  local bucket code
  for bucket in $buckets; do
    code=$(signed_curl PUT "/$bucket")
    case $code in
      200 | 409) ;;  # 409 BucketAlreadyExists/OwnedByYou: fine
      *) log "creating bucket $bucket failed with HTTP $code"; return 1 ;;
    esac
  done
}

start() {
  mkdir -p "$state"
  if [ "${BINLAKE_S3_FRESH:-0}" != 1 ] && is_healthy; then
    create_buckets
    exports
    return 0
  fi
  stop_servers
  install_packages
  if [ "${BINLAKE_S3_FRESH:-0}" = 1 ]; then rm -rf "$data_dir"; fi
  configure
  launch
  if ! wait_healthy; then
    stop_servers
    return 1
  fi
  create_buckets
  exports
}

case "${1:-start}" in
  start) start ;;
  stop) stop_servers ;;
  status) is_healthy ;;
  env) exports ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
