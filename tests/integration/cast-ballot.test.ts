import { describe, expect, it } from "vitest";
import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/trpc";
import { allChoices, callerFor, checkInMany, createSessionFixture, db, newKey, codeOf, openPollFixture } from "./fixtures";

describe("casting a ballot", () => {
  it("over HTTP (a session reference, checked in the ballot's statement): a disabled account or a bumped authVersion is refused at once", async () => {
    const f = await createSessionFixture({ delegates: 4 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f);
    const other = await createSessionFixture({ delegates: 1 });
    await checkInMany(other, 1);
    const refOf = async (id: string) => ({
      kind: "delegate" as const,
      id,
      v: (await db.delegate.findUniqueOrThrow({ where: { id } })).authVersion,
    });
    const asSession = async (id: string) => createCaller(createRequestContext(await refOf(id), "test-client"));
    const cast = (caller: Awaited<ReturnType<typeof asSession>>, choices = allChoices(poll.pollCandidates)) =>
      codeOf(caller.delegate.cast({ pollId: poll.id, choices, idempotencyKey: newKey() }));

    const [d0, d1, d2] = f.delegates.map((d) => d.id) as [string, string, string];
    const disabled = await asSession(d0);
    await db.delegate.update({ where: { id: d0 }, data: { active: false } });
    expect(await cast(disabled)).toBe("UNAUTHENTICATED");
    const bumped = await asSession(d1);
    await db.delegate.update({ where: { id: d1 }, data: { authVersion: { increment: 1 } } });
    expect(await cast(bumped)).toBe("UNAUTHENTICATED");
    // Refused before anything else is said, even for a ballot that would be invalid.
    expect(await cast(bumped, {})).toBe("UNAUTHENTICATED");
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(0);

    // A delegate of another congress session: the poll does not exist for them.
    expect(await cast(await asSession(other.delegates[0]!.id))).toBe("NOT_FOUND");
    // Still current: the ballot is stored, and a second one is ALREADY_VOTED.
    const current = await asSession(d2);
    expect(await cast(current)).toBe("OK");
    expect(await cast(current)).toBe("ALREADY_VOTED");
    // Anonymous and staff sessions never reach the service.
    expect(
      await codeOf(
        createCaller(createRequestContext(null)).delegate.cast({
          pollId: poll.id,
          choices: allChoices(poll.pollCandidates),
          idempotencyKey: newKey(),
        }),
      ),
    ).toBe("UNAUTHENTICATED");
    const staff = createCaller(createRequestContext({ kind: "staff", id: f.actors.secretariat.id, v: 0 }));
    expect(await codeOf(staff.delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() }))).toBe(
      "FORBIDDEN",
    );
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(1);
  });

  it("300 delegates casting at once store exactly 300 ballots, each with its own receipt", async () => {
    const f = await createSessionFixture({ delegates: 300, candidates: 12 });
    await checkInMany(f, 300);
    const poll = await openPollFixture(f);
    const actors = await Promise.all(f.delegates.map((_, i) => f.delegate(i)));
    const results = await Promise.all(
      actors.map((a, i) =>
        callerFor(a).delegate.cast({
          pollId: poll.id,
          choices: allChoices(poll.pollCandidates, i % 3 === 0 ? "AGAINST" : "FOR"),
          idempotencyKey: newKey(),
        }),
      ),
    );
    expect(new Set(results.map((r) => r.tracker)).size).toBe(300);
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(300);
    // Sealed while open: nothing countable exists before the close.
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(300);
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(0);
    // The close opens the box: every receipt is among the counted ballots, the box is empty and its key gone.
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    const counted = await db.ballot.findMany({ where: { pollId: poll.id }, select: { tracker: true } });
    expect(counted.map((b) => b.tracker).sort()).toEqual(results.map((r) => r.tracker).sort());
    expect(await db.ballotChoice.count({ where: { ballot: { pollId: poll.id } } })).toBe(300 * 12);
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(0);
    expect(await db.ballotBoxKey.count({ where: { boxId: poll.id } })).toBe(0);
  });

  it("one delegate submitting 20 times at once stores one ballot; same key gets the same receipt, other keys ALREADY_VOTED", async () => {
    const f = await createSessionFixture({ delegates: 5 });
    await checkInMany(f, 5);
    const poll = await openPollFixture(f);
    const me = callerFor(await f.delegate(0));
    const key = newKey();
    const choices = allChoices(poll.pollCandidates);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => me.delegate.cast({ pollId: poll.id, choices, idempotencyKey: i % 2 === 0 ? key : newKey() })),
    );
    const sameKey = attempts.filter((_, i) => i % 2 === 0);
    const otherKeys = attempts.filter((_, i) => i % 2 === 1);
    const fulfilled = attempts
      .filter((a) => a.status === "fulfilled")
      .map((a) => (a as PromiseFulfilledResult<{ tracker: string }>).value.tracker);
    expect(new Set(fulfilled).size).toBe(1);
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(1);
    // Whichever key won, every submission either got that one receipt or was told ALREADY_VOTED.
    for (const a of attempts) {
      if (a.status === "rejected") expect((a.reason as Error).message).toBe("ALREADY_VOTED");
    }
    // The same-key submissions all agree: all fulfilled with one tracker, or all refused (another key won).
    const sameKeyTrackers = sameKey.filter((a) => a.status === "fulfilled").length;
    expect([0, sameKey.length]).toContain(sameKeyTrackers);
    expect(otherKeys.filter((a) => a.status === "fulfilled").length + sameKeyTrackers).toBeGreaterThan(0);
  });

  it("a retry after a lost response returns the same receipt, even after the poll closed", async () => {
    const f = await createSessionFixture({ delegates: 4 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f);
    const me = callerFor(await f.delegate(1));
    const input = { pollId: poll.id, choices: allChoices(poll.pollCandidates, "ABSTAIN"), idempotencyKey: newKey() };
    const first = await me.delegate.cast(input);
    expect(first.replay).toBe(false);
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    const again = await me.delegate.cast(input);
    expect(again).toEqual({ tracker: first.tracker, replay: true });
    // Same key with different choices is not a retry.
    expect(await codeOf(me.delegate.cast({ ...input, choices: allChoices(poll.pollCandidates, "FOR") }))).toBe("ALREADY_VOTED");
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(1);
  });

  it("casts racing the close: every accepted cast is counted and none after the close", async () => {
    const f = await createSessionFixture({ delegates: 120, candidates: 3 });
    await checkInMany(f, 120);
    const poll = await openPollFixture(f);
    const actors = await Promise.all(f.delegates.map((_, i) => f.delegate(i)));
    const casts = actors.map((a, i) =>
      (async () => {
        await new Promise((r) => setTimeout(r, i % 40));
        return callerFor(a).delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() });
      })(),
    );
    const close = (async () => {
      await new Promise((r) => setTimeout(r, 15));
      return callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    })();
    const [settled, closed] = await Promise.all([Promise.allSettled(casts), close]);
    expect(closed.status).toBe("CLOSED");
    const accepted = settled.filter((s) => s.status === "fulfilled").length;
    const refused = settled.filter((s) => s.status === "rejected");
    for (const r of refused) expect((r as PromiseRejectedResult).reason.message).toBe("POLL_CLOSED");
    const stored = await db.poll.findUniqueOrThrow({ where: { id: poll.id } });
    expect(stored.returned).toBe(accepted);
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(accepted);
    // A cast after the close is refused and stores nothing.
    const late = callerFor(actors[0]!);
    await db.participation.deleteMany({ where: { pollId: poll.id, delegateId: f.delegates[0]!.id } }).catch(() => undefined);
    expect(
      await codeOf(late.delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() })),
    ).toMatch(/POLL_CLOSED|ALREADY_VOTED/);
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(accepted);
  });

  it("refuses bad ballots with a clear code and stores nothing", async () => {
    const f = await createSessionFixture({ delegates: 6, candidates: 4 });
    await checkInMany(f, 5);
    const poll = await openPollFixture(f, { kind: "COMPETITIVE", seats: 2 });
    const me = callerFor(await f.delegate(0));
    const [a, b, c, d] = poll.pollCandidates as [string, string, string, string];
    // Over-marked 差额 ballot.
    expect(
      await codeOf(
        me.delegate.cast({ pollId: poll.id, choices: { [a]: "FOR", [b]: "FOR", [c]: "FOR", [d]: "AGAINST" }, idempotencyKey: newKey() }),
      ),
    ).toBe("TOO_MANY_FOR");
    // A candidate left unmarked.
    expect(
      await codeOf(me.delegate.cast({ pollId: poll.id, choices: { [a]: "FOR", [b]: "FOR", [c]: "AGAINST" }, idempotencyKey: newKey() })),
    ).toBe("BALLOT_INVALID");
    // An unknown candidate.
    expect(
      await codeOf(
        me.delegate.cast({
          pollId: poll.id,
          choices: { [a]: "FOR", [b]: "FOR", [c]: "AGAINST", [f.candidates[0]!.id]: "FOR" },
          idempotencyKey: newKey(),
        }),
      ),
    ).toBe("BALLOT_INVALID");
    // A choice that is not FOR/AGAINST/ABSTAIN, and a short key: refused by the input schema.
    expect(
      await codeOf(
        me.delegate.cast({
          pollId: poll.id,
          choices: { [a]: "MAYBE" as "FOR", [b]: "FOR", [c]: "AGAINST", [d]: "AGAINST" },
          idempotencyKey: newKey(),
        }),
      ),
    ).toBe("BAD_INPUT");
    expect(
      await codeOf(
        me.delegate.cast({ pollId: poll.id, choices: { [a]: "FOR", [b]: "FOR", [c]: "AGAINST", [d]: "AGAINST" }, idempotencyKey: "short" }),
      ),
    ).toBe("BAD_INPUT");
    // Not checked in.
    const absent = callerFor(await f.delegate(5));
    expect(
      await codeOf(
        absent.delegate.cast({
          pollId: poll.id,
          choices: { [a]: "FOR", [b]: "AGAINST", [c]: "AGAINST", [d]: "AGAINST" },
          idempotencyKey: newKey(),
        }),
      ),
    ).toBe("NOT_CHECKED_IN");
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(0);
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(0);
  });

  it("a delegate of another session cannot see or vote in the poll", async () => {
    const f = await createSessionFixture({ delegates: 4 });
    const other = await createSessionFixture({ delegates: 2 });
    await checkInMany(f, 4);
    await checkInMany(other, 2);
    const poll = await openPollFixture(f);
    const stranger = callerFor(await other.delegate(0));
    expect(await codeOf(stranger.delegate.poll({ pollId: poll.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(stranger.delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() })),
    ).toBe("NOT_FOUND");
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(0);
  });

  it("changeable poll: the phone holding the previous key may replace its ballot; only the last counts", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f, { changeable: true });
    const me = callerFor(await f.delegate(0));
    const k1 = newKey();
    const k2 = newKey();
    await me.delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates, "FOR"), idempotencyKey: k1 });
    expect(
      await codeOf(me.delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates, "AGAINST"), idempotencyKey: k2 })),
    ).toBe("ALREADY_VOTED");
    const second = await me.delegate.cast({
      pollId: poll.id,
      choices: allChoices(poll.pollCandidates, "AGAINST"),
      idempotencyKey: k2,
      replacesKey: k1,
    });
    // The replaced sealed ballot is gone; the retry of the replacement is the same receipt.
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(1);
    expect(
      await me.delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates, "AGAINST"), idempotencyKey: k2, replacesKey: k1 }),
    ).toEqual({ tracker: second.tracker, replay: true });
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(1);
    const stored = await db.ballot.findFirstOrThrow({ where: { pollId: poll.id }, include: { choices: true } });
    expect(stored.tracker).toBe(second.tracker);
    expect(stored.choices.every((c) => c.choice === "AGAINST")).toBe(true);
  });

  it("named polls record the delegate on the ballot; secret polls never do (the database refuses)", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const named = await openPollFixture(f, { secret: false });
    const me = await f.delegate(0);
    await callerFor(me).delegate.cast({ pollId: named.id, choices: allChoices(named.pollCandidates), idempotencyKey: newKey() });
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: named.id });
    expect((await db.ballot.findFirstOrThrow({ where: { pollId: named.id } })).delegateId).toBe(me.id);

    const secret = await openPollFixture(f);
    await expect(db.ballot.create({ data: { pollId: secret.id, tracker: "X", delegateId: me.id } })).rejects.toThrow(
      /SECRET_BALLOT_NAMES_DELEGATE/,
    );
  });
});
