import "server-only";
import { z } from "zod";

// Apart from server/env.ts, which validates the whole environment once at import: the ballot
// box reads its key here at each use, so code that casts and counts (the demo's seed, run
// inside `npm start` before the app's environment exists) does not need the app's secrets.

/**
 * The ballot box's key-encryption key (DESIGN §4a): 32 random bytes in base64 or base64url,
 * as `npm start` generates into DATA_DIR. It wraps every poll's and rating round's key;
 * never stored in the database, logged or audited.
 */
export const ZBallotSealKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/_-]{43}=?$/, "BALLOT_SEAL_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");

/**
 * The KEK as bytes, or null when the environment has none (or a malformed one). Read at
 * each use, not frozen at start like `env`: the ballot box refuses to open under a missing
 * or wrong key and must open once the right one is back (tests take it away and restore it).
 */
export function ballotSealKey(): Buffer | null {
  const parsed = ZBallotSealKey.safeParse(process.env.BALLOT_SEAL_KEY);
  return parsed.success ? Buffer.from(parsed.data.replace(/=$/, ""), "base64url") : null;
}
