/**
 * Where one ballot's CPU goes, layer by layer, without HTTP — run by bench.ts in a child
 * process (it needs DATABASE_URL and NEXTAUTH_SECRET in its environment, like the app):
 *
 *   session   reading the session cookie as the tRPC route now does (server/auth/session-token.ts:
 *             one AES-GCM decrypt, the key derived once per process); beside it, for comparison,
 *             what getServerSession did before (HKDF + JWE decrypt, HKDF + JWE encrypt);
 *   actor     loadActor: the Prisma lookup of the account (active, authVersion) that every
 *             procedure but delegate.cast makes; and the same lookup as one raw `pg` query;
 *   cast      the `delegate.cast` procedure through the app's tRPC caller with a request
 *             context (a session reference, as over HTTP): zod input and output, castBallot's
 *             one SQL statement — which now also checks the account — through Prisma's $queryRaw;
 *   seal      what sealing adds to a ballot (DESIGN §4a): one AES-256-GCM seal and the tracker's
 *             keyed tag, under the poll's key as each process keeps it while the poll is open;
 *   count     opening the sealed box of 1,300 ballots at the close (unsealBallots): unwrap the key,
 *             open every seal, write the counted ballots in random order, delete the sealed rows —
 *             one transaction, rolled back afterwards so the probe's poll stays as it was.
 *
 * Each layer: `count` calls, `concurrency` at a time, CPU of this process per call
 * (process.cpuUsage, so waiting for PostgreSQL is not counted). What the storm costs per
 * ballot beyond the sum is Next.js, HTTP, connection handling and the garbage collector.
 * Prints one JSON line.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { decode, encode } from "next-auth/jwt";
import pg from "pg";
import { createCaller } from "../../server/api/root";
import { createRequestContext } from "../../server/api/trpc";
import { loadActor } from "../../server/auth/actor";
import { sessionRefFromCookieHeader } from "../../server/auth/session-token";
import { db } from "../../server/db";
import { ballotTracker } from "../../server/domain/tracker";
import { boxKey, sealFor } from "../../server/services/ballot-box";
import { unsealBallots } from "../../server/services/unseal-ballots";

export interface LayerCost {
  layer: string;
  calls: number;
  cpuMsPerCall: number;
  wallMsPerCall: number;
}

async function measure(layer: string, count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<LayerCost> {
  // Warm-up, not measured: JIT, Prisma's query plans, and every pooled connection opened
  // (as many at once as the measured run will use). Calls count..count+2×concurrency−1.
  let warm = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (warm < 2 * concurrency) await task(count + warm++);
    }),
  );
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { layer, calls: count, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / count, wallMsPerCall: (performance.now() - t0) / count };
}

async function main() {
  const count = Number(process.env.CAST_COST_CALLS ?? 400);
  const concurrency = Number(process.env.CAST_COST_CONCURRENCY ?? 20);
  const secret = process.env.NEXTAUTH_SECRET!;
  const raw = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: concurrency });

  // The poll and its delegates were made by bench.ts; enough delegates for warm-ups and every call.
  const { rows: polls } = await raw.query<{ id: string; sessionId: string }>(
    `SELECT "id", "sessionId" FROM "Poll" WHERE "status" = 'OPEN' LIMIT 1`,
  );
  const poll = polls[0];
  if (!poll) throw new Error("no open poll in the database");
  const { rows: candidates } = await raw.query<{ id: string }>(`SELECT "id" FROM "PollCandidate" WHERE "pollId" = $1 ORDER BY "position"`, [
    poll.id,
  ]);
  const { rows: delegates } = await raw.query<{ id: string }>(
    `SELECT d."id" FROM "Delegate" d WHERE d."sessionId" = $1 AND NOT EXISTS (SELECT 1 FROM "Participation" p WHERE p."delegateId" = d."id") ORDER BY d."seat"`,
    [poll.sessionId],
  );
  if (delegates.length < count + 2 * concurrency)
    throw new Error(`need ${count + 2 * concurrency} delegates who have not voted, found ${delegates.length}`);

  const results: LayerCost[] = [];
  const token = await encode({ token: { ref: { kind: "delegate", id: delegates[0]!.id, v: 0 }, sub: delegates[0]!.id }, secret });
  results.push(
    await measure("session: decode the cookie once (server/auth/session-token.ts)", count, concurrency, async () => {
      if (!sessionRefFromCookieHeader(`next-auth.session-token=${token}`, secret)) throw new Error("session cookie not read");
    }),
  );
  results.push(
    await measure("session, before: next-auth JWT decode + re-encode (getServerSession's work)", count, concurrency, async () => {
      const decoded = await decode({ token, secret });
      await encode({ token: decoded!, secret });
    }),
  );
  results.push(
    await measure("actor (every procedure but delegate.cast): loadActor, Prisma findUnique", count, concurrency, (i) =>
      loadActor(db, { kind: "delegate", id: delegates[i % delegates.length]!.id, v: 0 }),
    ),
  );
  results.push(
    await measure("actor/pg (for comparison): the same lookup as one raw pg query", count, concurrency, (i) =>
      raw.query(`SELECT "id", "name", "sessionId", "active", "authVersion" FROM "Delegate" WHERE "id" = $1`, [
        delegates[i % delegates.length]!.id,
      ]),
    ),
  );
  const marks = ["FOR", "AGAINST", "ABSTAIN"] as const;
  results.push(
    await measure(
      "cast: delegate.cast via the tRPC caller (zod, castBallot, one SQL statement with the account check)",
      count,
      concurrency,
      async (i) => {
        // Warm-up calls use the delegates after `count`: every delegate casts exactly once.
        const ref = { kind: "delegate" as const, id: delegates[i]!.id, v: 0 };
        const choices = Object.fromEntries(candidates.map((c, k) => [c.id, marks[(i + k) % 3]!]));
        await createCaller(createRequestContext(ref, "bench")).delegate.cast({
          pollId: poll.id,
          choices,
          idempotencyKey: randomBytes(16).toString("hex"),
        });
      },
    ),
  );
  const key = await boxKey(db, poll.id);
  if (!key) throw new Error("the probe's poll has no ballot box key");
  const sample = Object.fromEntries(candidates.map((c, k) => [c.id, marks[k % 3]!]));
  results.push(
    await measure(`seal: one ballot of ${candidates.length} marks sealed (AES-256-GCM) with its tracker's tag`, count, 1, async (i) => {
      sealFor(key, poll.id, { tracker: ballotTracker(poll.id, sample, String(i)), delegateId: null, marks: sample });
    }),
  );
  results.push(await countCost(raw, poll.id, key, sample));
  await raw.end();
  await db.$disconnect();
  console.log(JSON.stringify({ concurrency, results }));
}

const COUNT_BALLOTS = 1300;

/** The close's opening of a box of 1,300 sealed ballots, topped up with sealed ballots written straight in SQL. */
async function countCost(
  raw: pg.Pool,
  pollId: string,
  key: Buffer,
  marks: Record<string, "FOR" | "AGAINST" | "ABSTAIN">,
): Promise<LayerCost> {
  const { rows } = await raw.query<{ n: string }>(`SELECT count(*) AS n FROM "SealedBallot" WHERE "boxId" = $1`, [pollId]);
  for (let i = Number(rows[0]!.n); i < COUNT_BALLOTS; i++) {
    const tracker = ballotTracker(pollId, marks, `count-probe-${i}`);
    const { sealed, trackerTag } = sealFor(key, pollId, { tracker, delegateId: null, marks });
    await raw.query(`INSERT INTO "SealedBallot" ("boxId", "tag", "trackerTag", "sealed") VALUES ($1, $2, $3, $4)`, [
      pollId,
      `count-probe-${i}`,
      trackerTag,
      Buffer.from(sealed),
    ]);
  }
  const rollback = new Error("rolled back: the probe leaves the box as it was");
  let opened = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await db
    .$transaction(async (tx) => {
      opened = await unsealBallots(tx, pollId);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  const cpu = process.cpuUsage(cpu0);
  if (opened !== COUNT_BALLOTS) throw new Error(`opened ${opened} sealed ballots, expected ${COUNT_BALLOTS}`);
  return {
    layer: `count: opening the sealed box of ${COUNT_BALLOTS} ballots at the close (unsealBallots, one transaction)`,
    calls: 1,
    cpuMsPerCall: (cpu.user + cpu.system) / 1000,
    wallMsPerCall: performance.now() - t0,
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
