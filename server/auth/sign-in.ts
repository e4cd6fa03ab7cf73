import "server-only";
import { createHash } from "node:crypto";
import type { TSignInInput } from "~/lib/schemas/sign-in";
import type { Db } from "../db";
import { AppError } from "../errors";
import { appendAudit } from "../services/audit";
import type { ActorRef } from "./actor";
import { DUMMY_HASH, verifySecret } from "./password";
import { ACCOUNT_RULE, claimAttempt, clearAttempts, throttleKey, UNKNOWN_RULE } from "./throttle";

export function hashLoginToken(token: string): string {
  return createHash("sha256").update(`minsheng-login-token\n${token}`).digest("hex");
}

/**
 * The attempt is recorded (and refused if it must wait) before the secret is checked: on the
 * account when it exists, else on the client address's bucket for unknown names
 * (throttle.ts). Unknown names still spend a hash's time, as a real account would.
 */
async function verifyThrottled(
  db: Db,
  account: { kind: "delegate" | "staff"; id: string; hash: string } | null,
  secret: string,
  client: string,
): Promise<boolean> {
  if (!account) {
    await claimAttempt(db, throttleKey.unknown(client), UNKNOWN_RULE);
    await verifySecret(secret, DUMMY_HASH);
    return false;
  }
  const key = throttleKey.account(account.kind, account.id);
  await claimAttempt(db, key, ACCOUNT_RULE);
  const ok = await verifySecret(secret, account.hash);
  if (ok) await clearAttempts(db, key);
  return ok;
}

export async function signInDelegateWithPin(db: Db, cardCode: string, pin: string, client: string): Promise<ActorRef> {
  const d = await db.delegate.findUnique({
    where: { cardCode: cardCode.trim().toUpperCase() },
    select: { id: true, pinHash: true, active: true, authVersion: true },
  });
  const ok = await verifyThrottled(db, d && { kind: "delegate", id: d.id, hash: d.pinHash }, pin, client);
  if (!d || !ok) throw new AppError("INVALID_CREDENTIALS");
  if (!d.active) throw new AppError("ACCOUNT_DISABLED");
  return { kind: "delegate", id: d.id, v: d.authVersion };
}

/** The QR code on a delegate card carries a one-time token: using it consumes it. */
export async function signInDelegateWithToken(db: Db, token: string, client: string): Promise<ActorRef> {
  const tokenHash = hashLoginToken(token.trim());
  // Tokens are long and random, so guessing one is hopeless; what is capped is a flood of
  // invalid ones from one address, in the unknown-names bucket. A valid token always signs in.
  const signedIn = await db.$transaction(async (tx) => {
    // Conditional update: of two phones scanning the same card at once, exactly one wins.
    const used = await tx.loginToken.updateMany({ where: { tokenHash, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
    const row = await tx.loginToken.findUnique({
      where: { tokenHash },
      select: { delegate: { select: { id: true, active: true, authVersion: true, sessionId: true } } },
    });
    if (used.count !== 1 || !row) return null;
    if (!row.delegate.active) throw new AppError("ACCOUNT_DISABLED");
    await appendAudit(
      tx,
      { kind: "delegate", id: row.delegate.id, name: "", sessionId: row.delegate.sessionId, v: row.delegate.authVersion },
      {
        action: "auth.token.used",
        entityType: "Delegate",
        entityId: row.delegate.id,
        sessionId: row.delegate.sessionId,
      },
    );
    return { kind: "delegate" as const, id: row.delegate.id, v: row.delegate.authVersion };
  });
  if (signedIn) return signedIn;
  await claimAttempt(db, throttleKey.unknown(client), UNKNOWN_RULE);
  throw new AppError("TOKEN_INVALID");
}

export async function signInStaff(db: Db, username: string, password: string, client: string): Promise<ActorRef> {
  const s = await db.staffUser.findUnique({
    where: { username: username.trim().toLowerCase() },
    select: { id: true, passwordHash: true, active: true, authVersion: true },
  });
  const ok = await verifyThrottled(db, s && { kind: "staff", id: s.id, hash: s.passwordHash }, password, client);
  if (!s || !ok) throw new AppError("INVALID_CREDENTIALS");
  if (!s.active) throw new AppError("ACCOUNT_DISABLED");
  return { kind: "staff", id: s.id, v: s.authVersion };
}

/** Whichever way the form signed in: the card code and PIN, the card's QR token, or a staff account. */
export function signInWith(db: Db, input: TSignInInput, client: string): Promise<ActorRef> {
  switch (input.kind) {
    case "delegate":
      return signInDelegateWithPin(db, input.cardCode, input.pin, client);
    case "token":
      return signInDelegateWithToken(db, input.token, client);
    case "staff":
      return signInStaff(db, input.username, input.password, client);
  }
}
