/**
 * The benchmark driver (run by tests/bench/run.sh, which provides PostgreSQL, the
 * migrated template database and the .next-bench build).
 *
 * Per scenario (N delegates): a fresh database copied from the template, a fresh
 * `next start`, the roster seeded, the poll created and opened by the secretariat over
 * HTTP, every delegate signed in over HTTP, then the storm (autocannon, N connections,
 * one ballot each), then the check in the database that exactly N ballots were stored.
 * Then the pure tally/recount timings, a table, and docs/BENCHMARKS.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freePort } from "../../scripts/lib/embedded-postgres";
import { withClient } from "../../scripts/lib/pg-client";
import { cpuSecondsOf, processTree, sampleMemory, startAppServer, treeCpuSecondsOf, type AppServer } from "./app-server";
import { mapBounded, signIn, trpcMutation } from "./http-session";
import { renderMarkdown, renderTable, type MachineInfo, type PagesFigures, type ScenarioResult } from "./report";
import type { LayerCost } from "./cast-cost";
import {
  BENCH_PIN,
  BENCH_STAFF_PASSWORD,
  BENCH_STAFF_USERNAME,
  CANDIDATE_COUNT,
  cardCodeOf,
  openPollDirectly,
  seedPublishedPoll,
  seedScenario,
} from "./seed";
import { firstLoadJs, lighthouse, pageLoad, type LighthouseFigure, type PageJs, type PageLoad } from "./pages";
import { bareHttpCeiling, pgbenchCeiling } from "./pg-ceiling";
import { storedBallots } from "./stored-ballots";
import { timeTally } from "./tally-timing";
import { runQuietHall, type QuietHallFigures } from "./quiet-hall";
import { percentile, routeCpuCost, runVoteStorm } from "./vote-storm";

const root = path.resolve(import.meta.dirname, "../..");
const baseUrl = required("BENCH_PG_BASE_URL");
const distDir = process.env.NEXT_DIST_DIR ?? ".next-bench";
const sizes = (process.env.BENCH_SIZES ?? "300,1300")
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 5000);
const poolSize = process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined;
const signInConcurrency = Number(process.env.BENCH_SIGNIN_CONCURRENCY ?? 16);
/** Seconds a delegate's request may take before the load generator gives up on it (counted as an error). */
const stormTimeout = Number(process.env.BENCH_STORM_TIMEOUT ?? 120);
// Experiments (never for the reported figures; the report says when one was on):
// BENCH_NO_NOTIFY=1 makes pg_notify a no-op in the scenario's database (a public.pg_notify
// found first on the search_path), to measure the app without NOTIFY's commit serialization;
// The server is started as `npm start` serves it (scripts/serve-next.cjs); LISTEN_BACKLOG,
// WEB_CONCURRENCY, MALLOC_ARENA_MAX and MALLOC_MMAP_THRESHOLD_ in this environment override
// its defaults (an empty value restores glibc's) and are named in the report.
const noNotify = process.env.BENCH_NO_NOTIFY === "1";
const servingOverrides = ["LISTEN_BACKLOG", "WEB_CONCURRENCY", "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"]
  .filter((k) => process.env[k] !== undefined)
  .map((k) => `${k}=${process.env[k] || "(glibc default)"}`);
