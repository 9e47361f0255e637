#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests, used by .ci/run and
# by hand (bench/README.md):
#
#   dir=$(mktemp -d); eval "$(.ci/pg.sh start "$dir")"   # exports SHOULDER_TEST_POSTGRES
#   go test ./internal/store/...
#   .ci/pg.sh stop "$dir"
#
# start installs Debian's postgresql when no server binaries are found
# (with --install), creates a cluster in DIR (initdb, trust auth for the
# superuser on loopback and the unix socket in DIR, scram for the role
# shoulder_pw that the wrong-password test creates), starts it on a free
# loopback port and prints the export line. PostgreSQL refuses to run as
# root: as root the cluster belongs to the postgres user (created when
# missing) and runs through runuser.
set -euo pipefail

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [--install]" >&2; exit 2; }

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  bin=$(bindir)
  if [ -z "$bin" ]; then
    if [ "${3:-}" != "--install" ]; then echo "$0: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; fi
    echo "$0: installing Debian postgresql for the store tests" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    bin=$(bindir)
    [ -n "$bin" ] || { echo "$0: postgresql could not be installed" >&2; exit 1; }
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$dir"
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
host all shoulder_pw 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
HBA
  [ "$(id -u)" = 0 ] && chown postgres "$dir/data/pg_hba.conf"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "export SHOULDER_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
  ;;
stop)
  bin=$(bindir)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR [--install]" >&2; exit 2 ;;
esac
