/**
 * A ballot counts exactly once, and a submission stores the ballot with its receipt or
 * nothing, when something breaks in the middle of the storm:
 * every delegate's submission ends with a receipt whose ballot is stored, or with an error
 * the phone understands (an app code it localizes and retries on, or no answer at all);
 * a retry with the same key then succeeds exactly once, and the poll holds exactly one
 * ballot per delegate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../bench/app-server";
import {
  cast,
  closePoll,
  freshDatabase,
  openPoll,
  restartPostgres,
  seedAndSignIn,
  startApp,
  storm,
  stored,
  submission,
  tally,
  type OpenPoll,
  type Outcome,
  type Scenario,
  type Submission,
} from "./harness";
import { withClient } from "~/scripts/lib/pg-client";
import { hangUpAfterCommit, hangUpAfterSending } from "./lost-answer";

const DELEGATES = 300;
/** The fault strikes once this many delegates have had their answer: the rest are in flight. */
const STRIKE_AFTER = 45;
/** Codes the phone resends on by itself (components/submission/trpc-failure.ts failureOf). */
const RETRYABLE_CODES = ["INTERNAL", "RATE_LIMITED"];

let server: AppServer;
let scenario: Scenario;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await freshDatabase("storm");
  server = await startApp(databaseUrl);
  scenario = await seedAndSignIn(server.url, databaseUrl, DELEGATES);
});

afterAll(async () => {
  await server?.stop();
});

/** A new poll; the previous test's poll is closed first (one open poll per session). */
async function nextPoll(title: string): Promise<OpenPoll> {
  const open = await withClient(databaseUrl, async (c) =>
    (await c.query<{ id: string }>(`SELECT "id" FROM "Poll" WHERE "status" = 'OPEN'`)).rows.map((r) => r.id),
  );
  for (const id of open) await closePoll(server.url, scenario, id);
  return openPoll(server.url, scenario, title);
}

/**
 * What each delegate ended with after the fault, checked against the database; then every
 * delegate without a receipt retries with the same key and must get the receipt of that
 * key, and the poll must hold exactly one ballot per delegate.
 *
 * `answerMayBeLost`: the fault can strike between the commit and the answer (the app
 * process killed, PostgreSQL killed), so an error may hide a stored ballot; then the
 * retry must report it as a replay with the same receipt. Otherwise (fast restart:
 * PostgreSQL answers every commit before it stops) an error means nothing was stored.
 */
async function expectExactlyOnceAfterRetry(poll: OpenPoll, subs: Submission[], outcomes: Outcome[], answerMayBeLost: boolean) {
  console.log(`  outcomes: ${JSON.stringify(tally(outcomes))}`);
  // Never an error page, a stack trace or a database message.
  expect(outcomes.filter((o) => o.kind === "bad-response")).toEqual([]);
  // The fault really struck mid-storm: some got receipts, some did not.
  expect(outcomes.filter((o) => o.kind === "receipt").length).toBeGreaterThan(0);
  expect(outcomes.filter((o) => o.kind !== "receipt").length).toBeGreaterThan(0);

  const before = await stored(databaseUrl, poll.pollId);
  const retries: { sub: Submission; wasStored: boolean }[] = [];
  let hiddenCommits = 0;
  outcomes.forEach((o, i) => {
    const sub = subs[i]!;
    const hasParticipation = before.participations.has(sub.voter.delegateId);
    const hasBallot = before.trackers.has(sub.expectedTracker);
    // A participation and its ballot are stored together or not at all.
    expect(hasBallot, `delegate ${sub.voter.index}: participation without its ballot, or the reverse`).toBe(hasParticipation);
    if (o.kind === "receipt") {
      expect(o.tracker).toBe(sub.expectedTracker);
      expect(hasBallot, `delegate ${sub.voter.index} has a receipt but no stored ballot`).toBe(true);
      return;
    }
    if (o.kind === "app-error") expect(RETRYABLE_CODES, `delegate ${sub.voter.index}: ${o.status} ${o.appCode}`).toContain(o.appCode);
    if (!answerMayBeLost) expect(hasBallot, `delegate ${sub.voter.index} got ${JSON.stringify(o)} but a ballot was stored`).toBe(false);
    if (hasBallot) hiddenCommits++;
    retries.push({ sub, wasStored: hasBallot });
  });
  if (hiddenCommits)
    console.log(`  ${hiddenCommits} submission(s) committed although their answer was lost; the retry must return their receipt`);

  // The phones resend, same key, all at once.
  const again = await storm(
    server.url,
    retries.map((r) => r.sub),
  );
  again.forEach((o, i) => {
    const { sub, wasStored } = retries[i]!;
    expect(o, `retry of delegate ${sub.voter.index}`).toEqual({
      kind: "receipt",
      tracker: sub.expectedTracker,
      replay: o.kind === "receipt" ? o.replay : false,
    });
    if (wasStored)
      expect(o.kind === "receipt" && o.replay, `delegate ${sub.voter.index}: a stored ballot must be answered as a replay`).toBe(true);
    if (!answerMayBeLost) expect(o.kind === "receipt" && o.replay).toBe(false);
  });
  // And a phone that had its receipt and resends anyway (a reload) gets the same one back.
  for (const i of [0, 1, 2, 150, 299]) {
    if (outcomes[i]!.kind !== "receipt") continue;
    expect(await cast(server.url, subs[i]!)).toEqual({ kind: "receipt", tracker: subs[i]!.expectedTracker, replay: true });
  }

  const after = await stored(databaseUrl, poll.pollId);
  expect(after.participations.size).toBe(DELEGATES);
  expect(after.ballots).toBe(DELEGATES);
  expect(after.choices).toBe(DELEGATES * poll.pollCandidateIds.length);
  expect([...after.trackers].sort()).toEqual(subs.map((s) => s.expectedTracker).sort());
}

