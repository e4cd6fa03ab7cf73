import { describe, expect, it } from "vitest";
import { loadActor } from "~/server/auth/actor";
import { signInDelegateWithPin, signInDelegateWithToken, signInStaff } from "~/server/auth/sign-in";
import { issueLoginToken } from "~/server/services/login-tokens";
import { callerFor, codeOf, createSessionFixture, db, PASSWORD, PIN } from "./fixtures";

describe("sign-in", () => {
  it("a delegate signs in with card code and PIN; a wrong PIN is refused; after five failures the account must wait", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const card = f.delegates[0]!.cardCode;
    const ref = await signInDelegateWithPin(db, card.toLowerCase(), PIN, "ip-a");
    expect(ref).toMatchObject({ kind: "delegate", id: f.delegates[0]!.id });
    expect(await codeOf(signInDelegateWithPin(db, card, "000000", "ip-a"))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInDelegateWithPin(db, "NOPE", PIN, "ip-a"))).toBe("INVALID_CREDENTIALS");
    for (let i = 0; i < 4; i++) await codeOf(signInDelegateWithPin(db, card, "000000", `ip-${i}`));
    // Even the right PIN waits now, from any client.
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "ip-z"))).toBe("RATE_LIMITED");
    // Another delegate is not affected.
    expect(await codeOf(signInDelegateWithPin(db, f.delegates[1]!.cardCode, PIN, "ip-z"))).toBe("OK");
  });

  it("a flood of unknown names from one address does not stop real accounts signing in from it", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    for (let i = 0; i < 60; i++) await codeOf(signInStaff(db, `nobody-${i}`, "x", "ip-brute"));
    expect(await codeOf(signInStaff(db, "nobody-else", "x", "ip-brute"))).toBe("RATE_LIMITED");
    expect(await codeOf(signInStaff(db, f.staff.secretariat.username, PASSWORD, "ip-brute"))).toBe("OK");
  });

  it("the QR token signs in once; reuse is refused; reissuing revokes the old one", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const id = f.delegates[0]!.id;
    const first = await issueLoginToken(db, f.actors.secretariat, id);
    expect((await signInDelegateWithToken(db, first, "ip")).id).toBe(id);
    expect(await codeOf(signInDelegateWithToken(db, first, "ip"))).toBe("TOKEN_INVALID");
    const second = await issueLoginToken(db, f.actors.secretariat, id);
    const third = await issueLoginToken(db, f.actors.secretariat, id);
    expect(await codeOf(signInDelegateWithToken(db, second, "ip"))).toBe("TOKEN_INVALID");
    // Two phones scanning the same card at once: exactly one gets in.
    const race = await Promise.all([codeOf(signInDelegateWithToken(db, third, "ip")), codeOf(signInDelegateWithToken(db, third, "ip"))]);
    expect(race.sort()).toEqual(["OK", "TOKEN_INVALID"]);
    expect(await db.auditLog.count({ where: { action: "credentials.token", entityId: id } })).toBe(3);
  });

  it("disabling an account or bumping its version ends its sessions at once", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const ref = await signInDelegateWithPin(db, f.delegates[0]!.cardCode, PIN, "ip");
    expect(await loadActor(db, ref)).not.toBeNull();
    await db.delegate.update({ where: { id: ref.id }, data: { authVersion: { increment: 1 } } });
    expect(await loadActor(db, ref)).toBeNull();
    const staffRef = await signInStaff(db, f.staff.clerk1.username, PASSWORD, "ip");
    await db.staffUser.update({ where: { id: staffRef.id }, data: { active: false } });
    expect(await loadActor(db, staffRef)).toBeNull();
    expect(await codeOf(signInStaff(db, f.staff.clerk1.username, PASSWORD, "ip"))).toBe("ACCOUNT_DISABLED");
  });
});

