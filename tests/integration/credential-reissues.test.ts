/**
 * A sign-in token, a new PIN or a reprinted card issued while a poll is open (DESIGN §4b):
 * allowed — phones get lost — but it ends the delegate's other sessions at once, and each one
 * (who, when, by whom, and whether that delegate then voted) is listed on the scrutineers'
 * sign-off page before they sign, and in the audit viewer.
 */
import { describe, expect, it } from "vitest";
import { loadActor } from "~/server/auth/actor";
import { signInDelegateWithPin, signInDelegateWithToken } from "~/server/auth/sign-in";
import { appCodeIn, trpcHttp } from "./http";
import { allChoices, callerFor, checkInMany, createSessionFixture, db, newKey, openPollFixture, PIN } from "./fixtures";

describe("credentials reissued while a poll is open", () => {
  it("end the delegate's other sessions, and are listed for the scrutineers with whether the delegate then voted", async () => {
    const f = await createSessionFixture({ delegates: 8, candidates: 2 });
    await checkInMany(f, 8);
    const secretariat = callerFor(f.actors.secretariat);
    // Before the poll: not a reissue during it.
    await secretariat.secretariat.issueLoginToken({ delegateId: f.delegates[7]!.id });

    const poll = await openPollFixture(f);
    const ballot = () => ({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() });
    const [d3, d4, d5, d6] = [3, 4, 5, 6].map((i) => f.delegates[i]!);

    // d3's phone is signed in; the secretariat issues a new QR token. The old session ends at once.
    const phone = await signInDelegateWithPin(db, d3!.cardCode, PIN, "ip-phone");
    const token = await secretariat.secretariat.issueLoginToken({ delegateId: d3!.id });
    expect(await loadActor(db, phone)).toBeNull();
    const stale = await trpcHttp({ ref: phone }, "delegate.cast", "mutation", ballot());
    expect([stale.status, appCodeIn(stale)]).toEqual([401, "UNAUTHENTICATED"]);
    // Whoever holds the new token votes as d3: allowed, and shown.
    const holder = await signInDelegateWithToken(db, token.token, "ip-desk");
    const cast = await trpcHttp({ ref: holder }, "delegate.cast", "mutation", ballot());
    expect([cast.status, appCodeIn(cast)]).toEqual([200, "OK"]);

    // d4 had voted before a new PIN was issued.
    await callerFor(await f.delegate(4)).delegate.cast(ballot());
    const { pin } = await secretariat.setup.resetPin({ delegateId: d4!.id });
    expect(pin).toMatch(/^\d{6}$/);
    // d5 gets a reprinted card and does not vote; d6 gets a paper ballot after a new PIN.
    await secretariat.setup.printCards({ sessionId: f.session.id, origin: "http://congress.test", delegateIds: [d5!.id] });
    await callerFor(f.actors.admin).setup.resetPin({ delegateId: d6!.id });
    await callerFor(f.actors.clerk1).clerk.issuePaper({ pollId: poll.id, delegateId: d6!.id });

    await secretariat.secretariat.closePoll({ pollId: poll.id });
    await secretariat.secretariat.issueLoginToken({ delegateId: f.delegates[7]!.id }); // after the close: not during it either

    const view = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId: poll.id });
    const listed = view.oversight.reissues.map((r) => [r.delegateName, r.seat, r.kind, r.byName, r.voted]);
    expect(listed).toEqual([
      [d3!.name, d3!.seat, "LOGIN_TOKEN", f.staff.secretariat.displayName, "PHONE_AFTER"],
      [d4!.name, d4!.seat, "PIN", f.staff.secretariat.displayName, "BEFORE"],
      [d5!.name, d5!.seat, "CARD", f.staff.secretariat.displayName, "NO"],
      [d6!.name, d6!.seat, "PIN", f.staff.admin.displayName, "PAPER_AFTER"],
    ]);
    for (const r of view.oversight.reissues) {
      expect(r.at.getTime()).toBeGreaterThanOrEqual(view.openedAt!.getTime());
      expect(r.at.getTime()).toBeLessThanOrEqual(view.closedAt!.getTime());
    }

    // The audit viewer shows the same reissues, each naming the poll that was open.
    const audit = await secretariat.accounts.audit({ sessionId: f.session.id, action: "credentials.", limit: 50 });
    const duringPoll = audit.rows.filter((r) => (r.data as { pollId?: string | null }).pollId === poll.id);
    expect(duringPoll.map((r) => r.action).sort()).toEqual(["credentials.card", "credentials.pin", "credentials.pin", "credentials.token"]);
    expect(audit.rows).toHaveLength(6);
  });

  it("a new PIN or card ends the sessions signed in with the old one", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const secretariat = callerFor(f.actors.secretariat);
    for (const [i, reissue] of [
      [0, () => secretariat.setup.resetPin({ delegateId: f.delegates[0]!.id })],
      [
        1,
        () => secretariat.setup.printCards({ sessionId: f.session.id, origin: "http://congress.test", delegateIds: [f.delegates[1]!.id] }),
      ],
    ] as const) {
      const ref = await signInDelegateWithPin(db, f.delegates[i]!.cardCode, PIN, "ip");
      expect(await loadActor(db, ref)).not.toBeNull();
      await reissue();
      expect(await loadActor(db, ref), `delegate ${i}`).toBeNull();
    }
  });
});
