#!/usr/bin/env bash
# Integration: the full load survives SIGKILL. A 300,000-row table is loaded in ~30 chunks
# (chunk_rows 10000, parallelism 2); five times the capture is killed with SIGKILL at a random
# moment (after a random number of chunks started, plus a random delay) and restarted, then it
# runs to the end. Checks:
#   - the folded staging files equal the source table value for value: no missing and no
#     duplicate row (compare_table.py; the fold itself refuses a key twice in LOAD files);
#   - no chunk logged "done" in one run is "reading" in a later run (finished chunks are not
#     re-read); only chunks in flight at a kill are read again;
#   - the newest checkpoint has every chunk done and 300,000 rows, and the table folder holds
#     exactly one LOAD file per chunk that read rows (a chunk of 0 rows writes none).
# Prints the counts: kills that hit a running load, chunks, reads, re-reads, LOAD files.
#
#   full_load_crash_test.sh PATH/TO/binlake
#
# Needs the test MariaDB (skips with 77 without it; fails when BINLAKE_REQUIRE_INTEGRATION=1).
# Uses database tests_load_crash.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
binlake=$(realpath "${1:?usage: full_load_crash_test.sh PATH/TO/binlake}")
require_server

database=tests_load_crash
capture_pid=
cleanup_hook() {
  if [ -n "$capture_pid" ]; then kill -9 "$capture_pid" 2>/dev/null || true; fi
}
make_work

fresh_database "$database"
root_sql -e "USE $database; CREATE TABLE $database.t (id INT NOT NULL PRIMARY KEY, k INT NOT NULL,
    c CHAR(60) NOT NULL, pad VARCHAR(80)) ENGINE = InnoDB;
  INSERT INTO $database.t SELECT s.seq * 3, s.seq MOD 977, SHA2(s.seq, 224), REPEAT('p', s.seq MOD 80)
    FROM seq_1_to_300000 AS s"
write_config "$work/capture.yaml" "file://$staging" "$database.t" "full_load:
  chunk_rows: 10000
  parallelism: 2"

# log_chunks LOG WORD: the chunk indexes LOG says are WORD (reading|done), one per line.
log_chunks() {
  sed -n "s/.*full load: $database\.t chunk \([0-9]*\) $2\b.*/\1/p" "$1"
}

# started_chunks LOG: how many chunks LOG shows started.
started_chunks() {
  log_chunks "$1" reading | wc -l
}

kills=0
for run in 1 2 3 4 5; do
  log=$work/run$run.log
  : > "$log"
  "$binlake" capture -c "$work/capture.yaml" --full-load-only > "$log" 2>&1 &
  capture_pid=$!
  # A random moment: after 1..4 chunks of this run started, plus 0..149 ms.
  target=$((1 + RANDOM % 4))
  until [ "$(started_chunks "$log")" -ge "$target" ] || ! kill -0 "$capture_pid" 2>/dev/null; do
    sleep 0.01
  done
  sleep "0.$(printf '%03d' $((RANDOM % 150)))"
  kill -9 "$capture_pid" 2>/dev/null || true
  status=0
  wait "$capture_pid" 2>/dev/null || status=$?
  capture_pid=
  if [ "$status" = 137 ]; then
    kills=$((kills + 1))
    echo "run $run: killed after $(started_chunks "$log") chunk(s) started, $(log_chunks "$log" done | wc -l) done"
  else
    echo "run $run: exited with $status before the kill"
  fi
done

final=$work/run6.log
"$binlake" capture -c "$work/capture.yaml" --full-load-only > "$final" 2>&1 || {
  cat "$final"; echo "FAIL: the final capture run exited non-zero"; exit 1; }
echo "run 6: ran to the end, $(started_chunks "$final") chunk(s) read"

fail=0
for earlier in 1 2 3 4 5; do
  for later in $(seq $((earlier + 1)) 6); do
    reread=$(comm -12 <(log_chunks "$work/run$earlier.log" done | sort -u) \
      <(log_chunks "$work/run$later.log" reading | sort -u) | tr '\n' ' ')
    if [ -n "$reread" ]; then
      echo "FAIL: chunk(s) $reread done in run $earlier were read again in run $later"; fail=1
    fi
  done
done

reads=$(cat "$work"/run*.log | sed -n "s/.*full load: $database\.t chunk \([0-9]*\) reading\b.*/\1/p" | wc -l)
# The chunks from the newest checkpoint (a kill can land between a chunk's checkpoint commit and
# its "done" log line, so the logs alone may miss one): "<chunks> <chunks with rows> <rows>".
# A chunk that read no rows (the unbounded last one) has no LOAD file.
read -r chunks nonempty loaded < <(python3 - "$staging" "$database.t" <<'EOT'
import json, os, sys
folder = os.path.join(sys.argv[1], "_binlake/capture/checkpoints")
latest = json.load(open(os.path.join(folder, sorted(os.listdir(folder))[-1]), encoding="utf-8"))
table = latest["tables"][sys.argv[2]]
assert table["load"] == "done" and all(c["state"] == "done" for c in table["chunks"]), table["load"]
rows = [c["rows"] for c in table["chunks"]]
print(len(rows), sum(1 for r in rows if r > 0), sum(rows))
EOT
)
loads=$(find "$staging" -name 'LOAD*' ! -path '*/_binlake/*' | wc -l)
echo "counts: kills=$kills chunks=$chunks (with rows: $nonempty, rows: $loaded) reads=$reads re-reads=$((reads - chunks)) load_files=$loads"
[ "$kills" -ge 1 ] || { echo "FAIL: no kill hit a running load"; fail=1; }
[ "$chunks" -ge 25 ] || { echo "FAIL: $chunks chunks, want about 30"; fail=1; }
[ "$loads" = "$nonempty" ] || { echo "FAIL: $loads LOAD files for $nonempty chunks with rows"; fail=1; }
[ "$loaded" = 300000 ] || { echo "FAIL: the checkpoint counts $loaded rows, want 300000"; fail=1; }
leftovers=$(find "$staging" -type f ! -name 'LOAD*' ! -path '*/_binlake/*' | wc -l)
[ "$leftovers" = 0 ] || echo "note: $leftovers temp file(s) of killed runs left in the store (.binlake-tmp)"

python3 "$here/compare_table.py" "$binlake" "file://$staging" "$database" t || fail=1
[ "$fail" = 0 ] || exit 1
root_sql -e "DROP DATABASE $database"
echo "PASS"
