/**
 * Closing: the time that counts is the database's, never an app server's clock.
 *
 * Polls close only when the secretariat closes them (secretariat.closePoll); there is no
 * scheduled closing time. So what must hold is that no app server's clock takes part in
 * the decision: two `next start` on the same database, one clock a year fast and one a
 * year slow, both accept ballots while PostgreSQL says the poll is OPEN, both refuse them
 * once it says CLOSED, a cast racing the close is counted if and only if it committed
 * before it, and the poll's opening and closing times are PostgreSQL's now() — stored as
 * UTC even when the database's own TimeZone setting is Asia/Shanghai.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../bench/app-server";
import { signIn } from "../bench/http-session";
import { BENCH_STAFF_PASSWORD, BENCH_STAFF_USERNAME } from "../bench/seed";
import { cast, freshDatabase, openPoll, seedAndSignIn, sleep, startApp, stored, submission, type Scenario, type Voter } from "./harness";
import { withClient } from "~/scripts/lib/pg-client";

const YEAR_MS = 365 * 24 * 3600 * 1000;
const DELEGATES = 40;
const skewClock = ["--require", path.join(import.meta.dirname, "skew-clock.cjs")];

let databaseUrl: string;
let ahead: AppServer;
let behind: AppServer;
let scenario: Scenario;
/** The secretariat signed in on the slow server (a session cookie is only good on a server whose clock agrees). */
let staffBehind: string;

/** Even delegates use the fast server, odd ones the slow one. */
const serverOf = (v: Voter) => (v.index % 2 === 0 ? ahead : behind);

async function dbNow(): Promise<number> {
  return withClient(databaseUrl, async (c) => (await c.query<{ now: Date }>(`SELECT clock_timestamp() AS now`)).rows[0]!.now.getTime());
}

/** When the server thinks a session signed in now expires: next-auth computes it from the process's own clock. */
async function sessionExpiry(server: AppServer, cookie: string): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
  const body = (await res.json()) as { expires?: string };
  return Date.parse(body.expires!);
}

beforeAll(async () => {
  databaseUrl = await freshDatabase("clock");
  // A server set up in the congress's own zone: PostgreSQL's TimeZone is not UTC. Columns
  // are `timestamp` (no zone) holding UTC, as Prisma reads and writes them; a stamp the
  // database takes with now() must land there as UTC too.
  const name = new URL(databaseUrl).pathname.slice(1);
  await withClient(databaseUrl, (c) => c.query(`ALTER DATABASE "${name}" SET timezone TO 'Asia/Shanghai'`));
  [ahead, behind] = await Promise.all([
    startApp(databaseUrl, { nodeArgs: skewClock, env: { FAULTS_CLOCK_SKEW_MS: String(YEAR_MS) } }),
    startApp(databaseUrl, { nodeArgs: skewClock, env: { FAULTS_CLOCK_SKEW_MS: String(-YEAR_MS) } }),
  ]);
  scenario = await seedAndSignIn(ahead.url, databaseUrl, DELEGATES, (i) => (i % 2 === 0 ? ahead : behind).url);
  staffBehind = await signIn(behind.url, "staff", { username: BENCH_STAFF_USERNAME, password: BENCH_STAFF_PASSWORD });
});

afterAll(async () => {
  await Promise.all([ahead?.stop(), behind?.stop()]);
});

