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
