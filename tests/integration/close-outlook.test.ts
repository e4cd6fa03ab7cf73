import { describe, expect, it } from "vitest";
import { allChoices, callerFor, checkInMany, codeOf, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";

describe("secretariat.closeOutlook: the close dialog's warning, from turnout alone", () => {
  it("says nothing can pass while too few ballots are in, and that waiting could change it; then possible", async () => {
    // 10 seated, 9 present: 6 赞成 needed (more than half of all 10 seated).
    const f = await createSessionFixture({ delegates: 10, candidates: 2 });
    await checkInMany(f, 9);
    const poll = await openPollFixture(f);
    const secretariat = callerFor(f.actors.secretariat).secretariat;
    const castBy = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await callerFor(await f.delegate(i)).delegate.cast({
          pollId: poll.id,
          choices: allChoices(poll.pollCandidates),
          idempotencyKey: newKey(),
        });
      }
    };
    await castBy(0, 3);
    expect(await secretariat.closeOutlook({ pollId: poll.id })).toMatchObject({
      verdict: "NONE_CAN_PASS",
      basis: "ALL_DELEGATES",
      basisCount: 10,
      needed: 6,
      issued: 9,
      returned: 3,
      outstanding: 6,
      maxPassingIfAllReturned: 2,
    });
    await castBy(3, 6);
    // 6 of 6 must say 赞成: possible only in theory.
    expect(await secretariat.closeOutlook({ pollId: poll.id })).toMatchObject({ verdict: "UNLIKELY", neededPercent: 100 });
    await castBy(6, 9);
    expect(await secretariat.closeOutlook({ pollId: poll.id })).toMatchObject({ verdict: "POSSIBLE", returned: 9, outstanding: 0 });
  });

  it("is only for an open poll, and only for the secretariat", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f);
    expect(await codeOf(callerFor(await f.delegate(0)).secretariat.closeOutlook({ pollId: poll.id }))).toBe("FORBIDDEN");
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    expect(await codeOf(callerFor(f.actors.secretariat).secretariat.closeOutlook({ pollId: poll.id }))).toBe("POLL_STATE");
    expect((await db.poll.findUniqueOrThrow({ where: { id: poll.id } })).status).toBe("CLOSED");
  });
});
