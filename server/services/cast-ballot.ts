import "server-only";
import { loadActor, type DelegateRef, type DelegateActor } from "../auth/actor";
import type { Db } from "../db-client";
import { isBallotValid } from "../domain/tally";
import { ballotTracker, idempotencyKeyHash, nonceFromKey, sealedBallotTag } from "../domain/tracker";
import { AppError, appErrorFromDatabase } from "../errors";
import type { TCastBallotInput, TCastBallotResult, TChoice } from "~/lib/schemas/vote";
import { boxKey, forgetBoxKey, sealedRetry, sealFor, trackerAttempts, withFreshTracker } from "./ballot-box";
import { notifyBallotsSoon } from "./notify";

/** Either an actor already checked, or a session reference this service checks itself. */
type Caller = DelegateActor | DelegateRef;

interface PollShape {
  id: string;
  sessionId: string;
  kind: "EQUAL" | "COMPETITIVE";
  seats: number;
  secret: boolean;
  changeable: boolean;
  candidateIds: ReadonlySet<string>;
}

// A poll's shape (kind, seats, secrecy, candidates) never changes after creation, so each
// app server may keep it; its *status* is never cached — the database checks it per cast.
// The promise is kept, not its value, so the storm's first thousand casts share one query.
const shapes = new Map<string, Promise<PollShape | null>>();

function pollShape(db: Db, pollId: string): Promise<PollShape | null> {
  let shape = shapes.get(pollId);
  if (!shape) {
    if (shapes.size > 1000) shapes.clear();
    shape = loadPollShape(db, pollId);
    shapes.set(pollId, shape);
    // Only a poll that exists and is past DRAFT stays cached.
    shape.then(
      (s) => (s ? undefined : shapes.delete(pollId)),
      () => shapes.delete(pollId),
    );
  }
  return shape;
}

async function loadPollShape(db: Db, pollId: string): Promise<PollShape | null> {
  const p = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      sessionId: true,
      status: true,
      kind: true,
      seats: true,
      secret: true,
      changeable: true,
      candidates: { select: { id: true } },
    },
  });
  if (!p) return null;
  if (p.status === "DRAFT") throw new AppError("POLL_NOT_OPEN");
  return { ...p, candidateIds: new Set(p.candidates.map((c) => c.id)) };
}

/**
 * Casts one ballot: stores it sealed and returns its receipt, or stores nothing.
 *
 * Exactly once, under any concurrency: the (pollId, delegateId) primary key of
 * Participation is the only gate. One SQL statement inserts the participation and, only
 * if that inserted a row, the sealed ballot — atomically, in one round trip, so a storm of
 * submissions holds each pooled connection for the shortest time. Of twenty simultaneous
 * submissions one inserts; the others wait for its commit and insert nothing.
 *
 * Sealed (DESIGN §4a): the participation and the sealed ballot share a transaction id and
 * sit side by side in the write-ahead log, so nothing in clear in this statement may match
 * what is published later. The tracker and the choices (and, in a named poll, the
 * delegate) are only inside the seal (server/domain/ballot-seal.ts), under the poll's key;
 * the close opens the box (unsealBallots). Until then there is no count, only turnout.
 *
 * Idempotent without a link: Participation keeps only keyHash = HMAC(key, poll ‖
 * delegate), the sealed ballot a tag = HMAC(key, poll), both one-way in the phone's key.
 * A retry with the same key recomputes both; if the keyHash matches, the sealed ballot
 * with that tag is opened and, if its choices are the ones sent again, its tracker is
 * returned: the same receipt. Only the phone, which holds the key, can join the rows.
 *
 * The poll must be OPEN when the participation row is inserted: a trigger reads the poll
 * row under KEY SHARE, so a concurrent close waits for this statement and a cast after
 * the close is refused — the database, not this process, decides.
 *
 * Nothing here logs or audits choices; casting does not touch the audit chain (the close
 * seals all ballots with one hash instead), so the storm never queues on it.
 *
 * The caller may be a bare session reference (delegateSessionProcedure): the statement
 * then inserts only if the Delegate row is active, still at the session's authVersion and
 * of the poll's congress session, and the cookie was not signed out — the same check
 * loadActor makes, in the same round trip,
 * so a disabled account or a bumped authVersion is refused at once. Every other outcome
 * (bad choices, unknown poll, nothing inserted, poll closed) first checks the account in
 * full, so a refused session learns nothing but UNAUTHENTICATED (input the schema rejects
 * is caught by delegateSessionProcedure the same way).
 */
