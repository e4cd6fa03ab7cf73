import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { storedResult } from "../domain/approved-projects";
import { canonicalJson } from "../domain/canonical-json";
import { POLL_COUNT, pollStep } from "../domain/poll-lifecycle";
import { ballotsReconcile, quorumMet } from "../domain/quorum";
import { AppError, parseInput, stepAllowed } from "../errors";
import type { PollStatus } from "../generated/prisma/enums";
import type { TCreatePollInput, TPollCandidate, TPollSummary, TPollView, TTurnout } from "~/lib/schemas/vote";
import { ZCreatePollInput } from "~/lib/schemas/vote";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";
import { computePollResult, resultHash } from "./poll-result";

type StaffActor = Extract<Actor, { kind: "staff" }>;

/** The poll row, locked FOR UPDATE: state transitions of one poll happen one at a time. */
async function lockPoll(tx: Tx, pollId: string) {
  const rows = await tx.$queryRaw<{ id: string; sessionId: string; status: PollStatus }[]>`
    SELECT "id", "sessionId", "status" FROM "Poll" WHERE "id" = ${pollId} FOR UPDATE`;
  const poll = rows[0];
  if (!poll) throw new AppError("NOT_FOUND");
  return poll;
}

async function seatedAndPresent(tx: Tx | Db, sessionId: string) {
  const [seated, present] = await Promise.all([
    tx.delegate.count({ where: { sessionId, active: true } }),
    tx.checkIn.count({ where: { sessionId, delegate: { active: true } } }),
  ]);
  return { seated, present };
}

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
    await notifySession(tx, input.sessionId, "poll");
    return poll.id;
  });
}

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

/** SHA-256 over the poll's ballots in a canonical order: seals them at close. */
export async function sealBallots(tx: Tx, pollId: string): Promise<{ hash: string; count: number }> {
  const ballots = await tx.ballot.findMany({
    where: { pollId },
    select: { tracker: true, source: true, choices: { select: { pollCandidateId: true, choice: true } } },
  });
  const lines = ballots
    .map((b) =>
      canonicalJson({
        tracker: b.tracker,
        source: b.source,
        choices: Object.fromEntries(b.choices.map((c) => [c.pollCandidateId, c.choice])),
      }),
    )
    .sort();
  return { hash: createHash("sha256").update(lines.join("\n")).digest("hex"), count: ballots.length };
}

/**
 * Secret polls: each ballot row was written in the same transaction as its delegate's
 * participation row, so PostgreSQL's hidden row metadata (xmin, and the physical order of
 * rows) could join the two for someone with raw access to the database. At close the
 * poll's ballots are rewritten in random order by this one transaction, and the old row
 * versions are vacuumed away after commit (see closePoll): every ballot then carries the
 * close's transaction id and a random position.
 */
async function reshuffleBallots(tx: Tx, pollId: string) {
  await tx.$executeRaw`CREATE TEMP TABLE shuffled_ballot ON COMMIT DROP AS SELECT * FROM "Ballot" WHERE "pollId" = ${pollId}`;
  await tx.$executeRaw`CREATE TEMP TABLE shuffled_choice ON COMMIT DROP AS
    SELECT c.* FROM "BallotChoice" c JOIN shuffled_ballot b ON b."id" = c."ballotId"`;
  await tx.$executeRaw`DELETE FROM "Ballot" WHERE "pollId" = ${pollId}`;
  await tx.$executeRaw`INSERT INTO "Ballot" SELECT * FROM shuffled_ballot ORDER BY random()`;
  await tx.$executeRaw`INSERT INTO "BallotChoice" SELECT * FROM shuffled_choice ORDER BY random()`;
}

/**
 * Closes an OPEN poll. Idempotent: closing a poll that is already closed (or later)
 * changes nothing and succeeds. Locking the row FOR UPDATE waits for every cast already
 * in flight (each holds KEY SHARE on it), and every later cast sees CLOSED — so the
 * count is exactly the ballots whose transactions committed before the close.
 */
