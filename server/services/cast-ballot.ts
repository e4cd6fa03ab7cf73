import "server-only";
import { createHmac, randomUUID } from "node:crypto";
import { loadActor, type DelegateRef, type DelegateActor } from "../auth/actor";
import type { Db } from "../db-client";
import { isBallotValid } from "../domain/tally";
import { ballotTracker, idempotencyKeyHash, nonceFromKey } from "../domain/tracker";
import { AppError, appErrorFromDatabase } from "../errors";
import type { TCastBallotInput, TCastBallotResult, TChoice } from "~/lib/schemas/vote";
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
 * Changeable polls only: a one-way tag of the key, stored on the ballot, so a later
 * ballot from the same phone (which still holds the old key) can replace it. Without the
 * key the tag links to nothing — not to the participation's keyHash, not to a delegate.
 */
function replaceTag(pollId: string, key: string): string {
  return createHmac("sha256", key)
    .update(JSON.stringify(["minsheng-replace/1", pollId]))
    .digest("hex");
}

/**
 * Casts one ballot: stores it and returns its receipt, or stores nothing.
 *
 * Exactly once, under any concurrency: the (pollId, delegateId) primary key of
 * Participation is the only gate. One SQL statement inserts the participation and, only
 * if that inserted a row, the ballot and its choices — atomically, in one round trip, so
 * a storm of submissions holds each pooled connection for the shortest time. Of twenty
 * simultaneous submissions one inserts; the others wait for its commit and insert nothing.
 *
 * Idempotent without a link (secret polls): Participation keeps only
 * keyHash = HMAC(key, poll ‖ delegate), and the ballot only its tracker =
 * H(ballot ‖ HMAC(key, "nonce")). A retry with the same key and the same choices
 * recomputes both; if the stored keyHash matches and a ballot with that tracker exists,
 * the first submission committed and the same receipt is returned. Nothing stored joins
 * the two rows; only the phone, which holds the key, can.
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
 * of the poll's congress session — the same check loadActor makes, in the same round trip,
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
  try {
    poll = await pollShape(db, input.pollId);
    if (!poll) throw new AppError("NOT_FOUND");
    if (checked && poll.sessionId !== checked.sessionId) throw new AppError("NOT_FOUND");
    choices = validateChoices(poll, input.choices);
  } catch (error) {
    const actor = await requireActor();
    // Another session's poll is NOT_FOUND, whatever is wrong with the choices: no answer
    // about its candidates or seats to a delegate who may not vote in it.
    if (poll && actor.sessionId !== poll.sessionId) throw new AppError("NOT_FOUND");
    throw error;
  }
  const keyHash = idempotencyKeyHash(poll.id, caller.id, input.idempotencyKey);
  const tracker = ballotTracker(poll.id, choices, nonceFromKey(input.idempotencyKey));
  const candidateIds = Object.keys(choices);
  const marks = candidateIds.map((id) => choices[id]!);

  let inserted: boolean;
  let authorized: boolean;
  try {
    const [row] = await db.$queryRaw<{ participated: bigint; authorized: boolean }[]>`
      WITH a AS (
        SELECT 1 FROM "Delegate"
        WHERE "id" = ${caller.id} AND "active" AND "authVersion" = ${caller.v} AND "sessionId" = ${poll.sessionId}
      ), p AS (
        INSERT INTO "Participation" ("pollId", "delegateId", "keyHash")
        SELECT ${poll.id}, ${caller.id}, ${keyHash}
        WHERE EXISTS (SELECT 1 FROM a) AND EXISTS (SELECT 1 FROM "CheckIn" WHERE "delegateId" = ${caller.id})
        ON CONFLICT ("pollId", "delegateId") DO NOTHING
        RETURNING 1
      ), b AS (
        INSERT INTO "Ballot" ("id", "pollId", "tracker", "source", "replaceTag", "delegateId")
        SELECT ${randomUUID()}, ${poll.id}, ${tracker}, 'ELECTRONIC', ${poll.changeable ? replaceTag(poll.id, input.idempotencyKey) : null},
               ${poll.secret ? null : caller.id}
        WHERE EXISTS (SELECT 1 FROM p)
        RETURNING "id"
      ), c AS (
        INSERT INTO "BallotChoice" ("ballotId", "pollCandidateId", "choice")
        SELECT b."id", m.candidate, m.mark::"Choice" FROM b, unnest(${candidateIds}::text[], ${marks}::text[]) AS m(candidate, mark)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM p) AS participated, (SELECT count(*) FROM c) AS marks, EXISTS (SELECT 1 FROM a) AS authorized`;
    inserted = (row?.participated ?? 0n) > 0n;
    authorized = row?.authorized === true;
  } catch (error) {
    const actor = await requireActor();
    const mapped = appErrorFromDatabase(error);
    if (mapped?.code !== "POLL_CLOSED") throw mapped ?? error;
    // Closed now — but a retry of a ballot that committed before the close still gets its receipt.
    const replay = await replayOf(db, poll, actor, keyHash, tracker);
    if (replay) return replay;
    throw mapped;
  }
  if (inserted) {
    notifyBallotsSoon(db, poll.sessionId);
    return { tracker, replay: false };
  }

  const actor = await requireActor();
  if (actor.sessionId !== poll.sessionId) throw new AppError("NOT_FOUND");
  // The account changed between the statement and this check (disabled, then enabled again).
  if (!authorized) throw new AppError("UNAUTHENTICATED");
  const replay = await replayOf(db, poll, actor, keyHash, tracker);
  if (replay) return replay;
  if (poll.changeable && input.replacesKey) return replaceBallot(db, poll, actor, input, keyHash, tracker, choices);
  throw new AppError("ALREADY_VOTED");
}

/**
 * Nothing was inserted: either not checked in, or this delegate already took part (by phone,
 * or with a paper ballot issued at the desk). If the
 * stored keyHash is this key's and a ballot with this tracker exists, this is a retry of
 * a submission that committed: the same receipt.
 */
