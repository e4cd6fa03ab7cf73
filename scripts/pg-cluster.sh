#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a free loopback port: one place for what the test
# suite, the fault tests and the benchmark each need (initdb in a temp dir, start, stop,
# and for the fault tests a restart in the middle of a run).
#
# As root, PostgreSQL runs as the `postgres` user (it refuses to run as root); otherwise
# as the caller. The data dir sits under /tmp: the postgres user must reach it and the
# socket path must stay short. Listens on 127.0.0.1 only.
#
#   pg-cluster.sh start [postgres -c options …]   prints "ROOT PORT"; data in ROOT/data, log ROOT/postgres.log
#   pg-cluster.sh restart ROOT fast|immediate     same port and options (pg_ctl keeps them in postmaster.opts)
#   pg-cluster.sh stop ROOT                       fast, then immediate if that hangs; removes ROOT
#
# e.g.  read -r PG_ROOT PG_PORT < <(scripts/pg-cluster.sh start -c fsync=off)
set -euo pipefail

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1 || true)}"

die() {
  echo "pg-cluster: $*" >&2
  exit 1
}

as_root() { [ "$(id -u)" -eq 0 ]; }

# Run a PostgreSQL server binary as the cluster owner.
pg_as_owner() {
  if as_root; then
    local cmd
    printf -v cmd '%q ' "$@"
    # cd / : the postgres user may not be able to read the caller's working directory.
    su -s /bin/sh postgres -c "cd / && $cmd"
  else
    "$@"
  fi
}

free_port() {
  node -e '
    const s = require("node:net").createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); });
  '
}

cmd_start() {
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] \
    || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install: apt-get install -y postgresql"
  if as_root; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run PostgreSQL as."
  fi
  local root port opts
  root="$(mktemp -d /tmp/minsheng-pg.XXXXXX)"
  as_root && chown postgres: "$root"
  chmod 700 "$root"
  port="$(free_port)"
  if ! pg_as_owner "$PG_BIN/initdb" -D "$root/data" -A trust -U postgres -E UTF8 --locale=C >"$root/initdb.log" 2>&1; then
    cat "$root/initdb.log" >&2
    rm -rf "$root"
    die "initdb failed"
  fi
  opts="-p $port -k $root -c listen_addresses=127.0.0.1"
  local extra
  for extra in "$@"; do opts+=" $extra"; done
  if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$root/data" -l "$root/postgres.log" -o "$opts" -w -t 60 start >/dev/null; then
    cat "$root/postgres.log" >&2
    cmd_stop "$root"
    die "pg_ctl start failed"
  fi
  echo "$root $port"
}

cmd_restart() {
  local root="${1:?ROOT}" mode="${2:-fast}"
  [ -f "$root/data/PG_VERSION" ] || die "no cluster in $root"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$root/data" -l "$root/postgres.log" -m "$mode" -w -t 60 restart >/dev/null \
    || { tail -n 30 "$root/postgres.log" >&2; die "pg_ctl restart failed"; }
}

cmd_stop() {
  local root="${1:?ROOT}"
  case "$root" in /tmp/minsheng-pg.*) ;; *) die "refusing to remove $root: not made by pg-cluster.sh start" ;; esac
  if [ -f "$root/data/postmaster.pid" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$root/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || pg_as_owner "$PG_BIN/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) die "usage: pg-cluster.sh start [postgres -c options …] | restart ROOT fast|immediate | stop ROOT" ;;
esac
