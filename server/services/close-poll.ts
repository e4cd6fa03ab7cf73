import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { pollStep } from "../domain/poll-lifecycle";
import { stepAllowed } from "../errors";
import type { PollStatus } from "../generated/prisma/enums";
import { appendAudit } from "./audit";
import { refusedIfBoxLocked } from "./ballot-box";
import { bringCountIntoBeing } from "./count-poll";
import { notifySession } from "./notify";
import { lockPoll, seatedAndPresent } from "./poll-rows";

/**
 * Closes an OPEN poll. Idempotent: closing a poll that is already closed (or later)
 * changes nothing and succeeds. Locking the row FOR UPDATE waits for every cast and every
 * paper ballot issue already in flight (each holds KEY SHARE on it), and every later one
 * sees the poll closed — so what counts is exactly what committed before the close.
 *
 * 发出 (issued) is frozen here: the delegates checked in by now, of whom paperIssued took a
 * paper ballot at the desk. Without paper ballots the count comes into being now (the
 * sealed box is opened: bringCountIntoBeing); with them the poll waits in PAPER_ENTRY, its
 * box still sealed and its count not yet existing, until the clerks have entered every
 * paper ballot (finishPaperEntry). A box this server cannot open (a wrong or missing
 * BALLOT_SEAL_KEY) refuses the close — the poll stays open, nothing is lost — with the
 * refusal audited; the close succeeds once the right key is back.
 */
export async function closePoll(db: Db, actor: StaffActor, pollId: string): Promise<{ status: PollStatus }> {
  return refusedIfBoxLocked(db, actor, { type: "Poll", id: pollId, action: "poll.unseal.refused" }, () =>
    db.$transaction(async (tx) => {
      const locked = await lockPoll(tx, pollId);
      if (!stepAllowed(pollStep("close", locked.status))) return { status: locked.status };
      const [{ present: issued }, paperIssued, phoneReturned] = await Promise.all([
        seatedAndPresent(tx, locked.sessionId),
        tx.participation.count({ where: { pollId, kind: "PAPER" } }),
        // Still sealed: how many, nothing of what.
        tx.sealedBallot.count({ where: { boxId: pollId } }),
      ]);
      const paper = paperIssued > 0;
      await tx.$executeRaw`
        UPDATE "Poll" SET "status" = CASE WHEN ${paper} THEN 'PAPER_ENTRY'::"PollStatus" ELSE "status" END, "closedAt" = now(), "issued" = ${issued},
          "paperIssued" = ${paperIssued}, "returned" = ${phoneReturned}
        WHERE "id" = ${pollId}`;
      let status: PollStatus = "PAPER_ENTRY";
      if (paper) {
        await appendAudit(tx, actor, {
          action: "poll.closed",
          entityType: "Poll",
          entityId: pollId,
          sessionId: locked.sessionId,
          data: { issued, paperIssued, phoneReturned },
        });
      } else {
        status = await bringCountIntoBeing(tx, actor, locked, "poll.closed");
      }
      await notifySession(tx, locked.sessionId, "poll");
      return { status };
    }),
  );
}
