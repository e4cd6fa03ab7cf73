import "server-only";
import type { Db } from "../db";
import { AppError } from "../errors";

/**
 * Sign-in throttling, in PostgreSQL so every app server sees the same count.
 *
 * One statement records the attempt and decides whether it may go on, *before* the PIN or
 * password is checked: the row is locked by the upsert, so of 100 parallel wrong PINs on one
 * card only `free` reach the check. After that each attempt must wait a delay that doubles
 * (30 s, 1, 2, 4, then 5 minutes): a guesser gets a dozen tries an hour, while a delegate
 * whose card someone played with waits minutes at worst, never a lock — and a clerk can
 * clear it at the desk after checking the card (clearSignInDelay). A refused attempt changes
 * nothing, so hammering does not lengthen the wait; a success clears the account's row; an
 * hour without attempts starts the count again.
 *
 * Keys (chosen in sign-in.ts): each account by its id, whatever address the attempts come
 * from, so a hall behind one Wi-Fi address is never one bucket; attempts naming no account
 * (an unknown card code or username, a QR token that is not valid) by client address — the
 * only per-address cap, so a flood of made-up codes from the hall slows made-up codes, not
 * the delegates signing in with their own.
 */
export interface ThrottleRule {
  /** Attempts before the first delay. */
  free: number;
}

export const ACCOUNT_RULE: ThrottleRule = { free: 5 };
export const UNKNOWN_RULE: ThrottleRule = { free: 30 };

const FIRST_DELAY_S = 30;
const MAX_DELAY_S = 5 * 60;
const QUIET_RESET_S = 60 * 60;

/**
 * Records an attempt under `key`, or refuses it with RATE_LIMITED and how many seconds to
 * wait (`details.retryAfter`) while the key's delay has not passed.
 */
export async function claimAttempt(db: Db, key: string, rule: ThrottleRule): Promise<void> {
  const [row] = await db.$queryRaw<{ attempts: number | null; wait: number | null }[]>`
    WITH claim AS (
      INSERT INTO "SignInThrottle" AS t ("key", "attempts", "notBefore", "lastAt")
      VALUES (${key}, 1, now(), now())
      ON CONFLICT ("key") DO UPDATE SET
        "attempts" = CASE WHEN t."lastAt" < now() - make_interval(secs => ${QUIET_RESET_S}) THEN 1 ELSE t."attempts" + 1 END,
        "notBefore" = now() + make_interval(secs => CASE
          WHEN t."lastAt" < now() - make_interval(secs => ${QUIET_RESET_S}) OR t."attempts" + 1 < ${rule.free} THEN 0
          ELSE least(${MAX_DELAY_S}, ${FIRST_DELAY_S} * power(2, t."attempts" + 1 - ${rule.free})) END),
        "lastAt" = now()
      WHERE t."notBefore" <= now()
      RETURNING "attempts"
    )
    SELECT (SELECT "attempts" FROM claim) AS attempts,
           (SELECT ceil(extract(epoch FROM "notBefore" - now()))::int FROM "SignInThrottle" WHERE "key" = ${key}) AS wait`;
  if (row?.attempts == null) throw new AppError("RATE_LIMITED", { retryAfter: Math.max(1, row?.wait ?? 1) });
}

/** A success (or a clerk at the desk) clears the key: the next attempt starts afresh. */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}

export const throttleKey = {
  account: (kind: "delegate" | "staff", id: string) => `signin:${kind}:${id}`,
  unknown: (client: string) => `signin:unknown:${client}`,
};