export async function castBallot(db: Db, caller: Caller, input: TCastBallotInput): Promise<TCastBallotResult> {
  const checked = "sessionId" in caller ? caller : null;
  // The account, checked in full: only on paths other than the statement's success.
  const requireActor = async (): Promise<DelegateActor> => {
    if (checked) return checked;
    const actor = await loadActor(db, caller);
    if (!actor || actor.kind !== "delegate") throw new AppError("UNAUTHENTICATED");
    return actor;
  };

  let poll: PollShape | null = null;
  let choices: Record<string, TChoice>;
  let key: Buffer | null;
  try {
    poll = await pollShape(db, input.pollId);
    if (!poll) throw new AppError("NOT_FOUND");
    if (checked && poll.sessionId !== checked.sessionId) throw new AppError("NOT_FOUND");
    choices = validateChoices(poll, input.choices);
    key = await boxKey(db, poll.id);
  } catch (error) {
    const actor = await requireActor();
    // Another session's poll is NOT_FOUND, whatever is wrong with the choices: no answer
    // about its candidates or seats to a delegate who may not vote in it.
    if (poll && actor.sessionId !== poll.sessionId) throw new AppError("NOT_FOUND");
    throw error;
  }
  const ballot: CastBallot = {
    keyHash: idempotencyKeyHash(poll.id, caller.id, input.idempotencyKey),
    tag: sealedBallotTag(poll.id, input.idempotencyKey),
    key: input.idempotencyKey,
    choices,
  };
  const sealedBy = (boxKey: Buffer, attempt: number) => {
    const tracker = ballotTracker(poll.id, choices, nonceFromKey(input.idempotencyKey, attempt));
    return { tracker, ...sealFor(boxKey, poll.id, { tracker, delegateId: poll.secret ? null : caller.id, marks: choices }) };
  };

  let cast: { tracker: string; inserted: boolean; authorized: boolean };
  try {
    // No box key: the poll was never opened or its box is counted already — closed.
    if (!key) throw new AppError("POLL_CLOSED");
    const openKey = key;
    cast = await withFreshTracker(async (attempt) => {
      const { tracker, sealed, trackerTag } = sealedBy(openKey, attempt);
      const [row] = await db.$queryRaw<{ participated: bigint; authorized: boolean }[]>`
        WITH a AS (
          SELECT 1 FROM "Delegate"
          WHERE "id" = ${caller.id} AND "active" AND "authVersion" = ${caller.v} AND "sessionId" = ${poll.sessionId}
            AND NOT EXISTS (SELECT 1 FROM "EndedSession" WHERE "jti" = ${"jti" in caller ? (caller.jti ?? null) : null})
        ), p AS (
          INSERT INTO "Participation" ("pollId", "delegateId", "keyHash")
          SELECT ${poll.id}, ${caller.id}, ${ballot.keyHash}
          WHERE EXISTS (SELECT 1 FROM a) AND EXISTS (SELECT 1 FROM "CheckIn" WHERE "delegateId" = ${caller.id})
          ON CONFLICT ("pollId", "delegateId") DO NOTHING
          RETURNING 1
        ), s AS (
          INSERT INTO "SealedBallot" ("boxId", "tag", "trackerTag", "sealed")
          SELECT ${poll.id}, ${ballot.tag}, ${trackerTag}, ${sealed}
          WHERE EXISTS (SELECT 1 FROM p)
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM p) AS participated, (SELECT count(*) FROM s) AS sealed, EXISTS (SELECT 1 FROM a) AS authorized`;
      return { tracker, inserted: (row?.participated ?? 0n) > 0n, authorized: row?.authorized === true };
    });
  } catch (error) {
    const actor = await requireActor();
    if (actor.sessionId !== poll.sessionId) throw new AppError("NOT_FOUND");
    const mapped = error instanceof AppError ? error : appErrorFromDatabase(error);
    if (mapped?.code !== "POLL_CLOSED") throw mapped ?? error;
    forgetBoxKey(poll.id);
    // Closed now — but a retry of a ballot that committed before the close still gets its receipt.
    const replay = await replayOf(db, poll, actor, ballot);
    if (replay) return replay;
    throw mapped;
  }
  if (cast.inserted) {
    notifyBallotsSoon(db, poll.sessionId);
    return { tracker: cast.tracker, replay: false };
  }

  const actor = await requireActor();
  if (actor.sessionId !== poll.sessionId) throw new AppError("NOT_FOUND");
  // The account changed between the statement and this check (disabled, then enabled again).
  if (!cast.authorized) throw new AppError("UNAUTHENTICATED");
  const replay = await replayOf(db, poll, actor, ballot);
  if (replay) return replay;
  if (poll.changeable && input.replacesKey)
    return replaceBallot(db, poll, actor, input.replacesKey, ballot, (k, attempt) => sealedBy(k, attempt));
  throw new AppError("ALREADY_VOTED");
}

