#!/usr/bin/env bash
# `npm run bench`: the vote-storm benchmark (issue 6, issue 3 "Performance").
#
# Starts its own PostgreSQL 15 (normal durability: fsync and synchronous_commit on, so
# the figures are honest), applies the migrations to a template database, builds the app
# into .next-bench (never the .next that `npm start` serves), then runs
# tests/bench/bench.ts, which starts `next start` per scenario on a fresh copy of the
# template, seeds N delegates, signs them in over HTTP and has them all cast at once with
# autocannon. Prints a table and writes docs/BENCHMARKS.md.
#
# Everything listens on 127.0.0.1 only; the trap stops and removes what this script started.
#
# Knobs (environment):
#   BENCH_SIZES=300,1300        delegate counts, one scenario each (fresh database + server)
#   BENCH_SKIP_BUILD=1          reuse the existing .next-bench build
#   BENCH_DIST_DIR=.next-bench-x  build into / serve from another folder (before/after comparisons)
#   BENCH_POOL_SIZE=20          DATABASE_POOL_SIZE for the app server (the app's default is 20)
#   BENCH_SIGNIN_CONCURRENCY=16 sign-ins in flight at once
#   BENCH_STORM_TIMEOUT=120     seconds before the load generator gives up on a request
#   BENCH_QUIET_MAX_WAIT=300    seconds to wait, before each measured phase, for the machine
#   BENCH_QUIET_BUSY=30           to be at most this % busy (other people's builds and tests)
#   BENCH_PGBENCH_TRANSACTIONS=4000
#   BENCH_QUIET_HALL=280        phones in the quiet hall (listening vs polling; 0 skips it)
#   BENCH_QUIET_HALL_SECONDS=30 how long the hall is watched at rest, each way
#   BENCH_QUIET_HALL_ONLY=1     the quiet hall alone: printed, nothing written
#   BENCH_NO_REPORT=1           print the table but leave docs/BENCHMARKS.md alone
#   BENCH_STORM_ONLY=1          storms only: no ceilings, probe or tally, nothing written
# Experiments (the report marks such runs; not for the published figures):
#   BENCH_APP_SERVERS=2         several `next start` on one database, the storm spread over them
#   BENCH_NO_NOTIFY=1           pg_notify made a no-op in the scenario's database
#   The server is served as `npm start` serves it (scripts/serve-next.cjs); these override
#   its defaults, an empty value restores Node's/glibc's:
#   LISTEN_BACKLOG=4096  WEB_CONCURRENCY=1  MALLOC_ARENA_MAX=2  MALLOC_MMAP_THRESHOLD_=1048576
#   BENCH_PROFILE_DIR=/tmp/prof CPU profile of the server; then
#                               npx tsx tests/bench/profile-summary.ts /tmp/prof/<N>
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export NEXT_TELEMETRY_DISABLED=1
export NEXT_DIST_DIR="${BENCH_DIST_DIR:-.next-bench}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-bench-secret-at-least-32-characters-long!!}"
export BALLOT_SEAL_KEY="${BALLOT_SEAL_KEY:-YmVuY2gtYmFsbG90LXNlYWwta2V5LTMyLWJ5dGVzISE}"

PG_ROOT=""
SAVED=""

die() {
  echo "bench: $*" >&2
  exit 1
}

# `next build` adds .next-bench/types to tsconfig.json's include and points next-env.d.ts
# at .next-bench. Other engineers edit this working tree at the same time, so never put an
# old copy back: tests/bench/undo-build-rewrites.mjs removes exactly what the build added.
save_build_touched_files() {
  SAVED="$(mktemp -d /tmp/minsheng-bench-saved.XXXXXX)"
  cp -p tsconfig.json "$SAVED/tsconfig.json"
  [ -f next-env.d.ts ] && cp -p next-env.d.ts "$SAVED/next-env.d.ts"
  return 0
}

restore_build_touched_files() {
  [ -n "$SAVED" ] || return 0
  node tests/bench/undo-build-rewrites.mjs "$NEXT_DIST_DIR" "$SAVED" || echo "bench: check 'git diff tsconfig.json'" >&2
  rm -rf "$SAVED"
  SAVED=""
}

pg_cluster() {
  node_modules/.bin/tsx scripts/pg-cluster.ts "$@"
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  restore_build_touched_files
  [ -n "$PG_ROOT" ] && pg_cluster stop "$PG_ROOT"
  if [ "$rc" -eq 0 ]; then echo "npm run bench: done"; else echo "npm run bench: FAILED (exit $rc)" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
echo "==> preflight"
[ -d node_modules ] || die "node_modules is missing: run 'npm ci' first."
[ -d node_modules/autocannon ] || die "autocannon is missing (a devDependency): run 'npm ci'."
# The server is the embedded one every other step uses; only the pgbench client (for the
# database-alone ceiling) comes from Debian's postgresql-contrib.
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -t/ -k5,5n | tail -n 1 || true)"
[ -n "$PGBENCH" ] && [ -x "$PGBENCH" ] || die "pgbench is needed for the database-alone ceiling. Install: apt-get install -y postgresql-contrib"

# ---------------------------------------------------------------------------
echo "==> postgres"
# Normal durability on purpose (fsync, synchronous_commit, full_page_writes at their
# defaults): a ballot counts only once it is on disk, and that is what is measured.
read -r PG_ROOT PG_PORT < <(pg_cluster start -c max_connections=300) || die "could not start PostgreSQL (above)"
PG_VERSION="$(pg_cluster version)"
echo "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT (fsync on), data in $PG_ROOT"

# ---------------------------------------------------------------------------
echo "==> migrate (template database)"
BASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
pg_cluster sql "$BASE_URL/postgres" "CREATE DATABASE bench_template"
DATABASE_URL="$BASE_URL/bench_template" npx prisma migrate deploy

# ---------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-}" = "1" ] && [ -f "$NEXT_DIST_DIR/BUILD_ID" ]; then
  echo "==> build skipped (BENCH_SKIP_BUILD=1, reusing $NEXT_DIST_DIR)"
else
  echo "==> build (NEXT_DIST_DIR=$NEXT_DIST_DIR)"
  save_build_touched_files
  # The build may load server modules, whose env check needs a database URL; nothing is written to it.
  # It builds the working tree as it is: another engineer's half-finished edit can break it.
  if ! DATABASE_URL="$BASE_URL/bench_template" NEXTAUTH_URL="http://127.0.0.1:3000" npm run -s build; then
    restore_build_touched_files
    die "next build failed (above). Other edits in progress in the working tree? Retry when it builds."
  fi
  restore_build_touched_files
  # What was built (the working tree moves on while others work): the report names this, not HEAD at report time.
  printf '%s %s\n' "$(git rev-parse --short HEAD)" "$(git status --porcelain --untracked-files=no | wc -l)" > "$NEXT_DIST_DIR/BENCH_SOURCE"
fi

# ---------------------------------------------------------------------------
echo "==> bench"
export BENCH_PG_BASE_URL="$BASE_URL"
export BENCH_PGBENCH="$PGBENCH"
export BENCH_PG_VERSION="$PG_VERSION"
export BENCH_PG_DATA="$PG_ROOT/data"
npx tsx --conditions=react-server tests/bench/bench.ts
