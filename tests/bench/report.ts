/**
 * The printed table and docs/BENCHMARKS.md. Targets come from issue 6 / issue 3; each is
 * marked met or missed from the figures of this run. A hand-written analysis kept between
 * the ANALYSIS markers in the existing file survives regeneration.
 */
import type { LayerCost } from "./cast-cost";
import type { LighthouseFigure, PageJs, PageLoad } from "./pages";
import type { BareHttpFigure, PgbenchFigure } from "./pg-ceiling";
import { quietHallSection, quietHallTargets, type QuietHallFigures } from "./quiet-hall";
import type { TallyTimings, TimingFigure } from "./tally-timing";

export interface Ceilings {
  pgbench: PgbenchFigure[];
  bareHttp: BareHttpFigure;
  /** Per-layer CPU of the cast path (tests/bench/cast-cost.ts); null when the probe failed. */
  cost: { concurrency: number; results: LayerCost[] } | null;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  date: string;
  commit: string;
  dirtyFiles: number;
  kernel: string;
}

export interface ScenarioResult {
  n: number;
  /** Non-empty only for experiment runs (BENCH_NO_NOTIFY, BENCH_BACKLOG): such figures are not the app's. */
  experiments: string[];
  poolSize: number;
  signIn: { seconds: number; perSecond: number; retries: number; concurrency: number };
  storm: {
    ok: number;
    sent: number;
    wallSeconds: number;
    ballotsPerSecond: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    responses: number;
    refused: Record<string, number>;
    transportErrors: number;
    transportErrorKinds: Record<string, number>;
    timeouts: number;
    replays: number;
    autocannon: {
      errors: number;
      timeouts: number;
      non2xx: number;
      "2xx": number;
      latency: { p50: number; p97_5: number; p99: number; max: number };
    };
  };
  stored: {
    participations: number;
    ballots: number;
    choices: number;
    distinctTrackers: number;
    trackersStored: number;
    neverTwice: boolean;
    exactlyOnce: boolean;
  };
  memory: { peakRssMb: number; hwmMb: number; processes: number; samples: number; beforeMb: number; atReadyMb: number };
  cpu: {
    appSeconds: number;
    postgresSeconds: number;
    loadGeneratorSeconds: number;
    machineBusyPct: number;
    busyBeforePct: number;
    otherSeconds: number;
  };
  /** Kernel counters during the storm: connections the listen queue could not take, and the SYNs clients had to resend. */
  tcp: { listenOverflows: number; synRetrans: number };
  /** App CPU per request of GET /api/auth/csrf on warm connections after the storm: Next.js + next-auth, no database. */
  routeCost: { path: string; requests: number; ok: number; cpuMsPerRequest: number; perSecond: number };
  /** Database transactions (commits + rollbacks) per accepted ballot during the storm. */
  transactionsPerBallot: number;
  loadavgBefore: number;
  serverErrors: string[];
}

/** The pages phase of a run (bench.ts runPages); null when skipped (BENCH_NO_PAGES=1). */
export interface PagesFigures {
  js: PageJs[];
  load: PageLoad[];
  lighthouse: LighthouseFigure[];
  loadavgBefore: number;
  busyBeforePct: number;
}

export const TARGETS = {
  p99Ms: 1500,
  ballotsPerSecond: 600,
  tally1300Ms: 20,
  recount100kMs: 2000,
  rssMb: 400,
  storedN: 1300,
  lighthousePerformance: 90,
  lighthouseAccessibility: 95,
};

/** Issue 14's goals: the storm against the same run's ceilings, the cast's CPU, pages and memory. */
export const LEAN_GOALS = {
  shareOfBarePct: 50,
  shareOfPgbenchPct: 50,
  p99TimesBare: 2,
  appCpuMsPerBallot: 2,
  publicPagePerSecond: 1000,
  votingPageKb: 120,
  rssMb: 300,
};

const ANALYSIS_START = "<!-- ANALYSIS:START (hand-written; kept when the file is regenerated) -->";
const ANALYSIS_END = "<!-- ANALYSIS:END -->";

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString("en-US")} ms` : "–");
const fine = (v: number) =>
  v < 10 ? `${v.toFixed(2)} ms` : v < 100 ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString("en-US")} ms`;
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

