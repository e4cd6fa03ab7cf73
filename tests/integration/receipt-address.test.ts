import { describe, expect, it } from "vitest";
import { allChoices, callerFor, checkInMany, createSessionFixture, newKey, openPollFixture } from "./fixtures";

/** The short check address (`/r/<code>`) asks which published polls hold a ballot with that receipt code. */
describe("finding a receipt code's poll", () => {
  it("finds nothing until the record is published, then the one poll, however the code was copied", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const cast = await callerFor(await f.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates, i === 0 ? "FOR" : "AGAINST"),
        idempotencyKey: newKey(),
      });
      codes.push(cast.tracker);
    }
    const anyone = callerFor(null).public;
    const code = codes[0]!;
    const none = { tracker: code, polls: [] };

    expect(await anyone.findReceipt({ tracker: code })).toEqual(none); // open: the ballots are sealed
    const secretariat = callerFor(f.actors.secretariat).secretariat;
    await secretariat.closePoll({ pollId: poll.id });
    expect(await anyone.findReceipt({ tracker: code })).toEqual(none); // closed: not yet certified
    const view = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId: poll.id });
    for (const i of [0, 1]) await callerFor(await f.delegate(i)).delegate.signOff({ pollId: poll.id, resultHash: view.resultHash! });
    expect(await anyone.findReceipt({ tracker: code })).toEqual(none); // certified: not yet published

    await secretariat.publishPoll({ pollId: poll.id });
    const found = { tracker: code, polls: [{ pollId: poll.id, title: "民生实事项目票决" }] };
    expect(await anyone.findReceipt({ tracker: code })).toEqual(found);
    // Typed back from paper: lower case, no dashes, spaces, O for 0 and l for 1.
    const typed = code.toLowerCase().replaceAll("-", " ").replaceAll("0", "o").replaceAll("1", "l");
    expect(await anyone.findReceipt({ tracker: typed })).toEqual(found);
    // Each code leads to its own ballot's poll; a code nobody holds leads nowhere.
    for (const other of codes) expect((await anyone.findReceipt({ tracker: other })).polls).toEqual(found.polls);
    const unknown = code === "ZZZZ-ZZZZ-ZZ" ? "YYYY-YYYY-YY" : "ZZZZ-ZZZZ-ZZ";
    expect(await anyone.findReceipt({ tracker: unknown })).toEqual({ tracker: unknown, polls: [] });
  });
});
