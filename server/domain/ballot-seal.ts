/**
 * The sealed ballot box (电子票箱, DESIGN §4a): what a cast writes while a poll or rating
 * round is open, and how the count opens it.
 *
 * Threat: whoever reads the database — live tables, the write-ahead log, a backup, a
 * replica — without the app servers' secrets. The cast transaction writes the
 * participation (who voted) and the sealed ballot side by side, with one transaction id;
 * that is harmless only because the sealed ballot is opaque:
 *   - its tracker and choices are inside AES-256-GCM under a key made for that box (a fresh
 *     random 96-bit IV per seal, the box's id as associated data);
 *   - the plaintext has one length per box whatever the choices (one letter per mark), so
 *     the ciphertext's length says nothing either;
 *   - the box key is stored only wrapped under the key-encryption key (KEK,
 *     BALLOT_SEAL_KEY), which lives in the app servers' environment and nowhere else.
 * Beside the wrapped key sits the KEK's identifier (a truncated HMAC of the KEK), so a
 * wrong KEK is told apart from a damaged key.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

import { canonicalJson } from "./canonical-json";

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const BOX_KEY_BYTES = 32;

/** What the seal holds: the receipt, the delegate only for named (记名) polls, and one letter per mark. */
export interface SealedContent {
  tracker: string;
  delegateId: string | null;
  marks: Record<string, string>;
}

/**
 * One letter per choice or grade, so that 赞成 and 弃权 (FOR, ABSTAIN), or SATISFIED and
 * UNSATISFIED, seal to the same length.
 */
const LETTER: Record<string, string> = { FOR: "F", AGAINST: "A", ABSTAIN: "B", SATISFIED: "S", BASIC: "M", UNSATISFIED: "U" };
const FROM_LETTER: Record<string, Record<string, string>> = {
  choice: { F: "FOR", A: "AGAINST", B: "ABSTAIN" },
  grade: { S: "SATISFIED", M: "BASIC", U: "UNSATISFIED" },
};

/** Why a box could not be opened: the KEK is not the one it was sealed under (or absent), or what is stored does not authenticate. */
export class BallotBoxError extends Error {
  constructor(readonly reason: "KEY_MISSING" | "KEY_WRONG" | "DAMAGED") {
    super(`ballot box cannot be opened: ${reason}`);
    this.name = "BallotBoxError";
  }
}

/** Identifies a KEK without revealing it: stored beside each wrapped key, safe in the audit log. */
export function kekId(kek: Buffer): string {
  return createHmac("sha256", kek).update("minsheng-kek-id/1").digest("hex").slice(0, 16);
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new BallotBoxError("DAMAGED");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BallotBoxError("DAMAGED");
  }
}

/** A fresh key for one poll or round, wrapped under the KEK (bound to the box's id). */
export function newWrappedBoxKey(kek: Buffer, boxId: string): { key: Buffer; wrapped: Buffer; kekId: string } {
  const key = randomBytes(BOX_KEY_BYTES);
  return { key, wrapped: encrypt(kek, key, `minsheng-box-key/1:${boxId}`), kekId: kekId(kek) };
}

/** The box key, or a BallotBoxError saying whether the KEK is absent, another one, or the stored key damaged. */
export function unwrapBoxKey(kek: Buffer | null, boxId: string, stored: { wrapped: Uint8Array; kekId: string }): Buffer {
  if (!kek) throw new BallotBoxError("KEY_MISSING");
  if (kekId(kek) !== stored.kekId) throw new BallotBoxError("KEY_WRONG");
  const key = decrypt(kek, stored.wrapped, `minsheng-box-key/1:${boxId}`);
  if (key.length !== BOX_KEY_BYTES) throw new BallotBoxError("DAMAGED");
  return key;
}

/** The sealed form of one ballot: the same length for every ballot of a box. */
export function sealBallot(boxKey: Buffer, boxId: string, content: SealedContent): Buffer {
  const marks = Object.fromEntries(Object.entries(content.marks).map(([id, mark]) => [id, LETTER[mark] ?? mark]));
  const text = canonicalJson({ t: content.tracker, d: content.delegateId, m: marks });
  return encrypt(boxKey, Buffer.from(text, "utf8"), boxId);
}

/** Opens one sealed ballot; `kind` says whether its marks are choices or grades. */
export function unsealBallot(boxKey: Buffer, boxId: string, sealed: Uint8Array, kind: "choice" | "grade"): SealedContent {
  const parsed = JSON.parse(decrypt(boxKey, sealed, boxId).toString("utf8")) as { t: string; d: string | null; m: Record<string, string> };
  const letters = FROM_LETTER[kind]!;
  const marks = Object.fromEntries(
    Object.entries(parsed.m).map(([id, letter]) => {
      const mark = letters[letter];
      if (!mark) throw new BallotBoxError("DAMAGED");
      return [id, mark];
    }),
  );
  return { tracker: parsed.t, delegateId: parsed.d, marks };
}

/**
 * Lets the database keep trackers unique per box without storing them: a keyed hash under
 * the box key, as opaque as the seal and gone with the sealed rows at the count.
 */
export function trackerTag(boxKey: Buffer, tracker: string): string {
  return createHmac("sha256", boxKey).update(tracker).digest("hex");
}

/** Same marks, whatever the key order: tells a retry (same key, same choices) from a different ballot. */
export function sameMarks(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