function errorsOf(s: ScenarioResult): number {
  return s.storm.transportErrors + Object.values(s.storm.refused).reduce((a, b) => a + b, 0);
}

function errorDetail(s: ScenarioResult): string {
  const parts = Object.entries(s.storm.refused).map(([k, v]) => `${v}× ${k}`);
  if (s.storm.transportErrors) {
    const kinds = Object.entries(s.storm.transportErrorKinds)
      .map(([k, v]) => `${v}× ${k}`)
      .join(", ");
    parts.push(`${s.storm.transportErrors}× no response${kinds ? ` (${kinds})` : ""}`);
  }
  return parts.length ? parts.join(", ") : "none";
}

function storedCell(s: ScenarioResult): string {
  const verdict = s.stored.exactlyOnce ? "= N ✔" : s.stored.neverTwice ? "none twice, but ≠ N ✘" : "MISMATCH ✘";
  return `${s.stored.ballots} ballots, ${s.stored.participations} participations — ${verdict}`;
}

function ceilingLines(scenarios: readonly ScenarioResult[], c: Ceilings): string[] {
  const big = scenarios[scenarios.length - 1];
  const out: string[] = [];
  for (const f of c.pgbench) {
    out.push(
      `pgbench (${f.clients} clients, ${f.transactions} ballots, ${f.stored} stored): ${f.tps.toFixed(0)} ballots/s, avg ${f.latencyMs.toFixed(1)} ms — ${f.label}` +
        (big ? `; app at N = ${big.n} reaches ${((100 * big.storm.ballotsPerSecond) / f.tps).toFixed(0)} % of it` : ""),
    );
  }
  const b = c.bareHttp;
  out.push(
    `bare node:http, ${b.connections} connections × 1 POST: ${b.perSecond.toFixed(0)} req/s, p50 ${ms(b.p50)}, p99 ${ms(b.p99)}, ${b.errors} errors, ${b.cpuMsPerRequest.toFixed(2)} ms server CPU per request` +
      (big ? `; app at N = ${big.n} reaches ${((100 * big.storm.ballotsPerSecond) / b.perSecond).toFixed(0)} % of it` : ""),
  );
  return out;
}

