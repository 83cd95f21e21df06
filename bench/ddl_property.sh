#!/usr/bin/env bash
# The DDL generator's property test with more pairs than the test suite runs: random schema pairs on real SQLite
# and PostgreSQL, FROM's schema script + the up DDL must give TO, the down DDL FROM again.
# Usage: bench/ddl_property.sh [PAIRS] [FIRST_SEED]   (needs build/test_schema; PostgreSQL via STRATA_TEST_PG_URL,
# or a throwaway server started here)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-2000}"
seed="${2:-1000}"
started=0
if [[ -z "${STRATA_TEST_PG_URL:-}" ]]; then
  source tests/postgres/server.sh
  postgres_start
  started=1
fi
trap '[[ $started == 1 ]] && postgres_stop' EXIT
for engine in Sqlite Postgres; do
  start=$(date +%s)
  STRATA_DDL_PAIRS="$pairs" STRATA_DDL_SEED="$seed" CI=true \
    build/test_schema --gtest_filter="DdlProperty.${engine}RandomPairsRoundTrip" --gtest_brief=1
  echo "$engine: $pairs pairs from seed $seed in $(( $(date +%s) - start )) s"
done
