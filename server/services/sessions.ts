import "server-only";
import type { Db } from "../db";
import { AppError } from "../errors";
import { quorumMet } from "../domain/quorum";
import type { TCandidateCard, TCandidateDetail, TDelegateHome, TPublicSession, TSessionOverview } from "~/lib/schemas/session";

const candidateCardSelect = {
  id: true,
  title: true,
  category: true,
  summary: true,
  budgetWan: true,
  location: true,
  targets: true,
  deadline: true,
  sortOrder: true,
  department: { select: { name: true } },
} as const;

type CandidateRow = {
  id: string;
  title: string;
  category: string;
  summary: string;
  budgetWan: { toFixed(d: number): string };
  location: string;
  targets: string;
  deadline: Date;
  sortOrder: number;
  department: { name: string };
};

function toCard(c: CandidateRow): TCandidateCard {
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    summary: c.summary,
    unitName: c.department.name,
    budgetWan: c.budgetWan.toFixed(2),
    location: c.location,
    targets: c.targets,
    deadline: c.deadline.toISOString().slice(0, 10),
    sortOrder: c.sortOrder,
  };
}

/** The session residents see on the home page: the most recent one. */
export async function getCurrentSession(db: Db): Promise<TPublicSession | null> {
  const s = await db.congressSession.findFirst({
    orderBy: [{ year: "desc" }, { startsOn: "desc" }],
    select: {
      id: true,
      name: true,
      year: true,
      startsOn: true,
      congress: { select: { name: true } },
      candidates: { orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }], select: candidateCardSelect },
    },
  });
  if (!s) return null;
  return {
    id: s.id,
    name: s.name,
    year: s.year,
    startsOn: s.startsOn.toISOString().slice(0, 10),
    congressName: s.congress.name,
    candidates: s.candidates.map(toCard),
  };
}

export async function getCandidateDetail(db: Db, id: string): Promise<TCandidateDetail> {
  const c = await db.candidate.findUnique({
    where: { id },
    select: {
      ...candidateCardSelect,
      session: { select: { id: true, name: true } },
      suggestions: { select: { suggestion: { select: { id: true, title: true, status: true } } } },
    },
  });
  if (!c) throw new AppError("NOT_FOUND");
  return {
    ...toCard(c),
    sessionId: c.session.id,
    sessionName: c.session.name,
    // Residents see only suggestions the secretariat approved.
    suggestions: c.suggestions
      .filter((s) => s.suggestion.status === "APPROVED")
      .map((s) => ({ id: s.suggestion.id, title: s.suggestion.title })),
  };
}

export async function getDelegateHome(db: Db, delegateId: string): Promise<TDelegateHome> {
  const d = await db.delegate.findUnique({
    where: { id: delegateId },
    select: {
      name: true,
      seat: true,
      cardCode: true,
      sessionId: true,
      delegation: { select: { name: true } },
      session: { select: { name: true, congress: { select: { name: true } } } },
      checkIn: { select: { checkedInAt: true } },
      scrutineerFor: { select: { sessionId: true } },
    },
  });
  if (!d) throw new AppError("NOT_FOUND");
  return {
    name: d.name,
    seat: d.seat,
    cardCode: d.cardCode,
    delegationName: d.delegation.name,
    sessionId: d.sessionId,
    sessionName: d.session.name,
    congressName: d.session.congress.name,
    checkedInAt: d.checkIn?.checkedInAt ?? null,
    isScrutineer: d.scrutineerFor.some((s) => s.sessionId === d.sessionId),
  };
}

/** 应到 = active seated delegates; 实到 = those checked in. */
export async function getSessionOverview(db: Db, sessionId: string): Promise<TSessionOverview> {
  const s = await db.congressSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      name: true,
      checkInOpen: true,
      congress: { select: { name: true } },
      _count: { select: { candidates: true, polls: true } },
      delegations: { orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } },
    },
  });
  if (!s) throw new AppError("NOT_FOUND");
  const [members, present] = await Promise.all([
    db.delegate.groupBy({ by: ["delegationId"], where: { sessionId, active: true }, _count: { _all: true } }),
    db.delegate.groupBy({ by: ["delegationId"], where: { sessionId, active: true, checkIn: { isNot: null } }, _count: { _all: true } }),
  ]);
  const count = (rows: typeof members, id: string) => rows.find((r) => r.delegationId === id)?._count._all ?? 0;
  const seated = members.reduce((n, r) => n + r._count._all, 0);
  const presentTotal = present.reduce((n, r) => n + r._count._all, 0);
  return {
    id: s.id,
    name: s.name,
    congressName: s.congress.name,
    checkInOpen: s.checkInOpen,
    seated,
    present: presentTotal,
    quorumNeeded: Math.floor((seated * 2) / 3),
    quorumMet: quorumMet(presentTotal, seated),
    candidates: s._count.candidates,
    polls: s._count.polls,
    delegations: s.delegations.map((d) => ({ id: d.id, name: d.name, members: count(members, d.id), checkedIn: count(present, d.id) })),
  };
}
