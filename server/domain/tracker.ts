/**
 * Ballot receipts (trackers) and the two hashes derived from a delegate's idempotency key.
 *
 * Secrecy: a secret poll stores
 *   participation(pollId, delegateId, keyHash)   — *that* a delegate voted, and
 *   ballot(pollId, tracker, choices)              — *what* was voted,
 * and no column may join the two. Both values come from the same idempotency key, which
 * is random and lives only on the delegate's phone:
 *   keyHash = HMAC(key, "idempotency" ‖ pollId ‖ delegateId)
 *   nonce   = HMAC(key, "ballot-nonce"),  tracker = H(ballot ‖ nonce)
 * HMAC keyed by the secret is a PRF, and the two messages are domain-separated, so
 * without the key neither value says anything about the other: someone holding the
 * whole database cannot link a participation row to a ballot row. With the key (the
 * phone retrying the same submission) the server recomputes the same keyHash and the same
 * tracker, which is what makes a retried submission return the same receipt without
 * storing any link.
 */
import { createHash, createHmac } from "node:crypto";

import { canonicalJson } from "./canonical-json";
import type { Choice } from "./tally";

/**
 * A short key could be brute-forced by whoever reads the database, re-creating the
 * link secrecy forbids. 16 characters of a random UUID or base64 are ≥ 64 bits.
 */
export const MIN_IDEMPOTENCY_KEY_LENGTH = 16;

/** Crockford base32: no I, L, O, U, so a code read aloud or typed back is unambiguous. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * 10 symbols × 5 bits = 50 bits. With n ballots in a poll the chance of any two sharing a
 * tracker is about n² / 2⁵¹: ~1e-10 for a 500-delegate congress. Trackers are unique per
 * box (a keyed tag of each sealed tracker, server/domain/ballot-seal.ts); on that rare
 * collision the cast tries again with the key's next nonce (nonceFromKey's `attempt`).
 */
const TRACKER_SYMBOLS = 10;

/** Stable text of a ballot: the same choices give the same text whatever their key order. */
export function canonicalBallot(pollId: string, choices: Readonly<Record<string, Choice>>): string {
  return canonicalJson({ format: "minsheng-ballot/1", poll: pollId, choices });
}

/** e.g. "7K3Q-9XMD-2P". */
export function ballotTracker(pollId: string, choices: Readonly<Record<string, Choice>>, nonce: string): string {
  // JSON array framing keeps (ballot, nonce) unambiguous whatever either contains.
  const digest = createHash("sha256")
    .update(JSON.stringify(["minsheng-tracker/1", canonicalBallot(pollId, choices), nonce]))
    .digest();
  return group(crockfordBase32(digest, TRACKER_SYMBOLS));
}

/**
 * What a delegate types back to find their ballot, in the stored form so it can be looked
 * up directly: case, spaces, dashes and the look-alikes Crockford decodes (O→0, I/L→1)
 * are forgiven. Input that is not 10 symbols is returned ungrouped and matches nothing.
 */
export function normalizeTracker(input: string): string {
  const code = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return code.length === TRACKER_SYMBOLS ? group(code) : code;
}

function group(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Stored on participation: lets a retry be recognised without revealing the ballot. */
export function idempotencyKeyHash(pollId: string, delegateId: string, key: string): string {
  return hmacHex(key, ["minsheng-idempotency/1", pollId, delegateId]);
}

/**
 * The tracker nonce: reproducible from the key alone, unlinkable to the keyHash without it.
 * `attempt` > 0 only after a tracker collision (the cast's next try); the first is unchanged.
 */
export function nonceFromKey(key: string, attempt = 0): string {
  return hmacHex(key, attempt === 0 ? ["minsheng-ballot-nonce/1"] : ["minsheng-ballot-nonce/1", String(attempt)]);
}

/**
 * Names the sealed ballot a key cast, so that the same phone finds it again (a retry, or a
 * changeable poll's replacement) while nobody without the key can: unlinkable to the
 * keyHash and to the tracker, like them.
 */
export function sealedBallotTag(boxId: string, key: string): string {
  return hmacHex(key, ["minsheng-sealed-ballot/1", boxId]);
}

function hmacHex(key: string, message: readonly string[]): string {
  if (key.length < MIN_IDEMPOTENCY_KEY_LENGTH) {
    throw new RangeError(`idempotency key must be at least ${MIN_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  return createHmac("sha256", key).update(JSON.stringify(message)).digest("hex");
}

function crockfordBase32(bytes: Uint8Array, symbols: number): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff; // only the low ≤ 12 unread bits matter
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(buffer >> bits) & 31];
      if (out.length === symbols) return out;
    }
  }
  return out;
}
