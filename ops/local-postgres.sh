#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the demo and for development: Debian's server binaries, a data folder under
# .local/, loopback only, fsync off. Usage: ops/local-postgres.sh start|stop|url [port]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.local/postgres"
port="${2:-${DIGITALEDU_PG_PORT:-55432}}"

find_bin() {
  command -v "$1" 2>/dev/null && return
  ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    initdb=$(find_bin initdb); pg_ctl=$(find_bin pg_ctl)
    if { [ -z "$initdb" ] || [ -z "$pg_ctl" ]; } && [ "$(id -u)" = 0 ]; then
      echo "Installing Debian's PostgreSQL server..." >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      initdb=$(find_bin initdb); pg_ctl=$(find_bin pg_ctl)
    fi
    if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
      echo "PostgreSQL server binaries not found; install them with: apt-get install -y postgresql" >&2; exit 1
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      if ! as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null; then
        tail -n 5 "$dir/server.log" >&2 || true
        # The default port lies in Linux's ephemeral range: a client connection may hold it for a minute after it closes.
        echo "PostgreSQL did not start on port $port (see $dir/server.log). If the port is taken, pick another:" >&2
        echo "  DIGITALEDU_PG_PORT=55433 $0 start" >&2
        exit 1
      fi
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=digitaledu"
    ;;
  stop)
    pg_ctl=$(find_bin pg_ctl)
    [ -f "$dir/data/PG_VERSION" ] && as_owner "$pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  url)
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=digitaledu"
    ;;
  *)
    echo "usage: $0 start|stop|url [port]" >&2; exit 2
    ;;
esac