async function replayOf(
  db: Db,
  poll: PollShape,
  actor: DelegateActor,
  keyHash: string,
  tracker: string,
): Promise<TCastBallotResult | null> {
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
  if (existing.keyHash !== keyHash) return null;
  const same = await db.ballot.count({ where: { pollId: poll.id, tracker } });
  if (same === 1) return { tracker, replay: true };
  throw new AppError("ALREADY_VOTED"); // same key, different choices: not a retry
}

/** Changeable poll: only the phone holding the previous key can replace its ballot; the last one counts. */
async function replaceBallot(
  db: Db,
  poll: PollShape,
  actor: DelegateActor,
  input: TCastBallotInput,
  keyHash: string,
  tracker: string,
  choices: Record<string, TChoice>,
): Promise<TCastBallotResult> {
  const previous = idempotencyKeyHash(poll.id, actor.id, input.replacesKey!);
  try {
    return await db
      .$transaction(async (tx) => {
        // The UPDATE fires the open-poll trigger and locks the row against a parallel replacement.
        const swapped = await tx.$executeRaw`
        UPDATE "Participation" SET "keyHash" = ${keyHash} WHERE "pollId" = ${poll.id} AND "delegateId" = ${actor.id} AND "keyHash" = ${previous}`;
        if (swapped !== 1) throw new AppError("ALREADY_VOTED");
        await tx.ballot.deleteMany({ where: { pollId: poll.id, replaceTag: replaceTag(poll.id, input.replacesKey!) } });
        await tx.ballot.create({
          data: {
            pollId: poll.id,
            tracker,
            replaceTag: replaceTag(poll.id, input.idempotencyKey),
            delegateId: poll.secret ? null : actor.id,
            choices: { createMany: { data: Object.entries(choices).map(([pollCandidateId, choice]) => ({ pollCandidateId, choice })) } },
          },
          select: { id: true },
        });
        return { tracker, replay: false };
      })
      .then((result) => {
        notifyBallotsSoon(db, poll.sessionId);
        return result;
      });
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
