import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { pollStep } from "../domain/poll-lifecycle";
import { stepAllowed } from "../errors";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";
import { lockPoll } from "./poll-rows";

/** Publishes a certified result; publishing twice changes nothing, and an uncertified count is refused (SIGNOFFS_MISSING). */
export async function publishPoll(db: Db, actor: StaffActor, pollId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("publish", locked.status))) return;
    await tx.$executeRaw`UPDATE "Poll" SET "status" = 'PUBLISHED', "publishedAt" = now() WHERE "id" = ${pollId}`;
    await appendAudit(tx, actor, { action: "poll.published", entityType: "Poll", entityId: pollId, sessionId: locked.sessionId });
    await notifySession(tx, locked.sessionId, "poll");
  });
}