export function renderTable(scenarios: readonly ScenarioResult[], t: TallyTimings | null, c: Ceilings | null): string {
  const rows: string[][] = [["N", "sign-ins/s", "ballots/s", "p50", "p95", "p99", "max", "errors", "stored", "peak RSS"]];
  for (const s of scenarios) {
    rows.push([
      String(s.n),
      s.signIn.perSecond.toFixed(1),
      s.storm.ballotsPerSecond.toFixed(0),
      ms(s.storm.p50),
      ms(s.storm.p95),
      ms(s.storm.p99),
      ms(s.storm.max),
      String(errorsOf(s)),
      s.stored.exactlyOnce ? `${s.stored.ballots} = N` : `${s.stored.ballots}/${s.stored.participations} ≠ N`,
      `${s.memory.peakRssMb.toFixed(0)} MB`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join("  ");
  const exp = [...new Set(scenarios.flatMap((s) => s.experiments))];
  const out = exp.length ? [`EXPERIMENT: ${exp.join(", ")}`, ""] : [];
  out.push(line(rows[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...rows.slice(1).map(line));
  out.push("");
  for (const s of scenarios) {
    out.push(
      `N = ${s.n}: CPU per ballot app ${((1000 * s.cpu.appSeconds) / Math.max(1, s.storm.ok)).toFixed(1)} ms, PostgreSQL ${((1000 * s.cpu.postgresSeconds) / Math.max(1, s.storm.ok)).toFixed(1)} ms, ` +
        `load generator ${((1000 * s.cpu.loadGeneratorSeconds) / Math.max(1, s.storm.ok)).toFixed(1)} ms; machine ${s.cpu.machineBusyPct.toFixed(0)} % busy (others ${s.cpu.otherSeconds.toFixed(1)} CPU-s), ${s.cpu.busyBeforePct.toFixed(0)} % just before, 1-min load average ${s.loadavgBefore.toFixed(2)}; ` +
        `${s.transactionsPerBallot.toFixed(2)} DB transactions/ballot; listen-queue overflows ${s.tcp.listenOverflows}; RSS at ready ${s.memory.atReadyMb.toFixed(0)} MB, before storm ${s.memory.beforeMb.toFixed(0)} MB; ` +
        `GET ${s.routeCost.path} (warm) ${s.routeCost.cpuMsPerRequest.toFixed(2)} ms CPU/request; errors: ${errorDetail(s)}`,
    );
  }
  out.push("");
  if (!t || !c) return out.join("\n");
  for (const f of [t.tally1300, t.tally100k, t.recount100k, t.recountParse100k, t.recountCli100k]) {
    if (f)
      out.push(
        `${f.label}: median ${fine(f.medianMs)} (${f.runs} run${f.runs > 1 ? "s" : ""}, min ${fine(f.minMs)}, max ${fine(f.maxMs)})`,
      );
  }
  out.push("", ...ceilingLines(scenarios, c));
  out.push("");
  for (const [target, ok] of [...targetRows(scenarios, t), ...leanGoalRows(scenarios, c)])
    out.push(`${ok ? "met   " : "MISSED"}  ${target}`);
  return out.join("\n");
}

function targetRows(scenarios: readonly ScenarioResult[], t: TallyTimings, pages: PagesFigures | null = null): [string, boolean][] {
  const big = scenarios.find((s) => s.n === TARGETS.storedN) ?? scenarios[scenarios.length - 1];
  const rows: [string, boolean][] = [];
  if (big) {
    rows.push([`${big.n.toLocaleString("en-US")} ballots stored exactly once (${storedCell(big)})`, big.stored.exactlyOnce]);
    rows.push([`p99 ≤ 1.5 s at N = ${big.n.toLocaleString("en-US")} (${ms(big.storm.p99)})`, big.storm.p99 <= TARGETS.p99Ms]);
    rows.push([
      `≥ 600 ballots/s at N = ${big.n.toLocaleString("en-US")} (${big.storm.ballotsPerSecond.toFixed(0)}/s)`,
      big.storm.ballotsPerSecond >= TARGETS.ballotsPerSecond,
    ]);
  }
  rows.push([`tally 1,300 × 15 ≤ 20 ms (${fine(t.tally1300.medianMs)})`, t.tally1300.medianMs <= TARGETS.tally1300Ms]);
  rows.push([
    `recount of 100,000 ballots ≤ 2 s (${fine(t.recount100k.medianMs)}; with JSON.parse + validation ${fine(t.recountParse100k.medianMs)})`,
    t.recountParse100k.medianMs <= TARGETS.recount100kMs,
  ]);
  const peak = Math.max(...scenarios.map((s) => s.memory.peakRssMb));
  rows.push([`app RSS ≤ 400 MB during the storm (peak ${peak.toFixed(0)} MB)`, peak <= TARGETS.rssMb]);
  for (const l of pages?.lighthouse ?? []) {
    if (l.performance === null || l.accessibility === null) continue;
    rows.push([
      `Lighthouse performance ≥ ${TARGETS.lighthousePerformance}, ${l.label} (${l.performance})`,
      l.performance >= TARGETS.lighthousePerformance,
    ]);
    rows.push([
      `Lighthouse accessibility ≥ ${TARGETS.lighthouseAccessibility}, ${l.label} (${l.accessibility})`,
      l.accessibility >= TARGETS.lighthouseAccessibility,
    ]);
  }
  return rows;
}

/** Issue 14's goals, met or missed in this run, each against this run's own ceilings. */
function leanGoalRows(scenarios: readonly ScenarioResult[], c: Ceilings | null, pages: PagesFigures | null = null): [string, boolean][] {
  const g = LEAN_GOALS;
  const rows: [string, boolean][] = [];
  const big = scenarios.find((s) => s.n === TARGETS.storedN);
  if (big && c) {
    const rate = big.storm.ballotsPerSecond;
    const bareShare = (100 * rate) / c.bareHttp.perSecond;
    rows.push([
      `storm N = 1,300 at ≥ ${g.shareOfBarePct} % of bare node:http (${rate.toFixed(0)} of ${c.bareHttp.perSecond.toFixed(0)}/s: ${bareShare.toFixed(0)} %)`,
      bareShare >= g.shareOfBarePct,
    ]);
    const app = c.pgbench[0];
    if (app) {
      const share = (100 * rate) / app.tps;
      rows.push([
        `storm N = 1,300 at ≥ ${g.shareOfPgbenchPct} % of pgbench on the ballot statement (${rate.toFixed(0)} of ${app.tps.toFixed(0)}/s: ${share.toFixed(0)} %)`,
        share >= g.shareOfPgbenchPct,
      ]);
    }
    const times = big.storm.p99 / c.bareHttp.p99;
    rows.push([
      `storm N = 1,300: p99 ≤ ${g.p99TimesBare}× the bare storm's (${ms(big.storm.p99)} vs ${ms(c.bareHttp.p99)}: ${times.toFixed(1)}×)`,
      times <= g.p99TimesBare,
    ]);
    const cpu = (1000 * big.cpu.appSeconds) / Math.max(1, big.storm.ok);
    rows.push([
      `app CPU per ballot, HTTP included, ≤ ${g.appCpuMsPerBallot} ms (${cpu.toFixed(2)} ms at N = 1,300)`,
      cpu <= g.appCpuMsPerBallot,
    ]);
    rows.push([
      `app RSS ≤ ${g.rssMb} MB during the 1,300 storm (peak ${big.memory.peakRssMb.toFixed(0)} MB)`,
      big.memory.peakRssMb <= g.rssMb,
    ]);
  }
  for (const l of pages?.load ?? [])
    rows.push([
      `public page \`${l.path.replace(/[0-9a-f-]{36}/g, "<id>")}\` ≥ ${g.publicPagePerSecond.toLocaleString("en-US")} req/s (${l.perSecond.toFixed(0)})`,
      l.perSecond >= g.publicPagePerSecond,
    ]);
  const voting = pages?.js.find((j) => j.path.startsWith("/delegate/polls/"));
  if (voting)
    rows.push([
      `voting page first-load JS ≤ ${g.votingPageKb} kB gzipped (${voting.gzipKb.toFixed(1)} kB)`,
      voting.gzipKb <= g.votingPageKb,
    ]);
  return rows;
}

function timing(f: TimingFigure | null): string {
  if (!f) return "| (the recount command failed; see the run's output) | | |";
  return `| ${f.label} | ${fine(f.medianMs)} | ${f.runs > 1 ? `${f.runs} runs, ${fine(f.minMs)}–${fine(f.maxMs)}` : "1 run"} |`;
}

function pagesSection(scenarios: readonly ScenarioResult[], c: Ceilings, p: PagesFigures | null): string[] {
  const L: string[] = [];
  const big = scenarios[scenarios.length - 1];
  L.push("## The storm against the machine's ceilings");
  L.push("");
  if (big) {
    L.push("| ballots/s at N = " + big.n.toLocaleString("en-US") + " | ceiling | ratio |");
    L.push("|---:|---|---:|");
    for (const f of c.pgbench)
      L.push(
        `| ${big.storm.ballotsPerSecond.toFixed(0)} | pgbench, ${f.label}: ${f.tps.toFixed(0)}/s | ${((100 * big.storm.ballotsPerSecond) / f.tps).toFixed(0)} % |`,
      );
    L.push(
      `| ${big.storm.ballotsPerSecond.toFixed(0)} | bare node:http, same storm shape: ${c.bareHttp.perSecond.toFixed(0)} req/s | ${((100 * big.storm.ballotsPerSecond) / c.bareHttp.perSecond).toFixed(0)} % |`,
    );
    L.push("");
  }
  L.push("## Pages");
  L.push("");
  if (!p) {
    L.push("_(skipped in this run: BENCH_NO_PAGES=1)_");
    L.push("");
    return L;
  }
  L.push("A fresh database with a small session (an open poll, and a published poll whose approved projects the public");
  L.push("pages show) and a fresh server of the same build. **First-load JavaScript**: every script the page's HTML loads");
  L.push("(`<script src>` and `<link rel=preload as=script>`), fetched and gzipped (zlib default level, as `next start`");
  L.push("serves it), summed. **Public pages under load**: autocannon, 16 keep-alive connections, 8 s, after two warm-up");
  L.push("requests; the second response's `x-minsheng-cache` says whether the public-page cache in front of Next answered it");
  L.push(
    `(scripts/public-page-cache.cjs) or Next rendered it. Machine ${p.busyBeforePct.toFixed(0)} % busy just before, 1-min load average ${p.loadavgBefore.toFixed(2)}.`,
  );
  L.push("");
  L.push("| Page | scripts | first-load JS gzipped | raw |");
  L.push("|---|---:|---:|---:|");
  for (const j of p.js)
    L.push(`| \`${j.path.replace(/[0-9a-f-]{36}/g, "<id>")}\` | ${j.scripts} | ${j.gzipKb.toFixed(1)} kB | ${j.rawKb.toFixed(0)} kB |`);
  L.push("");
  L.push("| Public page | requests/s | requests | p50 | p99 | app CPU per request | errors / non-2xx | cache |");
  L.push("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const l of p.load) {
    L.push(
      `| \`${l.path.replace(/[0-9a-f-]{36}/g, "<id>")}\` | ${l.perSecond.toFixed(1)} | ${l.requests} | ${ms(l.p50)} | ${ms(l.p99)} | ${fine(l.cpuMsPerRequest)} | ${l.errors} / ${l.non2xx} | ${l.cache} |`,
    );
  }
  L.push("");
  L.push("**Lighthouse** (npm `lighthouse`, mobile profile: emulated mid-range phone, simulated slow 4G and 4× CPU slowdown;");
  L.push("Debian's Chromium headless). The voting page is loaded signed in (the session cookie passed as an extra header).");
  L.push("");
  if (p.lighthouse.length === 0) {
    L.push("_(skipped in this run: BENCH_NO_LIGHTHOUSE=1)_");
  } else {
    L.push("| Page | performance | accessibility | FCP | LCP | TBT | CLS | failing accessibility audits |");
    L.push("|---|---:|---:|---:|---:|---:|---:|---|");
    for (const l of p.lighthouse) {
      const failing = l.error
        ? `run failed: ${l.error}`
        : l.failedAccessibility.length
          ? l.failedAccessibility.map((a) => `\`${a.id}\` (${a.items})`).join(", ")
          : "none";
      L.push(
        `| ${l.label} | ${l.performance ?? "–"} | ${l.accessibility ?? "–"} | ${l.metrics.FCP ?? "–"} | ${l.metrics.LCP ?? "–"} | ${l.metrics.TBT ?? "–"} | ${l.metrics.CLS ?? "–"} | ${failing} |`,
      );
    }
  }
  L.push("");
  return L;
}

export function renderMarkdown(input: {
  machine: MachineInfo;
  scenarios: readonly ScenarioResult[];
  tallies: TallyTimings;
  ceilings: Ceilings;
  pages: PagesFigures | null;
  quietHall: QuietHallFigures | null;
  previous: string;
}): string {
  const { machine: m, scenarios, tallies: t, ceilings: c } = input;
  const start = input.previous.indexOf(ANALYSIS_START);
  const end = input.previous.indexOf(ANALYSIS_END);
  const analysis =
    start >= 0 && end > start
      ? input.previous.slice(start, end + ANALYSIS_END.length)
      : `${ANALYSIS_START}\n## Analysis\n\n_(not written yet)_\n${ANALYSIS_END}`;

  const L: string[] = [];
  L.push("# Benchmarks");
  L.push("");
  L.push("Generated by `npm run bench` (tests/bench). Re-run it to refresh every figure below; only the");
  L.push("analysis section is written by hand.");
  L.push("");
  L.push("## Machine and run");
  L.push("");
  L.push("| | |");
  L.push("|---|---|");
  L.push(`| CPUs | ${m.cpus} × ${m.cpuModel} |`);
  L.push(`| Memory | ${m.memoryGb.toFixed(1)} GB |`);
  L.push(`| Kernel | ${m.kernel} |`);
  L.push(`| Node | ${m.node} |`);
  L.push(`| PostgreSQL | ${m.postgres} (local, loopback, fsync and synchronous_commit **on**, max_connections 300) |`);
  L.push(`| Date | ${m.date} |`);
  L.push(`| Commit | \`${m.commit}\`${m.dirtyFiles ? ` + uncommitted changes in ${m.dirtyFiles} tracked file(s)` : ""} |`);
  L.push("");
  L.push("Load generator (autocannon), app (`next start`) and PostgreSQL share the same machine, so");
  L.push("every figure below is for all three competing for its CPUs.");
  L.push("");
  L.push("## Method");
  L.push("");
  L.push("For each N: a fresh database (migrated template), a fresh server of the production build");
  L.push("(`.next-bench`) started as `npm start` serves it (`scripts/serve-next.cjs`: `next start` with listen backlog 4096,");
  L.push(
    "`MALLOC_ARENA_MAX=2`, `MALLOC_MMAP_THRESHOLD_=1048576`, `WEB_CONCURRENCY` workers, default 1), N delegates seeded with one shared scrypt PIN hash and all checked in, 12",
  );
  L.push("candidates. The secretariat signs in and creates and opens an EQUAL secret poll over tRPC/HTTP.");
  L.push("Every delegate signs in over HTTP (next-auth credentials: CSRF + `delegate-pin` callback), a few");
  L.push("at a time. Then the storm: autocannon with N connections and N requests — one");
  L.push("`POST /api/trpc/delegate.cast` per connection, each with its own delegate's session cookie, a");
  L.push("ballot marking all 12 candidates and a random idempotency key — all written at once. Latency is");
  L.push("per response, from autocannon's `response` event (it includes the TCP connect); ballots/s is");
  L.push("accepted ballots ÷ time from the first request to the last response. Afterwards the database");
  L.push("must hold exactly N participations, N ballots and N × 12 choices for the poll, and every 2xx");
  L.push("response must carry a distinct tracker that is stored. Peak RSS: `/proc/<pid>/status` of the");
  L.push("server, sampled every 100 ms during the storm (VmHWM: high-water mark since the server started,");
  L.push("sign-ins included).");
  L.push("");
  L.push("## Vote storm");
  L.push("");
  const experiments = [...new Set(scenarios.flatMap((s) => s.experiments))];
  if (experiments.length) L.push(`> **Experiment run** (${experiments.join(", ")}): these figures are not the app as shipped.\n`);
  L.push("| N | sign-ins/s | ballots/s | p50 | p95 | p99 | max | errors | stored | peak RSS (storm) | VmHWM |");
  L.push("|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|");
  for (const s of scenarios) {
    L.push(
      `| ${s.n.toLocaleString("en-US")} | ${s.signIn.perSecond.toFixed(1)} | ${s.storm.ballotsPerSecond.toFixed(0)} | ${ms(s.storm.p50)} | ${ms(s.storm.p95)} | ${ms(s.storm.p99)} | ${ms(s.storm.max)} | ${errorDetail(s)} | ${storedCell(s)} | ${s.memory.peakRssMb.toFixed(0)} MB | ${s.memory.hwmMb.toFixed(0)} MB |`,
    );
  }
  L.push("");
  L.push("Details per scenario:");
  L.push("");
  for (const s of scenarios) {
    const a = s.storm.autocannon;
    L.push(
      `- **N = ${s.n.toLocaleString("en-US")}**: storm lasted ${s.storm.wallSeconds.toFixed(2)} s; autocannon's own histogram p50 ${ms(a.latency.p50)}, ` +
        `p97.5 ${ms(a.latency.p97_5)}, p99 ${ms(a.latency.p99)}. CPU during the storm: app ${s.cpu.appSeconds.toFixed(1)} s, ` +
        `PostgreSQL ${s.cpu.postgresSeconds.toFixed(1)} s, load generator ${s.cpu.loadGeneratorSeconds.toFixed(1)} s ` +
        `(per ballot: app ${((1000 * s.cpu.appSeconds) / Math.max(1, s.storm.ok)).toFixed(1)} ms, PostgreSQL ${((1000 * s.cpu.postgresSeconds) / Math.max(1, s.storm.ok)).toFixed(1)} ms); machine ${s.cpu.machineBusyPct.toFixed(0)} % busy, ` +
        `of which other people's processes ${s.cpu.otherSeconds.toFixed(1)} CPU-s (machine ${s.cpu.busyBeforePct.toFixed(0)} % busy just before; 1-min load average ${s.loadavgBefore.toFixed(2)}). Sign-in: ${s.signIn.seconds.toFixed(1)} s for ${s.n} delegates at concurrency ` +
        `${s.signIn.concurrency}${s.signIn.retries ? `, ${s.signIn.retries} retried` : ""}. App pool: DATABASE_POOL_SIZE ${s.poolSize}. ` +
        `${s.transactionsPerBallot.toFixed(2)} database transactions per ballot. Server RSS when ready ${s.memory.atReadyMb.toFixed(0)} MB, before the storm (after the sign-ins) ${s.memory.beforeMb.toFixed(0)} MB. ` +
        `Kernel: ${s.tcp.listenOverflows} listen-queue overflows, ${s.tcp.synRetrans} SYN retransmissions during the storm. ` +
        `After the storm, \`GET ${s.routeCost.path}\` on 16 warm connections cost ${s.routeCost.cpuMsPerRequest.toFixed(2)} ms of app CPU per request (${s.routeCost.perSecond.toFixed(0)} req/s).`,
    );
  }
  L.push("");
  L.push("## The machine's ceilings (same run)");
  L.push("");
  L.push("What the storm is measured against: PostgreSQL alone (pgbench, with as many clients as the app's pool, each");
  L.push("transaction the exact ballot statement of `server/services/cast-ballot.ts` for a fresh delegate) and HTTP");
  L.push("alone (a bare `node:http` server reading the same POST body and answering a receipt, hit with the storm's");
  L.push("shape: one new connection and one request per delegate, all at once).");
  L.push("");
  for (const line of ceilingLines(scenarios, c)) L.push(`- ${line}`);
  L.push("");
  L.push(...pagesSection(scenarios, c, input.pages));
  L.push(...quietHallSection(input.quietHall));
  L.push("## Where a ballot's CPU goes (in process, no HTTP)");
  L.push("");
  if (c.cost) {
    const big = scenarios[scenarios.length - 1];
    const stormMs = big ? (1000 * big.cpu.appSeconds) / Math.max(1, big.storm.ok) : Number.NaN;
    L.push(
      `tests/bench/cast-cost.ts loads the app's server modules and times each layer of the cast path, ${c.cost.concurrency} calls at a time; CPU of that process per call.`,
    );
    L.push("");
    L.push("| Layer | CPU per call | wall per call |");
    L.push("|---|---:|---:|");
    for (const r of c.cost.results) L.push(`| ${r.layer} | ${fine(r.cpuMsPerCall)} | ${fine(r.wallMsPerCall)} |`);
    if (big) {
      const byPrefix = (p: string) => c.cost!.results.find((r) => r.layer.startsWith(p))?.cpuMsPerCall ?? 0;
      // What delegate.cast does per request now: read the cookie, then the procedure (its statement checks the account).
      const inProcess = byPrefix("session:") + byPrefix("cast:");
      L.push(
        `| **The storm over HTTP, N = ${big.n.toLocaleString("en-US")}: app CPU per ballot** | **${fine(stormMs)}** | |`,
        `| of which outside session + cast (Next.js routing, HTTP, 1 new connection per ballot, GC under load) | ${fine(stormMs - inProcess)} | |`,
      );
    }
  } else {
    L.push("_(the probe failed in this run; see its output)_");
  }
  L.push("");
  L.push("## Tally and recount (pure, in process)");
  L.push("");
  L.push(
    `差额 poll, 15 candidates for 12 slots, seeded random ballots (some over-marked, so invalid). Median after a warm-up run. The 100,000-ballot record is ${t.recordMb.toFixed(1)} MB of JSON.`,
  );
  L.push("");
  L.push("| What | median | spread |");
  L.push("|---|---:|---|");
  L.push(timing(t.tally1300));
  L.push(timing(t.tally100k));
  L.push(timing(t.recount100k));
  L.push(timing(t.recountParse100k));
  L.push(timing(t.recountCli100k));
  L.push("");
  L.push("## Targets");
  L.push("");
  L.push("| Target | Result |");
  L.push("|---|---|");
  for (const [target, ok] of [
    ...targetRows(scenarios, t, input.pages),
    ...leanGoalRows(scenarios, input.ceilings, input.pages),
    ...quietHallTargets(input.quietHall),
  ])
    L.push(`| ${target} | ${mark(ok)} |`);
  L.push("");
  L.push(analysis);
  L.push("");
  return L.join("\n");
}
