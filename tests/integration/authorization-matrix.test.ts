import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { appCodeOf, createCallerFactory, createContextFor } from "~/server/api/trpc";
import type { Actor } from "~/server/auth/actor";
import { loadActor } from "~/server/auth/actor";
import { callerFor, createSessionFixture, db } from "./fixtures";

/**
 * Who may call each procedure at all (per-object checks come on top, in other tests).
 * A procedure added without a row here fails this test: every new procedure must
 * declare who may call it.
 */
type Rung = "public" | "delegate" | "staff" | "clerk" | "secretariat" | "admin";
const ACCESS: Record<string, Rung> = {
  "public.currentSession": "public",
  "public.candidate": "public",
  "public.publishedPolls": "public",
  "public.result": "public",
  "public.lookupTracker": "public",
  "public.turnout": "public",
  "public.liveTurnout": "public",
  "delegate.me": "delegate",
  "delegate.state": "delegate",
  "delegate.checkIn": "delegate",
  "delegate.poll": "delegate",
  "delegate.cast": "delegate",
  "delegate.countForSignoff": "delegate",
  "delegate.signOff": "delegate",
  "clerk.session": "clerk",
  "clerk.paperPoll": "clerk",
  "clerk.enterPaper": "clerk",
  "clerk.paperStatus": "clerk",
  "secretariat.overview": "secretariat",
  "secretariat.turnout": "secretariat",
  "secretariat.setCheckInOpen": "secretariat",
  "secretariat.findDelegates": "clerk",
  "secretariat.deskCheckIn": "clerk",
  "secretariat.issueLoginToken": "secretariat",
  "secretariat.polls": "secretariat",
  "secretariat.poll": "secretariat",
  "secretariat.createPoll": "secretariat",
  "secretariat.openPoll": "secretariat",
  "secretariat.closePoll": "secretariat",
  "secretariat.voidPoll": "secretariat",
  "secretariat.publishPoll": "secretariat",
  "secretariat.createRunoff": "secretariat",
  "setup.congresses": "secretariat",
  "setup.sessions": "secretariat",
  "setup.session": "secretariat",
  "setup.createSession": "secretariat",
  "setup.addDelegation": "secretariat",
  "setup.setScrutineers": "secretariat",
  "setup.setClerks": "secretariat",
  "setup.printCards": "secretariat",
  "setup.resetPin": "secretariat",
  "setup.setDelegateActive": "secretariat",
  "setup.delegates": "secretariat",
  "roster.preview": "secretariat",
  "roster.import": "secretariat",
  "slate.list": "secretariat",
  "slate.departments": "secretariat",
  "slate.suggestions": "secretariat",
  "slate.create": "secretariat",
  "slate.update": "secretariat",
  "slate.delete": "secretariat",
  "slate.reorder": "secretariat",
  "accounts.list": "admin",
  "accounts.create": "admin",
  "accounts.update": "admin",
  "accounts.audit": "secretariat",
  "projects.list": "public",
  "projects.get": "public",
  "projects.suggest": "public",
  "projects.feedback": "public",
  "projects.ratingResults": "public",
  "projects.savePlan": "staff",
  "projects.postUpdate": "staff",
  "projects.reply": "staff",
  "projects.mine": "staff",
  "projects.fileNote": "delegate",
  "projects.openRound": "delegate",
  "projects.rate": "delegate",
  "projects.supervision": "secretariat",
  "projects.pending": "secretariat",
  "projects.moderate": "secretariat",
  "projects.startRating": "secretariat",
  "projects.closeRating": "secretariat",
  "projects.publishRating": "secretariat",
  "projects.ratingCounts": "secretariat",
  "projects.rounds": "secretariat",
};

type Role = "anonymous" | "delegate" | "department" | "clerk" | "secretariat" | "admin";
const ALLOWED: Record<Rung, Role[]> = {
  public: ["anonymous", "delegate", "department", "clerk", "secretariat", "admin"],
  delegate: ["delegate"],
  staff: ["department", "clerk", "secretariat", "admin"],
  clerk: ["clerk", "secretariat", "admin"],
  secretariat: ["secretariat", "admin"],
  admin: ["admin"],
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;

describe("the authorization matrix", () => {
  it("has a row for every procedure (and none for a procedure that no longer exists)", () => {
    expect(Object.keys(procedures).filter((p) => !(p in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((p) => !(p in procedures))).toEqual([]);
  });

  it("refuses every procedure to every role below its rung, before looking at the input", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const actors: Record<Role, Actor | null> = {
      anonymous: null,
      delegate: await f.delegate(0),
      department: f.actors.dept,
      clerk: f.actors.clerk1,
      secretariat: f.actors.secretariat,
      admin: f.actors.admin,
    };
    const createCaller = createCallerFactory(appRouter);
    const failures: string[] = [];
    for (const [path, proc] of Object.entries(procedures)) {
      if (proc._def.type === "subscription") continue; // the SSE subscription is public; checked in e2e
      const rung = ACCESS[path]!;
      for (const [role, actor] of Object.entries(actors) as [Role, Actor | null][]) {
        const caller = createCaller(createContextFor(actor, `matrix-${role}`)) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
        const [ns, name] = path.split(".") as [string, string];
        let code = "OK";
        try {
          // Deliberately malformed input: an allowed caller gets past the gate to BAD_INPUT
          // (or NOT_FOUND, or a result); a refused one never reaches input parsing.
          await caller[ns]![name]!({ __matrix: true });
        } catch (e) {
          code = e instanceof TRPCError ? appCodeOf(e) : "THREW";
        }
        const refused = code === "UNAUTHENTICATED" || code === "FORBIDDEN";
        const shouldRefuse = !ALLOWED[rung].includes(role);
        if (refused !== shouldRefuse || code === "THREW" || code === "INTERNAL") failures.push(`${path} as ${role}: ${code}`);
        if (shouldRefuse && refused) expect(code).toBe(actor ? "FORBIDDEN" : "UNAUTHENTICATED");
      }
    }
    expect(failures).toEqual([]);
  });

  it("a disabled account is anonymous on every procedure", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    await db.staffUser.update({ where: { id: f.actors.secretariat.id }, data: { active: false } });
    const disabled = await loadActor(db, { kind: "staff", id: f.actors.secretariat.id, v: 0 });
    expect(disabled).toBeNull();
    await expect(callerFor(disabled).secretariat.polls({ sessionId: f.session.id })).rejects.toThrow("UNAUTHENTICATED");
  });
});
