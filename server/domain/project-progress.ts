import { localToday } from "~/lib/format";
import { projectStatus, type ProjectStatus } from "./project-status";

/** A date column (@db.Date, read back as UTC midnight) as the calendar day it holds, YYYY-MM-DD. */
export const calendarDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export interface ProjectProgress {
  status: ProjectStatus;
  percent: number;
  spentWan: string;
  budgetWan: string | null;
  latestUpdateAt: Date | null;
}

/**
 * The derived figures residents see: status, latest percentage, money spent vs budget.
 * The public pages, the department's list and the standing committee's report all take
 * them from here, so they never disagree. Without a plan the candidate's own deadline
 * counts and nothing is spent yet.
 */
export function summarizeProgress(
  plan: {
    startedOn: Date | null;
    completedOn: Date | null;
    deadline: Date;
    budgetWan: { toFixed(n: number): string };
    milestones: { plannedOn: Date; achievedOn: Date | null }[];
    updates: { percent: number; spentWan: { toFixed(n: number): string }; createdAt: Date }[];
  } | null,
  candidateDeadline: Date,
  today = localToday(),
): ProjectProgress {
  const latest =
    plan?.updates.reduce<(typeof plan.updates)[number] | null>((a, u) => (!a || u.createdAt > a.createdAt ? u : a), null) ?? null;
  return {
    status: projectStatus(
      {
        startedOn: calendarDay(plan?.startedOn ?? null),
        completedOn: calendarDay(plan?.completedOn ?? null),
        latestPercent: latest?.percent ?? null,
        deadline: calendarDay(plan?.deadline ?? candidateDeadline)!,
        milestones: (plan?.milestones ?? []).map((m) => ({ plannedOn: calendarDay(m.plannedOn)!, achievedOn: calendarDay(m.achievedOn) })),
      },
      today,
    ),
    percent: latest?.percent ?? 0,
    spentWan: latest ? latest.spentWan.toFixed(2) : "0.00",
    budgetWan: plan ? plan.budgetWan.toFixed(2) : null,
    latestUpdateAt: latest?.createdAt ?? null,
  };
}
