import { describe, expect, it } from "vitest";
import {
  mayClearSignInDelay,
  mayEditProject,
  mayEnterPaperBallots,
  mayFinishPaperEntry,
  maySignOff,
  staffMayAct,
  TALLY_CLERK_ROLES,
  tallyClerks,
} from "~/server/domain/permissions";

const roles = ["ADMIN", "SECRETARIAT", "CLERK", "DEPARTMENT"] as const;

describe("the staff ladder", () => {
  // Rows: the caller's role; columns: the rung a procedure requires.
  const expected: Record<(typeof roles)[number], Record<(typeof roles)[number], boolean>> = {
    ADMIN: { ADMIN: true, SECRETARIAT: true, CLERK: true, DEPARTMENT: false },
    SECRETARIAT: { ADMIN: false, SECRETARIAT: true, CLERK: true, DEPARTMENT: false },
    CLERK: { ADMIN: false, SECRETARIAT: false, CLERK: true, DEPARTMENT: false },
    DEPARTMENT: { ADMIN: false, SECRETARIAT: false, CLERK: false, DEPARTMENT: true },
  };
  for (const role of roles) {
    for (const required of roles) {
      it(`${role} ${expected[role][required] ? "may" : "may not"} act where ${required} is required`, () => {
        expect(staffMayAct(role, required)).toBe(expected[role][required]);
      });
    }
  }
});

describe("who may edit a project (its plan, its progress, answers to notes on it)", () => {
  const project = { departmentId: "unit-a" };
  it.each<[string, { role: (typeof roles)[number]; departmentId: string | null }, boolean]>([
    ["the responsible department", { role: "DEPARTMENT", departmentId: "unit-a" }, true],
    ["another department", { role: "DEPARTMENT", departmentId: "unit-b" }, false],
    ["the secretariat", { role: "SECRETARIAT", departmentId: null }, true],
    ["the administrator", { role: "ADMIN", departmentId: null }, true],
    ["a tally clerk", { role: "CLERK", departmentId: null }, false],
    ["a clerk who happens to carry the unit's id", { role: "CLERK", departmentId: "unit-a" }, false],
  ])("%s: %s", (_name, staff, may) => expect(mayEditProject(staff, project)).toBe(may));
});

describe("who may type in paper ballots, and declare their entry finished", () => {
  const session = tallyClerks([], ["c1", "c2"]);
  const poll = tallyClerks(["s1", "c1"], ["c1", "c2"]);
  it("the poll's own clerks replace the session's", () => {
    expect(session).toEqual({ scope: "SESSION", staffIds: ["c1", "c2"] });
    expect(poll).toEqual({ scope: "POLL", staffIds: ["s1", "c1"] });
  });
  it.each<[string, (typeof roles)[number], typeof session, boolean, boolean]>([
    ["c1", "CLERK", session, true, true],
    ["c2", "CLERK", poll, false, false],
    ["s1", "SECRETARIAT", session, false, true],
    ["s1", "SECRETARIAT", poll, true, true],
    ["a1", "ADMIN", session, false, true],
    ["d1", "DEPARTMENT", session, false, false],
  ])("%s (%s) among %o: enters %s, finishes %s", (id, role, clerks, enters, finishes) => {
    expect(mayEnterPaperBallots({ id }, clerks)).toBe(enters);
    expect(mayFinishPaperEntry({ id, role }, clerks)).toBe(finishes);
  });
});

describe("who may be designated a tally clerk", () => {
  it("for a session, clerk accounts only; for one poll, also the secretariat or the admin; never a department", () => {
    expect(TALLY_CLERK_ROLES).toEqual({ SESSION: ["CLERK"], POLL: ["CLERK", "SECRETARIAT", "ADMIN"] });
    expect(Object.values(TALLY_CLERK_ROLES).flat()).not.toContain("DEPARTMENT");
  });
});

describe("who may lift a delegate's sign-in wait at the desk", () => {
  it.each<[string, (typeof roles)[number], boolean]>([
    ["c1", "CLERK", true],
    ["c9", "CLERK", false],
    ["s1", "SECRETARIAT", true],
    ["a1", "ADMIN", true],
    ["d1", "DEPARTMENT", false],
  ])("%s (%s) beside the session's clerks c1, c2: %s", (id, role, may) =>
    expect(mayClearSignInDelay({ id, role }, ["c1", "c2"])).toBe(may),
  );
});

describe("who may confirm a count (sign off)", () => {
  it("a scrutineer of the session, and no other delegate", () => {
    expect(maySignOff({ id: "d1" }, ["d1", "d2"])).toBe(true);
    expect(maySignOff({ id: "d3" }, ["d1", "d2"])).toBe(false);
    expect(maySignOff({ id: "d1" }, [])).toBe(false);
  });
});
