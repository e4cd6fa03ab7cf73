import "server-only";
import type { DelegateActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { resultHash, SIGNOFFS_REQUIRED } from "../domain/certification";
import { maySignOff } from "../domain/permissions";
import { POLL_COUNT, pollStep } from "../domain/poll-lifecycle";
import { ballotsReconcile } from "../domain/quorum";
import { AppError, stepAllowed } from "../errors";
import type { TOversight, TPollStatus, TSignoffView } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { reissuesDuring } from "./credential-reissues";
import { notifySession } from "./notify";
import { clerksOfPoll } from "./paper-ballots";
import { computePollResult } from "./poll-result";
import { getPollView } from "./poll-view";

/** Refused (NOT_SCRUTINEER) unless the delegate is a scrutineer of their session (maySignOff); polls of another session are NOT_FOUND before this. */
async function mustBeScrutineer(db: Db | Tx, actor: DelegateActor): Promise<void> {
  const rows = await db.scrutineer.findMany({ where: { sessionId: actor.sessionId }, select: { delegateId: true } });
  const scrutineerIds = rows.map((s) => s.delegateId);
  if (!maySignOff(actor, scrutineerIds)) throw new AppError("NOT_SCRUTINEER");
}

/**
 * A scrutineer confirms the count they see. When two scrutineers have confirmed the same
 * count, the poll is certified in the same transaction: the result is frozen (a trigger
 * refuses later changes) and the audit chain's head is recorded with it.
 */
export async function signOff(db: Db, actor: DelegateActor, pollId: string, hash: string): Promise<{ certified: boolean }> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ sessionId: string; status: TPollStatus; issued: number | null }[]>`
      SELECT "sessionId", "status", "issued" FROM "Poll" WHERE "id" = ${pollId} FOR UPDATE`;
    if (!locked || locked.sessionId !== actor.sessionId) throw new AppError("NOT_FOUND");
    await mustBeScrutineer(tx, actor);
    if (!stepAllowed(pollStep("certify", locked.status))) throw new AppError("POLL_STATE");
    const { result, returned } = await computePollResult(tx, pollId);
    const current = resultHash(result);
    if (current !== hash) throw new AppError("CONFLICT");
    if (!ballotsReconcile(locked.issued ?? 0, returned).ok) throw new AppError("BALLOTS_EXCEED_ISSUED");

    await tx.scrutineerSignoff.upsert({
      where: { pollId_delegateId: { pollId, delegateId: actor.id } },
      create: { pollId, delegateId: actor.id, resultHash: current },
      update: { resultHash: current, signedAt: new Date() },
    });
    await appendAudit(tx, actor, {
      action: "poll.signoff",
      entityType: "Poll",
      entityId: pollId,
      sessionId: locked.sessionId,
      data: { resultHash: current },
    });

    const agreeing = await tx.scrutineerSignoff.count({ where: { pollId, resultHash: current } });
    if (agreeing < SIGNOFFS_REQUIRED) {
      await notifySession(tx, locked.sessionId, "count");
      return { certified: false };
    }
    const head = await appendAudit(tx, actor, {
      action: "poll.certified",
      entityType: "Poll",
      entityId: pollId,
      sessionId: locked.sessionId,
      data: { resultHash: current, returned, signoffs: agreeing },
    });
    await tx.$executeRaw`
      UPDATE "Poll" SET "status" = 'CERTIFIED', "certifiedAt" = now(), "result" = ${JSON.stringify(result)}::jsonb,
        "returned" = ${returned}, "auditHead" = ${head}
      WHERE "id" = ${pollId}`;
    await notifySession(tx, locked.sessionId, "poll");
    return { certified: true };
  });
}

/**
 * A scrutineer sees a closed poll of their own session, to confirm its count: the count
 * once it exists (not while paper ballots are still being entered), and beside it what
 * they must see before they sign (getOversight).
 */
export async function getCountForSignoff(db: Db, actor: DelegateActor, pollId: string): Promise<TSignoffView> {
  await mustBeScrutineer(db, actor);
  const view = await getPollView(db, pollId);
  if (view.sessionId !== actor.sessionId || POLL_COUNT[view.status] === "hidden") throw new AppError("NOT_FOUND");
  return { ...view, oversight: await getOversight(db, pollId, view.sessionId) };
}

/**
 * Who could have changed the outcome besides the voters, and did something (DESIGN §4
 * promise 7): the tally clerks and every designation of them, the paper ballots issued at
 * the desk and by whom, and the sign-ins reissued while the poll was open.
 */
async function getOversight(db: Db, pollId: string, sessionId: string): Promise<TOversight> {
  const [clerks, assignments, paper, reissues] = await Promise.all([
    clerksOfPoll(db, pollId, sessionId),
    db.auditLog.findMany({
      where: {
        OR: [
          { action: "poll.clerks", entityId: pollId },
          { action: "session.clerks", sessionId },
        ],
      },
      orderBy: { seq: "asc" },
      select: { action: true, actorId: true, at: true, data: true },
    }),
    db.participation.findMany({
      where: { pollId, kind: "PAPER" },
      select: { delegate: { select: { name: true, seat: true } }, issuedBy: { select: { displayName: true } } },
      orderBy: { delegate: { seat: "asc" } },
    }),
    reissuesDuring(db, pollId),
  ]);
  const staffIds = new Set([
    ...clerks.staffIds,
    ...assignments.flatMap((a) => [a.actorId!, ...((a.data as { staffIds?: string[] }).staffIds ?? [])]),
  ]);
  const names = new Map(
    (await db.staffUser.findMany({ where: { id: { in: [...staffIds] } }, select: { id: true, displayName: true } })).map((s) => [
      s.id,
      s.displayName,
    ]),
  );
  const namesOf = (ids: string[]) => ids.map((id) => names.get(id) ?? "").sort();
  return {
    clerks: { scope: clerks.scope, names: namesOf(clerks.staffIds) },
    clerkAssignments: assignments.map((a) => ({
      scope: a.action === "poll.clerks" ? "POLL" : "SESSION",
      byName: names.get(a.actorId!) ?? "",
      names: namesOf((a.data as { staffIds?: string[] }).staffIds ?? []),
      at: a.at,
    })),
    paperIssued: paper.map((p) => ({ delegateName: p.delegate.name, seat: p.delegate.seat, byName: p.issuedBy?.displayName ?? "" })),
    reissues,
  };
}