export async function closePoll(db: Db, actor: StaffActor, pollId: string): Promise<{ status: PollStatus }> {
  const outcome = await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("close", locked.status))) return { status: locked.status, closedNow: false };
    const { secret } = await tx.poll.findUniqueOrThrow({ where: { id: pollId }, select: { secret: true } });
    if (secret) await reshuffleBallots(tx, pollId);
    const [{ present: issued }, seal] = await Promise.all([seatedAndPresent(tx, locked.sessionId), sealBallots(tx, pollId)]);
    // 发出 = delegates checked in by now (those present at open plus late check-ins).
    const reconcile = ballotsReconcile(issued, seal.count);
    const status: PollStatus = reconcile.void ? "VOID" : "CLOSED";
    await tx.$executeRaw`
      UPDATE "Poll" SET "status" = ${status}::"PollStatus", "closedAt" = now(), "issued" = ${issued}, "returned" = ${seal.count},
        "ballotsHash" = ${seal.hash},
        "voidedAt" = CASE WHEN ${reconcile.void} THEN now() ELSE NULL END,
        "voidReason" = CASE WHEN ${reconcile.void} THEN 'RETURNED_EXCEEDS_ISSUED' ELSE NULL END
      WHERE "id" = ${pollId}`;
    await appendAudit(tx, actor, {
      action: reconcile.void ? "poll.closed.void" : "poll.closed",
      entityType: "Poll",
      entityId: pollId,
      sessionId: locked.sessionId,
      data: { issued, returned: seal.count, ballotsHash: seal.hash },
    });
    await notifySession(tx, locked.sessionId, "poll");
    return { status, closedNow: true };
  });
  // Removes the pre-shuffle row versions (VACUUM cannot run inside a transaction).
  if (outcome.closedNow) await db.$executeRawUnsafe(`VACUUM "Ballot", "BallotChoice"`).catch(() => undefined);
  return { status: outcome.status };
}

export async function voidPoll(db: Db, actor: StaffActor, pollId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("void", locked.status))) return;
    await tx.$executeRaw`UPDATE "Poll" SET "status" = 'VOID', "voidedAt" = now(), "voidReason" = ${reason} WHERE "id" = ${pollId}`;
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

export async function publishPoll(db: Db, actor: StaffActor, pollId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const locked = await lockPoll(tx, pollId);
    if (!stepAllowed(pollStep("publish", locked.status))) return;
    await tx.$executeRaw`UPDATE "Poll" SET "status" = 'PUBLISHED', "publishedAt" = now() WHERE "id" = ${pollId}`;
    await appendAudit(tx, actor, { action: "poll.published", entityType: "Poll", entityId: pollId, sessionId: locked.sessionId });
    await notifySession(tx, locked.sessionId, "poll");
  });
}

/** From a result with a run-off list: a new DRAFT poll among exactly those candidates, for the slots still open. */
export async function createRunoff(db: Db, actor: StaffActor, pollId: string): Promise<string> {
  const poll = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      sessionId: true,
      title: true,
      seats: true,
      basis: true,
      quorumNum: true,
      quorumDen: true,
      secret: true,
      changeable: true,
      status: true,
      result: true,
      candidates: { select: { id: true, candidateId: true } },
    },
  });
  if (!poll) throw new AppError("NOT_FOUND");
  if (POLL_COUNT[poll.status] !== "frozen") throw new AppError("POLL_STATE");
  const result = storedResult(poll.result);
  if (!result || result.runoff.length === 0) throw new AppError("NO_RUNOFF_NEEDED");
  const selected = result.candidates.filter((c) => c.selected).length;
  const toCandidate = new Map(poll.candidates.map((c) => [c.id, c.candidateId]));
  return createPoll(
    db,
    actor,
    {
      sessionId: poll.sessionId,
      title: `${poll.title}（再次投票）`,
      kind: "COMPETITIVE",
      seats: poll.seats - selected,
      basis: poll.basis,
      quorumNum: poll.quorumNum,
      quorumDen: poll.quorumDen,
      secret: poll.secret,
      changeable: poll.changeable,
      candidateIds: result.runoff.map((id) => toCandidate.get(id)!),
    },
    pollId,
  );
}

