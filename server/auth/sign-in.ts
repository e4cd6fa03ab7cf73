import "server-only";
import { createHash } from "node:crypto";
import type { TSignInInput } from "~/lib/schemas/sign-in";
import type { Db } from "../db";
import { AppError } from "../errors";
import { appendAudit } from "../services/audit";
import type { ActorRef } from "./actor";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "./rate-limit";
import { DUMMY_HASH, verifySecret } from "./password";

// A wrong PIN is cheap to try and delegates' PINs are short, so failures are capped per
// account and per client address. The per-client cap is generous because a whole hall
// may share one Wi-Fi address.
const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_CLIENT = 60;

export function hashLoginToken(token: string): string {
  return createHash("sha256").update(`minsheng-login-token\n${token}`).digest("hex");
}

async function guard(db: Db, accountKey: string, clientKey: string) {
  const [account, client] = await Promise.all([
    peekRateLimit(db, accountKey, WINDOW_SECONDS),
    peekRateLimit(db, clientKey, WINDOW_SECONDS),
  ]);
  if (account >= MAX_FAILURES_PER_ACCOUNT || client >= MAX_FAILURES_PER_CLIENT) throw new AppError("RATE_LIMITED");
}

async function fail(db: Db, accountKey: string, clientKey: string, code: "INVALID_CREDENTIALS" | "TOKEN_INVALID"): Promise<never> {
  await Promise.all([hitRateLimit(db, accountKey, WINDOW_SECONDS), hitRateLimit(db, clientKey, WINDOW_SECONDS)]);
  throw new AppError(code);
}

export async function signInDelegateWithPin(db: Db, cardCode: string, pin: string, client: string): Promise<ActorRef> {
  const code = cardCode.trim().toUpperCase();
  const accountKey = `signin:delegate:${code}`;
  const clientKey = `signin:client:${client}`;
  await guard(db, accountKey, clientKey);
  const d = await db.delegate.findUnique({
    where: { cardCode: code },
    select: { id: true, pinHash: true, active: true, authVersion: true },
  });
  const ok = await verifySecret(pin, d?.pinHash ?? DUMMY_HASH);
  if (!d || !ok) return fail(db, accountKey, clientKey, "INVALID_CREDENTIALS");
  if (!d.active) throw new AppError("ACCOUNT_DISABLED");
  await clearRateLimit(db, accountKey);
  return { kind: "delegate", id: d.id, v: d.authVersion };
}

/** The QR code on a delegate card carries a one-time token: using it consumes it. */
export async function signInDelegateWithToken(db: Db, token: string, client: string): Promise<ActorRef> {
  const clientKey = `signin:client:${client}`;
  const tokenHash = hashLoginToken(token.trim());
  await guard(db, `signin:token`, clientKey);
  return db.$transaction(async (tx) => {
    // Conditional update: of two phones scanning the same card at once, exactly one wins.
    const used = await tx.loginToken.updateMany({ where: { tokenHash, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
    const row = await tx.loginToken.findUnique({
      where: { tokenHash },
      select: { delegate: { select: { id: true, active: true, authVersion: true, sessionId: true } } },
    });
    if (used.count !== 1 || !row) {
      await hitRateLimit(db, clientKey, WINDOW_SECONDS);
      throw new AppError("TOKEN_INVALID");
    }
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
}

export async function signInStaff(db: Db, username: string, password: string, client: string): Promise<ActorRef> {
  const name = username.trim().toLowerCase();
  const accountKey = `signin:staff:${name}`;
  const clientKey = `signin:client:${client}`;
  await guard(db, accountKey, clientKey);
  const s = await db.staffUser.findUnique({
    where: { username: name },
    select: { id: true, passwordHash: true, active: true, authVersion: true },
  });
  const ok = await verifySecret(password, s?.passwordHash ?? DUMMY_HASH);
  if (!s || !ok) return fail(db, accountKey, clientKey, "INVALID_CREDENTIALS");
  if (!s.active) throw new AppError("ACCOUNT_DISABLED");
  await clearRateLimit(db, accountKey);
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
