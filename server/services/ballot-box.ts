import "server-only";
import { randomInt } from "node:crypto";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import {
  BallotBoxError,
  kekId,
  newWrappedBoxKey,
  sameMarks,
  sealBallot,
  trackerTag,
  unsealBallot,
  unwrapBoxKey,
  type SealedContent,
} from "../domain/ballot-seal";
import { ballotSealKey } from "../ballot-seal-key";
import { AppError } from "../errors";
import { appendAudit } from "./audit";

/**
 * The sealed ballot box (DESIGN §4a) as the services use it: a key made when a poll or
 * rating round opens, the sealed rows casts write, and the one opening at the count.
 * The rules of the seal itself are in server/domain/ballot-seal.ts.
 */

export type MarkKind = "choice" | "grade";

// The unwrapped box key, per process, while its box is open: a cast then costs one AES-GCM
// seal and one HMAC, no extra round trip. Dropped when the box is opened (here) or when a
// cast finds the poll closed; a key is never written anywhere but wrapped in BallotBoxKey.
const openKeys = new Map<string, Promise<Buffer | null>>();

/** Makes the box's key, in the transaction that opens the poll or round. */
export async function createBoxKey(tx: Tx, boxId: string): Promise<void> {
  const kek = ballotSealKey();
  if (!kek) throw new AppError("BALLOT_BOX_LOCKED");
  const { wrapped, kekId } = newWrappedBoxKey(kek, boxId);
  await tx.ballotBoxKey.create({ data: { boxId, wrapped: Uint8Array.from(wrapped), kekId } });
}

/** The open box's key, or null when the box has none (not opened, or already counted). */
export function boxKey(db: Db, boxId: string): Promise<Buffer | null> {
  let key = openKeys.get(boxId);
  if (!key) {
    if (openKeys.size > 1000) openKeys.clear();
    key = loadBoxKey(db, boxId);
    openKeys.set(boxId, key);
    key.then(
      (k) => (k ? undefined : openKeys.delete(boxId)),
      () => openKeys.delete(boxId),
    );
  }
  return key;
}

async function loadBoxKey(db: Db | Tx, boxId: string): Promise<Buffer | null> {
  const stored = await db.ballotBoxKey.findUnique({ where: { boxId } });
  if (!stored) return null;
  try {
    return unwrapBoxKey(ballotSealKey(), boxId, stored);
  } catch (error) {
    // This server's KEK is not the one the box was sealed under: it cannot take ballots.
    if (error instanceof BallotBoxError) throw new AppError("BALLOT_BOX_LOCKED");
    throw error;
  }
}

export function forgetBoxKey(boxId: string): void {
  openKeys.delete(boxId);
}

/** What a cast stores: the seal, and the tag that keeps its tracker unique in the box. */
export function sealFor(key: Buffer, boxId: string, content: SealedContent): { sealed: Uint8Array; trackerTag: string } {
  return { sealed: Uint8Array.from(sealBallot(key, boxId, content)), trackerTag: trackerTag(key, content.tracker) };
}

/** A cast's tries: the last one must be rare beyond measure (see MAX_TRACKER_ATTEMPTS). */
const MAX_TRACKER_ATTEMPTS = 4;

/**
 * Tracker collisions (issue 13): a tracker has 50 bits, so two ballots of a box may, very
 * rarely, get the same one. The box keeps trackers unique (SealedBallot's unique trackerTag),
 * so such a cast fails as a whole, storing nothing; it is then tried again with the key's
 * next nonce (attempt 1, 2, …) and so a different tracker. A retry of that submission
 * finds the tracker inside its seal, so the receipt stays the one the phone was shown.
 */
export async function withFreshTracker<T>(cast: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await cast(attempt);
    } catch (error) {
      if (attempt + 1 >= MAX_TRACKER_ATTEMPTS || !isTrackerCollision(error)) throw error;
    }
  }
}