/** A submission's one-way values, all from the phone's idempotency key. */
interface CastBallot {
  keyHash: string;
  tag: string;
  key: string;
  choices: Record<string, TChoice>;
}

/**
 * Nothing was inserted: either not checked in, or this delegate already took part (by phone,
 * or with a paper ballot issued at the desk). If the stored keyHash is this key's and the
 * ballot this key cast holds these choices, this is a retry of a submission that committed:
 * the same receipt.
 */
async function replayOf(db: Db, poll: PollShape, actor: DelegateActor, ballot: CastBallot): Promise<TCastBallotResult | null> {
  const existing = await db.participation.findUnique({
    where: { pollId_delegateId: { pollId: poll.id, delegateId: actor.id } },
    select: { keyHash: true, kind: true },
  });
  if (!existing) {
    const checkedIn = await db.checkIn.count({ where: { delegateId: actor.id } });
    if (!checkedIn) throw new AppError("NOT_CHECKED_IN");
    return null;
  }
  // The desk handed this delegate a paper ballot: the phone says so instead of "already voted".
  if (existing.kind === "PAPER") throw new AppError("PAPER_BALLOT_ISSUED");
  if (existing.keyHash !== ballot.keyHash) return null;
  // The box is open: the sealed ballot this key cast, if its choices are these.
  const sealed = await sealedRetry(db, poll.id, ballot.tag, ballot.choices, "choice");
  if (sealed) return { tracker: sealed, replay: true };
  // The box is counted: a tracker this key gives for these choices is among the counted
  // ballots (it hashes the choices, so the same key with other choices finds none).
  const trackers = trackerAttempts((attempt) => ballotTracker(poll.id, ballot.choices, nonceFromKey(ballot.key, attempt)));
  const counted = await db.ballot.findMany({ where: { pollId: poll.id, tracker: { in: trackers } }, select: { tracker: true } });
  const tracker = trackers.find((t) => counted.some((c) => c.tracker === t));
  if (tracker) return { tracker, replay: true };
  throw new AppError("ALREADY_VOTED"); // same key, different choices: not a retry
}

/**
 * Changeable poll: only the phone holding the previous key can replace its ballot; the last
 * one counts. The sealed ballot to remove is the one tagged by that key — found without
 * any clear link to the delegate or to the new ballot.
 */
async function replaceBallot(
  db: Db,
  poll: PollShape,
  actor: DelegateActor,
  replacesKey: string,
  ballot: CastBallot,
  sealedBy: (key: Buffer, attempt: number) => { tracker: string; sealed: Uint8Array; trackerTag: string },
): Promise<TCastBallotResult> {
  const previous = idempotencyKeyHash(poll.id, actor.id, replacesKey);
  const key = await boxKey(db, poll.id);
  if (!key) throw new AppError("POLL_CLOSED");
  try {
    const result = await withFreshTracker((attempt) =>
      db.$transaction(async (tx) => {
        // The UPDATE fires the open-poll trigger and locks the row against a parallel replacement.
        const swapped = await tx.$executeRaw`
          UPDATE "Participation" SET "keyHash" = ${ballot.keyHash} WHERE "pollId" = ${poll.id} AND "delegateId" = ${actor.id} AND "keyHash" = ${previous}`;
        if (swapped !== 1) throw new AppError("ALREADY_VOTED");
        await tx.sealedBallot.deleteMany({ where: { boxId: poll.id, tag: sealedBallotTag(poll.id, replacesKey) } });
        const { tracker, sealed, trackerTag } = sealedBy(key, attempt);
        await tx.$executeRaw`
          INSERT INTO "SealedBallot" ("boxId", "tag", "trackerTag", "sealed") VALUES (${poll.id}, ${ballot.tag}, ${trackerTag}, ${sealed})`;
        return { tracker, replay: false };
      }),
    );
    notifyBallotsSoon(db, poll.sessionId);
    return result;
  } catch (error) {
    throw appErrorFromDatabase(error) ?? error;
  }
}

/**
 * Electronic ballots are complete and valid by construction: every candidate marked once;
 * 差额: no more FOR than seats. The tally's own validity rule is applied as well, so the
 * phone can never store a ballot the count would reject.
 */
function validateChoices(poll: PollShape, raw: Record<string, TChoice>): Record<string, TChoice> {
  const keys = Object.keys(raw);
  if (keys.length !== poll.candidateIds.size || keys.some((k) => !poll.candidateIds.has(k))) throw new AppError("BALLOT_INVALID");
  if (!isBallotValid(poll, poll.candidateIds, { choices: raw })) {
    throw poll.kind === "COMPETITIVE" ? new AppError("TOO_MANY_FOR", { seats: poll.seats }) : new AppError("BALLOT_INVALID");
  }
  return raw;
}