// BENCH_APP_SERVERS=2 runs that many `next start` processes on the same database and
// spreads the storm's connections over them (stateless app servers).
const appServers = Math.min(8, Math.max(1, Number(process.env.BENCH_APP_SERVERS ?? 1)));
/** The quiet hall's phones (0: skip the phase) and how long it is watched at rest. */
const quietHallPhones = Number(process.env.BENCH_QUIET_HALL ?? 280);
const quietHallSeconds = Number(process.env.BENCH_QUIET_HALL_SECONDS ?? 30);
/** When set, the server runs with --cpu-prof into <dir>/<N>/ and the storm's window is saved beside it (see profile-summary.ts). */
const profileDir = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : null;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmark with 'npm run bench'.`);
  return value;
}

function log(message: string) {
  console.log(`[bench] ${message}`);
}

/** Machine-wide CPU jiffies from /proc/stat: busy (everything but idle and iowait) and total. */
function machineCpu(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - v[3]! - v[4]!, total };
}

/** Kernel TCP counters (this network namespace): accept-queue overflows and SYN retransmissions. */
function tcpCounters(): { listenOverflows: number; synRetrans: number } {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8")
      .split("\n")
      .filter((l) => l.startsWith("TcpExt:"));
    const names = lines[0]!.split(/\s+/).slice(1);
    const values = lines[1]!.split(/\s+/).slice(1).map(Number);
    const get = (name: string) => values[names.indexOf(name)] ?? 0;
    return { listenOverflows: get("ListenOverflows"), synRetrans: get("TCPSynRetrans") };
  } catch {
    return { listenOverflows: Number.NaN, synRetrans: Number.NaN };
  }
}

async function databaseStats(url: string): Promise<{ commits: number; rollbacks: number }> {
  return withClient(url, async (c) => {
    const row = (await c.query(`SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()`)).rows[0];
    return { commits: Number(row.xact_commit), rollbacks: Number(row.xact_rollback) };
  });
}

/**
 * Other work on the machine (a build, a test suite) distorts every figure. Before each
 * measured phase, wait — bounded by BENCH_QUIET_MAX_WAIT seconds (default 300) — until the
 * machine has been at most BENCH_QUIET_BUSY % busy (default 30) over a 3 s window.
 * Returns the busy % finally seen, so the report can say how quiet it was.
 */
async function waitForQuiet(what: string): Promise<number> {
  const maxWait = Number(process.env.BENCH_QUIET_MAX_WAIT ?? 300);
  const threshold = Number(process.env.BENCH_QUIET_BUSY ?? 30);
  const deadline = Date.now() + maxWait * 1000;
  let busy = 100;
  let said = false;
  for (;;) {
    const a = machineCpu();
    await new Promise((r) => setTimeout(r, 3000));
    const b = machineCpu();
    busy = (100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total);
    if (busy <= threshold || Date.now() >= deadline) break;
    if (!said) log(`machine ${busy.toFixed(0)} % busy with other work; waiting up to ${maxWait} s for it to quiet down before ${what} …`);
    said = true;
  }
  if (busy > threshold) log(`still ${busy.toFixed(0)} % busy after ${maxWait} s: measuring ${what} anyway (figures will be pessimistic)`);
  return busy;
}

/** PostgreSQL (15 and later) flushes an idle backend's pending statistics after at most 10 s (PGSTAT_IDLE_INTERVAL). */
const STATS_SETTLE_MS = 11_000;

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
}

function postmasterPid(): number | null {
  const data = process.env.BENCH_PG_DATA;
  if (!data) return null;
  try {
    return Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
}

function postgresCpuSeconds(): number {
  const pid = postmasterPid();
  return pid ? processTree(pid).reduce((sum, p) => sum + cpuSecondsOf(p), 0) : 0;
}

async function runScenario(n: number): Promise<ScenarioResult> {
  log(`── scenario: ${n} delegates ──`);
  const dbName = `bench_${n}_${Date.now().toString(36)}`;
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`CREATE DATABASE "${dbName}" TEMPLATE bench_template`));
  const databaseUrl = `${baseUrl}/${dbName}`;
  if (noNotify) {
    await withClient(databaseUrl, async (c) => {
      await c.query(`CREATE FUNCTION public.pg_notify(text, text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$`);
      await c.query(`ALTER DATABASE "${dbName}" SET search_path = public, pg_catalog`);
    });
    log("EXPERIMENT: pg_notify is a no-op in this database");
  }

  let t = performance.now();
  const seeded = await seedScenario(databaseUrl, n);
  log(`seeded ${n} delegates (all checked in), ${CANDIDATE_COUNT} candidates in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const serverProfileDir = profileDir ? path.join(profileDir, String(n)) : null;
  if (serverProfileDir) mkdirSync(serverProfileDir, { recursive: true });
  const servers: AppServer[] = [];
  for (let i = 0; i < appServers; i++) {
    servers.push(
      await startAppServer({
        root,
        port: await freePort(),
        databaseUrl,
        distDir,
        poolSize,
        nodeArgs: [...(serverProfileDir && i === 0 ? ["--cpu-prof", `--cpu-prof-dir=${serverProfileDir}`] : [])],
      }).catch(async (error: unknown) => {
        for (const started of servers) await started.stop();
        throw error;
      }),
    );
  }
  const server = servers[0]!;
  const pids = servers.map((s) => s.pid);
  const appCpu = () => pids.reduce((sum, p) => sum + treeCpuSecondsOf(p), 0);
  const rssAtReadyMb = sampleMemory(pids).stop().peakRssMb;
  log(`next start (pid ${pids.join(", ")}) ready at ${servers.map((s) => s.url).join(", ")}, RSS ${rssAtReadyMb.toFixed(0)} MB`);
  try {
    // The secretariat makes and opens the poll through the app's own procedures.
    const staffCookie = await signIn(server.url, "staff", { username: BENCH_STAFF_USERNAME, password: BENCH_STAFF_PASSWORD });
    const { id: pollId } = await trpcMutation<{ id: string }>(server.url, staffCookie, "secretariat.createPoll", {
      sessionId: seeded.sessionId,
      title: "2025年民生实事项目票决（基准测试）",
      kind: "EQUAL",
      secret: true,
      candidateIds: seeded.candidateIds,
    });
    await trpcMutation(server.url, staffCookie, "secretariat.openPoll", { pollId });
    const pollCandidateIds = await withClient(databaseUrl, async (c) =>
      (await c.query<{ id: string }>(`SELECT "id" FROM "PollCandidate" WHERE "pollId" = $1 ORDER BY "position"`, [pollId])).rows.map(
        (r) => r.id,
      ),
    );
    log(`poll ${pollId} created and opened over HTTP (EQUAL, secret, ${pollCandidateIds.length} candidates)`);

    // Every delegate signs in over HTTP, a bounded number at a time (scrypt is slow on purpose).
    t = performance.now();
    let signInRetries = 0;
    const cookies = await mapBounded(seeded.cardCodes, signInConcurrency, async (cardCode, i) => {
      // Sessions are stateless JWTs: a cookie from one app server is good on every other.
      const url = servers[i % servers.length]!.url;
      try {
        return await signIn(url, "delegate-pin", { cardCode, pin: BENCH_PIN });
      } catch {
        signInRetries++;
        return signIn(url, "delegate-pin", { cardCode, pin: BENCH_PIN });
      }
    });
    const signInSeconds = (performance.now() - t) / 1000;
    log(
      `${n} delegates signed in in ${signInSeconds.toFixed(1)} s (${(n / signInSeconds).toFixed(1)}/s, concurrency ${signInConcurrency})`,
    );

    const signInEnd = performance.now();
    // Let the server settle (GC, timers) and wait for other work on the machine to pass.
    const busyBefore = await waitForQuiet(`the ${n}-delegate storm`);
    // PostgreSQL backends that go idle publish their pending statistics up to 10 s later:
    // let the sign-ins' transactions land in pg_stat_database before counting the storm's.
    await sleepUntil(signInEnd + STATS_SETTLE_MS);
    const loadavg = os.loadavg()[0]!;
    const rssBeforeMb = sampleMemory(pids).stop().peakRssMb;
    const db0 = await databaseStats(databaseUrl);
    const tcp0 = tcpCounters();
    const memory = sampleMemory(pids);
    const cpu0 = { app: appCpu(), pg: postgresCpuSeconds(), bench: process.cpuUsage(), machine: machineCpu() };
    const windowStart = process.hrtime.bigint();
    const storm = await runVoteStorm({ url: servers.map((s) => s.url), pollId, pollCandidateIds, cookies, timeoutSeconds: stormTimeout });
    if (serverProfileDir) {
      // CLOCK_MONOTONIC in µs, the clock V8's profiler stamps its samples with.
      const window = { startUs: Number(windowStart / 1000n), endUs: Number(windowStart / 1000n) + Math.round(storm.wallMs * 1000) };
      writeFileSync(path.join(serverProfileDir, "storm-window.json"), JSON.stringify(window));
    }
    const mem = memory.stop();
    const machine1 = machineCpu();
    const tcp1 = tcpCounters();
    const benchCpu = process.cpuUsage(cpu0.bench);
    const cpu = {
      appSeconds: appCpu() - cpu0.app,
      postgresSeconds: postgresCpuSeconds() - cpu0.pg,
      loadGeneratorSeconds: (benchCpu.user + benchCpu.system) / 1e6,
      machineBusyPct: (100 * (machine1.busy - cpu0.machine.busy)) / Math.max(1, machine1.total - cpu0.machine.total),
      busyBeforePct: busyBefore,
      // /proc/stat counts in USER_HZ (100 per second): what the machine did that was not ours.
      otherSeconds: 0,
    };
    cpu.otherSeconds = Math.max(
      0,
      (machine1.busy - cpu0.machine.busy) / 100 - cpu.appSeconds - cpu.postgresSeconds - cpu.loadGeneratorSeconds,
    );

    const stormEnd = performance.now();
    // The fixed cost of the stack: a Next.js route through next-auth with no database and no JWT, on warm connections.
    const routeCost = await routeCpuCost({ url: server.url, path: "/api/auth/csrf", pid: server.pid, cpuSecondsOf: treeCpuSecondsOf });
    log(
      `GET /api/auth/csrf, 16 keep-alive connections: ${routeCost.cpuMsPerRequest.toFixed(2)} ms app CPU per request, ${routeCost.perSecond.toFixed(0)} req/s`,
    );
    await sleepUntil(stormEnd + STATS_SETTLE_MS);
    const db1 = await databaseStats(databaseUrl);
    // What the database holds for this poll: exactly N, once each, and every receipt a stored ballot.
    const stored = await withClient(databaseUrl, async (c) => {
      const { participations, trackers, choices } = await storedBallots(c, pollId);
      return { participations: participations.length, ballots: trackers.length, choices, storedTrackers: new Set(trackers) };
    });
    const distinctTrackers = new Set(storm.trackers).size;
    const trackersStored = storm.trackers.filter((tr) => stored.storedTrackers.has(tr)).length;
    // Never more than once: one ballot per participation, complete ballots, every receipt a
    // distinct stored ballot. All stored: additionally every delegate's submission answered 2xx.
    const neverTwice =
      stored.ballots === stored.participations &&
      stored.participations <= n &&
      stored.choices === stored.ballots * pollCandidateIds.length &&
      distinctTrackers === storm.ok &&
      trackersStored === storm.ok;
    const exactlyOnce = neverTwice && stored.ballots === n && storm.ok === n;

    const sorted = [...storm.latenciesMs].sort((a, b) => a - b);
    const serverErrors = servers
      .flatMap((s) => s.logTail().split("\n"))
      .filter((l) => /tRPC .* failed|Error|error/.test(l))
      .slice(-10);
    const result: ScenarioResult = {
      n,
      poolSize: poolSize ?? 20,
      experiments: [noNotify ? "pg_notify disabled" : "", appServers > 1 ? `${appServers} app servers` : "", ...servingOverrides].filter(
        Boolean,
      ),
      signIn: { seconds: signInSeconds, perSecond: n / signInSeconds, retries: signInRetries, concurrency: signInConcurrency },
      storm: {
        ok: storm.ok,
        sent: storm.sent,
        wallSeconds: storm.wallMs / 1000,
        ballotsPerSecond: storm.ok / (storm.wallMs / 1000),
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        responses: sorted.length,
        refused: storm.refused,
        transportErrors: storm.transportErrors,
        transportErrorKinds: storm.transportErrorKinds,
        timeouts: storm.timeouts,
        replays: storm.replays,
        autocannon: storm.autocannon,
      },
      stored: {
        participations: stored.participations,
        ballots: stored.ballots,
        choices: stored.choices,
        distinctTrackers,
        trackersStored,
        neverTwice,
        exactlyOnce,
      },
      memory: { ...mem, beforeMb: rssBeforeMb, atReadyMb: rssAtReadyMb },
      routeCost,
      cpu,
      tcp: { listenOverflows: tcp1.listenOverflows - tcp0.listenOverflows, synRetrans: tcp1.synRetrans - tcp0.synRetrans },
      // Minus the one transaction of the first stats query itself.
      transactionsPerBallot: (db1.commits + db1.rollbacks - db0.commits - db0.rollbacks - 1) / Math.max(1, storm.ok),
      loadavgBefore: loadavg,
      serverErrors,
    };
    log(
      `storm: ${storm.ok}/${n} accepted in ${(storm.wallMs / 1000).toFixed(2)} s → ${result.storm.ballotsPerSecond.toFixed(0)} ballots/s; ` +
        `p50 ${result.storm.p50.toFixed(0)} ms, p95 ${result.storm.p95.toFixed(0)} ms, p99 ${result.storm.p99.toFixed(0)} ms; ` +
        `stored ${stored.ballots} ballots / ${stored.participations} participations (${exactlyOnce ? "exactly once" : neverTwice ? "none twice, but not all N" : "MISMATCH"}); ` +
        `peak RSS ${mem.peakRssMb.toFixed(0)} MB`,
    );
    if (serverErrors.length > 0) log(`server log (errors):\n${serverErrors.join("\n")}`);
    return result;
  } finally {
    for (const s of servers) await s.stop();
    await withClient(`${baseUrl}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => undefined);
  }
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

function machineInfo(): MachineInfo {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  // run.sh records what it built; with BENCH_SKIP_BUILD=1 that is older than HEAD.
  const source = path.join(root, distDir, "BENCH_SOURCE");
  const [builtCommit, builtDirty] = existsSync(source) ? readFileSync(source, "utf8").trim().split(/\s+/) : [];
  const dirty =
    builtDirty !== undefined
      ? Number(builtDirty)
      : git(["status", "--porcelain", "--untracked-files=no"]).split("\n").filter(Boolean).length;
  return {
    cpus: os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "?",
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres: process.env.BENCH_PG_VERSION ?? "?",
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit: builtCommit ?? git(["rev-parse", "--short", "HEAD"]),
    dirtyFiles: dirty,
    kernel: os.release(),
  };
}

/** The per-layer CPU of a ballot, measured in a child process that loads the app's server modules (tests/bench/cast-cost.ts). */
async function castCost(): Promise<{ concurrency: number; results: LayerCost[] } | null> {
  const calls = 400;
  const dbName = `bench_cost_${Date.now().toString(36)}`;
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`CREATE DATABASE "${dbName}" TEMPLATE bench_template`));
  const databaseUrl = `${baseUrl}/${dbName}`;
  try {
    const seeded = await seedScenario(databaseUrl, calls + 2 * (poolSize ?? 20) + 20);
    await openPollDirectly(databaseUrl, seeded, "cost probe");
    const run = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(root, "tests/bench/cast-cost.ts")],
      {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: databaseUrl,
          CAST_COST_CALLS: String(calls),
          CAST_COST_CONCURRENCY: String(poolSize ?? 20),
        },
        encoding: "utf8",
        timeout: 300_000,
      },
    );
    const line = run.stdout.trim().split("\n").pop() ?? "";
    if (run.status !== 0 || !line.startsWith("{")) {
      log(`cost probe failed (exit ${run.status}): ${(run.stderr || run.stdout).slice(-800)}`);
      return null;
    }
    return JSON.parse(line) as { concurrency: number; results: LayerCost[] };
  } finally {
    await withClient(`${baseUrl}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => undefined);
  }
}

