import "server-only";
import type { AuditActor } from "./audit";
import type { Tx } from "../db-client";
import { ballotsReconcile } from "../domain/quorum";
import type { PollStatus } from "../generated/prisma/enums";
import { appendAudit } from "./audit";
import { sealBallots } from "./poll-rows";
import { unsealBallots } from "./unseal-ballots";

/**
 * The one place where a poll's count comes into being (DESIGN §4a, §4b): at the close for a
 * poll without paper ballots, or when paper entry is declared finished — the phone and the
 * paper ballots then appear together, and nobody saw an electronic count while paper was
 * still being entered. In the caller's transaction, with the poll row locked and issued /
 * paperIssued frozen: the sealed box is opened (unsealBallots: the phone ballots become
 * counted rows, in random order, in this one transaction), all ballots are sealed with one
 * hash, 收回 is reconciled with 发出 for phone
 * and paper alike, and the seal is recorded in the audit chain under `action` (its
 * ".void" form when the count is void) — the entry `audit:verify` anchors the seal to.
 */
export async function bringCountIntoBeing(
  tx: Tx,
  actor: AuditActor,
  poll: { id: string; sessionId: string },
  action: "poll.closed" | "paper.finished",
): Promise<PollStatus> {
  // First: a box this server cannot open refuses the whole step before anything is written.
  await unsealBallots(tx, poll.id);
  const { issued, paperIssued } = await tx.poll.findUniqueOrThrow({
    where: { id: poll.id },
    select: { issued: true, paperIssued: true },
  });
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
