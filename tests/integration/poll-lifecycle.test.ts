import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  allChoices,
  callerFor,
  checkInMany,
  createSessionFixture,
  db,
  newKey,
  openPollFixture,
  codeOf,
  type SessionFixture,
} from "./fixtures";

const run = promisify(execFile);

async function certify(f: SessionFixture, pollId: string) {
  const view = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId });
  const first = await callerFor(await f.delegate(0)).delegate.signOff({ pollId, resultHash: view.resultHash! });
  const second = await callerFor(await f.delegate(1)).delegate.signOff({ pollId, resultHash: view.resultHash! });
  return { view, first, second };
}

async function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", script, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("the poll lifecycle", () => {
  it("refuses to open without a quorum of more than two thirds, then opens once it is met", async () => {
    const f = await createSessionFixture({ delegates: 9, candidates: 2 });
    await checkInMany(f, 6); // exactly 2/3 is not more than 2/3
    const secretariat = callerFor(f.actors.secretariat);
    const { id } = await secretariat.secretariat.createPoll({
      sessionId: f.session.id,
      title: "票决",
      kind: "EQUAL",
      candidateIds: f.candidates.map((c) => c.id),
    });
    expect(await codeOf(secretariat.secretariat.openPoll({ pollId: id }))).toBe("QUORUM_NOT_MET");
    expect((await db.poll.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    await callerFor(await f.delegate(6)).delegate.checkIn();
    await secretariat.secretariat.openPoll({ pollId: id });
    const opened = await db.poll.findUniqueOrThrow({ where: { id } });
    expect(opened).toMatchObject({ status: "OPEN", seated: 9, present: 7 });
    expect(opened.openedAt).not.toBeNull();
  });

  it("check-in is idempotent, refused while closed, and each one is audited once", async () => {
    const f = await createSessionFixture({ delegates: 3, checkInOpen: false });
    const me = callerFor(await f.delegate(0));
    expect(await codeOf(me.delegate.checkIn())).toBe("CHECK_IN_CLOSED");
    await callerFor(f.actors.secretariat).secretariat.setCheckInOpen({ sessionId: f.session.id, open: true });
    const results = await Promise.all([me.delegate.checkIn(), me.delegate.checkIn(), me.delegate.checkIn()]);
    expect(results.filter((r) => !r.already)).toHaveLength(1);
    expect(new Set(results.map((r) => r.checkedInAt.getTime())).size).toBe(1);
    expect(await db.auditLog.count({ where: { action: "checkin.recorded", entityId: f.delegates[0]!.id } })).toBe(1);
    // The desk: a clerk checks in another delegate.
    const desk = await callerFor(f.actors.clerk1).secretariat.deskCheckIn({ delegateId: f.delegates[1]!.id });
    expect(desk.already).toBe(false);
  });

  it("closing twice changes nothing; the close seals the ballots in the audit chain", async () => {
    const f = await createSessionFixture({ delegates: 6, candidates: 3 });
    await checkInMany(f, 5);
    const poll = await openPollFixture(f);
    for (let i = 0; i < 4; i++) {
      await callerFor(await f.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates),
        idempotencyKey: newKey(),
      });
    }
    const secretariat = callerFor(f.actors.secretariat);
    await secretariat.secretariat.closePoll({ pollId: poll.id });
    const first = await db.poll.findUniqueOrThrow({ where: { id: poll.id } });
    await secretariat.secretariat.closePoll({ pollId: poll.id });
    const second = await db.poll.findUniqueOrThrow({ where: { id: poll.id } });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ status: "CLOSED", issued: 5, returned: 4 });
    const sealed = await db.auditLog.findMany({ where: { action: "poll.closed", entityId: poll.id } });
    expect(sealed).toHaveLength(1);
    expect((sealed[0]!.data as { ballotsHash: string }).ballotsHash).toBe(first.ballotsHash);
    // Turnout after close: 已投 4 of 发出 5; the fifth is 未投, not 弃权.
    const view = await secretariat.secretariat.poll({ pollId: poll.id });
    expect(view.result!.valid).toBe(4);
    expect(view.result!.candidates.every((c) => c.for === 4 && c.abstain === 0)).toBe(true);
  });

  it("certifies after two scrutineers confirm the same count, freezes it, publishes a record that recounts", async () => {
    const f = await createSessionFixture({ delegates: 10, candidates: 3 });
    await checkInMany(f, 10);
    const poll = await openPollFixture(f, { kind: "COMPETITIVE", seats: 2 });
    const [a, b, c] = poll.pollCandidates as [string, string, string];
    const marks: Record<string, "FOR" | "AGAINST" | "ABSTAIN">[] = [
      ...Array.from({ length: 7 }, () => ({ [a]: "FOR", [b]: "FOR", [c]: "AGAINST" }) as const),
      ...Array.from({ length: 2 }, () => ({ [a]: "FOR", [b]: "AGAINST", [c]: "FOR" }) as const),
    ];
    const trackers: string[] = [];
    for (const [i, choices] of marks.entries()) {
      trackers.push((await callerFor(await f.delegate(i)).delegate.cast({ pollId: poll.id, choices, idempotencyKey: newKey() })).tracker);
    }
    const secretariat = callerFor(f.actors.secretariat);
    expect(await codeOf(secretariat.secretariat.publishPoll({ pollId: poll.id }))).toBe("POLL_STATE");
    await secretariat.secretariat.closePoll({ pollId: poll.id });
    expect(await codeOf(secretariat.secretariat.publishPoll({ pollId: poll.id }))).toBe("SIGNOFFS_MISSING");

    // A delegate who is not a scrutineer cannot sign; a wrong hash is refused.
    expect(await codeOf(callerFor(await f.delegate(5)).delegate.signOff({ pollId: poll.id, resultHash: "0".repeat(64) }))).toBe(
      "NOT_SCRUTINEER",
    );
    expect(await codeOf(callerFor(await f.delegate(0)).delegate.signOff({ pollId: poll.id, resultHash: "0".repeat(64) }))).toBe("CONFLICT");

    const { view, first, second } = await certify(f, poll.id);
    expect(first.certified).toBe(false);
    expect(second.certified).toBe(true);
    expect(view.result!.candidates.map((r) => [r.for, r.passed, r.selected])).toEqual([
      [9, true, true],
      [7, true, true],
      [2, false, false],
    ]);
    const certified = await db.poll.findUniqueOrThrow({ where: { id: poll.id } });
    expect(certified.status).toBe("CERTIFIED");
    expect(certified.auditHead).toMatch(/^[0-9a-f]{64}$/);
    // Frozen: the database refuses to change a certified result.
    await expect(db.$executeRaw`UPDATE "Poll" SET "returned" = 1 WHERE "id" = ${poll.id}`).rejects.toThrow(/POLL_FROZEN/);

    await secretariat.secretariat.publishPoll({ pollId: poll.id });
    await secretariat.secretariat.publishPoll({ pollId: poll.id }); // twice: nothing changes
    const published = await callerFor(null).public.result({ pollId: poll.id });
    expect(published.status).toBe("PUBLISHED");

    // A delegate finds their own ballot by its tracker.
    const found = await callerFor(null).public.lookupTracker({ pollId: poll.id, tracker: trackers[8]!.toLowerCase() });
    expect(found.choices).toEqual({ [a]: "FOR", [b]: "AGAINST", [c]: "FOR" });

    // The published record recounts to the same result (exit 0), and a changed choice is caught (exit 1).
    const { getBallotRecord } = await import("~/server/services/poll-result");
    const record = await getBallotRecord(db, poll.id);
    expect(record.ballots).toHaveLength(9);
    expect(record.result).toEqual(view.result);
    const dir = mkdtempSync(path.join(tmpdir(), "record-"));
    const good = path.join(dir, "good.json");
    writeFileSync(good, JSON.stringify(record));
    const ok = await runScript("scripts/recount.ts", [good]);
    expect(ok.code, ok.stderr).toBe(0);
    const tampered = structuredClone(record);
    tampered.ballots[0]!.choices[c] = tampered.ballots[0]!.choices[c] === "FOR" ? "AGAINST" : "FOR";
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify(tampered));
    const fail = await runScript("scripts/recount.ts", [bad]);
    expect(fail.code).toBe(1);
  }, 120_000);

  it("a tie across the cut-off produces a run-off among exactly those candidates", async () => {
    const f = await createSessionFixture({ delegates: 9, candidates: 4 });
    await checkInMany(f, 9);
    const poll = await openPollFixture(f, { kind: "COMPETITIVE", seats: 2 });
    const [a, b, c, d] = poll.pollCandidates as [string, string, string, string];
    // FOR: a 7, b 5, c 5, d 0 — three pass (> 4.5 of 9 seated) for two slots; b and c tie at the cut.
    const pairs: [string, string][] = [
      [a, b],
      [a, b],
      [a, b],
      [a, b],
      [a, c],
      [a, c],
      [a, c],
      [b, c],
      [c, d],
    ];
    for (const [i, [x, y]] of pairs.entries()) {
      const choices = Object.fromEntries(
        [a, b, c, d].map((id) => [id, id === x || (id === y && y !== d) ? ("FOR" as const) : ("AGAINST" as const)]),
      );
      await callerFor(await f.delegate(i)).delegate.cast({ pollId: poll.id, choices, idempotencyKey: newKey() });
    }
    const secretariat = callerFor(f.actors.secretariat);
    await secretariat.secretariat.closePoll({ pollId: poll.id });
    const view = await secretariat.secretariat.poll({ pollId: poll.id });
    const fors = Object.fromEntries(view.result!.candidates.map((r) => [r.id, r.for]));
    expect(fors[b]).toBe(fors[c]);
    expect(view.result!.runoff.sort()).toEqual([b, c].sort());
    await certify(f, poll.id);
    const { id: runoffId } = await secretariat.secretariat.createRunoff({ pollId: poll.id });
    const runoff = await db.poll.findUniqueOrThrow({ where: { id: runoffId }, include: { candidates: true } });
    expect(runoff).toMatchObject({ status: "DRAFT", kind: "COMPETITIVE", seats: 1, runoffOfId: poll.id });
    const original = await db.pollCandidate.findMany({ where: { id: { in: [b, c] } } });
    expect(runoff.candidates.map((x) => x.candidateId).sort()).toEqual(original.map((x) => x.candidateId).sort());
  });

  it("paper ballots count only when two different clerks enter the same marks", async () => {
    const f = await createSessionFixture({ delegates: 6, candidates: 2 });
    await checkInMany(f, 6);
    const poll = await openPollFixture(f);
    const [a, b] = poll.pollCandidates as [string, string];
    await callerFor(await f.delegate(0)).delegate.cast({ pollId: poll.id, choices: { [a]: "FOR", [b]: "FOR" }, idempotencyKey: newKey() });
    const secretariat = callerFor(f.actors.secretariat);
    const clerk1 = callerFor(f.actors.clerk1);
    const clerk2 = callerFor(f.actors.clerk2);
    for (const i of [1, 2, 3]) await clerk1.clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[i]!.id });
    expect(await codeOf(clerk1.clerk.enterPaper({ pollId: poll.id, serial: "001", choices: { [a]: "FOR" } }))).toBe("POLL_STATE");
    expect((await secretariat.secretariat.closePoll({ pollId: poll.id })).status).toBe("PAPER_ENTRY");

    expect((await clerk1.clerk.enterPaper({ pollId: poll.id, serial: "001", choices: { [a]: "AGAINST", [b]: "FOR" } })).matched).toBe(
      false,
    );
    expect(await codeOf(clerk1.clerk.enterPaper({ pollId: poll.id, serial: "001", choices: { [a]: "AGAINST", [b]: "FOR" } }))).toBe(
      "PAPER_SAME_CLERK",
    );
    expect((await clerk2.clerk.enterPaper({ pollId: poll.id, serial: "001", choices: { [a]: "AGAINST", [b]: "FOR" } })).matched).toBe(true);
    // A disagreeing pair is listed and does not count.
    await clerk1.clerk.enterPaper({ pollId: poll.id, serial: "002", choices: { [a]: "FOR", [b]: "FOR" } });
    await clerk2.clerk.enterPaper({ pollId: poll.id, serial: "002", choices: { [a]: "FOR", [b]: "AGAINST" } });
    await clerk1.clerk.enterPaper({ pollId: poll.id, serial: "003", choices: { [a]: "ABSTAIN" } });
    const status = await clerk1.clerk.paperStatus({ pollId: poll.id });
    expect(status.matched).toBe(1);
    expect(status.mismatched.map((m) => m.serial)).toEqual(["002"]);
    expect(status.pending.map((p) => p.serial)).toEqual(["003"]);

    // Nothing of the count exists until entry is finished, and it cannot finish with 002 and 003 open.
    expect(await secretariat.secretariat.poll({ pollId: poll.id })).toMatchObject({ returned: 1, paperIssued: 3, result: null });
    expect(await codeOf(clerk1.clerk.finishPaper({ pollId: poll.id }))).toBe("PAPER_ENTRY_INCOMPLETE");
    // A clerk not designated for the session cannot enter.
    const other = await createSessionFixture({ delegates: 1 });
    expect(await codeOf(callerFor(other.actors.clerk1).clerk.enterPaper({ pollId: poll.id, serial: "004", choices: {} }))).toBe(
      "FORBIDDEN",
    );
  });

  it("voiding needs a reason and is audited; a void poll takes no ballots", async () => {
    const f = await createSessionFixture({ delegates: 3, candidates: 2 });
    await checkInMany(f, 3);
    const poll = await openPollFixture(f);
    const secretariat = callerFor(f.actors.secretariat);
    await callerFor(await f.delegate(1)).delegate.cast({
      pollId: poll.id,
      choices: allChoices(poll.pollCandidates),
      idempotencyKey: newKey(),
    });
    expect(await codeOf(secretariat.secretariat.voidPoll({ pollId: poll.id, reason: "" }))).toBe("BAD_INPUT");
    await secretariat.secretariat.voidPoll({ pollId: poll.id, reason: "设备故障，重新表决" });
    expect(await db.auditLog.count({ where: { action: "poll.voided", entityId: poll.id } })).toBe(1);
    // The void poll's sealed box is discarded, never opened: its ballots and its key are gone.
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(0);
    expect(await db.ballotBoxKey.count({ where: { boxId: poll.id } })).toBe(0);
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(0);
    expect(
      await codeOf(
        callerFor(await f.delegate(0)).delegate.cast({
          pollId: poll.id,
          choices: allChoices(poll.pollCandidates),
          idempotencyKey: newKey(),
        }),
      ),
    ).toBe("POLL_CLOSED");
  });
});

