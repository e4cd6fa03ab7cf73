import "server-only";
import { randomUUID } from "node:crypto";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { canonicalJson } from "../domain/canonical-json";
import { mayEnterPaperBallots, mayFinishPaperEntry, TALLY_CLERK_ROLES, tallyClerks, type TallyClerks } from "../domain/permissions";
import { pollActionRefusal, pollStep } from "../domain/poll-lifecycle";
import { AppError, appErrorFromDatabase, stepAllowed } from "../errors";
import type { PollStatus } from "../generated/prisma/enums";
import type { TPaperEntryInput, TPaperStatus } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { refusedIfBoxLocked } from "./ballot-box";
import { bringCountIntoBeing } from "./count-poll";
import { notifySession } from "./notify";
import { lockPoll } from "./poll-rows";
import { listPolls, toPollCandidateView } from "./poll-view";

/** The poll's tally clerks (server/domain/permissions.ts): its own if designated, else the session's. */
export async function clerksOfPoll(tx: Tx | Db, pollId: string, sessionId: string): Promise<TallyClerks> {
  const [poll, session] = await Promise.all([
    tx.pollClerk.findMany({ where: { pollId }, select: { staffId: true } }),
    tx.sessionClerk.findMany({ where: { sessionId }, select: { staffId: true } }),
  ]);
  return tallyClerks(
    poll.map((c) => c.staffId),
    session.map((c) => c.staffId),
  );
}

/**
 * 发出 at the desk: hands a named, checked-in delegate a paper ballot for the open poll.
 * The participation row is the ballot's issue: the (poll, delegate) primary key that lets a
 * phone vote once lets the desk issue once, and decides between the two — a phone casting
 * while the desk issues gets exactly one of them through, whatever the timing. The same
 * trigger as for a cast admits it only while the poll is OPEN. A second issue to the same
 * delegate changes nothing ({ already: true }).
 */
