import { describe, expect, it } from "vitest";
import { staffMayAct } from "~/server/auth/actor";

describe("the staff ladder", () => {
  const roles = ["ADMIN", "SECRETARIAT", "CLERK", "DEPARTMENT"] as const;
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
