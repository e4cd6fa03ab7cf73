import "server-only";
import { randomBytes } from "node:crypto";
import type { StaffActor } from "../auth/actor";
import { hashLoginToken } from "../auth/sign-in";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import { appendAudit } from "./audit";

/**
 * Issues the one-time sign-in token for a delegate's card QR code. Issuing a new one
 * revokes every earlier unused token of that delegate (a reissued card replaces the old
 * one). Only the hash is stored; the token itself is returned once, to be printed.
 */
export async function issueLoginToken(db: Db, actor: StaffActor, delegateId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.$transaction(async (tx) => {
    const d = await tx.delegate.findUnique({ where: { id: delegateId }, select: { sessionId: true } });
    if (!d) throw new AppError("NOT_FOUND");
    const revoked = await tx.loginToken.updateMany({
      where: { delegateId, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.loginToken.create({ data: { delegateId, tokenHash: hashLoginToken(token) } });
    await appendAudit(tx, actor, {
      action: "auth.token.issued",
      entityType: "Delegate",
      entityId: delegateId,
      sessionId: d.sessionId,
      data: { revoked: revoked.count },
    });
  });
  return token;
}
