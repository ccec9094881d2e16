#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the demo and for development: Debian's server binaries (installed when missing and
# run as root), a data folder under .local/ (or $DIGITALEDU_LOCAL_DIR), loopback only, fsync off.
# Usage: ops/local-postgres.sh start|reset|stop|url [port]
#   reset: drops the digitaledu database (the cluster must be running); the next migrate step creates it empty.
set -Eeuo pipefail
# Only shell builtins until the prerequisites are known: this must also answer on a machine whose PATH holds nothing.
case "$0" in */*) here=${0%/*} ;; *) here=. ;; esac
root=$(cd "$here/.." && pwd)
. "$root/ops/lib/prerequisites.sh"
dir="${DIGITALEDU_LOCAL_DIR:-$root/.local}/postgres"
port="${2:-${DIGITALEDU_PG_PORT:-55432}}"

# The server refuses to run as root: as root it runs as the postgres user the Debian package creates.
as_owner() {
  if [ "$EUID" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    require_postgres_server
    initdb=$(find_pg_bin initdb)
    pg_ctl=$(find_pg_bin pg_ctl)
    mkdir -p "$dir"
    if [ "$EUID" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || fail "running as root, but there is no postgres user to own the cluster (install the postgresql package, which creates it)"
      chown postgres "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || fail "initdb could not create the cluster in $dir/data (see above)"
    fi
    if ! as_owner "$pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      if ! as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null; then
        tail -n 5 "$dir/server.log" >&2 || true
        # The default port lies in Linux's ephemeral range: a client connection may hold it for a minute after it closes.
        echo "error: PostgreSQL did not start on port $port (see $dir/server.log). If the port is taken, pick another:" >&2
        echo "  DIGITALEDU_PG_PORT=55433 $0 start" >&2
        exit 1
      fi
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=digitaledu"
    ;;
  reset)
    psql=$(find_pg_bin psql)
    [ -n "$psql" ] || fail "no psql beside the server binaries; start the cluster first (ops/local-postgres.sh start)"
    "$psql" -q -X -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "DROP DATABASE IF EXISTS digitaledu WITH (FORCE)" >/dev/null \
      || fail "could not drop the digitaledu database on port $port"
    ;;
  stop)
    pg_ctl=$(find_pg_bin pg_ctl)
    if [ -n "$pg_ctl" ] && [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
  url)
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=digitaledu"
    ;;
  *)
    echo "usage: $0 start|reset|stop|url [port]" >&2
    exit 2
    ;;
esac
