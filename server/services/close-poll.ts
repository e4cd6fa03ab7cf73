import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { pollStep } from "../domain/poll-lifecycle";
import { ballotsReconcile } from "../domain/quorum";
import { stepAllowed } from "../errors";
import type { PollStatus } from "../generated/prisma/enums";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";
import { lockPoll, sealBallots, seatedAndPresent } from "./poll-rows";

/**
 * Secret polls: each ballot row was written in the same transaction as its delegate's
 * participation row, so PostgreSQL's hidden row metadata (xmin, and the physical order of
 * rows) could join the two for someone with raw access to the database. At close the
 * poll's ballots are rewritten in random order by this one transaction, and the old row
 * versions are vacuumed away after commit (see closePoll): every ballot then carries the
 * close's transaction id and a random position.
 */
async function reshuffleBallots(tx: Tx, pollId: string) {
  await tx.$executeRaw`CREATE TEMP TABLE shuffled_ballot ON COMMIT DROP AS SELECT * FROM "Ballot" WHERE "pollId" = ${pollId}`;
  await tx.$executeRaw`CREATE TEMP TABLE shuffled_choice ON COMMIT DROP AS
    SELECT c.* FROM "BallotChoice" c JOIN shuffled_ballot b ON b."id" = c."ballotId"`;
  await tx.$executeRaw`DELETE FROM "Ballot" WHERE "pollId" = ${pollId}`;
  await tx.$executeRaw`INSERT INTO "Ballot" SELECT * FROM shuffled_ballot ORDER BY random()`;
  await tx.$executeRaw`INSERT INTO "BallotChoice" SELECT * FROM shuffled_choice ORDER BY random()`;
}

/**
 * Closes an OPEN poll. Idempotent: closing a poll that is already closed (or later)
 * changes nothing and succeeds. Locking the row FOR UPDATE waits for every cast already
 * in flight (each holds KEY SHARE on it), and every later cast sees CLOSED — so the
 * count is exactly the ballots whose transactions committed before the close.
 */
export async function closePoll(db: Db, actor: StaffActor, pollId: string): Promise<{ status: PollStatus }> {
  const outcome = await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("close", locked.status))) return { status: locked.status, closedNow: false };
    const { secret } = await tx.poll.findUniqueOrThrow({ where: { id: pollId }, select: { secret: true } });
    if (secret) await reshuffleBallots(tx, pollId);
    const [{ present: issued }, seal] = await Promise.all([seatedAndPresent(tx, locked.sessionId), sealBallots(tx, pollId)]);
    // 发出 = delegates checked in by now (those present at open plus late check-ins).
    const reconcile = ballotsReconcile(issued, seal.count);
    const status: PollStatus = reconcile.void ? "VOID" : "CLOSED";
    await tx.$executeRaw`
      UPDATE "Poll" SET "status" = ${status}::"PollStatus", "closedAt" = now(), "issued" = ${issued}, "returned" = ${seal.count},
        "ballotsHash" = ${seal.hash},
        "voidedAt" = CASE WHEN ${reconcile.void} THEN now() ELSE NULL END,
        "voidReason" = CASE WHEN ${reconcile.void} THEN 'RETURNED_EXCEEDS_ISSUED' ELSE NULL END
      WHERE "id" = ${pollId}`;
    await appendAudit(tx, actor, {
      action: reconcile.void ? "poll.closed.void" : "poll.closed",
      entityType: "Poll",
      entityId: pollId,
      sessionId: locked.sessionId,
      data: { issued, returned: seal.count, ballotsHash: seal.hash },
    });
    await notifySession(tx, locked.sessionId, "poll");
    return { status, closedNow: true };
  });
  // Removes the pre-shuffle row versions (VACUUM cannot run inside a transaction).
  if (outcome.closedNow) await db.$executeRawUnsafe(`VACUUM "Ballot", "BallotChoice"`).catch(() => undefined);
  return { status: outcome.status };
}
