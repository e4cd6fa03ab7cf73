import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import type { TReissue } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";

/** How a delegate got a working sign-in again: a QR token, a new PIN, a reprinted card. */
export type ReissueKind = "token" | "pin" | "card";
const KIND: Record<ReissueKind, TReissue["kind"]> = { token: "LOGIN_TOKEN", pin: "PIN", card: "CARD" };

/**
 * Every way to hand a delegate a working sign-in goes through here, in the same
 * transaction (DESIGN §4b): it ends the delegate's other sessions at once (authVersion —
 * whoever held the old credential is signed out before the new one is used), and it is
 * audited as `credentials.<kind>`, naming the poll open at that moment and whether the
 * delegate had already voted in it, so the scrutineers see before they sign who got new
 * credentials while the poll was open, from whom, and whether a vote followed.
 */
export async function recordReissue(tx: Tx, actor: StaffActor, kind: ReissueKind, sessionId: string, delegateIds: string[]): Promise<void> {
  await tx.delegate.updateMany({ where: { id: { in: delegateIds } }, data: { authVersion: { increment: 1 } } });
  // Their live streams, opened with the sessions just ended, check and end (delegate.live).
  for (const delegateId of delegateIds) await notifySession(tx, sessionId, "account", delegateId);
  const open = await tx.poll.findFirst({ where: { sessionId, status: "OPEN" }, select: { id: true } });
  const voted = open
    ? new Set(
        (
          await tx.participation.findMany({ where: { pollId: open.id, delegateId: { in: delegateIds } }, select: { delegateId: true } })
        ).map((p) => p.delegateId),
      )
    : new Set<string>();
  for (const delegateId of delegateIds) {
    await appendAudit(tx, actor, {
      action: `credentials.${kind}`,
      entityType: "Delegate",
      entityId: delegateId,
      sessionId,
      data: { pollId: open?.id ?? null, votedBefore: voted.has(delegateId) },
    });
  }
}

/** The credentials reissued while this poll was open, oldest first, as the scrutineers' page lists them. */
export async function reissuesDuring(db: Db, pollId: string): Promise<TReissue[]> {
  const rows = await db.auditLog.findMany({
    where: { action: { startsWith: "credentials." }, data: { path: ["pollId"], equals: pollId } },
    orderBy: { seq: "asc" },
    select: { at: true, action: true, actorId: true, entityId: true, data: true },
  });
  const delegateIds = rows.map((r) => r.entityId!);
  const [delegates, staff, took] = await Promise.all([
    db.delegate.findMany({ where: { id: { in: delegateIds } }, select: { id: true, name: true, seat: true } }),
    db.staffUser.findMany({ where: { id: { in: rows.map((r) => r.actorId!) } }, select: { id: true, displayName: true } }),
    db.participation.findMany({ where: { pollId, delegateId: { in: delegateIds } }, select: { delegateId: true, kind: true } }),
  ]);
  const delegate = new Map(delegates.map((d) => [d.id, d]));
  const staffName = new Map(staff.map((s) => [s.id, s.displayName]));
  const kindOf = new Map(took.map((p) => [p.delegateId, p.kind]));
  return rows.map((r) => {
    const d = delegate.get(r.entityId!);
    const votedBefore = (r.data as { votedBefore?: boolean }).votedBefore === true;
    const after = kindOf.get(r.entityId!);
    return {
      delegateName: d?.name ?? "",
      seat: d?.seat ?? "",
      kind: KIND[r.action.slice("credentials.".length) as ReissueKind],
      byName: staffName.get(r.actorId!) ?? "",
      at: r.at,
      voted: votedBefore ? "BEFORE" : after === "PHONE" ? "PHONE_AFTER" : after === "PAPER" ? "PAPER_AFTER" : "NO",
    };
  });
}
