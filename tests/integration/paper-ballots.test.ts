/**
 * Paper ballots (DESIGN §4b): issued at the desk to a named, checked-in delegate, who then
 * cannot vote on the phone in that poll (and a delegate who voted on the phone gets none);
 * typed in twice by the poll's designated tally clerks only; and the count — electronic and
 * paper together — comes into being only when paper entry is declared finished.
 */
import { describe, expect, it } from "vitest";
import { appCodeIn, trpcHttp } from "./http";
import {
  allChoices,
  callerFor,
  checkInMany,
  codeOf,
  createSessionFixture,
  db,
  newKey,
  openPollFixture,
  type SessionFixture,
} from "./fixtures";

/** A poll of `delegates` checked-in delegates: the first `phone` vote on the phone, the next `paper` get a paper ballot at the desk. */
async function pollWithPaper(f: SessionFixture, { phone, paper }: { phone: number; paper: number }) {
  const poll = await openPollFixture(f);
  for (let i = 0; i < phone; i++) {
    await callerFor(await f.delegate(i)).delegate.cast({
      pollId: poll.id,
      choices: allChoices(poll.pollCandidates, "AGAINST"),
      idempotencyKey: newKey(),
    });
  }
  const desk = callerFor(f.actors.clerk1);
  for (let i = phone; i < phone + paper; i++) {
    expect(await desk.clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[i]!.id })).toEqual({ already: false });
  }
  return poll;
}

/** Both session clerks type the same paper ballot. */
async function enterTwice(f: SessionFixture, pollId: string, serial: string, choices: Record<string, "FOR" | "AGAINST" | "ABSTAIN">) {
  expect((await callerFor(f.actors.clerk1).clerk.enterPaper({ pollId, serial, choices })).matched).toBe(false);
  expect((await callerFor(f.actors.clerk2).clerk.enterPaper({ pollId, serial, choices })).matched).toBe(true);
}

