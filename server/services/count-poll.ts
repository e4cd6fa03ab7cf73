import "server-only";
import type { AuditActor } from "./audit";
import type { Db, Tx } from "../db-client";
import { ballotsReconcile } from "../domain/quorum";
import type { PollStatus } from "../generated/prisma/enums";
import { appendAudit } from "./audit";
import { sealBallots } from "./poll-rows";

/**
 * Secret polls: each ballot row was written in the same transaction as its delegate's
 * participation row, so PostgreSQL's hidden row metadata (xmin, and the physical order of
 * rows) could join the two for someone with raw access to the database. When the count
 * comes into being the poll's ballots are rewritten in random order by this one
 * transaction, and the old row versions are vacuumed away after commit (vacuumBallots):
 * every ballot then carries that transaction's id and a random position.
 */
async function reshuffleBallots(tx: Tx, pollId: string) {
  await tx.$executeRaw`CREATE TEMP TABLE shuffled_ballot ON COMMIT DROP AS SELECT * FROM "Ballot" WHERE "pollId" = ${pollId}`;
  await tx.$executeRaw`CREATE TEMP TABLE shuffled_choice ON COMMIT DROP AS
    SELECT c.* FROM "BallotChoice" c JOIN shuffled_ballot b ON b."id" = c."ballotId"`;
  await tx.$executeRaw`DELETE FROM "Ballot" WHERE "pollId" = ${pollId}`;
  await tx.$executeRaw`INSERT INTO "Ballot" SELECT * FROM shuffled_ballot ORDER BY random()`;
  await tx.$executeRaw`INSERT INTO "BallotChoice" SELECT * FROM shuffled_choice ORDER BY random()`;
}

/** After the count's commit: removes the pre-shuffle row versions (VACUUM cannot run inside a transaction). */
export async function vacuumBallots(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`VACUUM "Ballot", "BallotChoice"`).catch(() => undefined);
}

/**
 * The one place where a poll's count comes into being (DESIGN §4a, §4b): at the close for a
 * poll without paper ballots, or when paper entry is declared finished — the phone and the
 * paper ballots then appear together, and nobody saw an electronic count while paper was
 * still being entered. (The sealed ballot box's unsealing belongs here, first.) In the
 * caller's transaction, with the poll row locked and issued / paperIssued frozen: the
 * ballots are reshuffled (secret polls) and sealed, 收回 is reconciled with 发出 for phone
 * and paper alike, and the seal is recorded in the audit chain under `action` (its
 * ".void" form when the count is void) — the entry `audit:verify` anchors the seal to.
 */
export async function bringCountIntoBeing(
  tx: Tx,
  actor: AuditActor,
  poll: { id: string; sessionId: string },
  action: "poll.closed" | "paper.finished",
): Promise<PollStatus> {
  const { secret, issued, paperIssued } = await tx.poll.findUniqueOrThrow({
    where: { id: poll.id },
    select: { secret: true, issued: true, paperIssued: true },
  });
  if (secret) await reshuffleBallots(tx, poll.id);
  const [seal, paperReturned] = await Promise.all([
    sealBallots(tx, poll.id),
    tx.ballot.count({ where: { pollId: poll.id, source: "PAPER" } }),
  ]);
  const allIssued = issued ?? 0;
  const paperOut = paperIssued ?? 0;
  const voided =
    ballotsReconcile(allIssued, seal.count).void ||
    ballotsReconcile(paperOut, paperReturned).void ||
    ballotsReconcile(allIssued - paperOut, seal.count - paperReturned).void;
  const status: PollStatus = voided ? "VOID" : "CLOSED";
  await tx.$executeRaw`
    UPDATE "Poll" SET "status" = ${status}::"PollStatus", "returned" = ${seal.count}, "paperReturned" = ${paperReturned},
      "ballotsHash" = ${seal.hash},
      "voidedAt" = CASE WHEN ${voided} THEN now() ELSE NULL END,
      "voidReason" = CASE WHEN ${voided} THEN 'RETURNED_EXCEEDS_ISSUED' ELSE NULL END
    WHERE "id" = ${poll.id}`;
  await appendAudit(tx, actor, {
    action: voided ? `${action}.void` : action,
    entityType: "Poll",
    entityId: poll.id,
    sessionId: poll.sessionId,
    data: { issued: allIssued, returned: seal.count, paperIssued: paperOut, paperReturned, ballotsHash: seal.hash },
  });
  return status;
}
