# Sourced by bench/compare-upgrade: a throwaway PostgreSQL 15 with the server's DEFAULT settings (fsync, full page
# writes and synchronous commit on), unlike the test cluster of tests/postgres/server.sh which turns them off.
# Reuses that file's helpers to find the binaries and run them as the unprivileged user `strata-pg`.
source "$(dirname "${BASH_SOURCE[0]}")/../../tests/postgres/server.sh"

bench_postgres_start() {
  local bin owner
  bin=$(postgres_bin) || return 1
  BENCH_PG_DIR=$(mktemp -d /tmp/strata-bench-pg.XXXXXX)
  if [[ $(id -u) -eq 0 ]]; then
    id strata-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin strata-pg
    chown strata-pg "$BENCH_PG_DIR"
    chmod 755 "$BENCH_PG_DIR"
  fi
  owner=$(postgres_as_owner id -un)
  # --no-sync only makes initdb itself faster; the server below runs with every durability default.
  postgres_as_owner "$bin/initdb" -D "$BENCH_PG_DIR/data" -U "$owner" -A trust --no-sync -E UTF8 \
    >"$BENCH_PG_DIR/initdb.log" || { cat "$BENCH_PG_DIR/initdb.log" >&2; return 1; }
  # Only the listening setup differs from the defaults: a unix socket in the temporary folder, no TCP.
  postgres_as_owner "$bin/pg_ctl" -D "$BENCH_PG_DIR/data" -l "$BENCH_PG_DIR/server.log" -w \
    -o "-c listen_addresses='' -k $BENCH_PG_DIR" start >/dev/null || { cat "$BENCH_PG_DIR/server.log" >&2; return 1; }
  BENCH_PG_BIN=$bin
  BENCH_PG_USER=$owner
  BENCH_PG_SOCKET=$BENCH_PG_DIR
  export PGHOST=$BENCH_PG_DIR PGUSER=$owner
  echo "postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $BENCH_PG_DIR;" \
    "fsync=$(psql -X -Atd postgres -c 'show fsync'), synchronous_commit=$(psql -X -Atd postgres -c 'show synchronous_commit')," \
    "full_page_writes=$(psql -X -Atd postgres -c 'show full_page_writes')"
}

bench_postgres_stop() {
  [[ -n ${BENCH_PG_DIR:-} && -d $BENCH_PG_DIR/data ]] || return 0
  postgres_as_owner "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$BENCH_PG_DIR"
}
