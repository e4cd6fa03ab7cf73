import { describe, expect, it } from "vitest";
import type { TDelegateSessionState } from "~/lib/schemas/vote";
import type { Actor } from "~/server/auth/actor";
import { allChoices, callerFor, checkInMany, createSessionFixture, db, newKey, type SessionFixture } from "./fixtures";
import { sessionRefFromCookieHeader } from "~/server/auth/session-token";
import { cookieOf, trpcSse } from "./http";

/**
 * A delegate's live stream through the caller (its checks and output schema included):
 * "changed" or "quiet" within a wait, and the last state it brought.
 */
async function liveStream(actor: Actor) {
  const stream = (await callerFor(actor).delegate.live())[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<TDelegateSessionState>> | null = null;
  let state: TDelegateSessionState | undefined;
  return {
    async within(ms: number): Promise<"changed" | "quiet"> {
      // A wait that ends quiet keeps its read for the next one: nothing is lost between checks.
      pending ??= stream.next();
      const heard = await Promise.race([pending.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
      if (heard) {
        state = (await pending!).value as TDelegateSessionState;
        pending = null;
      }
      return heard ? "changed" : "quiet";
    },
    /** What the last message brought: the delegate's session state, as delegate.state answers it. */
    get state() {
      return state;
    },
    /** The next message, or the error the stream ended with. */
    next: () => (pending ??= stream.next()),
    close: () => void stream.return?.(undefined),
  };
}

type Stream = Awaited<ReturnType<typeof liveStream>>;
const HEARD = 3_000; // a NOTIFY's trip, plus the stream's one-second spacing of refreshes
const QUIET = 1_500;

async function expectHeard(streams: Record<string, Stream>, heard: string[]) {
  const got = await Promise.all(
    Object.entries(streams).map(async ([name, s]) => [name, await s.within(heard.includes(name) ? HEARD : QUIET)]),
  );
  expect(Object.fromEntries(got)).toEqual(
    Object.fromEntries(Object.keys(streams).map((n) => [n, heard.includes(n) ? "changed" : "quiet"])),
  );
}

async function createPoll(f: SessionFixture) {
  const { id } = await callerFor(f.actors.secretariat).secretariat.createPoll({
    sessionId: f.session.id,
    title: "民生实事项目票决",
    kind: "EQUAL",
    secret: true,
    changeable: false,
    candidateIds: f.candidates.map((c) => c.id),
  });
  return id;
}

describe("a delegate's live stream (delegate.live)", () => {
  it("tells each delegate's phone of every change it shows, once a second at most, and of nothing else", async () => {
    const f = await createSessionFixture({ delegates: 6, checkInOpen: false });
    const other = await createSessionFixture({ delegates: 1 });
    const secretariat = callerFor(f.actors.secretariat);
    const clerk = callerFor(f.actors.clerk1);
    // delegate 0 and 1 are scrutineers (the fixture's first three are), 5 is not.
    const streams: Record<string, Stream> = {
      plain: await liveStream(await f.delegate(5)),
      scrutineer: await liveStream(await f.delegate(0)),
      otherSession: await liveStream(await other.delegate(0)),
    };
    try {
      // Once at the start: the phone refetches what may have changed before the stream was open.
      await expectHeard(streams, ["plain", "scrutineer", "otherSession"]);

      await secretariat.secretariat.setCheckInOpen({ sessionId: f.session.id, open: true });
      await expectHeard(streams, ["plain", "scrutineer"]);

      // Another delegate's check-in, a draft, ballots: nothing any of these phones shows.
      await callerFor(await f.delegate(4)).delegate.checkIn();
      const pollId = await createPoll(f);
      await expectHeard(streams, []);

      await callerFor(await f.delegate(5)).delegate.checkIn();
      await expectHeard(streams, ["plain"]);
      await clerk.secretariat.deskCheckIn({ delegateId: f.delegates[0]!.id });
      await expectHeard(streams, ["scrutineer"]);

      // The quorum (a majority present) without telling anyone: the desk's check-ins have their own test above.
      await db.checkIn.createMany({
        data: [1, 2, 3].map((i) => ({ sessionId: f.session.id, delegateId: f.delegates[i]!.id, method: "DESK" as const })),
      });
      await secretariat.secretariat.openPoll({ pollId });
      await expectHeard(streams, ["plain", "scrutineer"]);
      // The stream brings the state itself: the poll open, exactly what delegate.state answers.
      expect(streams.plain!.state?.polls[0]).toMatchObject({ id: pollId, status: "OPEN", voted: false });
      expect(streams.plain!.state).toEqual(await callerFor(await f.delegate(5)).delegate.state());

      const poll = await db.poll.findUniqueOrThrow({ where: { id: pollId }, include: { candidates: true } });
      const choices = allChoices(poll.candidates.map((c) => c.id));
      for (const i of [0, 4]) await callerFor(await f.delegate(i)).delegate.cast({ pollId, choices, idempotencyKey: newKey() });
      await expectHeard(streams, []);

      await secretariat.secretariat.closePoll({ pollId });
      await expectHeard(streams, ["plain", "scrutineer"]);
      // Both phones' states were read together; each is its own delegate's (one voted, one did not).
      expect(streams.scrutineer!.state).toEqual(await callerFor(await f.delegate(0)).delegate.state());
      expect(streams.plain!.state).toEqual(await callerFor(await f.delegate(5)).delegate.state());
      expect([streams.scrutineer!.state?.polls[0]?.voted, streams.plain!.state?.polls[0]?.voted]).toEqual([true, false]);
      expect(streams.otherSession!.state?.sessionId).toBe(other.session.id);

      // A sign-off changes the count's page, which only scrutineers have; the certification changes the poll.
      const { resultHash } = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId });
      await callerFor(await f.delegate(0)).delegate.signOff({ pollId, resultHash: resultHash! });
      await expectHeard(streams, ["scrutineer"]);
      await callerFor(await f.delegate(1)).delegate.signOff({ pollId, resultHash: resultHash! });
      await expectHeard(streams, ["plain", "scrutineer"]);

      await secretariat.secretariat.publishPoll({ pollId });
      await expectHeard(streams, ["plain", "scrutineer"]);

      // Chosen as a scrutineer: the phone hears it, and from then on the count's changes too.
      await callerFor(f.actors.secretariat).setup.setScrutineers({
        sessionId: f.session.id,
        delegateIds: [f.delegates[5]!.id, f.delegates[1]!.id],
      });
      await expectHeard(streams, ["plain", "scrutineer"]);
      const second = await createPoll(f);
      await secretariat.secretariat.openPoll({ pollId: second });
      await expectHeard(streams, ["plain", "scrutineer"]);
      await secretariat.secretariat.closePoll({ pollId: second });
      await expectHeard(streams, ["plain", "scrutineer"]);
      const count = await callerFor(await f.delegate(5)).delegate.countForSignoff({ pollId: second });
      await callerFor(await f.delegate(5)).delegate.signOff({ pollId: second, resultHash: count.resultHash! });
      await expectHeard(streams, ["plain"]);

      const third = await createPoll(f);
      await secretariat.secretariat.openPoll({ pollId: third });
      await expectHeard(streams, ["plain", "scrutineer"]);
      await secretariat.secretariat.voidPoll({ pollId: third, reason: "表决器故障" });
      await expectHeard(streams, ["plain", "scrutineer"]);
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  }, 60_000);

  it("a burst of changes reaches a phone as one refresh a second", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const stream = await liveStream(await f.delegate(1));
    try {
      expect(await stream.within(HEARD)).toBe("changed");
      const toggle = (open: boolean) => callerFor(f.actors.secretariat).secretariat.setCheckInOpen({ sessionId: f.session.id, open });
      await toggle(false);
      expect(await stream.within(HEARD)).toBe("changed");
      const first = Date.now();
      await toggle(true);
      await toggle(false);
      await toggle(true);
      // The rest of the burst comes together, a second after the first at the soonest.
      expect(await stream.within(HEARD)).toBe("changed");
      expect(Date.now() - first).toBeGreaterThanOrEqual(900);
      expect(await stream.within(QUIET)).toBe("quiet");
    } finally {
      stream.close();
    }
  });

  it("over HTTP (SSE): a delegate's stream fires when a poll opens; anonymous and staff are refused", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    await checkInMany(f, 2);
    const delegate = await f.delegate(1);
    const sse = await trpcSse({ ref: { kind: "delegate", id: delegate.id, v: delegate.v } }, "delegate.live");
    try {
      expect(sse.status).toBe(200);
      expect(sse.contentType).toContain("text/event-stream");
      expect((await sse.next(HEARD))?.event).toBe("connected");
      const first = await sse.next(HEARD);
      expect(first?.event).toBe("message");
      expect(JSON.parse(first!.data).json).toMatchObject({ sessionId: f.session.id, polls: [] });
      expect(await sse.next(QUIET)).toBeNull();
      const pollId = await createPoll(f);
      await callerFor(f.actors.secretariat).secretariat.openPoll({ pollId });
      const opened = await sse.next(HEARD);
      expect(opened?.event).toBe("message");
      expect(JSON.parse(opened!.data).json.polls).toMatchObject([{ id: pollId, status: "OPEN", voted: false }]);
    } finally {
      sse.close();
    }

    for (const [who, actor, code] of [
      ["anonymous", null, "UNAUTHENTICATED"],
      ["staff", f.actors.secretariat, "FORBIDDEN"],
    ] as const) {
      const refused = await trpcSse(actor, "delegate.live");
      try {
        expect((await refused.next(HEARD))?.event, who).toBe("connected");
        const error = await refused.next(HEARD);
        expect(error?.event, who).toBe("serialized-error");
        expect(JSON.parse(error!.data).json.data.appCode, who).toBe(code);
      } finally {
        refused.close();
      }
    }
  });

  it("a sign-in that no longer holds gets nothing more: signed out, or the account disabled, the stream ends at the next change", async () => {
    const f = await createSessionFixture({ delegates: 3 });
    const signedOut = await f.delegate(1);
    const cookie = (await cookieOf({ ref: { kind: "delegate", id: signedOut.id, v: signedOut.v } }))!;
    const { jti } = sessionRefFromCookieHeader(cookie, process.env.NEXTAUTH_SECRET!)!;
    const sse = await trpcSse({ cookie }, "delegate.live");
    const disabled = await liveStream(await f.delegate(2));
    const kept = await liveStream(await f.delegate(0));
    try {
      expect((await sse.next(HEARD))?.event).toBe("connected");
      expect((await sse.next(HEARD))?.event).toBe("message");
      expect(await disabled.within(HEARD)).toBe("changed");
      expect(await kept.within(HEARD)).toBe("changed");

      // Signing out ends this cookie's sign-in (EndedSession); disabling ends the account's.
      await db.endedSession.create({ data: { jti: jti!, expiresAt: new Date(Date.now() + 3_600_000) } });
      await db.delegate.update({ where: { id: f.delegates[2]!.id }, data: { active: false } });
      await callerFor(f.actors.secretariat).secretariat.setCheckInOpen({ sessionId: f.session.id, open: false });

      const ended = await sse.next(HEARD);
      expect(ended?.event).toBe("serialized-error");
      // A refusal like any procedure's (401), not a failure of the server.
      expect(JSON.parse(ended!.data).json.data).toMatchObject({ appCode: "UNAUTHENTICATED", httpStatus: 401 });
      await expect(disabled.next()).rejects.toMatchObject({ message: "UNAUTHENTICATED" });
      expect(await kept.within(HEARD)).toBe("changed");
      expect(kept.state?.checkInOpen).toBe(false);
    } finally {
      sse.close();
      disabled.close();
      kept.close();
    }
  });
});
