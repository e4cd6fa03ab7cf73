import "server-only";
import { randomBytes } from "node:crypto";
import type { StaffActor } from "../auth/actor";
import { hashLoginToken } from "../auth/sign-in";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import { recordReissue } from "./credential-reissues";

/**
 * Issues the one-time sign-in token for a delegate's card QR code. Issuing a new one
 * revokes every earlier unused token of that delegate (a reissued card replaces the old
 * one) and ends the delegate's open sessions (recordReissue). Only the hash is stored; the
 * token itself is returned once, to be printed.
 */
export async function issueLoginToken(db: Db, actor: StaffActor, delegateId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.$transaction(async (tx) => {
    const d = await tx.delegate.findUnique({ where: { id: delegateId }, select: { sessionId: true } });
    if (!d) throw new AppError("NOT_FOUND");
    await tx.loginToken.updateMany({ where: { delegateId, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.loginToken.create({ data: { delegateId, tokenHash: hashLoginToken(token) } });
    await recordReissue(tx, actor, "token", d.sessionId, [delegateId]);
  });
  return token;
}