describe("the database's clock, not the app server's, decides whether a cast counts", () => {
  it("servers a year fast and a year slow: open and close are stamped by PostgreSQL, casts follow its state", async () => {
    // The skew is real: the two servers' clocks are two years apart.
    const [expiresAhead, expiresBehind] = await Promise.all([
      sessionExpiry(ahead, scenario.voters[0]!.cookie),
      sessionExpiry(behind, scenario.voters[1]!.cookie),
    ]);
    expect(Math.abs(expiresAhead - expiresBehind - 2 * YEAR_MS)).toBeLessThan(60_000);

    // Opened through the fast server: stamped with the database's now().
    const beforeOpen = await dbNow();
    const poll = await openPoll(ahead.url, scenario, "时钟测试");
    const afterOpen = await dbNow();
    const voters = scenario.voters;
    const early = voters.slice(0, 20).map((v) => submission(v, poll));
    const racing = voters.slice(20, 36).map((v) => submission(v, poll));
    const late = voters.slice(36, 40).map((v) => submission(v, poll));

    // Open: the slow server (its clock is before the poll even opened) and the fast one (a year after) both accept.
    for (const sub of early)
      expect(await cast(serverOf(sub.voter).url, sub)).toEqual({ kind: "receipt", tracker: sub.expectedTracker, replay: false });

    // Casts racing the close, which the slow server performs.
    const casts = Promise.all(
      racing.map(async (sub, i) => {
        await sleep(i * 40);
        return cast(serverOf(sub.voter).url, sub);
      }),
    );
    await sleep(100);
    const beforeClose = await dbNow();
    const closeRes = await fetch(`${behind.url}/api/trpc/secretariat.closePoll`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: staffBehind },
      body: JSON.stringify({ json: { pollId: poll.pollId } }),
    });
    expect(closeRes.status).toBe(200);
    const afterClose = await dbNow();
    const raced = await casts;

    const row = await withClient(
      databaseUrl,
      async (c) =>
        (
          await c.query<{ status: string; openedAt: Date; closedAt: Date; returned: number }>(
            `SELECT "status", "openedAt" AT TIME ZONE 'UTC' AS "openedAt", "closedAt" AT TIME ZONE 'UTC' AS "closedAt", "returned" FROM "Poll" WHERE "id" = $1`,
            [poll.pollId],
          )
        ).rows[0]!,
    );
    expect(row.status).toBe("CLOSED");
    // Both stamps lie inside the database's clock window around the request, a year from either server's clock.
    expect(row.openedAt.getTime()).toBeGreaterThanOrEqual(beforeOpen - 1);
    expect(row.openedAt.getTime()).toBeLessThanOrEqual(afterOpen + 1);
    expect(row.closedAt.getTime()).toBeGreaterThanOrEqual(beforeClose - 1);
    expect(row.closedAt.getTime()).toBeLessThanOrEqual(afterClose + 1);
    // So are the audit chain's entries for them.
    const audit = await withClient(
      databaseUrl,
      async (c) =>
        new Map(
          (
            await c.query<{ action: string; at: Date }>(
              `SELECT "action", "at" AT TIME ZONE 'UTC' AS "at" FROM "AuditLog" WHERE "entityId" = $1`,
              [poll.pollId],
            )
          ).rows.map((r) => [r.action, r.at.getTime()]),
        ),
    );
    expect(audit.get("poll.opened")).toBeGreaterThanOrEqual(beforeOpen - 1);
    expect(audit.get("poll.opened")).toBeLessThanOrEqual(afterOpen + 1);
    expect(audit.get("poll.closed")).toBeGreaterThanOrEqual(beforeClose - 1);
    expect(audit.get("poll.closed")).toBeLessThanOrEqual(afterClose + 1);

    // Every racing cast was either counted (it committed before the close) or refused POLL_CLOSED with nothing stored.
    const db = await stored(databaseUrl, poll.pollId);
    let accepted = 0;
    raced.forEach((o, i) => {
      const sub = racing[i]!;
      if (o.kind === "receipt") {
        accepted++;
        expect(o.tracker).toBe(sub.expectedTracker);
        expect(db.trackers.has(sub.expectedTracker)).toBe(true);
      } else {
        expect(o).toMatchObject({ kind: "app-error", status: 412, appCode: "POLL_CLOSED" });
        expect(db.participations.has(sub.voter.delegateId)).toBe(false);
        expect(db.trackers.has(sub.expectedTracker)).toBe(false);
      }
    });
    console.log(`  racing the close: ${accepted} counted, ${racing.length - accepted} refused POLL_CLOSED`);
    expect(row.returned).toBe(early.length + accepted);
    expect(db.ballots).toBe(early.length + accepted);
    expect(db.participations.size).toBe(early.length + accepted);

    // Closed: refused on both servers — the slow one's clock says the poll has not even opened yet.
    for (const sub of late)
      expect(await cast(serverOf(sub.voter).url, sub)).toMatchObject({ kind: "app-error", status: 412, appCode: "POLL_CLOSED" });
    // A ballot that committed before the close still gets its receipt back on retry, on either server.
    for (const sub of early.slice(0, 4))
      expect(await cast(serverOf(sub.voter).url, sub)).toEqual({ kind: "receipt", tracker: sub.expectedTracker, replay: true });
    const final = await stored(databaseUrl, poll.pollId);
    expect(final.ballots).toBe(early.length + accepted);
  });
});
