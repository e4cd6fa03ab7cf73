import "server-only";
import type { StaffActor } from "../auth/actor";
import { throttleKey } from "../auth/throttle";
import type { Db } from "../db-client";
import { mayClearSignInDelay } from "../domain/permissions";
import { AppError } from "../errors";
import { appendAudit } from "./audit";

/**
 * At the desk, once the clerk has checked the delegate's card against the person: the wait a
 * run of wrong PINs put on that card is lifted, so the delegate signs in at once. A clerk of
 * the delegate's own session, or the secretariat; audited whether or not there was a wait.
 */
export async function clearSignInDelay(db: Db, actor: StaffActor, delegateId: string): Promise<{ cleared: boolean }> {
  return db.$transaction(async (tx) => {
    const d = await tx.delegate.findUnique({ where: { id: delegateId }, select: { sessionId: true, active: true } });
    if (!d || !d.active) throw new AppError("NOT_FOUND");
    const clerks = await tx.sessionClerk.findMany({ where: { sessionId: d.sessionId }, select: { staffId: true } });
    const clerkIds = clerks.map((c) => c.staffId);
    if (!mayClearSignInDelay(actor, clerkIds)) throw new AppError("FORBIDDEN");
    const { count } = await tx.signInThrottle.deleteMany({ where: { key: throttleKey.account("delegate", delegateId) } });
    await appendAudit(tx, actor, {
      action: "auth.delay.cleared",
      entityType: "Delegate",
      entityId: delegateId,
      sessionId: d.sessionId,
      data: { hadDelay: count > 0 },
    });
    return { cleared: count > 0 };
  });
}
