#!/usr/bin/env bash
# Integration: concurrent writes during the full load do not make it inconsistent with the
# positions it records. While `binlake capture --full-load-only` loads a 200,000-row table in
# 20 chunks (parallelism 2), random_writer.py inserts, updates (also the key, moving rows
# across chunks), deletes and range-updates rows, alone and in multi-statement transactions.
# Afterwards consistency_replay reads the checkpoint (each chunk's key range and snapshot
# position) and the server's binlog files from the smallest position, and keeps a row change
# only when its transaction starts at or after the snapshot position of the chunk holding the
# row's key (before and after keys separately). The folded LOAD files plus those changes must
# equal the source table, value for value (apply_changes.py). This is exactly what the binlog
# binlog stream will do, so it proves the recorded positions: no gap, no double apply.
#
#   full_load_consistency_test.sh PATH/TO/binlake PATH/TO/consistency_replay [SNAPSHOT]
#
# SNAPSHOT is full_load.snapshot: lock_free (the default: each chunk's own snapshot position)
# or global_read_lock (one snapshot per reader, opened under a brief global read lock).
#
# Needs the test MariaDB and read access to its binlog files (skips with 77 without a server;
# fails when BINLAKE_REQUIRE_INTEGRATION=1). Uses database tests_load_consistency_<SNAPSHOT>.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
usage="usage: full_load_consistency_test.sh PATH/TO/binlake PATH/TO/consistency_replay [SNAPSHOT]"
binlake=$(realpath "${1:?$usage}")
replay=$(realpath "${2:?$usage}")
snapshot=${3:-lock_free}
require_server

database=tests_load_consistency_$snapshot
writer_pid=
cleanup_hook() {
  touch "$work/stop"
  if [ -n "$writer_pid" ]; then wait "$writer_pid" 2>/dev/null || true; fi
}
make_work

fresh_database "$database"
root_sql -e "USE $database; CREATE TABLE $database.t (id INT NOT NULL PRIMARY KEY, k INT NOT NULL,
    v VARCHAR(64), n BIGINT) ENGINE = InnoDB;
  INSERT INTO $database.t SELECT s.seq * 2, s.seq MOD 1000, CONCAT('row-', s.seq), s.seq
    FROM seq_1_to_200000 AS s"
binlog_dir=$(dirname "$(root_sql -e "SELECT @@GLOBAL.log_bin_basename")")
[ -r "$binlog_dir" ] || { echo "FAIL: binlog directory $binlog_dir not readable"; exit 1; }
write_config "$work/capture.yaml" "file://$staging" "$database.t" "full_load:
  chunk_rows: 10000
  parallelism: 2
  snapshot: $snapshot"

python3 "$here/random_writer.py" "$database.t" 420000 "$work/stop" ${BINLAKE_TEST_SEED:-} |
  root_sql > "$work/writer.out" 2>&1 &
writer_pid=$!
sleep 0.5
"$binlake" capture -c "$work/capture.yaml" --full-load-only > "$work/capture.log" 2>&1 || {
  cat "$work/capture.log"; echo "FAIL: binlake capture exited non-zero"; exit 1; }
sleep 0.3
touch "$work/stop"
wait "$writer_pid" || { cat "$work/writer.out"; echo "FAIL: the writer's SQL failed"; exit 1; }
writer_pid=
echo "full load: $(grep -c ' done rows=' "$work/capture.log") chunks; writer: $(cat "$work/writer.out")"

"$replay" "$staging" "$database" t "$binlog_dir" > "$work/changes.txt"
python3 "$here/apply_changes.py" "$binlake" "file://$staging" "$database" t "$work/changes.txt"
root_sql -e "DROP DATABASE $database"
echo "PASS"
