import type { TRoundStatus } from "~/lib/schemas/projects";
import { stepOutcome, type Step, type StepOutcome } from "./lifecycle";

/**
 * A year-end rating round's lifecycle: DRAFT → OPEN → CLOSED → PUBLISHED. Delegates rate
 * only while it is OPEN (a trigger refuses a rating otherwise); its counts are public once
 * PUBLISHED. Taking a step twice changes nothing.
 */
export const ROUND_STEPS = {
  open: { from: ["DRAFT"], to: "OPEN", done: ["OPEN"] },
  close: { from: ["OPEN"], to: "CLOSED", done: ["CLOSED"] },
  publish: { from: ["CLOSED"], to: "PUBLISHED", done: ["PUBLISHED"] },
} as const satisfies Record<string, Step<TRoundStatus>>;

export type RoundStep = keyof typeof ROUND_STEPS;

export function roundStep(step: RoundStep, status: TRoundStatus): StepOutcome {
  return stepOutcome<TRoundStatus>(ROUND_STEPS[step], status, "ROUND_STATE");
}

/**
 * What there is to read of a round's count in each state: nothing while it is open — the box
 * is sealed, and a count taken before and after a known delegate rates would reveal their
 * grades — the secretariat's from the close, everyone's once published.
 */
export const ROUND_COUNT = {
  DRAFT: "hidden",
  OPEN: "hidden",
  CLOSED: "staff",
  PUBLISHED: "public",
} as const satisfies Record<TRoundStatus, "hidden" | "staff" | "public">;