describe("paper ballots issued at the desk", () => {
  it("a delegate who voted on the phone gets no paper ballot, and one who holds a paper ballot cannot vote on the phone", async () => {
    const f = await createSessionFixture({ delegates: 6, candidates: 2 });
    await checkInMany(f, 5);
    const poll = await openPollFixture(f);
    const desk = callerFor(f.actors.clerk1);
    const cast = async (i: number) =>
      callerFor(await f.delegate(i)).delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() });

    await cast(0);
    expect(await codeOf(desk.clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[0]!.id }))).toBe("VOTED_BY_PHONE");

    expect(await desk.clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[1]!.id })).toEqual({ already: false });
    // A second tap at the desk is not a second ballot.
    expect(await callerFor(f.actors.secretariat).clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[1]!.id })).toEqual({
      already: true,
    });
    expect(await codeOf(cast(1))).toBe("PAPER_BALLOT_ISSUED");
    // The phone shows why instead of a ballot.
    expect(await callerFor(await f.delegate(1)).delegate.poll({ pollId: poll.id })).toMatchObject({ voted: true, paper: true });

    // Not checked in: no ballot of either kind.
    expect(await codeOf(desk.clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[5]!.id }))).toBe("NOT_CHECKED_IN");

    // A phone submitting while the desk hands out a paper ballot: the (poll, delegate) key lets exactly one through.
    for (const i of [2, 3, 4]) {
      const [phone, desk2] = await Promise.all([
        codeOf(cast(i)),
        codeOf(callerFor(f.actors.clerk2).clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[i]!.id })),
      ]);
      expect(
        [phone, desk2].filter((c) => c === "OK"),
        `${phone} / ${desk2}`,
      ).toHaveLength(1);
      expect(await db.participation.count({ where: { pollId: poll.id, delegateId: f.delegates[i]!.id } })).toBe(1);
    }
    // Phone ballots are sealed while the poll is open: one in the box per phone participation.
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(
      await db.participation.count({ where: { pollId: poll.id, kind: "PHONE" } }),
    );
    // Each issue is audited with who handed it out; the ballot itself names nobody.
    expect(await db.auditLog.count({ where: { action: "paper.issued", entityId: poll.id } })).toBe(
      await db.participation.count({ where: { pollId: poll.id, kind: "PAPER" } }),
    );

    // After the close, nothing more is issued.
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    expect(await codeOf(desk.clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[5]!.id }))).toBe("POLL_CLOSED");
  });

  it("only the poll's designated tally clerks enter paper ballots: the secretariat and the admin get 403 unless assigned", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await pollWithPaper(f, { phone: 2, paper: 2 });
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    const ballot = (serial: string) => ({ pollId: poll.id, serial, choices: allChoices(poll.pollCandidates, "FOR") });

    for (const who of [f.actors.secretariat, f.actors.admin]) {
      const r = await trpcHttp(who, "clerk.enterPaper", "mutation", ballot("001"));
      expect([r.status, appCodeIn(r)], who.name).toEqual([403, "FORBIDDEN"]);
    }
    expect(await db.paperEntry.count({ where: { pollId: poll.id } })).toBe(0);
    const r = await trpcHttp(f.actors.clerk1, "clerk.enterPaper", "mutation", ballot("001"));
    expect([r.status, appCodeIn(r)]).toEqual([200, "OK"]);

    // Assigned to this poll (not the session), the secretariat may enter and the session's clerk2 may not.
    await callerFor(f.actors.secretariat).secretariat.setPollClerks({
      pollId: poll.id,
      staffIds: [f.staff.secretariat.id, f.staff.clerk1.id],
    });
    const c2 = await trpcHttp(f.actors.clerk2, "clerk.enterPaper", "mutation", ballot("001"));
    expect([c2.status, appCodeIn(c2)]).toEqual([403, "FORBIDDEN"]);
    const s = await trpcHttp(f.actors.secretariat, "clerk.enterPaper", "mutation", ballot("001"));
    expect([s.status, appCodeIn(s)]).toEqual([200, "OK"]);
    expect(await db.auditLog.count({ where: { action: "poll.clerks", entityId: poll.id } })).toBe(1);

    // The scrutineers see who was designated, by whom and when.
    await callerFor(f.actors.clerk1).clerk.finishPaper({ pollId: poll.id });
    const view = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId: poll.id });
    expect(view.oversight.clerks).toEqual({ scope: "POLL", names: [f.staff.secretariat.displayName, f.staff.clerk1.displayName].sort() });
    expect(view.oversight.clerkAssignments.map((a) => [a.scope, a.byName, a.names])).toEqual([
      ["POLL", f.staff.secretariat.displayName, [f.staff.secretariat.displayName, f.staff.clerk1.displayName].sort()],
    ]);
  });

  it("the count is hidden until paper entry is finished; then the phone and paper ballots appear together, each reconciled", async () => {
    const f = await createSessionFixture({ delegates: 8, candidates: 2 });
    await checkInMany(f, 7);
    // Three phones vote 反对 on everything; two delegates take paper ballots.
    const poll = await pollWithPaper(f, { phone: 3, paper: 2 });
    const [a] = poll.pollCandidates as [string, string];
    const secretariat = callerFor(f.actors.secretariat);
    const scrutineer = callerFor(await f.delegate(0));
    expect(await codeOf(callerFor(f.actors.clerk1).clerk.enterPaper({ pollId: poll.id, serial: "001", choices: { [a]: "FOR" } }))).toBe(
      "POLL_STATE",
    );
    // The hall screen and the cockpit say how many of the ballots out are on paper: those are
    // returned only when entered, so 未投 cannot reach 0 while they are out.
    expect((await secretariat.public.turnout({ sessionId: f.session.id })).poll).toMatchObject({
      status: "OPEN",
      issued: 7,
      returned: 3,
      paperOut: 2,
    });
    expect((await secretariat.secretariat.closePoll({ pollId: poll.id })).status).toBe("PAPER_ENTRY");

    const hidden = async () => {
      const view = await secretariat.secretariat.poll({ pollId: poll.id });
      expect(view).toMatchObject({ status: "PAPER_ENTRY", result: null, resultHash: null, issued: 7, paperIssued: 2, returned: 3 });
      const signoff = await scrutineer.delegate.countForSignoff({ pollId: poll.id });
      expect(signoff).toMatchObject({ status: "PAPER_ENTRY", result: null, resultHash: null });
      expect(await codeOf(scrutineer.delegate.signOff({ pollId: poll.id, resultHash: "0".repeat(64) }))).toBe("PAPER_ENTRY_OPEN");
      expect(await codeOf(secretariat.exports.results({ pollId: poll.id }))).toBe("NOT_FOUND");
      expect((await secretariat.public.turnout({ sessionId: f.session.id })).poll).toMatchObject({
        status: "PAPER_ENTRY",
        returned: 3,
        paperOut: 2,
      });
      expect(await db.poll.findUniqueOrThrow({ where: { id: poll.id }, select: { ballotsHash: true } })).toEqual({ ballotsHash: null });
    };
    await hidden();
    // The phones still list the poll, closed with its paper ballots being entered: a delegate
    // who voted is not told to wait for a poll, nor one who took a paper ballot.
    for (const i of [0, 3]) {
      const { polls } = await callerFor(await f.delegate(i)).delegate.state();
      expect(polls.map((p) => [p.id, p.status, p.voted])).toEqual([[poll.id, "PAPER_ENTRY", true]]);
    }
    // Two paper ballots, 赞成 on the first candidate: entered, matched — and still nothing to see.
    await enterTwice(f, poll.id, "001", { [a]: "FOR" });
    await enterTwice(f, poll.id, "002", { [a]: "FOR" });
    await hidden();
    expect(await callerFor(f.actors.clerk1).clerk.paperStatus({ pollId: poll.id })).toMatchObject({ issued: 2, matched: 2 });

    // A ballot typed once is not finished: finishing waits for it.
    await callerFor(f.actors.clerk1).clerk.enterPaper({ pollId: poll.id, serial: "003", choices: { [a]: "AGAINST" } });
    expect(await codeOf(callerFor(f.actors.clerk2).clerk.finishPaper({ pollId: poll.id }))).toBe("PAPER_ENTRY_INCOMPLETE");
    await db.paperEntry.deleteMany({ where: { pollId: poll.id, serial: "003" } });
    // Only the poll's clerks or the secretariat declare it finished.
    const other = await createSessionFixture({ delegates: 1 });
    expect(await codeOf(callerFor(other.actors.clerk1).clerk.finishPaper({ pollId: poll.id }))).toBe("FORBIDDEN");
    expect((await secretariat.clerk.finishPaper({ pollId: poll.id })).status).toBe("CLOSED");

    const view = await secretariat.secretariat.poll({ pollId: poll.id });
    expect(view).toMatchObject({ status: "CLOSED", issued: 7, returned: 5, paperIssued: 2, paperReturned: 2, signoffsRequired: 2 });
    expect((await secretariat.public.turnout({ sessionId: f.session.id })).poll).toMatchObject({
      status: "CLOSED",
      returned: 5,
      paperOut: 0,
    });
    expect(view.result!.candidates.find((c) => c.id === a)).toMatchObject({ for: 2, against: 3 });
    expect(view.resultHash).toMatch(/^[0-9a-f]{64}$/);
    const counted = await db.auditLog.findMany({ where: { action: "paper.finished", entityId: poll.id } });
    expect(counted).toHaveLength(1);
    expect(counted[0]!.data).toMatchObject({ issued: 7, returned: 5, paperIssued: 2, paperReturned: 2 });
    expect((counted[0]!.data as { ballotsHash: string }).ballotsHash).toBe(
      (await db.poll.findUniqueOrThrow({ where: { id: poll.id } })).ballotsHash,
    );
    // Entry is over; finishing again changes nothing.
    expect(await codeOf(callerFor(f.actors.clerk1).clerk.enterPaper({ pollId: poll.id, serial: "009", choices: {} }))).toBe("POLL_STATE");
    expect((await callerFor(f.actors.clerk1).clerk.finishPaper({ pollId: poll.id })).status).toBe("CLOSED");
    expect(await db.auditLog.count({ where: { action: "paper.finished", entityId: poll.id } })).toBe(1);

    // The scrutineers confirm the combined count, seeing phone and paper reconciled separately.
    const signoff = await scrutineer.delegate.countForSignoff({ pollId: poll.id });
    expect(signoff).toMatchObject({ issued: 7, returned: 5, paperIssued: 2, paperReturned: 2 });
    expect(signoff.oversight.paperIssued.map((p) => p.delegateName).sort()).toEqual(["代表4", "代表5"]);
    expect(signoff.oversight.paperIssued.every((p) => p.byName === f.staff.clerk1.displayName)).toBe(true);
  });

  it("the phone's home says who took a paper ballot, and keeps the poll in view while paper is entered", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    // Delegate 0 votes on the phone, delegate 1 takes a paper ballot, delegate 2 does neither.
    const poll = await pollWithPaper(f, { phone: 1, paper: 1 });
    const home = async (i: number) =>
      (await callerFor(await f.delegate(i)).delegate.state()).polls.find((p) => p.id === poll.id) ?? "not listed";
    // A paper holder has not voted yet: the home must not say 已投票 with a receipt code they never got.
    expect(await home(0)).toMatchObject({ status: "OPEN", voted: true, paper: false });
    expect(await home(1)).toMatchObject({ status: "OPEN", voted: true, paper: true });
    expect(await home(2)).toMatchObject({ status: "OPEN", voted: false, paper: false });

    // Closed with a paper ballot out: the poll is over for every phone, not gone from it (a
    // home without it said 请等待表决开始, as if the vote had not begun).
    expect((await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id })).status).toBe("PAPER_ENTRY");
    for (const i of [0, 1, 2]) expect(await home(i)).toMatchObject({ status: "PAPER_ENTRY" });
  });

  it("a poll without paper ballots is counted at the close, and takes none afterwards", async () => {
    const f = await createSessionFixture({ delegates: 3, candidates: 2 });
    await checkInMany(f, 3);
    const poll = await pollWithPaper(f, { phone: 2, paper: 0 });
    expect((await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id })).status).toBe("CLOSED");
    const view = await callerFor(f.actors.secretariat).secretariat.poll({ pollId: poll.id });
    expect(view).toMatchObject({ returned: 2, paperIssued: 0, paperReturned: 0 });
    expect(view.result).not.toBeNull();
    const paper = { pollId: poll.id, serial: "001", choices: allChoices(poll.pollCandidates, "FOR") };
    expect(await codeOf(callerFor(f.actors.clerk1).clerk.enterPaper(paper))).toBe("POLL_STATE");
  });

  it("more paper ballots returned than issued voids the count when entry is finished", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await pollWithPaper(f, { phone: 2, paper: 1 });
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    await enterTwice(f, poll.id, "001", allChoices(poll.pollCandidates, "FOR"));
    await enterTwice(f, poll.id, "002", allChoices(poll.pollCandidates, "FOR"));
    expect((await callerFor(f.actors.clerk1).clerk.finishPaper({ pollId: poll.id })).status).toBe("VOID");
    expect(await db.poll.findUniqueOrThrow({ where: { id: poll.id } })).toMatchObject({
      status: "VOID",
      voidReason: "RETURNED_EXCEEDS_ISSUED",
      paperIssued: 1,
      paperReturned: 2,
    });
    expect(await db.auditLog.count({ where: { action: "paper.finished.void", entityId: poll.id } })).toBe(1);
  });
});
