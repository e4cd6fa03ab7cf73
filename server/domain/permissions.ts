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

/** A poll's tally clerks (计票人): those designated for the poll if any, else the session's. */
export interface TallyClerks {
  scope: "POLL" | "SESSION";
  staffIds: string[];
}

export function tallyClerks(pollClerkIds: string[], sessionClerkIds: string[]): TallyClerks {
  return pollClerkIds.length > 0 ? { scope: "POLL", staffIds: pollClerkIds } : { scope: "SESSION", staffIds: sessionClerkIds };
}

/**
 * Who may type in a poll's paper ballots: its tally clerks and nobody else — not the
 * secretariat, not the admin, unless designated, which the scrutineers see (DESIGN §4 promise 7).
 */
export function mayEnterPaperBallots(staff: { id: string }, clerks: TallyClerks): boolean {
  return clerks.staffIds.includes(staff.id);
}

/** Who may declare a poll's paper entry finished, so that its count comes into being: its tally clerks, or the secretariat. */
export function mayFinishPaperEntry(staff: { id: string; role: StaffRole }, clerks: TallyClerks): boolean {
  return mayEnterPaperBallots(staff, clerks) || staffMayAct(staff.role, "SECRETARIAT");
}

/**
 * Who may be designated a tally clerk: for a session, its CLERK accounts; for one poll, also
 * a secretariat or admin account (the scrutineers see who was). Never a department.
 */
export const TALLY_CLERK_ROLES = {
  SESSION: ["CLERK"],
  POLL: ["CLERK", "SECRETARIAT", "ADMIN"],
} as const satisfies Record<TallyClerks["scope"], readonly StaffRole[]>;

/**
 * Who may lift, at the desk, the wait that wrong PINs put on a delegate's card: a tally clerk
 * of the delegate's own session (who has checked the card against the person), or the secretariat.
 */
export function mayClearSignInDelay(staff: { id: string; role: StaffRole }, sessionClerkIds: readonly string[]): boolean {
  return sessionClerkIds.includes(staff.id) || staffMayAct(staff.role, "SECRETARIAT");
}

/**
 * Who may see a closed poll's count to confirm it, and sign it off (certification needs
 * SIGNOFFS_REQUIRED of them): the scrutineers (监票人) of the poll's session — delegates the
 * secretariat chose, never a staff account.
 */
export function maySignOff(delegate: { id: string }, scrutineerIds: readonly string[]): boolean {
  return scrutineerIds.includes(delegate.id);
}
