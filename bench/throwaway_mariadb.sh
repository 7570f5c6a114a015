# Sourced by the end-to-end benchmarks: a throwaway MariaDB for one run.
#
#   start_throwaway_mariadb DEFAULT_DIR DEFAULT_PORT TOOL...
#
# checks that each TOOL is installed, then starts scripts/mariadb-server.sh fresh in
# $BINLAKE_BENCH_MARIADB_DIR (default DEFAULT_DIR) on $BINLAKE_BENCH_MARIADB_PORT (default
# DEFAULT_PORT), exports its BINLAKE_MARIADB_* connection variables, stops it when the script
# exits (unless BINLAKE_BENCH_KEEP=1), and defines `sql SQL` (root over the socket, no column
# names). Needs $here, the repository root.
start_throwaway_mariadb() {
  local default_dir=$1 default_port=$2
  shift 2
  export BINLAKE_MARIADB_DIR=${BINLAKE_BENCH_MARIADB_DIR:-$default_dir}
  export BINLAKE_MARIADB_PORT=${BINLAKE_BENCH_MARIADB_PORT:-$default_port}
  export BINLAKE_MARIADB_FRESH=1
  local tool
  for tool in mariadbd "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh" >&2; exit 1; }
  done
  eval "$("$here/scripts/mariadb-server.sh" start)"
  if [ "${BINLAKE_BENCH_KEEP:-0}" != 1 ]; then
    trap '"$here/scripts/mariadb-server.sh" stop' EXIT
  fi
}

sql() { mariadb --no-defaults --protocol=socket --socket="$BINLAKE_MARIADB_SOCKET" -uroot -N -e "$1"; }
