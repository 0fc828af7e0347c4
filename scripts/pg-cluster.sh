#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1 for tests (nothing under /etc is touched).
#   scripts/pg-cluster.sh start [PORT]   prints the DATABASE_URL on its last line
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    PORT=${2:-5433}
    D=$(mktemp -d /tmp/kehui-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$D"
    as_pg "$PGBIN/initdb" -D "$D/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$D/data" -l "$D/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off -c max_connections=300" start >/dev/null
    echo "$D"
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$2/data" -m fast stop >/dev/null || true
    rm -rf "$2"
    ;;
  *) echo "usage: $0 start [PORT] | stop DIR" >&2; exit 2 ;;
esac
