#!/usr/bin/env bash
# Start a private, throw-away PostgreSQL server for the store tests and print its URL.
# Installs Debian's postgresql when it is missing.  Used by .ci/run; usable by hand:
#   export EVENTSCOPE_TEST_PG_URL=$(scripts/start-postgres.sh)
set -euo pipefail
PORT="${EVENTSCOPE_PG_PORT:-54329}"
DIR="${EVENTSCOPE_PG_DIR:-/tmp/eventscope-pg}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run_as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if ! run_as_pg "$bin/pg_isready -q -h 127.0.0.1 -p $PORT"; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  run_as_pg "$bin/initdb -D $DIR/data -A trust -U postgres" >/dev/null
  run_as_pg "$bin/pg_ctl -D $DIR/data -l $DIR/log -w -o '-k $DIR -h 127.0.0.1 -p $PORT' start" >&2
fi
run_as_pg "$bin/psql -q -h 127.0.0.1 -p $PORT -U postgres -c 'DROP DATABASE IF EXISTS eventscope_test'" >&2
run_as_pg "$bin/psql -q -h 127.0.0.1 -p $PORT -U postgres -c 'CREATE DATABASE eventscope_test'" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/eventscope_test"
