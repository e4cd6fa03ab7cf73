import type { AppErrorCode } from "~/lib/app-error-codes";

/**
 * One step of a lifecycle (a poll's, a rating round's): the states it may be taken from,
 * the state it leads to, and the states in which taking it again changes nothing — so a
 * second click on 结束表决 is not an error.
 */
export interface Step<S extends string> {
  from: readonly S[];
  to: S;
  done?: readonly S[];
  /** Where a refusal can say more than the lifecycle's own code, by the state refused in. */
  refusedIn?: Partial<Record<S, AppErrorCode>>;
}

/** "go": take the step; "done": it was taken already, change nothing; otherwise the refusal to give. */
export type StepOutcome = "go" | "done" | AppErrorCode;

export function stepOutcome<S extends string>(step: Step<S>, status: S, refusal: AppErrorCode): StepOutcome {
  if (step.from.includes(status)) return "go";
  if (step.done?.includes(status)) return "done";
  return step.refusedIn?.[status] ?? refusal;
}
