import "server-only";
import { createHash } from "node:crypto";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { canonicalJson } from "../domain/canonical-json";
import { pollStep } from "../domain/poll-lifecycle";
import { ballotsReconcile } from "../domain/quorum";
import { stepAllowed } from "../errors";
import type { PollStatus } from "../generated/prisma/enums";
import { appendAudit } from "./audit";
import { refusedIfBoxLocked } from "./ballot-box";
import { notifySession } from "./notify";
import { lockPoll, seatedAndPresent } from "./poll-rows";
import { unsealBallots } from "./unseal-ballots";

/** SHA-256 over the poll's ballots in a canonical order: recorded in the audit chain at close. */
async function ballotsHash(tx: Tx, pollId: string): Promise<{ hash: string; count: number }> {
  const ballots = await tx.ballot.findMany({
    where: { pollId },
    select: { tracker: true, source: true, choices: { select: { pollCandidateId: true, choice: true } } },
  });
  const lines = ballots
    .map((b) =>
      canonicalJson({
        tracker: b.tracker,
        source: b.source,
        choices: Object.fromEntries(b.choices.map((c) => [c.pollCandidateId, c.choice])),
      }),
    )
    .sort();
  return { hash: createHash("sha256").update(lines.join("\n")).digest("hex"), count: ballots.length };
}

/**
 * Closes an OPEN poll. Idempotent: closing a poll that is already closed (or later)
 * changes nothing and succeeds. Locking the row FOR UPDATE waits for every cast already
 * in flight (each holds KEY SHARE on it), and every later cast sees CLOSED — so the
 * count is exactly the ballots whose transactions committed before the close.
 *
 * The same transaction opens the sealed box (unsealBallots). A box this server cannot
 * open (a wrong or missing BALLOT_SEAL_KEY) refuses the close — the poll stays open, nothing
 * is lost — with the refusal audited; the close succeeds once the right key is back.
 */
export async function closePoll(db: Db, actor: StaffActor, pollId: string): Promise<{ status: PollStatus }> {
  return refusedIfBoxLocked(db, actor, { type: "Poll", id: pollId, action: "poll.unseal.refused" }, () =>
    db.$transaction(async (tx) => {
      const locked = await lockPoll(tx, pollId);
      if (!stepAllowed(pollStep("close", locked.status))) return { status: locked.status };
      // The sealed box is opened here, so no ballot was ever in clear while the poll was open.
      await unsealBallots(tx, pollId);
      const [{ present: issued }, seal] = await Promise.all([seatedAndPresent(tx, locked.sessionId), ballotsHash(tx, pollId)]);
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
      return { status };
    }),
  );
}
