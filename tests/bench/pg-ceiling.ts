/**
 * The machine's ceilings, measured in the same run as the storm (issue 6):
 *
 * 1. PostgreSQL alone — pgbench (Debian's postgresql-contrib) against the embedded server, running the very
 *    statement server/services/cast-ballot.ts sends for a ballot (the account check,
 *    participation, ballot, 12 choices in one statement), with as many clients as the
 *    app's pool, each transaction for a fresh delegate. Once as the app sends it and once
 *    with a pg_notify inside (as it was until 6246a26), to show what NOTIFY costs at commit.
 * 2. A bare Node HTTP server — the same storm shape (N connections, one POST each) against
 *    `node:http` that reads the body and answers a receipt-sized JSON: what HTTP on this
 *    machine costs before any framework, session or database.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import autocannon, { type AutocannonResult } from "autocannon";
import { performance } from "node:perf_hooks";
import { sealBallot } from "../../server/domain/ballot-seal";
import { cpuSecondsOf } from "./app-server";
import { openPollDirectly, seedScenario } from "./seed";
import { percentile } from "./vote-storm";

export interface PgbenchFigure {
  label: string;
  clients: number;
  transactions: number;
  tps: number;
  latencyMs: number;
  stored: number;
}

export interface BareHttpFigure {
  connections: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU of the bare server per request (new connection included). */
  cpuMsPerRequest: number;
}

/** How many bytes a sealed ballot of this slate takes (one length per box, whatever the choices). */
function sealedBallotBytes(pollCandidateIds: string[]): number {
  const marks = Object.fromEntries(pollCandidateIds.map((id) => [id, "FOR"]));
  return sealBallot(randomBytes(32), "size-probe", { tracker: "0000-0000-00", delegateId: null, marks }).length;
}

/** Runs pgbench twice (with and without NOTIFY) in a fresh database; `perRun` ballots each. */
export async function pgbenchCeiling(opts: {
  /** The pgbench client (Debian's postgresql-contrib); the server is the embedded one. */
  pgbench: string;
  databaseUrl: string;
  clients: number;
  perRun: number;
}): Promise<PgbenchFigure[]> {
  const runs = [
    { label: "ballot statement as the app sends it (account check, no NOTIFY)", notify: false },
    { label: "same statement with pg_notify inside (as before 6246a26)", notify: true },
  ];
  const perClient = Math.ceil(opts.perRun / opts.clients);
  const delegates = perClient * opts.clients * runs.length;
  const seeded = await seedScenario(opts.databaseUrl, delegates);
  const { pollId, pollCandidateIds } = await openPollDirectly(opts.databaseUrl, seeded, "pgbench");
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    // Each transaction takes the next delegate: every ballot is a first ballot, as in the storm.
    await client.query(`CREATE TABLE bench_delegate AS SELECT row_number() OVER (ORDER BY "seat")::int AS n, "id" FROM "Delegate"`);
    await client.query(`ALTER TABLE bench_delegate ADD PRIMARY KEY (n)`);
    await client.query(`CREATE SEQUENCE bench_seq`);
    await client.query(`ANALYZE`);
  } finally {
    await client.end();
  }

  const url = new URL(opts.databaseUrl);
  const dir = mkdtempSync(path.join(tmpdir(), "minsheng-pgbench-"));
  const figures: PgbenchFigure[] = [];
  try {
    for (const run of runs) {
      // The statement of cast-ballot.ts, with the delegate from the sequence and hashes (and a sealed ballot's bytes) made in SQL.
      const script = `WITH s AS MATERIALIZED (SELECT nextval('bench_seq')::int AS v),
d AS (SELECT bench_delegate."id" FROM bench_delegate, s WHERE bench_delegate.n = s.v),
a AS (
  SELECT 1 FROM "Delegate", d WHERE "Delegate"."id" = d."id" AND "active" AND "authVersion" = 0 AND "sessionId" = :sessionid
), p AS (
  INSERT INTO "Participation" ("pollId", "delegateId", "keyHash")
  SELECT :pollid, d."id", md5(random()::text) FROM d
  WHERE EXISTS (SELECT 1 FROM a) AND EXISTS (SELECT 1 FROM "CheckIn" WHERE "delegateId" = d."id")
  ON CONFLICT ("pollId", "delegateId") DO NOTHING
  RETURNING 1
), b AS (
  INSERT INTO "SealedBallot" ("boxId", "tag", "trackerTag", "sealed")
  SELECT :pollid, md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text),
         decode(repeat(md5(random()::text), :sealedhex), 'hex')
  WHERE EXISTS (SELECT 1 FROM p)
  RETURNING 1
)${
        run.notify
          ? `, n AS (
  SELECT pg_notify('minsheng_events', '{"sessionId":"pgbench","kind":"ballot"}') FROM b
)`
          : ""
      }
SELECT (SELECT count(*) FROM p) AS participated, (SELECT count(*) FROM b) AS sealed, EXISTS (SELECT 1 FROM a) AS authorized${run.notify ? ", (SELECT count(*) FROM n) AS notified" : ""};
`;
      const file = path.join(dir, `ballot-${run.notify ? "notify" : "plain"}.sql`);
      writeFileSync(file, script);
      // A sealed ballot's size for this slate (server/domain/ballot-seal.ts), in 16-byte md5 blocks.
      const sealedBlocks = Math.ceil(sealedBallotBytes(pollCandidateIds) / 16);
      const before = await countBallots(opts.databaseUrl, pollId);
      const args = [
        "-n",
        "-M",
        "prepared",
        "-c",
        String(opts.clients),
        "-j",
        "2",
        "-t",
        String(perClient),
        "-h",
        url.hostname,
        "-p",
        url.port,
        "-U",
        url.username || "postgres",
        "-D",
        `pollid=${pollId}`,
        "-D",
        `sessionid=${seeded.sessionId}`,
        "-D",
        `sealedhex=${sealedBlocks}`,
        "-f",
        file,
        url.pathname.slice(1),
      ];
      const out = spawnSync(opts.pgbench, args, { encoding: "utf8", timeout: 300_000 });
      if (out.status !== 0) throw new Error(`pgbench failed (${out.status}): ${out.stderr || out.stdout}`);
      const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1] ?? Number.NaN);
      const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out.stdout)?.[1] ?? Number.NaN);
      const stored = (await countBallots(opts.databaseUrl, pollId)) - before;
      figures.push({ label: run.label, clients: opts.clients, transactions: perClient * opts.clients, tps, latencyMs, stored });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