/** The trackers a key may have given a ballot, first try first: what a retry after the count looks for. */
export function trackerAttempts(trackerFor: (attempt: number) => string): string[] {
  return Array.from({ length: MAX_TRACKER_ATTEMPTS }, (_, attempt) => trackerFor(attempt));
}

function isTrackerCollision(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } } } | null)
    ?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "23505" && cause.constraint?.index === "SealedBallot_boxId_trackerTag_key";
}

/**
 * A retry while the box is open: the sealed ballot this key cast, if its marks are the
 * ones sent now (the same key with other choices is not a retry). Its tracker is the receipt.
 */
export async function sealedRetry(
  db: Db,
  boxId: string,
  tag: string,
  marks: Readonly<Record<string, string>>,
  kind: MarkKind,
): Promise<string | null> {
  const row = await db.sealedBallot.findUnique({ where: { boxId_tag: { boxId, tag } }, select: { sealed: true } });
  if (!row) return null;
  const key = await boxKey(db, boxId);
  if (!key) return null;
  const content = unsealBallot(key, boxId, row.sealed, kind);
  return sameMarks(content.marks, marks) ? content.tracker : null;
}

/**
 * Opens the box at the count, in the caller's transaction: every sealed ballot, in random
 * order; the sealed rows and the box key are deleted in the same transaction. The KEK is
 * read now (never the per-process cache), so a server with a wrong or missing KEK refuses
 * here with a BallotBoxError, before anything is changed.
 */
export async function openBox(tx: Tx, boxId: string, kind: MarkKind): Promise<SealedContent[]> {
  const stored = await tx.ballotBoxKey.findUnique({ where: { boxId } });
  const rows = await tx.sealedBallot.findMany({ where: { boxId }, select: { sealed: true } });
  if (!stored) {
    if (rows.length > 0) throw new BallotBoxError("DAMAGED");
    return [];
  }
  const key = unwrapBoxKey(ballotSealKey(), boxId, stored);
  const contents = rows.map((r) => unsealBallot(key, boxId, r.sealed, kind));
  await tx.sealedBallot.deleteMany({ where: { boxId } });
  await tx.ballotBoxKey.delete({ where: { boxId } });
  forgetBoxKey(boxId);
  return shuffle(contents);
}

/**
 * A void poll's box is never counted: its sealed ballots and its key are deleted with the
 * voiding, so nothing of that vote stays behind to be opened later.
 */
export async function discardBox(tx: Tx, boxId: string): Promise<void> {
  await tx.sealedBallot.deleteMany({ where: { boxId } });
  await tx.ballotBoxKey.deleteMany({ where: { boxId } });
  forgetBoxKey(boxId);
}

/** Fisher–Yates with a cryptographic source: the counted rows' order says nothing about the casts'. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Runs a step that opens a box. A box that cannot be opened (wrong or missing KEK, damage)
 * refuses the whole step — its transaction changed nothing — and the refusal is audited
 * on its own, with the KEK's identifier but never the key, so the step can be taken again
 * once the right key is back.
 */
export async function refusedIfBoxLocked<T>(
  db: Db,
  actor: StaffActor,
  entity: { type: "Poll" | "RatingRound"; id: string; action: string },
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof BallotBoxError)) throw error;
    const owner =
      entity.type === "Poll"
        ? await db.poll.findUnique({ where: { id: entity.id }, select: { sessionId: true } })
        : await db.ratingRound.findUnique({ where: { id: entity.id }, select: { sessionId: true } });
    const kek = ballotSealKey();
    await db.$transaction((tx) =>
      appendAudit(tx, actor, {
        action: entity.action,
        entityType: entity.type,
        entityId: entity.id,
        sessionId: owner?.sessionId ?? null,
        data: { reason: error.reason, kekId: kek ? kekId(kek) : null },
      }),
    );
    throw new AppError("BALLOT_BOX_LOCKED", { reason: error.reason });
  }
}
