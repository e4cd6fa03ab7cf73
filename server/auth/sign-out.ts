import "server-only";
import type { Db } from "../db";
import { notifySession } from "../services/notify";
import type { ActorRef } from "./actor";

/**
 * Signing out ends this one sign-in on the server: the cookie's token id is kept as ended
 * until the token would have expired, so a copy of the cookie (another tab, a proxy's log, a
 * borrowed phone) is refused at once by every app server. The account's other sessions go
 * on: a delegate who signs out of a borrowed phone is still signed in on their own.
 * Ended rows past their expiry are cleared here, so the table holds at most a day's sign-outs.
 * A delegate's live stream opened with this cookie is told to check its sign-in, and ends.
 */
export async function endSession(db: Db, claims: Record<string, unknown> | null | undefined): Promise<void> {
  if (typeof claims?.jti !== "string") return;
  const expiresAt = new Date((typeof claims.exp === "number" ? claims.exp : Date.now() / 1000 + 24 * 60 * 60) * 1000);
  const jti = claims.jti;
  const ref = claims.ref as Partial<ActorRef> | undefined;
  await db.$transaction(async (tx) => {
    await tx.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    await tx.endedSession.createMany({ data: [{ jti, expiresAt }], skipDuplicates: true });
    if (ref?.kind !== "delegate" || typeof ref.id !== "string") return;
    const delegate = await tx.delegate.findUnique({ where: { id: ref.id }, select: { sessionId: true } });
    if (delegate) await notifySession(tx, delegate.sessionId, "account", ref.id);
  });
}
