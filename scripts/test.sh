#!/usr/bin/env bash
# The test command: the whole workspace, debug profile.
# Benches are compiled (so they cannot rot) but not run: they are measurements, not tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL for the ledger's tests: a throwaway cluster on loopback, run as the `postgres` user
# when we are root (CI). Tests read THEODOI_TEST_PG and FAIL if it is set but unreachable.
# In CI it is required; elsewhere it is started when PostgreSQL is installed.
start_test_pg() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ]; then
    if [ "${CI:-}" = "true" ]; then echo "PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; fi
    echo "PostgreSQL not installed: ledger tests run on SQLite only" >&2; return 0
  fi
  PG_DIR=$(mktemp -d /tmp/theodoi-pg.XXXXXX)
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; exit 1; }
  PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop)
  trap 'if [ -n "${PG_CTL:-}" ]; then "${PG_CTL[@]}" >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; fi' EXIT
  export THEODOI_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL test cluster: $THEODOI_TEST_PG" >&2
}
if [ -z "${THEODOI_TEST_PG:-}" ]; then start_test_pg; fi

cargo build --workspace --all-targets
cargo test --workspace
