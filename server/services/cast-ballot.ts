import "server-only";
import { createHmac } from "node:crypto";
import type { Actor } from "../auth/actor";
import type { Db } from "../db-client";
import { ballotTracker, idempotencyKeyHash, nonceFromKey } from "../domain/tracker";
import { AppError, appErrorFromDatabase } from "../errors";
import type { TCastBallotInput, TCastBallotResult, TChoice } from "~/lib/schemas/vote";
import { notifySession } from "./notify";

type DelegateActor = Extract<Actor, { kind: "delegate" }>;

/**
 * Changeable polls only: a one-way tag of the key, stored on the ballot, so a later
 * ballot from the same phone (which still holds the old key) can replace it. Without the
 * key the tag links to nothing — not to the participation's keyHash, not to a delegate.
 */
function replaceTag(pollId: string, key: string): string {
  return createHmac("sha256", key).update(JSON.stringify(["minsheng-replace/1", pollId])).digest("hex");
}

/**
 * Casts one ballot: stores it and returns its receipt, or stores nothing.
 *
 * Exactly once, under any concurrency: the (pollId, delegateId) primary key of
 * Participation is the only gate. Twenty simultaneous submissions race on that insert;
 * one wins, the others wait for its commit and then find the row.
 *
 * Idempotent without a link (secret polls): Participation keeps only
 * keyHash = HMAC(key, poll ‖ delegate), and the ballot only its tracker =
 * H(ballot ‖ HMAC(key, "nonce")). A retry with the same key and the same choices
 * recomputes both; if the stored keyHash matches and a ballot with that tracker exists,
 * the first submission committed and the same receipt is returned. Nothing stored joins
 * the two rows; only the phone, which holds the key, can.
 *
 * The poll must be OPEN at the moment the participation row is inserted: a trigger reads
 * the poll row under KEY SHARE, so a concurrent close waits for this transaction and a
 * cast after the close is refused — the database, not this process, decides.
 *
 * Nothing here logs or audits choices; casting does not touch the audit chain (the close
 * seals all ballots with one hash instead), so the storm never queues on it.
 */
export async function castBallot(db: Db, actor: DelegateActor, input: TCastBallotInput): Promise<TCastBallotResult> {
  const poll = await db.poll.findUnique({
    where: { id: input.pollId },
    select: { id: true, sessionId: true, status: true, kind: true, seats: true, secret: true, changeable: true, candidates: { select: { id: true } } },
  });
  if (!poll || poll.sessionId !== actor.sessionId) throw new AppError("NOT_FOUND");
  if (poll.status === "DRAFT") throw new AppError("POLL_NOT_OPEN");

  const choices = validateChoices(poll, input.choices);
  const keyHash = idempotencyKeyHash(poll.id, actor.id, input.idempotencyKey);
  const tracker = ballotTracker(poll.id, choices, nonceFromKey(input.idempotencyKey));

  const checkedIn = await db.checkIn.count({ where: { delegateId: actor.id } });
  if (!checkedIn) throw new AppError("NOT_CHECKED_IN");

  try {
    return await db.$transaction(async (tx) => {
      // A delegate who already took part: a retry (same key) or a replacement (changeable
      // polls). Read first so a retry still gets its receipt after the poll has closed.
      const handleExisting = async (storedKeyHash: string): Promise<TCastBallotResult | "replaced"> => {
        if (storedKeyHash === keyHash) {
          // Same key: the first submission committed. Same choices too ⇒ the tracker exists.
          const same = await tx.ballot.count({ where: { pollId: poll.id, tracker } });
          if (same === 1) return { tracker, replay: true };
          throw new AppError("ALREADY_VOTED");
        }
        // Changeable poll: only the phone holding the previous key can replace its ballot.
        if (!poll.changeable || !input.replacesKey || storedKeyHash !== idempotencyKeyHash(poll.id, actor.id, input.replacesKey)) {
          throw new AppError("ALREADY_VOTED");
        }
        await tx.$executeRaw`UPDATE "Participation" SET "keyHash" = ${keyHash} WHERE "pollId" = ${poll.id} AND "delegateId" = ${actor.id}`;
        await tx.ballot.deleteMany({ where: { pollId: poll.id, replaceTag: replaceTag(poll.id, input.replacesKey) } });
        return "replaced";
      };
      const participationKey = { pollId_delegateId: { pollId: poll.id, delegateId: actor.id } };

      const before = await tx.participation.findUnique({ where: participationKey, select: { keyHash: true } });
      if (before) {
        const outcome = await handleExisting(before.keyHash);
        if (outcome !== "replaced") return outcome;
      } else {
        // The gate: of simultaneous submissions exactly one inserts; the others wait for
        // its commit, insert nothing, and are then handled as "already took part".
        const inserted = await tx.$executeRaw`
          INSERT INTO "Participation" ("pollId", "delegateId", "keyHash") VALUES (${poll.id}, ${actor.id}, ${keyHash})
          ON CONFLICT ("pollId", "delegateId") DO NOTHING`;
        if (inserted === 0) {
          const raced = await tx.participation.findUniqueOrThrow({ where: participationKey, select: { keyHash: true } });
          const outcome = await handleExisting(raced.keyHash);
          if (outcome !== "replaced") return outcome;
        }
      }

      await tx.ballot.create({
        data: {
          pollId: poll.id,
          tracker,
          replaceTag: poll.changeable ? replaceTag(poll.id, input.idempotencyKey) : null,
          delegateId: poll.secret ? null : actor.id,
          choices: { createMany: { data: Object.entries(choices).map(([pollCandidateId, choice]) => ({ pollCandidateId, choice })) } },
        },
        select: { id: true },
      });
      await notifySession(tx, poll.sessionId, "ballot");
      return { tracker, replay: false };
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw appErrorFromDatabase(error) ?? error;
  }
}

/** Every candidate of the poll marked once with a valid choice; 差额: no more FOR than seats. */
function validateChoices(
  poll: { kind: "EQUAL" | "COMPETITIVE"; seats: number; candidates: { id: string }[] },
  raw: Record<string, TChoice>,
): Record<string, TChoice> {
  const ids = new Set(poll.candidates.map((c) => c.id));
  const keys = Object.keys(raw);
  if (keys.length !== ids.size || keys.some((k) => !ids.has(k))) throw new AppError("BALLOT_INVALID");
  const forCount = keys.filter((k) => raw[k] === "FOR").length;
  if (poll.kind === "COMPETITIVE" && forCount > poll.seats) throw new AppError("TOO_MANY_FOR", { seats: poll.seats });
  return raw;
}
