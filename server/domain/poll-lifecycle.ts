import type { TPollStatus } from "~/lib/schemas/vote";
import { stepOutcome, type Step, type StepOutcome } from "./lifecycle";

/**
 * A poll's lifecycle: DRAFT → OPEN → CLOSED → CERTIFIED → PUBLISHED, and VOID from any
 * state before certification. A certified result is frozen (a trigger refuses to change
 * it); the only step left is publication. The close itself ends in VOID instead of CLOSED
 * when more ballots came back than were issued (ballotsReconcile in quorum.ts).
 * Closing or publishing twice changes nothing.
 */
export const POLL_STEPS = {
  open: { from: ["DRAFT"], to: "OPEN" },
  close: { from: ["OPEN"], to: "CLOSED", done: ["CLOSED", "CERTIFIED", "PUBLISHED"] },
  certify: { from: ["CLOSED"], to: "CERTIFIED" },
  publish: { from: ["CERTIFIED"], to: "PUBLISHED", done: ["PUBLISHED"], refusedIn: { CLOSED: "SIGNOFFS_MISSING" } },
  void: { from: ["DRAFT", "OPEN", "CLOSED"], to: "VOID" },
} as const satisfies Record<string, Step<TPollStatus>>;

export type PollStep = keyof typeof POLL_STEPS;

export function pollStep(step: PollStep, status: TPollStatus): StepOutcome {
  return stepOutcome<TPollStatus>(POLL_STEPS[step], status, "POLL_STATE");
}

/**
 * What there is to read of a poll's count in each state. Before close nobody — the
 * secretariat included — sees a count, only turnout ("hidden"). A CLOSED poll's count is
 * taken from the ballots as they stand, and paper entry may still add to them
 * ("current"); from certification on it is the frozen, stored result. A VOID poll has none.
 */
export const POLL_COUNT = {
  DRAFT: "hidden",
  OPEN: "hidden",
  CLOSED: "current",
  CERTIFIED: "frozen",
  PUBLISHED: "frozen",
  VOID: "none",
} as const satisfies Record<TPollStatus, "hidden" | "current" | "frozen" | "none">;

/**
 * Whether a session can be filed (会议档案): once something is published and nothing is
 * still being decided — every poll published, void or never opened. An open, closed or
 * certified poll would be missing from the archive, or change after it.
 */
export type SessionFiling = "ready" | "nothing-published" | "in-progress";
export function sessionFiling(statuses: readonly TPollStatus[]): SessionFiling {
  if (statuses.some((s) => s === "OPEN" || s === "CLOSED" || s === "CERTIFIED")) return "in-progress";
  return statuses.includes("PUBLISHED") ? "ready" : "nothing-published";
}