/**
 * The pages phase: a fresh database with a small session (an open poll for the voting
 * page, a published poll so the public pages have an approved project), a fresh server.
 * First-load JS, public pages under load, Lighthouse. BENCH_NO_LIGHTHOUSE=1 skips the last.
 */
async function runPages(): Promise<PagesFigures> {
  log("── pages: first-load JavaScript, public pages under load, Lighthouse ──");
  const dbName = `bench_pages_${Date.now().toString(36)}`;
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`CREATE DATABASE "${dbName}" TEMPLATE bench_template`));
  const databaseUrl = `${baseUrl}/${dbName}`;
  const seeded = await seedScenario(databaseUrl, 20);
  const { approvedCandidateId } = await seedPublishedPoll(databaseUrl, seeded);
  const server = await startAppServer({ root, port: await freePort(), databaseUrl, distDir, poolSize });
  try {
    const staffCookie = await signIn(server.url, "staff", { username: BENCH_STAFF_USERNAME, password: BENCH_STAFF_PASSWORD });
    const { id: pollId } = await trpcMutation<{ id: string }>(server.url, staffCookie, "secretariat.createPoll", {
      sessionId: seeded.sessionId,
      title: "2025年民生实事项目票决（页面测试）",
      kind: "EQUAL",
      secret: true,
      candidateIds: seeded.candidateIds,
    });
    await trpcMutation(server.url, staffCookie, "secretariat.openPoll", { pollId });
    const delegateCookie = await signIn(server.url, "delegate-pin", { cardCode: cardCodeOf(0), pin: BENCH_PIN });
    const votingPage = `/delegate/polls/${pollId}`;
    const projectPage = `/projects/${approvedCandidateId}`;

    const js: PageJs[] = [];
    for (const [pagePath, cookie] of [
      [votingPage, delegateCookie],
      [projectPage, undefined],
      ["/projects", undefined],
    ] as const) {
      const figure = await firstLoadJs(server.url, pagePath, cookie);
      log(
        `first-load JS of ${pagePath}: ${figure.scripts} scripts, ${figure.gzipKb.toFixed(1)} kB gzipped (${figure.rawKb.toFixed(0)} kB raw)`,
      );
      js.push(figure);
    }

    const busyBeforePct = await waitForQuiet("the public pages under load");
    const loadavgBefore = os.loadavg()[0]!;
    const load: PageLoad[] = [];
    for (const pagePath of ["/projects", projectPage]) {
      const figure = await pageLoad({ baseUrl: server.url, path: pagePath, pid: server.pid, cpuSecondsOf: treeCpuSecondsOf });
      log(
        `${pagePath}: ${figure.perSecond.toFixed(0)} req/s, p99 ${figure.p99} ms, ${figure.cpuMsPerRequest.toFixed(2)} ms app CPU/request (${figure.cache})`,
      );
      load.push(figure);
    }

    const lh: LighthouseFigure[] = [];
    if (process.env.BENCH_NO_LIGHTHOUSE !== "1") {
      for (const [label, pagePath, cookie] of [
        ["public project page", projectPage, undefined],
        ["delegate voting page (signed in)", votingPage, delegateCookie],
      ] as const) {
        await waitForQuiet(`Lighthouse on the ${label}`);
        const figure = await lighthouse(root, label, `${server.url}${pagePath}`, cookie);
        log(
          `Lighthouse, ${label}: performance ${figure.performance ?? "–"}, accessibility ${figure.accessibility ?? "–"}` +
            (figure.failedAccessibility.length ? `; failing: ${figure.failedAccessibility.map((a) => a.id).join(", ")}` : "") +
            (figure.error ? ` (${figure.error})` : ""),
        );
        lh.push(figure);
      }
    }
    return { js, load, lighthouse: lh, loadavgBefore, busyBeforePct };
  } finally {
    await server.stop();
    await withClient(`${baseUrl}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => undefined);
  }
}

/** The quiet hall (tests/bench/quiet-hall.ts): a fresh database of that many delegates, all checked in, a fresh server. */
async function runQuietHallPhase(): Promise<QuietHallFigures> {
  log(`── a quiet hall: ${quietHallPhones} phones listening, ${quietHallSeconds} s ──`);
  const dbName = `bench_quiet_${Date.now().toString(36)}`;
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`CREATE DATABASE "${dbName}" TEMPLATE bench_template`));
  const databaseUrl = `${baseUrl}/${dbName}`;
  const seeded = await seedScenario(databaseUrl, quietHallPhones);
  const server = await startAppServer({ root, port: await freePort(), databaseUrl, distDir, poolSize });
  try {
    const staffCookie = await signIn(server.url, "staff", { username: BENCH_STAFF_USERNAME, password: BENCH_STAFF_PASSWORD });
    const cookies = await mapBounded(seeded.cardCodes, signInConcurrency, (cardCode) =>
      signIn(server.url, "delegate-pin", { cardCode, pin: BENCH_PIN }),
    );
    await waitForQuiet("the quiet hall");
    const q = await runQuietHall({
      url: server.url,
      staffCookie,
      cookies,
      sessionId: seeded.sessionId,
      candidateIds: seeded.candidateIds,
      seconds: quietHallSeconds,
      appCpuSeconds: () => treeCpuSecondsOf(server.pid),
      log,
    });
    log(
      `quiet hall, ${q.phones} phones: listening ${q.listening.perSecond.toFixed(1)} req/s, app CPU ${q.listening.appCpuPct.toFixed(1)} %; ` +
        `polling every 3 s ${q.polling.perSecond.toFixed(1)} req/s, app CPU ${q.polling.appCpuPct.toFixed(1)} %; ` +
        `a poll opening shown on ${q.reach.shown} (p50 ${q.reach.shownP50Ms.toFixed(0)} ms, slowest ${q.reach.shownMaxMs.toFixed(0)} ms)`,
    );
    return q;
  } finally {
    await server.stop();
    await withClient(`${baseUrl}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => undefined);
  }
}