async function countBallots(databaseUrl: string, pollId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM "SealedBallot" WHERE "boxId" = $1`, [pollId])).rows[0].n);
  } finally {
    await client.end();
  }
}

const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ result: { data: { json: { tracker: "7K3Q-9XMD-2P", replay: false } } } });
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString() || "{}");
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

/** The storm's shape against node:http alone: `connections` sockets, one POST each, all at once. */
export async function bareHttpCeiling(connections: number, requestBody: string): Promise<BareHttpFigure> {
  const child = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("bare HTTP server did not start")), 10_000);
      child.stdout!.once("data", (d: Buffer) => {
        clearTimeout(timer);
        resolve(Number(d.toString().trim()));
      });
      child.once("exit", (code) => reject(new Error(`bare HTTP server exited with ${code}`)));
    });
    const latencies: number[] = [];
    let last = 0;
    const cpu0 = cpuSecondsOf(child.pid!);
    const t0 = performance.now();
    const result = await new Promise<AutocannonResult>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections,
          amount: connections,
          timeout: 60,
          sampleInt: 100,
          method: "POST",
          headers: { "content-type": "application/json", cookie: "next-auth.session-token=" + "x".repeat(600) },
          body: requestBody,
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      );
      instance.on("response", (_c, _s, _b, ms) => {
        latencies.push(ms);
        last = performance.now();
      });
    });
    const cpuMs = 1000 * (cpuSecondsOf(child.pid!) - cpu0);
    latencies.sort((a, b) => a - b);
    const ok = result["2xx"];
    return {
      connections,
      ok,
      perSecond: ok / (((last || performance.now()) - t0) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: result.errors + result.non2xx,
      cpuMsPerRequest: cpuMs / Math.max(1, ok),
    };
  } finally {
    child.kill("SIGTERM");
  }
}
