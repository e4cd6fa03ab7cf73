import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { canonicalJson } from "../domain/canonical-json";
import { mayEnterPaperBallots } from "../domain/permissions";
import { POLL_COUNT } from "../domain/poll-lifecycle";
import { AppError } from "../errors";
import type { TPaperEntryInput, TPaperStatus, TPollStatus } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";
import { listPolls, toPollCandidateView } from "./poll-view";

/** Tally clerks of the session (计票人); the secretariat may enter too. */
async function assertClerkFor(tx: Tx, actor: StaffActor, sessionId: string) {
  const designated = (await tx.sessionClerk.count({ where: { sessionId, staffId: actor.id } })) > 0;
  if (!mayEnterPaperBallots(actor, designated)) throw new AppError("FORBIDDEN");
}

/**
 * Paper fallback: each paper ballot (by the serial printed on it) is typed in by two
 * different clerks. Only when two entries by different clerks agree does it become a
 * ballot; disagreeing entries are listed for the scrutineers. Entries are accepted while
 * the poll is CLOSED and not yet certified.
 */
export async function enterPaperBallot(db: Db, actor: StaffActor, input: TPaperEntryInput): Promise<{ matched: boolean }> {
  return db.$transaction(async (tx) => {
    const [poll] = await tx.$queryRaw<
      { sessionId: string; status: TPollStatus }[]
    >`SELECT "sessionId", "status" FROM "Poll" WHERE "id" = ${input.pollId} FOR UPDATE`;
    if (!poll) throw new AppError("NOT_FOUND");
    await assertClerkFor(tx, actor, poll.sessionId);
    // Paper ballots join the count while it is current: after the close, before certification.
    if (POLL_COUNT[poll.status] !== "current") throw new AppError("POLL_STATE");
    const candidateIds = new Set(
      (await tx.pollCandidate.findMany({ where: { pollId: input.pollId }, select: { id: true } })).map((c) => c.id),
    );
    if (Object.keys(input.choices).some((id) => !candidateIds.has(id))) throw new AppError("BALLOT_INVALID");

    const dup = await tx.paperEntry.count({ where: { pollId: input.pollId, serial: input.serial, clerkId: actor.id } });
    if (dup) throw new AppError("PAPER_SAME_CLERK");
    await tx.paperEntry.create({ data: { pollId: input.pollId, serial: input.serial, clerkId: actor.id, choices: input.choices } });
    await appendAudit(tx, actor, {
      action: "paper.entered",
      entityType: "Poll",
      entityId: input.pollId,
      sessionId: poll.sessionId,
      data: { serial: input.serial },
    });

    const tracker = `P-${input.serial}`;
    const already = await tx.ballot.count({ where: { pollId: input.pollId, tracker } });
    if (already) return { matched: true };
    const entries = await tx.paperEntry.findMany({
      where: { pollId: input.pollId, serial: input.serial },
      select: { clerkId: true, choices: true },
    });
    const mine = canonicalJson(input.choices);
    const agreeing = entries.filter((e) => e.clerkId !== actor.id && canonicalJson(e.choices) === mine);
    if (agreeing.length === 0) {
      await notifySession(tx, poll.sessionId, "count");
      return { matched: false };
    }
    await tx.ballot.create({
      data: {
        pollId: input.pollId,
        tracker,
        source: "PAPER",
        choices: { createMany: { data: Object.entries(input.choices).map(([pollCandidateId, choice]) => ({ pollCandidateId, choice })) } },
      },
    });
    await appendAudit(tx, actor, {
      action: "paper.matched",
      entityType: "Poll",
      entityId: input.pollId,
      sessionId: poll.sessionId,
      data: { serial: input.serial },
    });
    await notifySession(tx, poll.sessionId, "count");
    return { matched: true };
  });
}

/** The clerk's home: whether check-in is open, and the session's polls. */
export async function getClerkSession(db: Db, sessionId: string) {
  const s = await db.congressSession.findUnique({ where: { id: sessionId }, select: { checkInOpen: true } });
  if (!s) throw new AppError("NOT_FOUND");
  return { checkInOpen: s.checkInOpen, polls: await listPolls(db, sessionId) };
}

/** What the paper entry form needs: the poll's frozen candidates in ballot order. */
export async function getPaperPoll(db: Db, pollId: string) {
  const p = await db.poll.findUnique({ where: { id: pollId }, include: { candidates: { orderBy: { position: "asc" } } } });
  if (!p) throw new AppError("NOT_FOUND");
  return { id: p.id, title: p.title, kind: p.kind, seats: p.seats, status: p.status, candidates: p.candidates.map(toPollCandidateView) };
}

export async function getPaperStatus(db: Db, pollId: string): Promise<TPaperStatus> {
  const [entries, matched] = await Promise.all([
    db.paperEntry.findMany({
      where: { pollId },
      orderBy: [{ serial: "asc" }, { createdAt: "asc" }],
      select: { serial: true, choices: true, clerk: { select: { displayName: true } } },
    }),
    db.ballot.findMany({ where: { pollId, source: "PAPER" }, select: { tracker: true } }),
  ]);
  const matchedSerials = new Set(matched.map((b) => b.tracker.slice(2)));
  const bySerial = new Map<string, typeof entries>();
  for (const e of entries) bySerial.set(e.serial, [...(bySerial.get(e.serial) ?? []), e]);
  const pending: TPaperStatus["pending"] = [];
  const mismatched: TPaperStatus["mismatched"] = [];
  for (const [serial, list] of bySerial) {
    if (matchedSerials.has(serial)) continue;
    if (list.length === 1) pending.push({ serial, clerkName: list[0]!.clerk.displayName });
    else mismatched.push({ serial, clerks: list.map((e) => e.clerk.displayName) });
  }
  return { matched: matchedSerials.size, pending, mismatched };
}
