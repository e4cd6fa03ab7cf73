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
  /** The cookie's token id: signing out ends this one sign-in (EndedSession). Absent only for references the server made itself. */
  jti?: string;
}

/** A delegate's session reference whose check is left to the statement that uses it (castBallot). */
export type DelegateRef = ActorRef & { kind: "delegate" };

/**
 * Turns a session reference into an Actor, or null when the account was disabled or
 * its authVersion moved on (disable, PIN reset, card reissue), or this cookie was signed
 * out: that is what makes "disabling an account ends its sessions at once" and "signing out
 * ends the session" true on every app server, for a copy of the cookie too.
 */
export async function loadActor(db: Db, ref: ActorRef | null | undefined): Promise<Actor | null> {
  if (!ref) return null;
  // Side by side with the account's read, so a signed-out cookie costs no extra round trip.
  const ended = ref.jti ? db.endedSession.findUnique({ where: { jti: ref.jti }, select: { jti: true } }) : null;
  if (ref.kind === "delegate") {
    const [d, signedOut] = await Promise.all([
      db.delegate.findUnique({
        where: { id: ref.id },
        select: { id: true, name: true, sessionId: true, active: true, authVersion: true },
      }),
      ended,
    ]);
    if (!d || !accountHolds(d, ref, !!signedOut)) return null;
    return { kind: "delegate", id: d.id, name: d.name, sessionId: d.sessionId, v: d.authVersion };
  }
  const [s, signedOut] = await Promise.all([
    db.staffUser.findUnique({
      where: { id: ref.id },
      select: { id: true, displayName: true, role: true, departmentId: true, active: true, authVersion: true },
    }),
    ended,
  ]);
  if (!s || !accountHolds(s, ref, !!signedOut)) return null;
  return { kind: "staff", id: s.id, name: s.displayName, role: s.role, departmentId: s.departmentId, v: s.authVersion };
}

/** Whether a session reference still stands for its account: active, at its authVersion, not signed out. */
export function accountHolds(account: { active: boolean; authVersion: number }, ref: ActorRef, signedOut: boolean): boolean {
  return account.active && account.authVersion === ref.v && !signedOut;
}

/** Where an account starts after signing in: its own home. */
export function homePathOf(actor: Actor): string {
  if (actor.kind === "delegate") return "/delegate";
  return actor.role === "CLERK" ? "/clerk" : actor.role === "DEPARTMENT" ? "/department" : "/secretariat";
}
