import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { pollStep } from "../domain/poll-lifecycle";
import { quorumMet } from "../domain/quorum";
import { AppError, stepAllowed } from "../errors";
import { appendAudit } from "./audit";
import { createBoxKey } from "./ballot-box";
import { notifySession } from "./notify";
import { lockPoll, seatedAndPresent } from "./poll-rows";

/**
 * Opens a DRAFT poll when the quorum is met; one poll at a time per session. The count
 * below refuses the everyday case; two opens racing both pass it, and the unique index
 * "Poll_one_open_per_session" refuses the second (mapped to the same error).
 */
export async function openPoll(db: Db, actor: StaffActor, pollId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("open", locked.status))) return;
    const poll = await tx.poll.findUniqueOrThrow({ where: { id: pollId }, select: { quorumNum: true, quorumDen: true } });
    const other = await tx.poll.count({ where: { sessionId: locked.sessionId, status: "OPEN" } });
    if (other > 0) throw new AppError("ANOTHER_POLL_OPEN");
    const { seated, present } = await seatedAndPresent(tx, locked.sessionId);
    if (!quorumMet(present, seated, { num: poll.quorumNum, den: poll.quorumDen }))
      throw new AppError("QUORUM_NOT_MET", { seated, present });
    // The database's clock decides when the poll opened and closed.
    await tx.$executeRaw`UPDATE "Poll" SET "status" = 'OPEN', "openedAt" = now(), "seated" = ${seated}, "present" = ${present} WHERE "id" = ${pollId}`;
    // The poll's sealed ballot box: its key, wrapped under the KEK (DESIGN §4a).
    await createBoxKey(tx, pollId);
    await appendAudit(tx, actor, {
      action: "poll.opened",
      entityType: "Poll",
      entityId: pollId,
      sessionId: locked.sessionId,
      data: { seated, present },
    });
    await notifySession(tx, locked.sessionId, "poll");
  });
}
