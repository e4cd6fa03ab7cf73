import "server-only";
import type { Db } from "../db-client";
import { storedResult } from "../domain/approved-projects";
import { resultHash, SIGNOFFS_REQUIRED } from "../domain/certification";
import { POLL_COUNT } from "../domain/poll-lifecycle";
import { AppError } from "../errors";
import type { TPollCandidate, TPollSummary, TPollView } from "~/lib/schemas/vote";
import { computePollResult } from "./poll-result";
import { seatedAndPresent } from "./poll-rows";

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
    paperIssued: live?.paperIssued ?? p.paperIssued,
    paperReturned: p.paperReturned,
    candidates: p.candidates.map(toPollCandidateView),
    result,
    resultHash: result ? resultHash(result) : null,
    signoffs: p.signoffs.map((s) => ({ delegateName: s.delegate.name, resultHash: s.resultHash, signedAt: s.signedAt })),
    signoffsRequired: SIGNOFFS_REQUIRED,
  };
}

/** A published poll's view, for anyone: any other poll is NOT_FOUND here, whoever asks. */
export async function getPublishedPollView(db: Db, pollId: string): Promise<TPollView> {
  const view = await getPollView(db, pollId);
  if (view.status !== "PUBLISHED") throw new AppError("NOT_FOUND");
  return view;
}

/** A poll's participations so far: 收回 = phone ballots cast, and the paper ballots issued at the desk (not yet returned). */
export async function participationCounts(db: Db, pollId: string) {
  const [returned, paperIssued] = await Promise.all([
    db.participation.count({ where: { pollId, kind: "PHONE" } }),
    db.participation.count({ where: { pollId, kind: "PAPER" } }),
  ]);
  return { returned, paperIssued };
}

/** While open: 发出 = checked in, with participationCounts. */
export async function liveCounts(db: Db, sessionId: string, pollId: string) {
  const [{ present }, counts] = await Promise.all([seatedAndPresent(db, sessionId), participationCounts(db, pollId)]);
  return { issued: present, ...counts };
}