describe("the audit chain", () => {
  it("verifies, and an edited row makes audit:verify fail naming it", async () => {
    const f = await createSessionFixture({ delegates: 3, candidates: 2 });
    await checkInMany(f, 3);
    await openPollFixture(f);
    const ok = await runScript("scripts/audit-verify.ts", [], { DATABASE_URL: process.env.DATABASE_URL });
    expect(ok.code, ok.stderr).toBe(0);
    const [target] = await db.auditLog.findMany({ where: { action: "poll.opened" } });
    // The table refuses edits; an attacker with superuser rights would first disable the trigger.
    await expect(db.$executeRaw`UPDATE "AuditLog" SET "action" = 'poll.created' WHERE "seq" = ${target!.seq}`).rejects.toThrow(
      /AUDIT_LOG_APPEND_ONLY/,
    );
    await db.$transaction([
      db.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`),
      db.$executeRaw`UPDATE "AuditLog" SET "data" = '{"seated": 1, "present": 1}'::jsonb WHERE "seq" = ${target!.seq}`,
      db.$executeRawUnsafe(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`),
    ]);
    const broken = await runScript("scripts/audit-verify.ts", [], { DATABASE_URL: process.env.DATABASE_URL });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`seq ${target!.seq}`);
    // Two `tsx` starts of the verifier: up to a minute when other suites load both cores.
  }, 180_000);
});
