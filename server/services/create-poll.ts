import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { AppError, parseInput } from "../errors";
import type { TCreatePollInput } from "~/lib/schemas/vote";
import { ZCreatePollInput } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";

/** Creating a poll freezes its slate: candidates are copied, so later edits never change what was voted on. */
export async function createPoll(db: Db, actor: StaffActor, raw: TCreatePollInput, runoffOfId: string | null = null): Promise<string> {
  const input = parseInput(ZCreatePollInput, raw);
  return db.$transaction(async (tx) => {
    const candidates = await tx.candidate.findMany({
      where: { id: { in: input.candidateIds }, sessionId: input.sessionId },
      select: { id: true, title: true, budgetWan: true, targets: true, department: { select: { name: true } } },
    });
    if (candidates.length !== input.candidateIds.length) throw new AppError("BAD_INPUT", { field: "candidateIds" });
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const poll = await tx.poll.create({
      data: {
        sessionId: input.sessionId,
        title: input.title,
        kind: input.kind,
        seats: input.kind === "EQUAL" ? input.candidateIds.length : input.seats!,
        basis: input.basis,
        quorumNum: input.quorumNum,
        quorumDen: input.quorumDen,
        secret: input.secret,
        changeable: input.changeable,
        runoffOfId,
        candidates: {
          create: input.candidateIds.map((id, i) => {
            const c = byId.get(id)!;
            return {
              candidateId: id,
              position: i + 1,
              title: c.title,
              unitName: c.department.name,
              budgetWan: c.budgetWan,
              targets: c.targets,
            };
          }),
        },
      },
      select: { id: true },
    });
    await appendAudit(tx, actor, {
      action: "poll.created",
      entityType: "Poll",
      entityId: poll.id,
      sessionId: input.sessionId,
      data: {
        title: input.title,
        kind: input.kind,
        candidates: input.candidateIds,
        secret: input.secret,
        changeable: input.changeable,
        basis: input.basis,
        runoffOfId,
      },
    });
    await notifySession(tx, input.sessionId, "draft");
    return poll.id;
  });
}