describe("faults in the middle of a 300-delegate storm against the built app", () => {
  it("PostgreSQL restarted (pg_ctl restart -m fast) mid-storm: receipt or a retryable error, then exactly once", async () => {
    const poll = await nextPoll("故障测试：数据库重启");
    const subs = scenario.voters.map((v) => submission(v, poll));
    let restart: Promise<void> | null = null;
    const outcomes = await storm(server.url, subs, (answered) => {
      if (answered === STRIKE_AFTER) restart = restartPostgres("fast");
    });
    await restart;
    // The app server survived the database going away under it.
    expect(() => process.kill(server.pid, 0), "next start died when PostgreSQL restarted").not.toThrow();
    // Its log names the failures by kind only: no stack, no ballot, no delegate (secret poll).
    const log = server.logTail();
    expect(log).not.toMatch(/uncaught|unhandled/i);
    expect(log).not.toMatch(/^\s+at /m);
    for (const id of [...poll.pollCandidateIds, ...subs.map((s) => s.voter.delegateId)]) expect(log).not.toContain(id);
    await expectExactlyOnceAfterRetry(poll, subs, outcomes, false);
  });

  it("PostgreSQL killed (pg_ctl restart -m immediate) mid-storm: the same, a lost commit answer is a replay", async () => {
    const poll = await nextPoll("故障测试：数据库崩溃");
    const subs = scenario.voters.map((v) => submission(v, poll));
    let restart: Promise<void> | null = null;
    const outcomes = await storm(server.url, subs, (answered) => {
      if (answered === STRIKE_AFTER) restart = restartPostgres("immediate");
    });
    await restart;
    await expectExactlyOnceAfterRetry(poll, subs, outcomes, true);
  });

  it("the app server SIGKILLed mid-storm and started again: the same, a lost commit answer is a replay", async () => {
    const poll = await nextPoll("故障测试：应用进程被杀");
    const subs = scenario.voters.map((v) => submission(v, poll));
    const port = Number(new URL(server.url).port);
    const outcomes = await storm(server.url, subs, (answered) => {
      if (answered === STRIKE_AFTER) process.kill(server.pid, "SIGKILL");
    });
    await server.stop(); // already dead: only waits for the exit
    server = await startApp(databaseUrl, { port });
    expect(outcomes.some((o) => o.kind === "transport")).toBe(true);
    await expectExactlyOnceAfterRetry(poll, subs, outcomes, true);
  });

  it("a phone that loses the connection after the server committed gets its receipt on retry, one ballot stored", async () => {
    const poll = await nextPoll("故障测试：回执丢失");
    const afterCommit = scenario.voters.slice(0, 10).map((v) => submission(v, poll));
    const afterSending = scenario.voters.slice(10, 20).map((v) => submission(v, poll));
    // Sent in full, then the connection is reset once the participation is in the database — the answer is never read.
    await Promise.all(afterCommit.map((sub) => hangUpAfterCommit(server.url, sub, databaseUrl)));
    // Sent in full, then the connection is closed at once: the server may or may not have stored it yet.
    await Promise.all(afterSending.map((sub) => hangUpAfterSending(server.url, sub)));

    for (const sub of afterCommit) {
      expect(await cast(server.url, sub)).toEqual({ kind: "receipt", tracker: sub.expectedTracker, replay: true });
    }
    for (const sub of afterSending) {
      const o = await cast(server.url, sub);
      expect(o).toMatchObject({ kind: "receipt", tracker: sub.expectedTracker });
      // Whatever the first request did, asking again is answered the same way.
      expect(await cast(server.url, sub)).toEqual({ kind: "receipt", tracker: sub.expectedTracker, replay: true });
    }
    // The same phone with a new key (a second ballot) is refused and stores nothing.
    const second = submission(afterCommit[0]!.voter, poll);
    expect(await cast(server.url, second)).toMatchObject({ kind: "app-error", status: 409, appCode: "ALREADY_VOTED" });

    const after = await stored(databaseUrl, poll.pollId);
    expect(after.participations.size).toBe(20);
    expect(after.ballots).toBe(20);
    expect([...after.trackers].sort()).toEqual([...afterCommit, ...afterSending].map((s) => s.expectedTracker).sort());
  });
});
