import type { StaffRole } from "../generated/prisma/enums";

/**
 * Who may do what, per role and per object. The procedure ladder (server/api/trpc.ts)
 * asks staffMayAct for the rung; services ask the per-object rules below.
 */

const STAFF_RANK: Record<StaffRole, number> = { DEPARTMENT: 1, CLERK: 1, SECRETARIAT: 2, ADMIN: 3 };

/** The ladder: ADMIN may do what SECRETARIAT may; SECRETARIAT may do what a CLERK may. DEPARTMENT is its own rung. */
export function staffMayAct(role: StaffRole, required: StaffRole): boolean {
  if (required === "DEPARTMENT") return role === "DEPARTMENT";
  if (required === "CLERK") return role === "CLERK" || STAFF_RANK[role] >= 2;
  return role !== "DEPARTMENT" && role !== "CLERK" && STAFF_RANK[role] >= STAFF_RANK[required];
}

/**
 * Who may edit a project after the vote (its plan, its progress, the answers to
 * supervision notes on it): the secretariat, and the department responsible for it.
 */
export function mayEditProject(staff: { role: StaffRole; departmentId: string | null }, project: { departmentId: string }): boolean {
  const own = staff.role === "DEPARTMENT" && staff.departmentId === project.departmentId;
  return own || staffMayAct(staff.role, "SECRETARIAT");
}

/** Who may type in a session's paper ballots: its designated tally clerks, and the secretariat. */
export function mayEnterPaperBallots(staff: { role: StaffRole }, designatedClerk: boolean): boolean {
  return designatedClerk || staffMayAct(staff.role, "SECRETARIAT");
}
