/**
 * Errors say what happened: each refusal of a poll's and a project's lifecycle names its
 * own reason (and the catalogs say what to do next), instead of one "not in this state"
 * for everything. Each refusal also changes nothing.
 */
import { describe, expect, it } from "vitest";
import { allChoices, approvedSession, callerFor, checkInMany, codeOf, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";

describe("refusals that say what happened", () => {
  it("opening a poll while another is open: ANOTHER_POLL_OPEN; a run-off without a tie: NO_RUNOFF_NEEDED", async () => {
    const f = await approvedSession();
    const secretariat = callerFor(f.actors.secretariat);
    const create = () =>
      secretariat.secretariat.createPoll({ sessionId: f.session.id, title: "票决", kind: "EQUAL", candidateIds: [f.candidates[2]!.id] });
    const { id: first } = await create();
    const { id: second } = await create();
    await secretariat.secretariat.openPoll({ pollId: first });
    expect(await codeOf(secretariat.secretariat.openPoll({ pollId: second }))).toBe("ANOTHER_POLL_OPEN");
    expect((await db.poll.findUniqueOrThrow({ where: { id: second } })).status).toBe("DRAFT");
    // The fixture's published poll had no tie at the cut-off.
    expect(await codeOf(secretariat.secretariat.createRunoff({ pollId: f.pollId }))).toBe("NO_RUNOFF_NEEDED");
  });

  it("a count still being entered cannot be signed: PAPER_ENTRY_OPEN; more ballots returned than issued voids it", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 3);
    const poll = await openPollFixture(f);
    for (const i of [0, 1]) {
      await callerFor(await f.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates),
        idempotencyKey: newKey(),
      });
    }
    await callerFor(f.actors.clerk1).clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[2]!.id });
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    const scrutineer = callerFor(await f.delegate(0));
    expect(await codeOf(scrutineer.delegate.signOff({ pollId: poll.id, resultHash: "0".repeat(64) }))).toBe("PAPER_ENTRY_OPEN");
    // Two paper ballots entered for the one issued make 收回 4 against 发出 3: the count is void, nothing to sign.
    for (const serial of ["001", "002"]) {
      const paper = { pollId: poll.id, serial, choices: allChoices(poll.pollCandidates, "AGAINST") };
      await callerFor(f.actors.clerk1).clerk.enterPaper(paper);
      await callerFor(f.actors.clerk2).clerk.enterPaper(paper);
    }
    expect((await callerFor(f.actors.clerk1).clerk.finishPaper({ pollId: poll.id })).status).toBe("VOID");
    expect(await codeOf(scrutineer.delegate.signOff({ pollId: poll.id, resultHash: "0".repeat(64) }))).toBe("POLL_STATE");
    expect(await db.scrutineerSignoff.count({ where: { pollId: poll.id } })).toBe(0);
  });

  it("a project not approved, or without a plan: PROJECT_NOT_APPROVED, PLAN_MISSING", async () => {
    const f = await approvedSession();
    const notApproved = f.candidates[2]!.id; // the fixture's poll voted it down
    const approved = f.candidates[1]!.id;
    const dept = callerFor(f.actors.dept);
    const delegate = callerFor(await f.delegate(0));
    expect(
      await codeOf(delegate.projects.fileNote({ candidateId: notApproved, kind: "SUGGESTION", summary: "建议", body: "建议内容" })),
    ).toBe("PROJECT_NOT_APPROVED");
    expect(await codeOf(dept.projects.postUpdate({ candidateId: notApproved, body: "进度", percent: 10, spentWan: "1" }))).toBe(
      "PROJECT_NOT_APPROVED",
    );
    expect(await codeOf(dept.projects.postUpdate({ candidateId: approved, body: "进度", percent: 10, spentWan: "1" }))).toBe(
      "PLAN_MISSING",
    );
    expect(await db.supervisionNote.count({ where: { candidateId: notApproved } })).toBe(0);
    expect(await db.progressUpdate.count({ where: { plan: { candidate: { sessionId: f.session.id } } } })).toBe(0);
  });

  it("a satisfaction rating with nothing approved, twice at once, or a step out of turn: NO_APPROVED_PROJECTS, ROUND_ALREADY_OPEN, ROUND_STATE", async () => {
    const empty = await createSessionFixture({ delegates: 1, candidates: 1 });
    expect(await codeOf(callerFor(empty.actors.secretariat).projects.startRating({ sessionId: empty.session.id, title: "年度测评" }))).toBe(
      "NO_APPROVED_PROJECTS",
    );
    expect(await db.ratingRound.count({ where: { sessionId: empty.session.id } })).toBe(0);

    const f = await approvedSession();
    const secretariat = callerFor(f.actors.secretariat);
    const { id: roundId } = await secretariat.projects.startRating({ sessionId: f.session.id, title: "年度测评" });
    expect(await codeOf(secretariat.projects.startRating({ sessionId: f.session.id, title: "又一轮测评" }))).toBe("ROUND_ALREADY_OPEN");
    expect(await codeOf(secretariat.projects.publishRating({ roundId }))).toBe("ROUND_STATE");
    expect(await db.ratingRound.findMany({ where: { sessionId: f.session.id }, select: { status: true } })).toEqual([{ status: "OPEN" }]);
    // Closing twice changes nothing; then publishing is the next step.
    await secretariat.projects.closeRating({ roundId });
    await secretariat.projects.closeRating({ roundId });
    await secretariat.projects.publishRating({ roundId });
    expect(await db.auditLog.count({ where: { entityId: roundId, action: "rating.closed" } })).toBe(1);
  });
});
