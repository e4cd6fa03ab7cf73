import "server-only";
import type { Db, Tx } from "../db-client";
import { buildBallotRecord, type TBallotRecord } from "../domain/ballot-record";
import { POLL_COUNT } from "../domain/poll-lifecycle";
import { tally, type TallyResult } from "../domain/tally";
import { normalizeTracker } from "../domain/tracker";
import { AppError } from "../errors";

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
  // Before the close, and while paper is being entered, the count does not exist yet.
  if (POLL_COUNT[poll.status] === "hidden" || POLL_COUNT[poll.status] === "pending") throw new AppError("POLL_STATE");
  const result = tally(
    { kind: poll.kind, seats: poll.seats, basis: poll.basis, seated: poll.seated ?? 0, present: poll.present ?? 0 },
    poll.candidates.map((c) => c.id),
    ballots,
  );
  return { result, returned: ballots.length };
}

/** The published ballot record (domain/ballot-record.ts): everything needed to recount without our database. Published polls only. */
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
