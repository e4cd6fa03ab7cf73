import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import QRCode from "qrcode";
import type { StaffActor } from "../auth/actor";
import { hashSecret } from "../auth/password";
import { hashLoginToken } from "../auth/sign-in";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import type { TDelegateCard } from "~/lib/schemas/session-setup";
import { recordReissue } from "./credential-reissues";

/**
 * Printing cards issues each printed delegate a fresh one-time QR token and revokes the
 * tokens of earlier prints: only the newest card signs in, and sessions signed in with an
 * older one end (recordReissue). Tokens are stored hashed;
 * the QR codes exist only on this sheet.
 */
export async function printDelegateCards(
  db: Db,
  actor: StaffActor,
  sessionId: string,
  origin: string,
  delegateIds?: string[],
): Promise<TDelegateCard[]> {
  const delegates = await db.delegate.findMany({
    where: { sessionId, active: true, ...(delegateIds ? { id: { in: delegateIds } } : {}) },
    orderBy: [{ delegation: { sortOrder: "asc" } }, { seat: "asc" }],
    select: { id: true, name: true, seat: true, cardCode: true, delegation: { select: { name: true } } },
  });
  if (delegates.length === 0) throw new AppError("NOT_FOUND");
  const tokens = delegates.map(() => randomBytes(24).toString("base64url"));
  await db.$transaction(async (tx) => {
    const ids = delegates.map((d) => d.id);
    await tx.loginToken.updateMany({ where: { delegateId: { in: ids }, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.loginToken.createMany({ data: delegates.map((d, i) => ({ delegateId: d.id, tokenHash: hashLoginToken(tokens[i]!) })) });
    await recordReissue(tx, actor, "card", sessionId, ids);
  });
  return Promise.all(
    delegates.map(async (d, i) => {
      const loginPath = `/t/${tokens[i]}`;
      return {
        id: d.id,
        name: d.name,
        delegationName: d.delegation.name,
        seat: d.seat,
        cardCode: d.cardCode,
        loginPath,
        qrSvg: await QRCode.toString(`${origin}${loginPath}`, { type: "svg", errorCorrectionLevel: "M", margin: 1 }),
      };
    }),
  );
}

/** A new 6-digit PIN, shown once to the clerk; the delegate's open sessions end. Audited. */
export async function resetDelegatePin(db: Db, actor: StaffActor, delegateId: string): Promise<string> {
  const pin = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const pinHash = await hashSecret(pin);
  await db.$transaction(async (tx) => {
    const d = await tx.delegate.findUnique({ where: { id: delegateId }, select: { sessionId: true } });
    if (!d) throw new AppError("NOT_FOUND");
    await tx.delegate.update({ where: { id: delegateId }, data: { pinHash } });
    await recordReissue(tx, actor, "pin", d.sessionId, [delegateId]);
  });
  return pin;
}