/** A poll's frozen candidate as every screen shows it (money as a decimal string). */
export function toPollCandidateView(c: {
  id: string;
  candidateId: string;
  position: number;
  title: string;
  unitName: string;
  budgetWan: { toFixed(n: number): string };
  targets: string;
}): TPollCandidate {
  return {
    id: c.id,
    candidateId: c.candidateId,
    position: c.position,
    title: c.title,
    unitName: c.unitName,
    budgetWan: c.budgetWan.toFixed(2),
    targets: c.targets,
  };
}

const summarySelect = { id: true, title: true, kind: true, seats: true, status: true, runoffOfId: true, secret: true } as const;

export async function listPolls(db: Db, sessionId: string): Promise<TPollSummary[]> {
  return db.poll.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" }, select: summarySelect });
}

/**
 * The full view of a poll. Choices are only ever read once the poll is closed: before
 * that, the view carries counts of participation and nothing else.
 */
export async function getPollView(db: Db, pollId: string): Promise<TPollView> {
  const p = await db.poll.findUnique({
    where: { id: pollId },
    include: {
      candidates: { orderBy: { position: "asc" } },
      signoffs: { include: { delegate: { select: { name: true } } }, orderBy: { signedAt: "asc" } },
    },
  });
  if (!p) throw new AppError("NOT_FOUND");
  const count = POLL_COUNT[p.status];
  const live = p.status === "OPEN" ? await liveCounts(db, p.sessionId, p.id) : null;
  const computed = count === "current" ? await computePollResult(db, p.id) : null;
  const result = computed?.result ?? (count === "frozen" ? storedResult(p.result) : null);
  return {
    id: p.id,
    sessionId: p.sessionId,
    title: p.title,
    kind: p.kind,
    seats: p.seats,
    basis: p.basis,
    quorumNum: p.quorumNum,
    quorumDen: p.quorumDen,
    secret: p.secret,
    changeable: p.changeable,
    status: p.status,
    runoffOfId: p.runoffOfId,
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    certifiedAt: p.certifiedAt,
    publishedAt: p.publishedAt,
    voidReason: p.voidReason,
    seated: p.seated,
    present: p.present,
    issued: live?.issued ?? p.issued,
    returned: computed?.returned ?? live?.returned ?? p.returned,
    candidates: p.candidates.map(toPollCandidateView),
    result,
    resultHash: result ? resultHash(result) : null,
    signoffs: p.signoffs.map((s) => ({ delegateName: s.delegate.name, resultHash: s.resultHash, signedAt: s.signedAt })),
  };
}

async function liveCounts(db: Db, sessionId: string, pollId: string) {
  const [{ present }, returned] = await Promise.all([seatedAndPresent(db, sessionId), db.participation.count({ where: { pollId } })]);
  return { issued: present, returned };
}

/** Live figures for the cockpit and the hall screen: the session's current (latest non-draft) poll. */
export async function getTurnout(db: Db, sessionId: string): Promise<TTurnout> {
  const { seated, present } = await seatedAndPresent(db, sessionId);
  const poll = await db.poll.findFirst({
    where: { sessionId, status: { not: "DRAFT" } },
    orderBy: [{ openedAt: { sort: "desc", nulls: "last" } }],
    select: { id: true, title: true, status: true, issued: true, returned: true },
  });
  let livePoll: TTurnout["poll"] = null;
  if (poll) {
    const returned = poll.status === "OPEN" ? await db.participation.count({ where: { pollId: poll.id } }) : (poll.returned ?? 0);
    livePoll = {
      id: poll.id,
      title: poll.title,
      status: poll.status,
      issued: poll.status === "OPEN" ? present : (poll.issued ?? present),
      returned,
    };
  }
  return { sessionId, seated, present, quorumMet: quorumMet(present, seated), poll: livePoll };
}
