import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { buildBallotRecord, type TBallotRecord } from "../domain/ballot-record";
import { canonicalJson } from "../domain/canonical-json";
import { tally, type TallyResult } from "../domain/tally";
import { normalizeTracker } from "../domain/tracker";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";
import { getPollView } from "./polls";

type DelegateActor = Extract<Actor, { kind: "delegate" }>;

/** Scrutineers confirm this exact hash; a different count (e.g. after a paper entry) needs new sign-offs. */
export function resultHash(result: TallyResult): string {
  return createHash("sha256").update(canonicalJson(result)).digest("hex");
}

export const SIGNOFFS_REQUIRED = 2;

async function loadBallots(db: Db | Tx, pollId: string) {
  const poll = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      sessionId: true,
      title: true,
      kind: true,
      seats: true,
      basis: true,
      seated: true,
      present: true,
      issued: true,
      status: true,
      auditHead: true,
      candidates: { orderBy: { position: "asc" }, select: { id: true, title: true } },
    },
  });
  if (!poll) throw new AppError("NOT_FOUND");
  const ballots = await db.ballot.findMany({
    where: { pollId },
    orderBy: { tracker: "asc" },
    select: { tracker: true, choices: { select: { pollCandidateId: true, choice: true } } },
  });
  return {
    poll,
    ballots: ballots.map((b) => ({
      tracker: b.tracker,
      choices: Object.fromEntries(b.choices.map((c) => [c.pollCandidateId, c.choice as string])),
    })),
  };
}

/** The count, by the one tally module, from the ballots as stored now. Only for closed polls. */
export async function computePollResult(db: Db | Tx, pollId: string): Promise<{ result: TallyResult; returned: number }> {
  const { poll, ballots } = await loadBallots(db, pollId);
  if (poll.status === "DRAFT" || poll.status === "OPEN") throw new AppError("POLL_STATE");
  const result = tally(
    { kind: poll.kind, seats: poll.seats, basis: poll.basis, seated: poll.seated ?? 0, present: poll.present ?? 0 },
    poll.candidates.map((c) => c.id),
    ballots,
  );
  return { result, returned: ballots.length };
}

/**
 * A scrutineer confirms the count they see. When two scrutineers have confirmed the same
 * count, the poll is certified in the same transaction: the result is frozen (a trigger
 * refuses later changes) and the audit chain's head is recorded with it.
 */
export async function signOff(db: Db, actor: DelegateActor, pollId: string, hash: string): Promise<{ certified: boolean }> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ sessionId: string; status: string; issued: number | null }[]>`
      SELECT "sessionId", "status", "issued" FROM "Poll" WHERE "id" = ${pollId} FOR UPDATE`;
    if (!locked || locked.sessionId !== actor.sessionId) throw new AppError("NOT_FOUND");
    const isScrutineer = await tx.scrutineer.count({ where: { sessionId: locked.sessionId, delegateId: actor.id } });
    if (!isScrutineer) throw new AppError("NOT_SCRUTINEER");
    if (locked.status !== "CLOSED") throw new AppError("POLL_STATE");
    const { result, returned } = await computePollResult(tx, pollId);
    const current = resultHash(result);
    if (current !== hash) throw new AppError("CONFLICT");
    if (returned > (locked.issued ?? 0)) throw new AppError("POLL_STATE");

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
      await notifySession(tx, locked.sessionId, "poll");
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

/** A scrutineer sees the count of a closed poll of their own session, to confirm it. */
export async function getCountForSignoff(db: Db, actor: DelegateActor, pollId: string) {
  const isScrutineer = await db.scrutineer.count({ where: { sessionId: actor.sessionId, delegateId: actor.id } });
  if (!isScrutineer) throw new AppError("NOT_SCRUTINEER");
  const view = await getPollView(db, pollId);
  if (view.sessionId !== actor.sessionId || view.status === "DRAFT" || view.status === "OPEN") throw new AppError("NOT_FOUND");
  return view;
}

/** DESIGN.md §3: everything needed to recount without our database. Published polls only. */
export async function getBallotRecord(db: Db, pollId: string): Promise<TBallotRecord> {
  const { poll, ballots } = await loadBallots(db, pollId);
  if (poll.status !== "PUBLISHED" || !poll.auditHead) throw new AppError("NOT_FOUND");
  return buildBallotRecord({
    poll: {
      id: poll.id,
      title: poll.title,
      kind: poll.kind,
      seats: poll.seats,
      basis: poll.basis,
      seated: poll.seated ?? 0,
      present: poll.present ?? 0,
      issued: poll.issued ?? 0,
    },
    candidates: poll.candidates,
    ballots,
    auditHead: poll.auditHead,
  });
}

/** A delegate (or anyone) finds a ballot by its tracker in a published poll. */
export async function lookupTracker(
  db: Db,
  pollId: string,
  tracker: string,
): Promise<{ found: boolean; choices: Record<string, string> | null }> {
  const poll = await db.poll.findUnique({ where: { id: pollId }, select: { status: true } });
  if (!poll || poll.status !== "PUBLISHED") throw new AppError("NOT_FOUND");
  const ballot = await db.ballot.findUnique({
    where: { pollId_tracker: { pollId, tracker: normalizeTracker(tracker) } },
    select: { choices: { select: { pollCandidateId: true, choice: true } } },
  });
  return ballot
    ? { found: true, choices: Object.fromEntries(ballot.choices.map((c) => [c.pollCandidateId, c.choice])) }
    : { found: false, choices: null };
}

/**
 * The published polls whose record holds a ballot with this receipt code: what the short
 * check address (`/r/<code>`) leads to. Codes are unique per poll, so this is almost always
 * one; it is none until the record is published, whether or not the ballot exists.
 */
export async function findReceipt(db: Db, tracker: string): Promise<{ tracker: string; polls: { pollId: string; title: string }[] }> {
  const code = normalizeTracker(tracker);
  // Published polls are few: each is checked through the (pollId, tracker) unique index.
  const polls = await db.poll.findMany({
    where: { status: "PUBLISHED", ballots: { some: { tracker: code } } },
    select: { id: true, title: true },
    orderBy: { publishedAt: "desc" },
  });
  return { tracker: code, polls: polls.map((p) => ({ pollId: p.id, title: p.title })) };
}
