import type { TProjectStatus } from "~/lib/schemas/projects";

/**
 * An approved project's status, derived — never typed in (滞后 comes from missed
 * milestone dates). Dates are calendar days (YYYY-MM-DD) in the congress's time zone.
 */
export type ProjectStatus = TProjectStatus;

export interface StatusInput {
  startedOn: string | null;
  completedOn: string | null;
  /** The latest published progress percentage, if any update exists. */
  latestPercent: number | null;
  deadline: string;
  milestones: readonly { plannedOn: string; achievedOn: string | null }[];
}

/**
 * COMPLETED once a completion date is recorded or progress reaches 100%.
 * DELAYED when a milestone's planned date has passed without it being achieved, or the
 * deadline has passed before completion. IN_PROGRESS once started (a start date, any
 * progress, or an achieved milestone); otherwise NOT_STARTED.
 */
export function projectStatus(p: StatusInput, today: string): ProjectStatus {
  if (p.completedOn || p.latestPercent === 100) return "COMPLETED";
  const missed = p.milestones.some((m) => !m.achievedOn && m.plannedOn < today) || p.deadline < today;
  if (missed) return "DELAYED";
  const started = p.startedOn !== null || (p.latestPercent ?? 0) > 0 || p.milestones.some((m) => m.achievedOn);
  return started ? "IN_PROGRESS" : "NOT_STARTED";
}
