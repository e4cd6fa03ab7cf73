import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { pollStep } from "../domain/poll-lifecycle";
import { stepAllowed } from "../errors";
import { appendAudit } from "./audit";
import { discardBox } from "./ballot-box";
import { notifySession } from "./notify";
import { lockPoll } from "./poll-rows";

/** Declares a poll void, with the secretariat's reason, at any step before certification (POLL_STEPS.void). */
export async function voidPoll(db: Db, actor: StaffActor, pollId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("void", locked.status))) return;
    await tx.$executeRaw`UPDATE "Poll" SET "status" = 'VOID', "voidedAt" = now(), "voidReason" = ${reason} WHERE "id" = ${pollId}`;
    await discardBox(tx, pollId);
    await appendAudit(tx, actor, {
      action: "poll.voided",
      entityType: "Poll",
      entityId: pollId,
      sessionId: locked.sessionId,
      data: { reason, from: locked.status },
    });
    await notifySession(tx, locked.sessionId, "poll");
  });
}
