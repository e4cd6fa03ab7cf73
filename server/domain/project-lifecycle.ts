import type { AppErrorCode } from "~/lib/app-error-codes";

/**
 * A slate candidate after the vote. CANDIDATE → APPROVED when a published poll selects it
 * (approved-projects.ts) → PLANNED once its implementation plan is saved (saving it again
 * replaces the plan). Only approved projects are implemented, supervised and rated, and
 * progress is posted against a plan. The status residents see (未开工 / 实施中 / 已完成 /
 * 滞后) is derived from the plan and its updates: project-status.ts.
 */
export const PROJECT_STAGES = ["CANDIDATE", "APPROVED", "PLANNED"] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export function projectStage(p: { approved: boolean; hasPlan: boolean }): ProjectStage {
  if (!p.approved) return "CANDIDATE";
  return p.hasPlan ? "PLANNED" : "APPROVED";
}

/** What may be done to a project, by the stages it may be done in. */
export const PROJECT_ACTIONS = {
  savePlan: ["APPROVED", "PLANNED"],
  postProgress: ["PLANNED"],
  fileSupervisionNote: ["APPROVED", "PLANNED"],
} as const satisfies Record<string, readonly ProjectStage[]>;

export type ProjectAction = keyof typeof PROJECT_ACTIONS;

/** A refused action says what the project still lacks: the delegates' approval, or a plan. */
const MISSING: Record<ProjectStage, AppErrorCode | null> = {
  CANDIDATE: "PROJECT_NOT_APPROVED",
  APPROVED: "PLAN_MISSING",
  PLANNED: null,
};

/** null: the action may be taken; otherwise the refusal to give. */
export function projectRefusal(action: ProjectAction, stage: ProjectStage): AppErrorCode | null {
  return (PROJECT_ACTIONS[action] as readonly ProjectStage[]).includes(stage) ? null : MISSING[stage];
}
