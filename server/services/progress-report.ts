import "server-only";
import type { Db } from "../db-client";
import { calendarDay as day, summarizeProgress } from "../domain/project-progress";
import { AppError } from "../errors";
import { localToday } from "~/lib/format";
import { PROJECT_STATUSES, type TProgressReport } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { ratingResults } from "./ratings";

/**
 * 进展情况汇总: the session's approved projects for the standing committee, in slate order:
 * plan, money, progress, milestones, open supervision items and the published rating, with
 * totals. Figures are derived the same way as on the public pages (summarizeProgress).
 */
export async function progressReport(db: Db, sessionId: string, today = localToday()): Promise<TProgressReport> {
  const session = await db.congressSession.findUnique({ where: { id: sessionId }, select: { name: true } });
  if (!session) throw new AppError("NOT_FOUND");
  const ids = await loadApprovedCandidateIds(db, sessionId);
  const [candidates, rounds] = await Promise.all([
    db.candidate.findMany({
      where: { id: { in: [...ids] } },
      orderBy: { sortOrder: "asc" },
      include: {
        department: { select: { name: true } },
        plan: {
          include: {
            milestones: { orderBy: [{ sortOrder: "asc" }] },
            updates: { select: { percent: true, spentWan: true, createdAt: true } },
          },
        },
        supervisionNotes: { select: { _count: { select: { replies: true } } } },
      },
    }),
    db.ratingRound.findMany({ where: { sessionId, status: "PUBLISHED" }, orderBy: { publishedAt: "desc" }, take: 1, select: { id: true } }),
  ]);
  const ratings = new Map((rounds[0] ? await ratingResults(db, rounds[0].id) : []).map((r) => [r.candidateId, r]));
  const rows = candidates.map((c, i) => {
    const progress = summarizeProgress(c.plan, c.deadline, today);
    const milestones = c.plan?.milestones ?? [];
    const next = milestones.find((m) => !m.achievedOn) ?? null;
    return {
      position: i + 1,
      id: c.id,
      title: c.title,
      category: c.category,
      unitName: c.department.name,
      leadOfficial: c.plan?.leadOfficial ?? null,
      ...progress,
      budgetWan: progress.budgetWan ?? c.budgetWan.toFixed(2),
      deadline: day(c.plan?.deadline ?? c.deadline)!,
      milestonesDone: milestones.filter((m) => m.achievedOn).length,
      milestonesTotal: milestones.length,
      nextMilestone: next && { title: next.title, plannedOn: day(next.plannedOn)! },
      supervisionTotal: c.supervisionNotes.length,
      supervisionOpen: c.supervisionNotes.filter((n) => n._count.replies === 0).length,
      rating: ratings.get(c.id) ?? null,
    };
  });
  // Sums in hundredths of 万元, so that adding decimals cannot drift.
  const sum = (pick: (r: (typeof rows)[number]) => string) =>
    (rows.reduce((s, r) => s + Math.round(Number(pick(r)) * 100), 0) / 100).toFixed(2);
  return {
    sessionName: session.name,
    today,
    rows,
    totals: {
      count: rows.length,
      budgetWan: sum((r) => r.budgetWan),
      spentWan: sum((r) => r.spentWan),
      averagePercent: rows.length ? Math.round(rows.reduce((s, r) => s + r.percent, 0) / rows.length) : 0,
      byStatus: Object.fromEntries(
        PROJECT_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]),
      ) as TProgressReport["totals"]["byStatus"],
    },
  };
}
