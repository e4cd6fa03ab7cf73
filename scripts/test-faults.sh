#!/usr/bin/env bash
# `npm run test:faults` (also the last step of `npm test`): the exactly-once promises
# under failure — PostgreSQL restarted mid-storm, the app server SIGKILLed mid-storm, a
# client that loses the answer after the commit, the database's clock deciding close, and a
# backup taken mid-storm restored into a fresh data folder and served by npm start.
#
# Needs a production build (`npm run build`; `npm test` has just made one). Starts its
# own PostgreSQL cluster, because the tests restart it, with normal durability (fsync on)
# so a restart keeps exactly what was committed. The tests start `next start` themselves.
# Everything listens on 127.0.0.1 only; the trap stops what was started, also on failure.
#
#   NEXT_DIST_DIR=.next-faults   use that build folder instead of .next
#   npm run test:faults -- db-clock   arguments go to vitest (here: only that file)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NEXT_TELEMETRY_DISABLED=1
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-test-secret-at-least-32-characters-long!!}"
export BALLOT_SEAL_KEY="${BALLOT_SEAL_KEY:-dGVzdC1iYWxsb3Qtc2VhbC1rZXktMzItYnl0ZXMhISE}"
DIST_DIR="${NEXT_DIST_DIR:-.next}"

START=$SECONDS
PG_ROOT=""
RUN_DIR=""

die() {
  echo "test-faults: $*" >&2
  exit 1
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  # App servers the tests started and could not stop (the runner was killed): by pid, one by one.
  if [ -n "$RUN_DIR" ] && [ -f "$RUN_DIR/app-pids" ]; then
    local pid
    while read -r pid; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    done <"$RUN_DIR/app-pids"
  fi
  [ -n "$PG_ROOT" ] && node_modules/.bin/tsx scripts/pg-cluster.ts stop "$PG_ROOT"
  [ -n "$RUN_DIR" ] && rm -rf "$RUN_DIR"
  if [ "$rc" -eq 0 ]; then
    echo "npm run test:faults: PASSED in $((SECONDS - START))s"
  else
    echo "npm run test:faults: FAILED (exit $rc) after $((SECONDS - START))s" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -d node_modules ] || die "node_modules is missing: run 'npm ci' first."
[ -f "$DIST_DIR/BUILD_ID" ] \
  || die "no production build in $DIST_DIR: run 'npm run build' first (or NEXT_DIST_DIR=<folder> for another build)."

echo "==> postgres (own cluster: the tests restart it)"
read -r PG_ROOT PG_PORT < <(node_modules/.bin/tsx scripts/pg-cluster.ts start -c max_connections=300) || die "could not start PostgreSQL (above)"
BASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
echo "PostgreSQL on 127.0.0.1:$PG_PORT, data in $PG_ROOT"

echo "==> migrate (template database)"
node_modules/.bin/tsx scripts/pg-cluster.ts sql "$BASE_URL/postgres" "CREATE DATABASE faults_template"
DATABASE_URL="$BASE_URL/faults_template" npx prisma migrate deploy >/dev/null

echo "==> fault tests (build: $DIST_DIR)"
RUN_DIR="$(mktemp -d /tmp/minsheng-faults.XXXXXX)"
export FAULTS_PG_ROOT="$PG_ROOT"
export FAULTS_PG_BASE_URL="$BASE_URL"
export FAULTS_TEMPLATE_DB=faults_template
export FAULTS_DIST_DIR="$DIST_DIR"
export FAULTS_RUN_DIR="$RUN_DIR"
npx vitest run --project faults "$@"
