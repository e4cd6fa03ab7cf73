import "server-only";
import { createHash } from "node:crypto";
import type { StaffActor, DelegateActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { canonicalJson } from "../domain/canonical-json";
import { ROUND_COUNT, ROUND_STEPS, roundStep, type RoundStep } from "../domain/rating-round-lifecycle";
import { gradeProject } from "../domain/satisfaction";
import { idempotencyKeyHash, nonceFromKey, sealedBallotTag } from "../domain/tracker";
import { AppError, appErrorFromDatabase, stepAllowed } from "../errors";
import type { TProjectRating, TRateInput, TRatingRound, TRoundStatus } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { appendAudit } from "./audit";
import {
  boxKey,
  createBoxKey,
  forgetBoxKey,
  refusedIfBoxLocked,
  sealedRetry,
  sealFor,
  trackerAttempts,
  withFreshTracker,
} from "./ballot-box";
import { unsealRatings } from "./unseal-ballots";

const STAMP = { OPEN: "openedAt", CLOSED: "closedAt", PUBLISHED: "publishedAt" } as const;

/**
 * Takes one step of the round's lifecycle (ROUND_STEPS), in the caller's transaction; a step
 * already taken changes nothing (false).
 */
async function takeStep(tx: Tx, actor: StaffActor, roundId: string, step: RoundStep): Promise<boolean> {
  const [round] = await tx.$queryRaw<
    { sessionId: string; status: TRoundStatus }[]
  >`SELECT "sessionId", "status" FROM "RatingRound" WHERE "id" = ${roundId} FOR UPDATE`;
  if (!round) throw new AppError("NOT_FOUND");
  if (!stepAllowed(roundStep(step, round.status))) return false;
  const to = ROUND_STEPS[step].to;
  await tx.ratingRound.update({ where: { id: roundId }, data: { status: to, [STAMP[to]]: new Date() } });
  await appendAudit(tx, actor, {
    action: `rating.${to.toLowerCase()}`,
    entityType: "RatingRound",
    entityId: roundId,
    sessionId: round.sessionId,
  });
  return true;
}

/**
 * 满意度测评: the secretariat opens a round over the session's approved projects. Created and
 * opened in one transaction: when another round is open (checked here, and kept by a unique
 * index against a start racing this one) nothing is left behind.
 */
export async function openRatingRound(db: Db, actor: StaffActor, sessionId: string, title: string): Promise<string> {
  if ((await loadApprovedCandidateIds(db, sessionId)).size === 0) throw new AppError("NO_APPROVED_PROJECTS");
  return db.$transaction(async (tx) => {
    if (await tx.ratingRound.count({ where: { sessionId, status: "OPEN" } })) throw new AppError("ROUND_ALREADY_OPEN");
    const r = await tx.ratingRound.create({ data: { sessionId, title } });
    await appendAudit(tx, actor, { action: "rating.created", entityType: "RatingRound", entityId: r.id, sessionId, data: { title } });
    await takeStep(tx, actor, r.id, "open");
    // The round's sealed ballot box: its key, wrapped under the KEK (DESIGN §4a).
    await createBoxKey(tx, r.id);
    return r.id;
  });
}

/**
 * Closing opens the round's sealed box in the same transaction (unsealRatings): the round's
 * row is locked first, so every rating in flight has committed. A box this server cannot
 * open refuses the close, audited, and the round stays open with nothing lost.
 */
export const closeRatingRound = (db: Db, actor: StaffActor, roundId: string) =>
  refusedIfBoxLocked(db, actor, { type: "RatingRound", id: roundId, action: "rating.unseal.refused" }, () =>
    db.$transaction(async (tx) => {
      if (await takeStep(tx, actor, roundId, "close")) await unsealRatings(tx, roundId);
    }),
  );
export const publishRatingRound = (db: Db, actor: StaffActor, roundId: string) =>
  db.$transaction((tx) => takeStep(tx, actor, roundId, "publish"));

/**
 * A delegate rates every approved project once, secretly: the same sealed box as a ballot
 * (castBallot). RatingParticipation holds only a keyHash; the grades and the receipt are
 * sealed under the round's key until the close, written in one statement so that a retry
 * with the same key (and the same grades) is recognised and gets the same receipt.
 */
export async function rateProjects(db: Db, actor: DelegateActor, input: TRateInput): Promise<{ receipt: string; replay: boolean }> {
  const round = await db.ratingRound.findUnique({ where: { id: input.roundId }, select: { sessionId: true } });
  if (!round || round.sessionId !== actor.sessionId) throw new AppError("NOT_FOUND");
  const approved = await loadApprovedCandidateIds(db, round.sessionId);
  const keys = Object.keys(input.grades);
  if (keys.length !== approved.size || keys.some((k) => !approved.has(k))) throw new AppError("BALLOT_INVALID");
  const keyHash = idempotencyKeyHash(input.roundId, actor.id, input.idempotencyKey);
  const tag = sealedBallotTag(input.roundId, input.idempotencyKey);
  const receiptFor = (attempt: number) =>
    createHash("sha256")
      .update(canonicalJson({ round: input.roundId, grades: input.grades, nonce: nonceFromKey(input.idempotencyKey, attempt) }))
      .digest("hex")
      .slice(0, 12)
      .toUpperCase();

  let closed: AppError | null = null;
  try {
    const key = await boxKey(db, input.roundId);
    // No box key: the round was never opened or its box is counted already — closed.
    if (!key) throw new AppError("ROUND_CLOSED");
    const rated = await withFreshTracker(async (attempt) => {
      const receipt = receiptFor(attempt);
      const { sealed, trackerTag } = sealFor(key, input.roundId, { tracker: receipt, delegateId: null, marks: input.grades });
      const [row] = await db.$queryRaw<{ participated: bigint }[]>`
        WITH p AS (
          INSERT INTO "RatingParticipation" ("roundId", "delegateId", "keyHash") VALUES (${input.roundId}, ${actor.id}, ${keyHash})
          ON CONFLICT ("roundId", "delegateId") DO NOTHING RETURNING 1
        ), s AS (
          INSERT INTO "SealedBallot" ("boxId", "tag", "trackerTag", "sealed")
          SELECT ${input.roundId}, ${tag}, ${trackerTag}, ${sealed} WHERE EXISTS (SELECT 1 FROM p) RETURNING 1
        )
        SELECT (SELECT count(*) FROM p) AS participated, (SELECT count(*) FROM s) AS sealed`;
      return { receipt, inserted: (row?.participated ?? 0n) > 0n };
    });
    if (rated.inserted) return { receipt: rated.receipt, replay: false };
  } catch (error) {
    const mapped = error instanceof AppError ? error : appErrorFromDatabase(error);
    if (mapped?.code !== "ROUND_CLOSED") throw mapped ?? error;
    forgetBoxKey(input.roundId);
    closed = mapped;
  }
  // A retry: this delegate's keyHash, and the rating this key sealed (open) or counted (closed) holds these grades.
  const existing = await db.ratingParticipation.findUnique({
    where: { roundId_delegateId: { roundId: input.roundId, delegateId: actor.id } },
    select: { keyHash: true },
  });
  if (existing?.keyHash === keyHash) {
    const sealed = await sealedRetry(db, input.roundId, tag, input.grades, "grade");
    if (sealed) return { receipt: sealed, replay: true };
    const receipts = trackerAttempts(receiptFor);
    const counted = await db.ratingBallot.findMany({
      where: { roundId: input.roundId, tracker: { in: receipts } },
      select: { tracker: true },
    });
    const receipt = receipts.find((r) => counted.some((c) => c.tracker === r));
    if (receipt) return { receipt, replay: true };
  }
  throw closed ?? new AppError("ALREADY_VOTED");
}

/**
 * Counts per project and the grade by gradeProject's rule. Published rounds only, unless
 * asked by staff — and even then never while the round is open (ROUND_COUNT; the box is
 * sealed then anyway: this says so instead of showing empty counts).
 */
export async function ratingResults(db: Db, roundId: string, publishedOnly = true): Promise<TProjectRating[]> {
  const round = await db.ratingRound.findUnique({ where: { id: roundId }, select: { status: true } });
  if (!round || (publishedOnly && ROUND_COUNT[round.status] !== "public")) throw new AppError("NOT_FOUND");
  if (ROUND_COUNT[round.status] === "hidden") throw new AppError("ROUND_STATE");
  const rows = await db.ratingChoice.groupBy({ by: ["candidateId", "grade"], where: { ballot: { roundId } }, _count: { _all: true } });
  const by = new Map<string, TProjectRating>();
  for (const r of rows) {
    const p = by.get(r.candidateId) ?? { candidateId: r.candidateId, satisfied: 0, basic: 0, unsatisfied: 0, grade: null };
    if (r.grade === "SATISFIED") p.satisfied = r._count._all;
    else if (r.grade === "BASIC") p.basic = r._count._all;
    else p.unsatisfied = r._count._all;
    by.set(r.candidateId, p);
  }
  return [...by.values()].map((p) => ({
    ...p,
    grade: gradeProject({ satisfied: p.satisfied, basic: p.basic, unsatisfied: p.unsatisfied }),
  }));
}

/** The round a delegate of this session may rate in now, if any. */
export function openRoundFor(db: Db, sessionId: string) {
  return db.ratingRound.findFirst({ where: { sessionId, status: "OPEN" }, select: { id: true, title: true } });
}

/** The session's rating rounds, newest first: what the secretariat's close and publish buttons act on. */
export function listRatingRounds(db: Db, sessionId: string): Promise<TRatingRound[]> {
  return db.ratingRound.findMany({
    where: { sessionId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      status: true,
      openedAt: true,
      closedAt: true,
      publishedAt: true,
      _count: { select: { participations: true } },
    },
  });
}
