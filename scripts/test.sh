#!/usr/bin/env bash
# The whole suite (`npm test`): typecheck, unit, integration against a throwaway
# PostgreSQL, then production build + Playwright e2e against its own seeded database,
# then `npm start` on the embedded default under a hall's load (tests/hall), then the
# fault tests (scripts/test-faults.sh) on that same build.
#
# PostgreSQL comes from the embedded binaries npm installs (scripts/pg-cluster.ts); works as
# root (PostgreSQL then runs as the `postgres` user) and as an ordinary user.
# SKIP_E2E=1 skips build + e2e for quick local runs; CI never sets it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NEXT_TELEMETRY_DISABLED=1
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-test-secret-at-least-32-characters-long!!}"
# The ballot box's key-encryption key (DESIGN §4a): 32 bytes, base64url.
export BALLOT_SEAL_KEY="${BALLOT_SEAL_KEY:-dGVzdC1iYWxsb3Qtc2VhbC1rZXktMzItYnl0ZXMhISE}"

SUITE_START=$SECONDS
CURRENT_STEP="preflight"
STEPS_DONE=()
PG_ROOT=""

die() {
  echo "test.sh: $*" >&2
  exit 1
}


cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$PG_ROOT" ] && pg_cluster stop "$PG_ROOT"
  local elapsed=$((SECONDS - SUITE_START))
  if [ "$rc" -eq 0 ]; then
    local note=""
    [ "${SKIP_E2E:-}" = "1" ] && note=" [SKIP_E2E=1: build and e2e skipped]"
    echo "npm test: PASSED (${STEPS_DONE[*]}) in ${elapsed}s${note}"
  else
    echo "npm test: FAILED at step '${CURRENT_STEP}' (exit ${rc}) after ${elapsed}s; passed before it: ${STEPS_DONE[*]:-none}" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() {
  CURRENT_STEP="$1"
  echo
  echo "==> $1"
}

step_done() {
  STEPS_DONE+=("$CURRENT_STEP")
}

free_port() {
  node -e '
    const s = require("node:net").createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); });
  '
}

pg_cluster() {
  node_modules/.bin/tsx scripts/pg-cluster.ts "$@"
}

# One statement as the cluster's superuser (the embedded binaries bring no psql).
sql_admin() {
  pg_cluster sql "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" "$1"
}

# ---------------------------------------------------------------------------
step "preflight"
[ -d node_modules ] || die "node_modules is missing: run 'npm ci' first."

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "SKIP_E2E=1: build and e2e will be skipped."
else
  command -v fc-list >/dev/null 2>&1 || die "fc-list not found (fontconfig). Install fonts-noto-cjk: apt-get install -y fonts-noto-cjk"
  # Capture first: 'fc-list | grep -q' can die of SIGPIPE under pipefail.
  FONTS="$(fc-list : family)"
  grep -q "Noto Sans CJK" <<<"$FONTS" \
    || die "Noto Sans CJK fonts are missing, screenshots would show empty boxes for Chinese. Install: apt-get install -y fonts-noto-cjk"
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing. Install: apt-get install -y chromium"
fi

step_done

# ---------------------------------------------------------------------------
step "postgres"
# Speed over durability here: these databases are thrown away (the fault tests use their own cluster).
read -r PG_ROOT PG_PORT < <(pg_cluster start -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off) \
  || die "could not start PostgreSQL (above)"

echo "PostgreSQL $(pg_cluster version) (embedded) on 127.0.0.1:$PG_PORT, data in $PG_ROOT"
step_done

# ---------------------------------------------------------------------------
step "migrate"
BASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
TEMPLATE_URL="$BASE_URL/minsheng_template"
sql_admin "CREATE DATABASE minsheng_template"
DATABASE_URL="$TEMPLATE_URL" npx prisma migrate deploy
echo "Checking that prisma/schema.prisma matches prisma/migrations ..."
diff_rc=0
DATABASE_URL="$TEMPLATE_URL" npx prisma migrate diff \
  --from-migrations prisma/migrations --to-schema prisma/schema.prisma --exit-code || diff_rc=$?
case "$diff_rc" in
  0) ;;
  2) die "prisma/schema.prisma and prisma/migrations disagree (diff above): add a migration for the schema change." ;;
  *) die "prisma migrate diff failed (exit $diff_rc)." ;;
esac
# The generated client must match the schema the tests run against.
npx prisma generate --no-hints
step_done

export TEST_DATABASE_TEMPLATE_URL="$TEMPLATE_URL"
export TEST_DATABASE_ADMIN_URL="$BASE_URL/postgres"
# The cluster's files (WAL included): the sealed-box tests search them for receipts.
export TEST_DATABASE_DATA_DIR="$PG_ROOT/data"

# ---------------------------------------------------------------------------
step "demo follow-up"
# The follow-up demo (DEMO_STAGE=followup: the vote held through the services, then plans,
# progress and photos), seeded once: the integration test reads it, the e2e clones it.
export TEST_DEMO_FOLLOWUP_URL="$BASE_URL/minsheng_demo_followup"
sql_admin "CREATE DATABASE minsheng_demo_followup TEMPLATE minsheng_template"
DATABASE_URL="$TEST_DEMO_FOLLOWUP_URL" DEMO_STAGE=followup npm run -s db:seed
step_done

# ---------------------------------------------------------------------------
step "typecheck"
npx tsc --noEmit
step_done

step "lint"
npx eslint --max-warnings 0 .
npx prettier --check .
step_done

step "unit"
npx vitest run --project unit
step_done

step "integration"
npx vitest run --project integration
step_done

if [ "${SKIP_E2E:-}" = "1" ]; then
  exit 0
fi

# ---------------------------------------------------------------------------
step "e2e database"
export E2E_DATABASE_URL="$BASE_URL/minsheng_e2e"
sql_admin "CREATE DATABASE minsheng_e2e TEMPLATE minsheng_template"
DATABASE_URL="$E2E_DATABASE_URL" npm run -s db:seed
# The follow-up demo, cloned from the one seeded above (tests/e2e/demo-followup has a server of its own on it).
export E2E_FOLLOWUP_DATABASE_URL="$BASE_URL/minsheng_e2e_followup"
sql_admin "CREATE DATABASE minsheng_e2e_followup TEMPLATE minsheng_demo_followup"
step_done

step "build"
DATABASE_URL="$E2E_DATABASE_URL" npm run -s build
step_done

step "e2e"
E2E_PORT="$(free_port)"
E2E_FOLLOWUP_PORT="$(free_port)"
export E2E_PORT E2E_FOLLOWUP_PORT
# The follow-up demo's server gets a copy of the build: one build folder is one page cache.
export E2E_FOLLOWUP_DIST_DIR=.next-e2e-followup
rm -rf "$E2E_FOLLOWUP_DIST_DIR" && cp -a .next "$E2E_FOLLOWUP_DIST_DIR" && rm -rf "$E2E_FOLLOWUP_DIST_DIR/cache"
npx playwright test
step_done

# `npm start` itself on the build above, with no DATABASE_URL: the embedded default under a
# hall's load, and stopped by Ctrl-C and SIGTERM without leaving a process behind.
step "hall"
npx vitest run --project hall
step_done

# Its own PostgreSQL (it restarts it) and its own `next start` on the build above.
step "faults"
bash scripts/test-faults.sh
step_done