async function main() {
  if (process.env.BENCH_QUIET_HALL_ONLY === "1") {
    // The quiet hall alone: printed, nothing written.
    console.log(JSON.stringify(await runQuietHallPhase(), null, 2));
    return;
  }
  if (process.env.BENCH_PAGES_ONLY === "1") {
    // Quick check of the pages phase alone: printed, nothing written.
    console.log(JSON.stringify(await runPages(), null, 2));
    return;
  }
  if (sizes.length === 0) throw new Error("BENCH_SIZES holds no valid size");
  const machine = machineInfo();
  log(
    `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}, commit ${machine.commit}`,
  );
  const scenarios: ScenarioResult[] = [];
  for (const n of sizes) scenarios.push(await runScenario(n));

  if (process.env.BENCH_STORM_ONLY === "1") {
    // Quick experiments: the storm table alone, nothing written.
    console.log(`\n${renderTable(scenarios, null, null)}\n`);
    return finish(scenarios);
  }
  await waitForQuiet("the ceilings");
  log("the machine's ceilings: pgbench with the ballot statement, and a bare node:http server …");
  const ceilingDb = `bench_ceiling_${Date.now().toString(36)}`;
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`CREATE DATABASE "${ceilingDb}" TEMPLATE bench_template`));
  const pgbench = await pgbenchCeiling({
    pgbench: process.env.BENCH_PGBENCH ?? "pgbench",
    databaseUrl: `${baseUrl}/${ceilingDb}`,
    clients: poolSize ?? 20,
    perRun: Number(process.env.BENCH_PGBENCH_TRANSACTIONS ?? 4000),
  });
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS "${ceilingDb}" WITH (FORCE)`)).catch(() => undefined);
  for (const f of pgbench)
    log(`pgbench, ${f.clients} clients: ${f.tps.toFixed(0)} ballots/s (avg ${f.latencyMs.toFixed(1)} ms) — ${f.label}`);
  const stormBody = JSON.stringify({
    json: {
      pollId: crypto.randomUUID(),
      choices: Object.fromEntries(Array.from({ length: CANDIDATE_COUNT }, () => [crypto.randomUUID(), "FOR"])),
      idempotencyKey: "0".repeat(32),
    },
  });
  const bareHttp = await bareHttpCeiling(Math.max(...sizes), stormBody);
  log(
    `bare node:http, ${bareHttp.connections} connections × 1 POST: ${bareHttp.perSecond.toFixed(0)} req/s, p50 ${bareHttp.p50.toFixed(0)} ms, p99 ${bareHttp.p99.toFixed(0)} ms`,
  );

  log("where a ballot's CPU goes: the cast path layer by layer, in process …");
  const cost = await castCost();
  for (const r of cost?.results ?? []) log(`${r.cpuMsPerCall.toFixed(2)} ms CPU/call (${r.wallMsPerCall.toFixed(2)} ms wall) — ${r.layer}`);

  const pages = process.env.BENCH_NO_PAGES === "1" ? null : await runPages();
  const quietHall = quietHallPhones > 0 ? await runQuietHallPhase() : null;

  await waitForQuiet("the tally timings");
  log("timing the pure tally and recount …");
  const tallies = timeTally(root);
  const ceilings = { pgbench, bareHttp, cost };

  console.log(`\n${renderTable(scenarios, tallies, ceilings)}\n`);
  if (process.env.BENCH_NO_REPORT === "1") {
    log("BENCH_NO_REPORT=1: docs/BENCHMARKS.md left unchanged");
  } else {
    const file = path.join(root, "docs/BENCHMARKS.md");
    mkdirSync(path.dirname(file), { recursive: true });
    const previous = existsSync(file) ? readFileSync(file, "utf8") : "";
    writeFileSync(file, renderMarkdown({ machine, scenarios, tallies, ceilings, pages, quietHall, previous }));
    log(`wrote ${path.relative(root, file)}`);
  }
  finish(scenarios);
}

function finish(scenarios: readonly ScenarioResult[]) {
  // A ballot counted twice (or a receipt without its ballot) is a correctness failure: exit non-zero.
  // Requests that timed out under load are a performance finding, reported in the table.
  const failed = scenarios.filter((s) => !s.stored.neverTwice);
  if (failed.length > 0) {
    console.error(`[bench] exactly-once check FAILED for N = ${failed.map((s) => s.n).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
