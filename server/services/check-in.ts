import "server-only";
import type { Actor, StaffActor, DelegateActor } from "../auth/actor";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import type { TCheckInResult, TDelegateRow } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";

export async function setCheckInOpen(db: Db, actor: StaffActor, sessionId: string, open: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const s = await tx.congressSession.findUnique({ where: { id: sessionId }, select: { checkInOpen: true } });
    if (!s) throw new AppError("NOT_FOUND");
    if (s.checkInOpen === open) return; // already so: nothing to change, nothing to audit
    await tx.congressSession.update({ where: { id: sessionId }, data: { checkInOpen: open } });
    await appendAudit(tx, actor, {
      action: open ? "checkin.opened" : "checkin.closed",
      entityType: "CongressSession",
      entityId: sessionId,
      sessionId,
    });
    await notifySession(tx, sessionId, "check-in");
  });
}

/**
 * Checking in twice is not an error a delegate should see: the second tap (or a retry
 * after a lost response) answers with the first check-in's time. The unique key on
 * delegateId settles concurrent taps.
 */
async function checkIn(db: Db, actor: Actor, delegateId: string, method: "SELF" | "DESK"): Promise<TCheckInResult> {
  return db.$transaction(async (tx) => {
    const d = await tx.delegate.findUnique({
      where: { id: delegateId },
      select: { sessionId: true, active: true, session: { select: { checkInOpen: true } }, checkIn: { select: { checkedInAt: true } } },
    });
    if (!d || !d.active) throw new AppError("NOT_FOUND");
    if (d.checkIn) return { checkedInAt: d.checkIn.checkedInAt, already: true };
    if (!d.session.checkInOpen) throw new AppError("CHECK_IN_CLOSED");
    const inserted = await tx.$queryRaw<{ checkedInAt: Date }[]>`
      INSERT INTO "CheckIn" ("id", "sessionId", "delegateId", "method", "byStaffId", "checkedInAt")
      VALUES (gen_random_uuid()::text, ${d.sessionId}, ${delegateId}, ${method}::"CheckInMethod", ${actor.kind === "staff" ? actor.id : null}, now())
      ON CONFLICT ("delegateId") DO NOTHING
      RETURNING "checkedInAt"`;
    const row = inserted[0];
    if (!row) {
      const existing = await tx.checkIn.findUniqueOrThrow({ where: { delegateId }, select: { checkedInAt: true } });
      return { checkedInAt: existing.checkedInAt, already: true };
    }
    // NOTIFY is delivered at commit whatever its place: before the audit's lock, it keeps the queue short.
    await notifySession(tx, d.sessionId, "check-in", delegateId);
    await appendAudit(tx, actor, {
      action: "checkin.recorded",
      entityType: "Delegate",
      entityId: delegateId,
      sessionId: d.sessionId,
      data: { method },
    });
    return { checkedInAt: row.checkedInAt, already: false };
  });
}

export function selfCheckIn(db: Db, actor: DelegateActor): Promise<TCheckInResult> {
  return checkIn(db, actor, actor.id, "SELF");
}

export function deskCheckIn(db: Db, actor: StaffActor, delegateId: string): Promise<TCheckInResult> {
  return checkIn(db, actor, delegateId, "DESK");
}

/** The desk clerk's search: by name, seat or card code. */
export async function findDelegates(db: Db, sessionId: string, query: string): Promise<TDelegateRow[]> {
  const rows = await db.delegate.findMany({
    where: {
      sessionId,
      active: true,
      OR: [{ name: { contains: query } }, { seat: { startsWith: query } }, { cardCode: { startsWith: query.toUpperCase() } }],
    },
    orderBy: { seat: "asc" },
    take: 20,
    select: {
      id: true,
      name: true,
      seat: true,
      cardCode: true,
      delegation: { select: { name: true } },
      checkIn: { select: { checkedInAt: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    seat: r.seat,
    cardCode: r.cardCode,
    delegationName: r.delegation.name,
    checkedInAt: r.checkIn?.checkedInAt ?? null,
  }));
}
