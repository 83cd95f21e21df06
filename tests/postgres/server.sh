# Sourced by scripts/test: starts a throwaway PostgreSQL 15 listening only on a unix socket.
# Exports STRATA_TEST_PG_URL (a libpq URL for the test database) and STRATA_TEST_PG_SOCKET.
# As root, the cluster belongs to the unprivileged user `strata-pg` (initdb refuses to run as root).

postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb ]] && { echo "$dir"; return; }
  done
  echo "tests/postgres/server.sh: initdb not found; install postgresql-15 (scripts/setup does)" >&2
  return 1
}

postgres_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u strata-pg -- "$@"; else "$@"; fi
}

postgres_start() {
  local bin owner
  bin=$(postgres_bin)
  STRATA_PG_DIR=$(mktemp -d /tmp/strata-pg.XXXXXX)
  if [[ $(id -u) -eq 0 ]]; then
    id strata-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin strata-pg
    chown strata-pg "$STRATA_PG_DIR"
    chmod 755 "$STRATA_PG_DIR"
  fi
  owner=$(postgres_as_owner id -un)
  postgres_as_owner "$bin/initdb" -D "$STRATA_PG_DIR/data" -U "$owner" -A trust --no-sync -E UTF8 >"$STRATA_PG_DIR/initdb.log"
  # No TCP; fsync off only for test speed (the benchmarks keep PostgreSQL's defaults).
  postgres_as_owner "$bin/pg_ctl" -D "$STRATA_PG_DIR/data" -l "$STRATA_PG_DIR/server.log" -w \
    -o "-c listen_addresses='' -k $STRATA_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  postgres_as_owner "$bin/createdb" -h "$STRATA_PG_DIR" -U "$owner" strata_test
  export STRATA_TEST_PG_SOCKET=$STRATA_PG_DIR
  export STRATA_TEST_PG_USER=$owner
  export STRATA_TEST_PG_URL="postgresql://$owner@/strata_test?host=$STRATA_PG_DIR"
  export STRATA_PG_BIN=$bin
  echo "postgres: running on $STRATA_PG_DIR (PostgreSQL $("$bin/postgres" --version | awk '{print $3}'))"
}

postgres_stop() {
  [[ -n ${STRATA_PG_DIR:-} && -d $STRATA_PG_DIR/data ]] || return 0
  postgres_as_owner "$STRATA_PG_BIN/pg_ctl" -D "$STRATA_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$STRATA_PG_DIR"
}