export async function issuePaperBallot(db: Db, actor: StaffActor, pollId: string, delegateId: string): Promise<{ already: boolean }> {
  const poll = await db.poll.findUnique({ where: { id: pollId }, select: { sessionId: true, status: true } });
  if (!poll) throw new AppError("NOT_FOUND");
  const delegate = await db.delegate.findUnique({
    where: { id: delegateId },
    select: { sessionId: true, active: true, checkIn: { select: { id: true } } },
  });
  if (!delegate || delegate.sessionId !== poll.sessionId || !delegate.active) throw new AppError("NOT_FOUND");
  if (poll.status !== "OPEN") throw new AppError(poll.status === "DRAFT" ? "POLL_NOT_OPEN" : "POLL_CLOSED");
  if (!delegate.checkIn) throw new AppError("NOT_CHECKED_IN");
  try {
    return await db.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO "Participation" ("pollId", "delegateId", "keyHash", "kind", "issuedById")
        VALUES (${pollId}, ${delegateId}, ${`paper:${randomUUID()}`}, 'PAPER', ${actor.id})
        ON CONFLICT ("pollId", "delegateId") DO NOTHING`;
      if (inserted === 0) {
        const existing = await tx.participation.findUniqueOrThrow({
          where: { pollId_delegateId: { pollId, delegateId } },
          select: { kind: true },
        });
        if (existing.kind === "PHONE") throw new AppError("VOTED_BY_PHONE");
        return { already: true };
      }
      await appendAudit(tx, actor, {
        action: "paper.issued",
        entityType: "Poll",
        entityId: pollId,
        sessionId: poll.sessionId,
        data: { delegateId },
      });
      await notifySession(tx, poll.sessionId, "poll");
      return { already: false };
    });
  } catch (error) {
    throw appErrorFromDatabase(error) ?? error;
  }
}

/**
 * Paper ballots are entered while the poll is in PAPER_ENTRY, only by its tally clerks:
 * each ballot (by the serial printed on it) is typed in by two different clerks. Only when
 * two entries by different clerks agree does it become a ballot; disagreeing entries are
 * listed until one more entry agrees. Nothing of the count can be seen meanwhile.
 */
export async function enterPaperBallot(db: Db, actor: StaffActor, input: TPaperEntryInput): Promise<{ matched: boolean }> {
  return db.$transaction(async (tx) => {
    const poll = await lockPoll(tx, input.pollId);
    if (!mayEnterPaperBallots(actor, await clerksOfPoll(tx, input.pollId, poll.sessionId))) throw new AppError("FORBIDDEN");
    const refusal = pollActionRefusal("enterPaper", poll.status);
    if (refusal) throw new AppError(refusal);
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

/**
 * Paper entry is finished: every serial typed in has two agreeing entries. The count —
 * phone and paper together — comes into being now (bringCountIntoBeing), and the poll is
 * CLOSED for the scrutineers, or VOID when more ballots came back than were issued.
 * Finishing again changes nothing.
 */
export async function finishPaperEntry(db: Db, actor: StaffActor, pollId: string): Promise<{ status: PollStatus }> {
  return refusedIfBoxLocked(db, actor, { type: "Poll", id: pollId, action: "poll.unseal.refused" }, () =>
    db.$transaction(async (tx) => {
      const poll = await lockPoll(tx, pollId);
      if (!mayFinishPaperEntry(actor, await clerksOfPoll(tx, pollId, poll.sessionId))) throw new AppError("FORBIDDEN");
      if (!stepAllowed(pollStep("finishPaper", poll.status))) return { status: poll.status };
      const status = await paperStatusOf(tx, pollId);
      if (status.pending.length > 0 || status.mismatched.length > 0) throw new AppError("PAPER_ENTRY_INCOMPLETE");
      const counted = await bringCountIntoBeing(tx, actor, poll, "paper.finished");
      await notifySession(tx, poll.sessionId, "poll");
      return { status: counted };
    }),
  );
}

/**
 * Designates the tally clerks of one poll (any active clerk, secretariat or admin account):
 * they replace the session's clerks for it; an empty list goes back to the session's.
 * Audited, and shown to the scrutineers before they sign. Only before the count exists.
 */
export async function setPollClerks(db: Db, actor: StaffActor, pollId: string, staffIds: string[]): Promise<void> {
  const ids = [...new Set(staffIds)];
  await db.$transaction(async (tx) => {
    const poll = await lockPoll(tx, pollId);
    const refusal = pollActionRefusal("designateClerks", poll.status);
    if (refusal) throw new AppError(refusal);
    const valid = await tx.staffUser.count({ where: { id: { in: ids }, role: { in: [...TALLY_CLERK_ROLES.POLL] }, active: true } });
    if (valid !== ids.length) throw new AppError("BAD_INPUT", { field: "staffIds" });
    await tx.pollClerk.deleteMany({ where: { pollId } });
    await tx.pollClerk.createMany({ data: ids.map((staffId) => ({ pollId, staffId })) });
    await appendAudit(tx, actor, {
      action: "poll.clerks",
      entityType: "Poll",
      entityId: pollId,
      sessionId: poll.sessionId,
      data: { staffIds: ids },
    });
    await notifySession(tx, poll.sessionId, "poll");
  });
}

/** The clerk's home: whether check-in is open, and the session's polls. */
export async function getClerkSession(db: Db, sessionId: string) {
  const s = await db.congressSession.findUnique({ where: { id: sessionId }, select: { checkInOpen: true } });
  if (!s) throw new AppError("NOT_FOUND");
  return { checkInOpen: s.checkInOpen, polls: await listPolls(db, sessionId) };
}

/** What the paper entry form needs: the poll's frozen candidates in ballot order, and whether this clerk may enter. */
export async function getPaperPoll(db: Db, actor: StaffActor, pollId: string) {
  const p = await db.poll.findUnique({ where: { id: pollId }, include: { candidates: { orderBy: { position: "asc" } } } });
  if (!p) throw new AppError("NOT_FOUND");
  const mayEnter = mayEnterPaperBallots(actor, await clerksOfPoll(db, p.id, p.sessionId));
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    seats: p.seats,
    status: p.status,
    candidates: p.candidates.map(toPollCandidateView),
    mayEnter,
  };
}

export async function getPaperStatus(db: Db, pollId: string): Promise<TPaperStatus> {
  return paperStatusOf(db, pollId);
}

async function paperStatusOf(db: Db | Tx, pollId: string): Promise<TPaperStatus> {
  const [entries, matched, issued] = await Promise.all([
    db.paperEntry.findMany({
      where: { pollId },
      orderBy: [{ serial: "asc" }, { createdAt: "asc" }],
      select: { serial: true, choices: true, clerk: { select: { displayName: true } } },
    }),
    db.ballot.findMany({ where: { pollId, source: "PAPER" }, select: { tracker: true } }),
    db.participation.count({ where: { pollId, kind: "PAPER" } }),
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
  return { issued, matched: matchedSerials.size, pending, mismatched };
}
