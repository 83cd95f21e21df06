# Sourced by the bench scripts: where each peer tool lives.
# bench_dir is the absolute bench/ folder, repo_dir its parent.
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo_dir=$(dirname "$bench_dir")

# The real dbmate executable (not the node wrapper), so timings do not include starting node.
dbmate_bin() {
  local candidate
  for candidate in "$bench_dir"/.npm/node_modules/@dbmate/linux-*/bin/dbmate; do
    [[ -x $candidate ]] && { echo "$candidate"; return 0; }
  done
  echo "dbmate not installed; run bench/setup" >&2
  return 1
}

# Debian's python3-alembic ships the module but no `alembic` script on PATH.
alembic_cmd() { /usr/bin/python3 -m alembic "$@"; }

# strata: $STRATA_BIN or the Release build of scripts/setup.
strata_bin() {
  local bin=${STRATA_BIN:-$repo_dir/build/strata}
  [[ -x $bin ]] || { echo "strata binary not found at $bin; run scripts/setup or set STRATA_BIN" >&2; return 1; }
  echo "$bin"
}
