import { describe, expect, it } from "vitest";
import { loadActor } from "~/server/auth/actor";
import { signInDelegateWithPin, signInDelegateWithToken, signInStaff } from "~/server/auth/sign-in";
import { callerFor, codeOf, createSessionFixture, db, PIN } from "./fixtures";

const tokenOf = (loginPath: string) => loginPath.replace(/^\/t\//, "");

describe("the secretariat's console", () => {
  it("prints cards with one-time QR tokens; reprinting revokes the old card", async () => {
    const f = await createSessionFixture({ delegates: 3 });
    const secretariat = callerFor(f.actors.secretariat);
    const cards = await secretariat.setup.printCards({ sessionId: f.session.id, origin: "https://piaojue.example" });
    expect(cards).toHaveLength(3);
    expect(cards[0]!.qrSvg).toMatch(/^<svg/);
    const first = tokenOf(cards[0]!.loginPath);
    expect((await signInDelegateWithToken(db, first, "ip")).id).toBe(cards[0]!.id);
    expect(await codeOf(signInDelegateWithToken(db, first, "ip"))).toBe("TOKEN_INVALID");

    const [before] = await secretariat.setup.printCards({
      sessionId: f.session.id,
      origin: "https://piaojue.example",
      delegateIds: [cards[1]!.id],
    });
    const [after] = await secretariat.setup.printCards({
      sessionId: f.session.id,
      origin: "https://piaojue.example",
      delegateIds: [cards[1]!.id],
    });
    expect(await codeOf(signInDelegateWithToken(db, tokenOf(before!.loginPath), "ip"))).toBe("TOKEN_INVALID");
    expect(await codeOf(signInDelegateWithToken(db, tokenOf(after!.loginPath), "ip"))).toBe("OK");
    expect(await db.auditLog.count({ where: { action: "credentials.card", sessionId: f.session.id } })).toBe(f.delegates.length + 2);
  });

  it("resetting a PIN is audited, ends the delegate's sessions and only the new PIN works", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const card = f.delegates[0]!.cardCode;
    const ref = await signInDelegateWithPin(db, card, PIN, "ip");
    const { pin } = await callerFor(f.actors.secretariat).setup.resetPin({ delegateId: ref.id });
    expect(pin).toMatch(/^\d{6}$/);
    expect(await loadActor(db, ref)).toBeNull();
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "ip"))).toBe(pin === PIN ? "OK" : "INVALID_CREDENTIALS");
    expect(await codeOf(signInDelegateWithPin(db, card, pin, "ip"))).toBe("OK");
    expect(await db.auditLog.count({ where: { action: "credentials.pin", entityId: ref.id } })).toBe(1);
  });

  it("edits the slate; a poll keeps the slate it was created with", async () => {
    const f = await createSessionFixture({ delegates: 3, candidates: 2 });
    const secretariat = callerFor(f.actors.secretariat);
    const [dept] = await secretariat.slate.departments();
    const { id } = await secretariat.slate.create({
      sessionId: f.session.id,
      title: "新建口袋公园 5 处",
      category: "城市建设",
      summary: "在老城区新建口袋公园。",
      departmentId: dept!.id,
      budgetWan: "850.5",
      location: "辛店街道",
      targets: "新建 5 处",
      deadline: "2021-10-31",
    });
    const { id: pollId } = await secretariat.secretariat.createPoll({
      sessionId: f.session.id,
      title: "票决",
      kind: "EQUAL",
      candidateIds: [id, f.candidates[0]!.id],
    });
    await secretariat.slate.update({
      id,
      title: "新建口袋公园 6 处",
      category: "城市建设",
      summary: "在老城区新建口袋公园。",
      departmentId: dept!.id,
      budgetWan: "900",
      location: "辛店街道",
      targets: "新建 6 处",
      deadline: "2021-10-31",
    });
    const frozen = await db.pollCandidate.findFirstOrThrow({ where: { pollId, candidateId: id } });
    expect([frozen.title, frozen.budgetWan.toFixed(2)]).toEqual(["新建口袋公园 5 处", "850.50"]);
    const slate = await secretariat.slate.list({ sessionId: f.session.id });
    expect(slate.find((c) => c.id === id)).toMatchObject({ title: "新建口袋公园 6 处", budgetWan: "900.00", inPolls: 1 });
    // A candidate a poll used cannot be deleted; reordering takes every candidate once.
    expect(await codeOf(secretariat.slate.delete({ id }))).toBe("CONFLICT");
    const order = [...slate].reverse().map((c) => c.id);
    await secretariat.slate.reorder({ sessionId: f.session.id, candidateIds: order });
    expect((await secretariat.slate.list({ sessionId: f.session.id })).map((c) => c.id)).toEqual(order);
    expect(await codeOf(secretariat.slate.reorder({ sessionId: f.session.id, candidateIds: order.slice(1) }))).toBe("BAD_INPUT");
    // Bad money is refused with the field named.
    expect(
      await codeOf(secretariat.slate.update({ ...slate[0]!, id, budgetWan: "12.345", deadline: "2021-10-31", suggestionIds: [] })),
    ).toBe("BAD_INPUT");
  });

  it("sets up a session with delegations, scrutineers and tally clerks", async () => {
    const f = await createSessionFixture({ delegates: 4 });
    const secretariat = callerFor(f.actors.secretariat);
    const { id } = await secretariat.setup.createSession({
      congressId: f.session.congressId,
      name: "第六次会议",
      year: 2022,
      startsOn: "2022-01-10",
      delegations: ["甲", "乙"],
    });
    expect(
      await codeOf(
        secretariat.setup.createSession({ congressId: f.session.congressId, name: "第六次会议", year: 2022, startsOn: "2022-01-10" }),
      ),
    ).toBe("CONFLICT");
    await secretariat.setup.addDelegation({ sessionId: id, name: "丙" });
    await secretariat.setup.setScrutineers({ sessionId: f.session.id, delegateIds: [f.delegates[3]!.id] });
    await secretariat.setup.setClerks({ sessionId: f.session.id, staffIds: [f.staff.clerk2.id] });
    expect(await codeOf(secretariat.setup.setClerks({ sessionId: f.session.id, staffIds: [f.staff.dept.id] }))).toBe("BAD_INPUT");
    const setup = await secretariat.setup.session({ sessionId: f.session.id });
    expect(setup.scrutineers.map((s) => s.id)).toEqual([f.delegates[3]!.id]);
    expect(setup.clerks.map((c) => c.id)).toEqual([f.staff.clerk2.id]);
    expect((await secretariat.setup.session({ sessionId: id })).delegations.map((d) => d.name)).toEqual(["甲", "乙", "丙"]);
  });

  it("the administrator creates and disables accounts; a disabled account's sessions end at once", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const admin = callerFor(f.actors.admin);
    const { id } = await admin.accounts.create({
      username: `new-${f.tag}`,
      displayName: "新计票员",
      password: "a long enough password",
      role: "CLERK",
    });
    const ref = await signInStaff(db, `new-${f.tag}`, "a long enough password", "ip");
    expect(await loadActor(db, ref)).not.toBeNull();
    await admin.accounts.update({ id, role: "CLERK", departmentId: null, active: false });
    expect(await loadActor(db, ref)).toBeNull();
    expect(
      await codeOf(
        admin.accounts.create({ username: `new-${f.tag}`, displayName: "重复", password: "a long enough password", role: "CLERK" }),
      ),
    ).toBe("CONFLICT");
    expect(
      await codeOf(
        admin.accounts.create({ username: `dept2-${f.tag}`, displayName: "单位", password: "a long enough password", role: "DEPARTMENT" }),
      ),
    ).toBe("BAD_INPUT");
    // An administrator cannot lock themselves out.
    expect(await codeOf(admin.accounts.update({ id: f.actors.admin.id, role: "ADMIN", departmentId: null, active: false }))).toBe(
      "FORBIDDEN",
    );
    expect(await db.auditLog.count({ where: { action: { startsWith: "account." }, entityId: id } })).toBe(2);
  });

  it("delegates, departments and clerks cannot reach any of it", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const sessionId = f.session.id;
    const file = { sessionId, fileName: "a.csv", contentBase64: Buffer.from("姓名\n").toString("base64") };
    const calls: [string, (c: ReturnType<typeof callerFor>) => Promise<unknown>][] = [
      ["setup.session", (c) => c.setup.session({ sessionId })],
      ["setup.printCards", (c) => c.setup.printCards({ sessionId, origin: "https://x.example" })],
      ["setup.resetPin", (c) => c.setup.resetPin({ delegateId: f.delegates[0]!.id })],
      ["roster.preview", (c) => c.roster.preview(file)],
      ["roster.import", (c) => c.roster.import(file)],
      ["slate.list", (c) => c.slate.list({ sessionId })],
      ["accounts.list", (c) => c.accounts.list()],
      ["accounts.audit", (c) => c.accounts.audit({})],
    ];
    const actors = [await f.delegate(0), f.actors.dept, f.actors.clerk1];
    for (const actor of actors) {
      for (const [name, call] of calls) expect(await codeOf(call(callerFor(actor))), `${actor.kind} ${name}`).toBe("FORBIDDEN");
    }
    for (const [name, call] of calls) expect(await codeOf(call(callerFor(null))), `anonymous ${name}`).toBe("UNAUTHENTICATED");
    // Accounts are the administrator's alone; the secretariat reads the audit log.
    expect(await codeOf(callerFor(f.actors.secretariat).accounts.list())).toBe("FORBIDDEN");
    const audit = await callerFor(f.actors.secretariat).accounts.audit({ sessionId });
    expect(audit.chain.ok).toBe(true);
  });
});
