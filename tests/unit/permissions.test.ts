import { describe, expect, it } from "vitest";
import { mayEditProject, mayEnterPaperBallots, staffMayAct } from "~/server/domain/permissions";

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

describe("who may type in paper ballots", () => {
  it.each<[(typeof roles)[number], boolean, boolean]>([
    ["CLERK", true, true],
    ["CLERK", false, false],
    ["SECRETARIAT", false, true],
    ["ADMIN", false, true],
    ["DEPARTMENT", false, false],
  ])("%s (designated clerk of the session: %s): %s", (role, designated, may) =>
    expect(mayEnterPaperBallots({ role }, designated)).toBe(may),
  );
});
