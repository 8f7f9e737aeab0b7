#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: scripts/pg-test-server.sh start|stop|status
#   start  initialises the cluster if needed (idempotent), starts it if it is not running and
#          prints its libpq connection string (export it as LIENTHONG_TEST_PG);
#   stop   stops it and removes its folder.
# It listens on a unix socket only (no TCP), in its own folder. As root, the server runs as the
# `postgres` user. LIENTHONG_PG_TEST_DIR chooses the folder (default /tmp/lienthong-pg-test).
set -euo pipefail

dir="${LIENTHONG_PG_TEST_DIR:-/tmp/lienthong-pg-test}"
bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:-start}"

as_owner=()
owner="$(id -un)"
if [[ $(id -u) -eq 0 ]]; then
  owner=postgres
  as_owner=(runuser -u postgres --)
fi

port_file="$dir/port"
conninfo() { echo "host=$dir port=$(cat "$port_file") user=$owner dbname=postgres"; }
running() { [[ -f "$dir/data/postmaster.pid" ]] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

case "$cmd" in
  start)
    [[ -x "$bin/initdb" ]] || { echo "pg-test-server: no $bin/initdb (scripts/setup.sh installs postgresql)" >&2; exit 1; }
    if running; then conninfo; exit 0; fi
    mkdir -p "$dir"
    [[ ${#as_owner[@]} -gt 0 ]] && chown postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      rm -rf "$dir/data"
      "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U "$owner" -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # Any number not used by another socket in this folder will do: there is no TCP listener.
    port=54329
    while [[ -e "$dir/.s.PGSQL.$port" ]]; do port=$((port + 1)); done
    echo "$port" >"$port_file"
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -p $port -c max_connections=200 -c fsync=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    conninfo
    ;;
  stop)
    if running; then "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    rm -rf "$dir"
    ;;
  status)
    if running; then conninfo; else echo "pg-test-server: not running" >&2; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
