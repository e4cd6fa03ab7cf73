import "server-only";
import type { Db } from "../db-client";
import { storedResult } from "../domain/approved-projects";
import { calendarDay as day, summarizeProgress } from "../domain/project-progress";
import { AppError } from "../errors";
import type { TProjectCard, TProjectPage } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { ratingResults } from "./ratings";

/** Everything a resident's project page shows; only approved posts and published ratings. */
export async function getPublicProject(db: Db, candidateId: string): Promise<TProjectPage> {
  const c = await db.candidate.findUnique({
    where: { id: candidateId },
    include: {
      department: { select: { name: true } },
      session: { select: { id: true, name: true } },
      plan: {
        include: {
          milestones: { orderBy: [{ sortOrder: "asc" }] },
          updates: { orderBy: { createdAt: "desc" }, include: { attachments: true } },
        },
      },
      supervisionNotes: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          kind: true,
          summary: true,
          groupName: true,
          createdAt: true,
          replies: { select: { createdAt: true }, take: 1 },
        },
      },
      feedback: {
        where: { status: "APPROVED" },
        orderBy: { createdAt: "desc" },
        take: 20,
        select: { id: true, body: true, createdAt: true },
      },
      suggestions: { where: { suggestion: { status: "APPROVED" } }, select: { suggestion: { select: { id: true, title: true } } } },
      pollCandidates: {
        where: { poll: { status: "PUBLISHED" } },
        select: { id: true, poll: { select: { id: true, title: true, result: true, publishedAt: true } } },
      },
    },
  });
  if (!c) throw new AppError("NOT_FOUND");
  const votes = c.pollCandidates.map((pc) => {
    const r = storedResult(pc.poll.result)!.candidates.find((x) => x.id === pc.id)!;
    return {
      pollId: pc.poll.id,
      pollTitle: pc.poll.title,
      for: r.for,
      against: r.against,
      abstain: r.abstain,
      passed: r.passed,
      selected: r.selected,
    };
  });
  const rounds = await db.ratingRound.findMany({
    where: { sessionId: c.sessionId, status: "PUBLISHED" },
    orderBy: { publishedAt: "desc" },
    take: 1,
    select: { id: true, title: true },
  });
  const rating = rounds[0] ? ((await ratingResults(db, rounds[0].id)).find((r) => r.candidateId === c.id) ?? null) : null;
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    summary: c.summary,
    unitName: c.department.name,
    budgetWan: c.budgetWan.toFixed(2),
    location: c.location,
    targets: c.targets,
    deadline: day(c.deadline)!,
    sessionId: c.session.id,
    sessionName: c.session.name,
    approved: votes.some((v) => v.selected),
    votes,
    progress: summarizeProgress(c.plan, c.deadline),
    plan: c.plan && {
      leadOfficial: c.plan.leadOfficial,
      deadline: day(c.plan.deadline)!,
      startedOn: day(c.plan.startedOn),
      completedOn: day(c.plan.completedOn),
      milestones: c.plan.milestones.map((m) => ({ id: m.id, title: m.title, plannedOn: day(m.plannedOn)!, achievedOn: day(m.achievedOn) })),
      updates: c.plan.updates.map((u) => ({
        id: u.id,
        body: u.body,
        percent: u.percent,
        spentWan: u.spentWan.toFixed(2),
        createdAt: u.createdAt,
        correctsId: u.correctsId,
        photos: u.attachments.map((a) => ({ key: a.storageKey, alt: a.alt, width: a.width, height: a.height })),
      })),
    },
    supervision: c.supervisionNotes.map((n) => ({
      id: n.id,
      kind: n.kind,
      summary: n.summary,
      groupName: n.groupName,
      createdAt: n.createdAt,
      answered: n.replies.length > 0,
    })),
    feedback: c.feedback,
    suggestions: c.suggestions.map((s) => s.suggestion),
    rating: rating && rounds[0] ? { ...rating, roundTitle: rounds[0].title } : null,
  };
}

/** The public overview: the session's approved projects with their derived progress. */
export async function listPublicProjects(db: Db, sessionId: string): Promise<TProjectCard[]> {
  const ids = await loadApprovedCandidateIds(db, sessionId);
  const rows = await db.candidate.findMany({
    where: { id: { in: [...ids] } },
    orderBy: { sortOrder: "asc" },
    include: {
      department: { select: { name: true } },
      plan: { include: { milestones: true, updates: { orderBy: { createdAt: "desc" }, include: { attachments: { take: 1 } } } } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    category: c.category,
    location: c.location,
    unitName: c.department.name,
    ...summarizeProgress(c.plan, c.deadline),
    budgetWan: c.plan ? c.plan.budgetWan.toFixed(2) : c.budgetWan.toFixed(2),
    latestPhoto: c.plan?.updates.flatMap((u) => u.attachments)[0]?.storageKey ?? null,
  }));
}
