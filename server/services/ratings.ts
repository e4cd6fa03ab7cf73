import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { StaffActor, DelegateActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { canonicalJson } from "../domain/canonical-json";
import { ROUND_STEPS, roundStep, type RoundStep } from "../domain/rating-round-lifecycle";
import { gradeProject } from "../domain/satisfaction";
import { idempotencyKeyHash, nonceFromKey } from "../domain/tracker";
import { AppError, appErrorFromDatabase, stepAllowed } from "../errors";
import type { TProjectRating, TRateInput, TRatingRound, TRoundStatus } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { appendAudit } from "./audit";

const STAMP = { OPEN: "openedAt", CLOSED: "closedAt", PUBLISHED: "publishedAt" } as const;

/** Takes one step of the round's lifecycle (ROUND_STEPS), in the caller's transaction; a step already taken changes nothing. */
async function takeStep(tx: Tx, actor: StaffActor, roundId: string, step: RoundStep) {
  const [round] = await tx.$queryRaw<
    { sessionId: string; status: TRoundStatus }[]
  >`SELECT "sessionId", "status" FROM "RatingRound" WHERE "id" = ${roundId} FOR UPDATE`;
  if (!round) throw new AppError("NOT_FOUND");
  if (!stepAllowed(roundStep(step, round.status))) return;
  const to = ROUND_STEPS[step].to;
  await tx.ratingRound.update({ where: { id: roundId }, data: { status: to, [STAMP[to]]: new Date() } });
  await appendAudit(tx, actor, {
    action: `rating.${to.toLowerCase()}`,
    entityType: "RatingRound",
    entityId: roundId,
    sessionId: round.sessionId,
  });
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
    return r.id;
  });
}

export const closeRatingRound = (db: Db, actor: StaffActor, roundId: string) =>
  db.$transaction((tx) => takeStep(tx, actor, roundId, "close"));
export const publishRatingRound = (db: Db, actor: StaffActor, roundId: string) =>
  db.$transaction((tx) => takeStep(tx, actor, roundId, "publish"));

/**
 * A delegate rates every approved project once, secretly: the same split as a ballot
 * (participation holds only a keyHash; the rating ballot holds only a receipt hash and
 * the grades), and the same single statement so a retry with the same key is recognised.
 */
export async function rateProjects(db: Db, actor: DelegateActor, input: TRateInput): Promise<{ receipt: string; replay: boolean }> {
  const round = await db.ratingRound.findUnique({ where: { id: input.roundId }, select: { sessionId: true } });
  if (!round || round.sessionId !== actor.sessionId) throw new AppError("NOT_FOUND");
  const approved = await loadApprovedCandidateIds(db, round.sessionId);
  const keys = Object.keys(input.grades);
  if (keys.length !== approved.size || keys.some((k) => !approved.has(k))) throw new AppError("BALLOT_INVALID");
  const keyHash = idempotencyKeyHash(input.roundId, actor.id, input.idempotencyKey);
  const receipt = createHash("sha256")
    .update(canonicalJson({ round: input.roundId, grades: input.grades, nonce: nonceFromKey(input.idempotencyKey) }))
    .digest("hex")
    .slice(0, 12)
    .toUpperCase();
  const grades = keys.map((k) => input.grades[k]!);
  try {
    const [row] = await db.$queryRaw<{ participated: bigint }[]>`
      WITH p AS (
        INSERT INTO "RatingParticipation" ("roundId", "delegateId", "keyHash") VALUES (${input.roundId}, ${actor.id}, ${keyHash})
        ON CONFLICT ("roundId", "delegateId") DO NOTHING RETURNING 1
      ), b AS (
        INSERT INTO "RatingBallot" ("id", "roundId", "tracker") SELECT ${randomUUID()}, ${input.roundId}, ${receipt} WHERE EXISTS (SELECT 1 FROM p) RETURNING "id"
      ), c AS (
        INSERT INTO "RatingChoice" ("ballotId", "candidateId", "grade")
        SELECT b."id", g.candidate, g.grade::"Grade" FROM b, unnest(${keys}::text[], ${grades}::text[]) AS g(candidate, grade) RETURNING 1
      )
      SELECT (SELECT count(*) FROM p) AS participated, (SELECT count(*) FROM c) AS graded`;
    if ((row?.participated ?? 0n) > 0n) return { receipt, replay: false };
  } catch (error) {
    throw appErrorFromDatabase(error) ?? error;
  }
  const existing = await db.ratingParticipation.findUnique({
    where: { roundId_delegateId: { roundId: input.roundId, delegateId: actor.id } },
    select: { keyHash: true },
  });
  if (existing?.keyHash === keyHash && (await db.ratingBallot.count({ where: { roundId: input.roundId, tracker: receipt } })) === 1)
    return { receipt, replay: true };
  throw new AppError("ALREADY_VOTED");
}

/** Counts per project and the grade by gradeProject's rule. Published rounds only, unless asked by staff. */
export async function ratingResults(db: Db, roundId: string, publishedOnly = true): Promise<TProjectRating[]> {
  const round = await db.ratingRound.findUnique({ where: { id: roundId }, select: { status: true } });
  if (!round || (publishedOnly && round.status !== "PUBLISHED")) throw new AppError("NOT_FOUND");
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
