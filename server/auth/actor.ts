import "server-only";
import type { StaffRole } from "../generated/prisma/enums";
import type { Db } from "../db";

/** Who is calling, as established by the server for each request — never taken from the client. `v` is the authVersion it was checked against. */
export type Actor =
  | { kind: "delegate"; id: string; name: string; sessionId: string; v: number }
  | { kind: "staff"; id: string; name: string; role: StaffRole; departmentId: string | null; v: number };

export type StaffActor = Extract<Actor, { kind: "staff" }>;
export type DelegateActor = Extract<Actor, { kind: "delegate" }>;

/** What the signed session cookie carries; re-checked against the database on every request. */
export interface ActorRef {
  kind: "delegate" | "staff";
  id: string;
  v: number;
}

/** A delegate's session reference whose check is left to the statement that uses it (castBallot). */
export type DelegateRef = ActorRef & { kind: "delegate" };

/**
 * Turns a session reference into an Actor, or null when the account was disabled or
 * its authVersion moved on (disable, PIN reset, card reissue): that is what makes
 * "disabling an account ends its sessions at once" true on every app server.
 */
export async function loadActor(db: Db, ref: ActorRef | null | undefined): Promise<Actor | null> {
  if (!ref) return null;
  if (ref.kind === "delegate") {
    const d = await db.delegate.findUnique({
      where: { id: ref.id },
      select: { id: true, name: true, sessionId: true, active: true, authVersion: true },
    });
    if (!d || !d.active || d.authVersion !== ref.v) return null;
    return { kind: "delegate", id: d.id, name: d.name, sessionId: d.sessionId, v: d.authVersion };
  }
  const s = await db.staffUser.findUnique({
    where: { id: ref.id },
    select: { id: true, displayName: true, role: true, departmentId: true, active: true, authVersion: true },
  });
  if (!s || !s.active || s.authVersion !== ref.v) return null;
  return { kind: "staff", id: s.id, name: s.displayName, role: s.role, departmentId: s.departmentId, v: s.authVersion };
}

/** Where an account starts after signing in: its own home. */
export function homePathOf(actor: Actor): string {
  if (actor.kind === "delegate") return "/delegate";
  return actor.role === "CLERK" ? "/clerk" : actor.role === "DEPARTMENT" ? "/department" : "/secretariat";
}