describe("authorization, decided on the server per procedure and per object", () => {
  it("each role reaches only its own rung of the ladder", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const delegate = await f.delegate(0);
    const sessionId = f.session.id;
    const cases: [string, ReturnType<typeof callerFor>, (c: ReturnType<typeof callerFor>) => Promise<unknown>, string][] = [
      ["anonymous → secretariat", callerFor(null), (c) => c.secretariat.overview({ sessionId }), "UNAUTHENTICATED"],
      ["anonymous → delegate", callerFor(null), (c) => c.delegate.me(), "UNAUTHENTICATED"],
      ["anonymous → public", callerFor(null), (c) => c.public.currentSession(), "OK"],
      ["delegate → delegate", callerFor(delegate), (c) => c.delegate.me(), "OK"],
      ["delegate → secretariat", callerFor(delegate), (c) => c.secretariat.overview({ sessionId }), "FORBIDDEN"],
      ["delegate → clerk", callerFor(delegate), (c) => c.clerk.paperStatus({ pollId: f.session.id }), "FORBIDDEN"],
      ["department → secretariat", callerFor(f.actors.dept), (c) => c.secretariat.overview({ sessionId }), "FORBIDDEN"],
      [
        "department → desk check-in",
        callerFor(f.actors.dept),
        (c) => c.secretariat.deskCheckIn({ delegateId: f.delegates[1]!.id }),
        "FORBIDDEN",
      ],
      ["department → delegate", callerFor(f.actors.dept), (c) => c.delegate.me(), "FORBIDDEN"],
      ["clerk → desk check-in", callerFor(f.actors.clerk1), (c) => c.secretariat.findDelegates({ sessionId, query: "代表" }), "OK"],
      ["clerk → create poll", callerFor(f.actors.clerk1), (c) => c.secretariat.polls({ sessionId }), "FORBIDDEN"],
      ["secretariat → overview", callerFor(f.actors.secretariat), (c) => c.secretariat.overview({ sessionId }), "OK"],
      ["secretariat → delegate", callerFor(f.actors.secretariat), (c) => c.delegate.me(), "FORBIDDEN"],
      ["admin → overview", callerFor(f.actors.admin), (c) => c.secretariat.overview({ sessionId }), "OK"],
    ];
    for (const [name, caller, call, expected] of cases) {
      expect(await codeOf(call(caller)), name).toBe(expected);
    }
  });

  it("bad input gets BAD_INPUT and changes nothing", async () => {
    const f = await createSessionFixture({ delegates: 2, candidates: 3 });
    const secretariat = callerFor(f.actors.secretariat);
    const before = await db.poll.count();
    const ids = f.candidates.map((c) => c.id);
    expect(
      await codeOf(secretariat.secretariat.createPoll({ sessionId: f.session.id, title: "x", kind: "EQUAL", candidateIds: ids })),
    ).toBe("BAD_INPUT");
    expect(
      await codeOf(
        secretariat.secretariat.createPoll({ sessionId: f.session.id, title: "差额", kind: "COMPETITIVE", seats: 3, candidateIds: ids }),
      ),
    ).toBe("BAD_INPUT");
    expect(
      await codeOf(
        secretariat.secretariat.createPoll({ sessionId: f.session.id, title: "重复", kind: "EQUAL", candidateIds: [ids[0]!, ids[0]!] }),
      ),
    ).toBe("BAD_INPUT");
    expect(
      await codeOf(secretariat.secretariat.createPoll({ sessionId: "not-a-uuid", title: "票决", kind: "EQUAL", candidateIds: ids })),
    ).toBe("BAD_INPUT");
    // A candidate of another session.
    const other = await createSessionFixture({ delegates: 1, candidates: 1 });
    expect(
      await codeOf(
        secretariat.secretariat.createPoll({
          sessionId: f.session.id,
          title: "票决",
          kind: "EQUAL",
          candidateIds: [other.candidates[0]!.id],
        }),
      ),
    ).toBe("BAD_INPUT");
    expect(await db.poll.count()).toBe(before);
  });

  it("the home page data lists the slate in order; a project page shows only approved suggestions", async () => {
    const f = await createSessionFixture({ delegates: 1, candidates: 3 });
    const pending = await db.suggestion.create({ data: { title: "待审建议", description: "…", category: "测试", status: "PENDING" } });
    const approved = await db.suggestion.create({ data: { title: "已采纳建议", description: "…", category: "测试", status: "APPROVED" } });
    await db.candidateSuggestion.createMany({
      data: [pending, approved].map((s) => ({ candidateId: f.candidates[1]!.id, suggestionId: s.id })),
    });
    const detail = await callerFor(null).public.candidate({ id: f.candidates[1]!.id });
    expect(detail.suggestions.map((s) => s.title)).toEqual(["已采纳建议"]);
    expect(await codeOf(callerFor(null).public.candidate({ id: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
  });
});
