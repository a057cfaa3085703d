#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, in a temporary folder, for the test suite and benchmarks.
#
#   scripts/pg-test.sh run CMD...   start a cluster, run CMD with KRATOM_QUIZ_TEST_PG_URL set, stop it
#                                   (also when CMD fails or is interrupted); exits with CMD's status
#   scripts/pg-test.sh start        start one and print `export KRATOM_QUIZ_TEST_PG_URL=...` (and its folder)
#   scripts/pg-test.sh stop DIR     stop the cluster started in DIR and delete DIR
#
# It needs Debian's PostgreSQL server (apt-get install postgresql); the binaries are found through
# pg_config or /usr/lib/postgresql/*/bin. initdb refuses to run as root, so as root the cluster runs as the
# `postgres` user. The cluster trusts loopback connections: it is for tests only, never for a class.
set -euo pipefail

pg_bin() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "pg-test: PostgreSQL server binaries not found (install Debian's 'postgresql' package)" >&2
    exit 2
  fi
  echo "$found"
}

as_owner() {
  # Run a command as the cluster's owner: ourselves, or `postgres` when we are root.
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local bin dir port user
  bin=$(pg_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/kratom-pg.XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    user=postgres
  else
    user=$(id -un)
  fi
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log"
  # Loopback only, socket in our folder; fsync off: a test cluster that dies is thrown away anyway.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=120" start >/dev/null
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" kratom_test
  echo "$dir" >"$dir/dir"
  echo "$port" >"$dir/port"
  PG_DIR=$dir
  PG_URL="postgresql+psycopg://$user@127.0.0.1:$port/kratom_test"
}

stop() {
  local dir=$1
  [ -d "$dir/data" ] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  run)
    shift
    start
    trap 'stop "$PG_DIR"' EXIT INT TERM
    status=0
    KRATOM_QUIZ_TEST_PG_URL=$PG_URL "$@" || status=$?
    exit "$status"
    ;;
  start)
    start
    echo "export KRATOM_QUIZ_TEST_PG_URL=$PG_URL"
    echo "# stop with: scripts/pg-test.sh stop $PG_DIR"
    ;;
  stop)
    stop "${2:?usage: pg-test.sh stop DIR}"
    ;;
  *)
    echo "usage: scripts/pg-test.sh run CMD... | start | stop DIR" >&2
    exit 2
    ;;
esac
