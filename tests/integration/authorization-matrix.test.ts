import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";
import { appRouter } from "~/server/api/root";
import { appCodeOf, createCallerFactory, createContextFor } from "~/server/api/trpc";
import type { Actor } from "~/server/auth/actor";
import { loadActor } from "~/server/auth/actor";
import { download, DOWNLOADS } from "~/server/http/table-download";
import { ACCESS, ALLOWED, PROCEDURES, ROLES, type Role } from "./access-table";
import {
  allChoices,
  approvedSession,
  callerFor,
  checkInMany,
  codeOf,
  createSessionFixture,
  db,
  newKey,
  openPollFixture,
  type SessionFixture,
} from "./fixtures";
import { appCodeIn, trpcHttp } from "./http";

/** One actor per role; delegate 0 is a scrutineer (the fixture's first three are), `plain` (by default 5) is not. */
async function actorsOf(f: SessionFixture, plain = 5): Promise<Record<Role, Actor | null>> {
  return {
    anonymous: null,
    delegate: await f.delegate(plain),
    scrutineer: await f.delegate(0),
    department: f.actors.dept,
    clerk: f.actors.clerk1,
    secretariat: f.actors.secretariat,
    admin: f.actors.admin,
  };
}

type AnyCaller = Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

describe("the authorization matrix", () => {
  it("has a row for every procedure (and none for a procedure that no longer exists)", () => {
    expect(Object.keys(PROCEDURES).filter((p) => !(p in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((p) => !(p in PROCEDURES))).toEqual([]);
  });

  it("every procedure declares what it returns (an output schema; a subscription checks each value it yields)", () => {
    expect(
      Object.entries(PROCEDURES)
        .filter(([, p]) => p._def.output === undefined)
        .map(([path]) => path),
    ).toEqual([]);
  });

  it("calls every procedure as every role: those below its rung are refused before the input is looked at, the others get past the gate", async () => {
    const f = await createSessionFixture({ delegates: 6 });
    const actors = await actorsOf(f);
    const createCaller = createCallerFactory(appRouter);
    const failures: string[] = [];
    let calls = 0;
    for (const [path, proc] of Object.entries(PROCEDURES)) {
      const rung = ACCESS[path]!;
      for (const role of ROLES) {
        const actor = actors[role];
        const caller = createCaller(createContextFor(actor, `matrix-${role}`)) as unknown as AnyCaller;
        const [ns, name] = path.split(".") as [string, string];
        let code = "OK";
        try {
          // Deliberately malformed input: an allowed caller gets past the gate to BAD_INPUT
          // (or NOT_FOUND, or a result); a refused one never reaches input parsing.
          const result = await caller[ns]![name]!({ __matrix: true });
          // A subscription that got through hands back its stream: close it.
          if (proc._def.type === "subscription") await (result as AsyncIterator<unknown>).return?.();
        } catch (e) {
          code = e instanceof TRPCError ? appCodeOf(e) : "THREW";
        }
        calls++;
        const refused = code === "UNAUTHENTICATED" || code === "FORBIDDEN";
        const shouldRefuse = !ALLOWED[rung].includes(role);
        if (refused !== shouldRefuse || code === "THREW" || code === "INTERNAL") failures.push(`${path} as ${role}: ${code}`);
        if (shouldRefuse && refused && code !== (actor ? "FORBIDDEN" : "UNAUTHENTICATED"))
          failures.push(`${path} as ${role}: ${code}, not ${actor ? "FORBIDDEN" : "UNAUTHENTICATED"}`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBe(Object.keys(PROCEDURES).length * ROLES.length);
  });

  it("a disabled account, delegate or staff, is anonymous on every procedure over HTTP, even with its old session", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    await db.staffUser.update({ where: { id: f.actors.admin.id }, data: { active: false } });
    await db.delegate.update({ where: { id: f.delegates[0]!.id }, data: { active: false } });
    // What the session cookie of each still says; the server re-reads the account on every request.
    const refs = [
      { kind: "staff" as const, id: f.actors.admin.id, v: 0 },
      { kind: "delegate" as const, id: f.delegates[0]!.id, v: 0 },
    ];
    const failures: string[] = [];
    for (const ref of refs) {
      expect(await loadActor(db, ref)).toBeNull();
      for (const [path, proc] of Object.entries(PROCEDURES)) {
        if (proc._def.type === "subscription") continue; // an SSE stream over HTTP; public, and checked by the matrix above
        const r = await trpcHttp(null, path, proc._def.type, { __matrix: true }, {});
        const viaSession = await trpcHttp({ ref }, path, proc._def.type, { __matrix: true });
        const code = appCodeIn(viaSession);
        const expected = ACCESS[path] === "public" ? appCodeIn(r) : "UNAUTHENTICATED";
        if (code !== expected || (expected === "UNAUTHENTICATED" && viaSession.status !== 401))
          failures.push(`${path} as disabled ${ref.kind}: ${viaSession.status} ${code}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("the downloads (app/api/exports): each one is exactly as open as the procedure that reads what it holds", () => {
  it("every export route serves one of DOWNLOADS, and each names a procedure with a row in the matrix", () => {
    const root = path.resolve(import.meta.dirname, "../../app/api/exports");
    const routes = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts"));
    expect(routes.length).toBe(Object.keys(DOWNLOADS).length);
    for (const route of routes) {
      const source = readFileSync(path.join(root, route), "utf8");
      expect(source, route).toMatch(/export const GET = downloadRoute\(DOWNLOADS\.\w+\);/);
    }
    for (const spec of Object.values(DOWNLOADS)) expect(ACCESS[spec.procedure], spec.procedure).toBeDefined();
  });

  it("downloads every file as every role: below the procedure's rung 403, the others get the file", async () => {
    const f = await approvedSession();
    const actors = await actorsOf(f, 3);
    const t = makeTranslate(CATALOGS["zh-CN"]);
    const ids: Record<keyof typeof DOWNLOADS, string> = {
      attendance: f.session.id,
      results: f.pollId,
      progress: f.session.id,
      announcement: f.pollId,
      archive: f.session.id,
    };
    const failures: string[] = [];
    for (const [name, spec] of Object.entries(DOWNLOADS)) {
      for (const role of ROLES) {
        const caller = callerFor(actors[role], `download-${role}`);
        const res = await download(spec, caller, ids[name as keyof typeof ids], null, t, "zh-CN");
        const expected = ALLOWED[ACCESS[spec.procedure]!].includes(role) ? 200 : 403;
        if (res.status !== expected) failures.push(`${name} as ${role}: ${res.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("the ballot's own account check (delegate.cast reads the session without loading the account first)", () => {
  it("another session's open poll is NOT_FOUND to a delegate's session, whatever the choices; nothing is stored", async () => {
    const a = await createSessionFixture({ delegates: 2 });
    const b = await createSessionFixture({ delegates: 1 });
    await checkInMany(a, 2);
    await checkInMany(b, 1);
    const poll = await openPollFixture(a);
    const outsider = await b.delegate(0);
    const ref = { kind: "delegate" as const, id: outsider.id, v: outsider.v };
    for (const choices of [{}, { [poll.pollCandidates[0]!]: "FOR" }, allChoices(poll.pollCandidates)]) {
      const r = await trpcHttp({ ref }, "delegate.cast", "mutation", { pollId: poll.id, choices, idempotencyKey: newKey() });
      expect([r.status, appCodeIn(r)]).toEqual([404, "NOT_FOUND"]);
    }
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(0);
  });
});

describe("per-object checks: the right role on somebody else's object is refused, and nothing changes", () => {
  it("a department on another unit's project; a delegate on another session's poll, project and rating; a clerk at another session's desk; a non-scrutineer signing", async () => {
    const a = await approvedSession();
    const b = await approvedSession();
    const ownA = a.candidates[1]!.id; // fixture: candidate 0 belongs to another unit, 1 and 2 to the department's
    const otherUnitA = a.candidates[0]!.id;
    const plan = (candidateId: string) => ({
      candidateId,
      leadOfficial: "张主任",
      budgetWan: "100",
      deadline: "2099-12-31",
      milestones: [],
    });
    await callerFor(a.actors.dept).projects.savePlan(plan(ownA));
    await callerFor(a.actors.secretariat).projects.savePlan(plan(otherUnitA));
    const { id: noteOnOtherUnit } = await callerFor(await a.delegate(0)).projects.fileNote({
      candidateId: otherUnitA,
      kind: "INSPECTION",
      summary: "现场查看",
      body: "代表小组到现场查看……",
    });
    const { id: roundB } = await callerFor(b.actors.secretariat).projects.startRating({ sessionId: b.session.id, title: "测评" });
    const bPoll = await db.poll.findUniqueOrThrow({ where: { id: b.pollId }, include: { candidates: true } });
    const bChoices = Object.fromEntries(bPoll.candidates.map((c) => [c.id, "FOR" as const]));
    const counts = async () => [
      await db.progressUpdate.count(),
      await db.supervisionReply.count(),
      await db.supervisionNote.count(),
      await db.ballot.count(),
      await db.sealedBallot.count(),
      await db.paperEntry.count(),
      await db.scrutineerSignoff.count(),
      await db.ratingBallot.count(),
      await db.auditLog.count(),
    ];
    const before = await counts();

    const dept = callerFor(a.actors.dept);
    const delegateA = callerFor(await a.delegate(0)); // a scrutineer of session A, not of B
    const nonScrutineerB = callerFor(await b.delegate(3));
    const view = await callerFor(await b.delegate(0))
      .delegate.countForSignoff({ pollId: b.pollId })
      .catch(() => null);
    const cases: [string, () => Promise<unknown>, string][] = [
      ["department: plan of another unit's project", () => dept.projects.savePlan(plan(otherUnitA)), "FORBIDDEN"],
      [
        "department: progress on another unit's project",
        () => dept.projects.postUpdate({ candidateId: otherUnitA, body: "进度", percent: 10, spentWan: "1" }),
        "FORBIDDEN",
      ],
      ["department: reply on another unit's note", () => dept.projects.reply({ noteId: noteOnOtherUnit, body: "答复" }), "FORBIDDEN"],
      ["department of session B: plan in session A", () => callerFor(b.actors.dept).projects.savePlan(plan(ownA)), "FORBIDDEN"],
      ["delegate: another session's poll", () => delegateA.delegate.poll({ pollId: b.pollId }), "NOT_FOUND"],
      [
        "delegate: cast in another session's poll",
        () => delegateA.delegate.cast({ pollId: b.pollId, choices: bChoices, idempotencyKey: newKey() }),
        "NOT_FOUND",
      ],
      ["scrutineer: count of another session's poll", () => delegateA.delegate.countForSignoff({ pollId: b.pollId }), "NOT_FOUND"],
      [
        "scrutineer: sign another session's poll",
        () => delegateA.delegate.signOff({ pollId: b.pollId, resultHash: view?.resultHash ?? "0".repeat(64) }),
        "NOT_FOUND",
      ],
      [
        "delegate: note on another session's project",
        () => delegateA.projects.fileNote({ candidateId: b.candidates[1]!.id, kind: "SUGGESTION", summary: "建议", body: "建议内容" }),
        "NOT_FOUND",
      ],
      [
        "delegate: rate in another session's round",
        () => delegateA.projects.rate({ roundId: roundB, grades: {}, idempotencyKey: newKey() }),
        "NOT_FOUND",
      ],
      ["non-scrutineer: the count to sign", () => nonScrutineerB.delegate.countForSignoff({ pollId: b.pollId }), "NOT_SCRUTINEER"],
      [
        "clerk of session A: paper entry in session B",
        () => callerFor(a.actors.clerk1).clerk.enterPaper({ pollId: b.pollId, serial: "P-0001", choices: bChoices }),
        "FORBIDDEN",
      ],
    ];
    const wrong: string[] = [];
    for (const [name, call, expected] of cases) {
      const code = await codeOf(call());
      if (code !== expected) wrong.push(`${name}: ${code}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
