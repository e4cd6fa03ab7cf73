/**
 * "One open poll per session" and "one open rating round per session" are invariants the
 * database keeps, not checks the app makes first: two secretariat laptops pressing 开始表决
 * at the same moment must not both succeed. The race is made certain, not left to timing:
 * the test holds the audit chain's lock, which every open takes before it commits, so both
 * opens are past their own checks and waiting when the lock is let go.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { AUDIT_LOCK_KEY } from "~/server/services/audit";
import { approvedSession, callerFor, checkInMany, codeOf, createSessionFixture, db } from "./fixtures";

let holder: pg.Client | null = null;

/** Takes the audit lock in a transaction of its own; every appendAudit waits behind it until `release`. */
async function holdAuditLock() {
  holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_LOCK_KEY]);
  const client = holder;
  return async () => {
    await client.query("COMMIT");
    await client.end();
    holder = null;
  };
}

/** Resolves once `count` other connections of this database are waiting for a lock. */
async function waitersAtLeast(count: number) {
  for (let i = 0; i < 400; i++) {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (Number(row!.n) >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`fewer than ${count} transactions ever waited for a lock`);
}

afterEach(async () => {
  await holder?.end().catch(() => undefined);
  holder = null;
});

describe("two opens racing", () => {
  it("two polls of one session opened at the same moment: one opens, the other is refused and changes nothing", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const secretariat = callerFor(f.actors.secretariat);
    const create = (title: string) =>
      secretariat.secretariat.createPoll({ sessionId: f.session.id, title, kind: "EQUAL", candidateIds: f.candidates.map((c) => c.id) });
    const [{ id: a }, { id: b }] = [await create("票决甲"), await create("票决乙")];

    const release = await holdAuditLock();
    const opens = [a, b].map((pollId) => codeOf(callerFor(f.actors.secretariat).secretariat.openPoll({ pollId })));
    await waitersAtLeast(2);
    await release();
    const codes = await Promise.all(opens);

    expect(codes.sort()).toEqual(["ANOTHER_POLL_OPEN", "OK"]);
    expect(await db.poll.count({ where: { sessionId: f.session.id, status: "OPEN" } })).toBe(1);
    expect(await db.auditLog.count({ where: { sessionId: f.session.id, action: "poll.opened" } })).toBe(1);
  });

  it("two rating rounds started at the same moment: one opens, the other is refused and leaves no round behind", async () => {
    const f = await approvedSession();
    const start = (title: string) => codeOf(callerFor(f.actors.secretariat).projects.startRating({ sessionId: f.session.id, title }));

    const release = await holdAuditLock();
    const starts = [start("年度测评甲"), start("年度测评乙")];
    await waitersAtLeast(2);
    await release();
    const codes = await Promise.all(starts);

    expect(codes.sort()).toEqual(["OK", "ROUND_ALREADY_OPEN"]);
    expect(await db.ratingRound.count({ where: { sessionId: f.session.id, status: "OPEN" } })).toBe(1);
    expect(await db.ratingRound.count({ where: { sessionId: f.session.id } })).toBe(1);
  });
});
