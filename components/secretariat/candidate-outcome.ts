import type { TPollView } from "~/lib/schemas/vote";

type Result = NonNullable<TPollView["result"]>;
type CandidateResult = Result["candidates"][number];

/**
 * How one candidate came out, in the words the hall and the public read (the tally's rules):
 * a tie across the 差额 cut-off is "needs a run-off", not a pass or a fail; a candidate
 * that passed the threshold but fell outside the slots is "not selected".
 */
export type Outcome = "passed" | "notPassed" | "runoff" | "notSelected";

export function candidateOutcome(kind: TPollView["kind"], c: CandidateResult, runoff: readonly string[]): Outcome {
  if (runoff.includes(c.id)) return "runoff";
  if (!c.passed) return "notPassed";
  if (kind === "COMPETITIVE" && !c.selected) return "notSelected";
  return "passed";
}

/** The number a candidate's 赞成 must exceed twice over: the poll's basis (`passed`: for × 2 > basis, server/domain/tally.ts). */
export function basisCount(view: Pick<TPollView, "basis" | "seated" | "present">, result: Pick<Result, "valid">): number {
  if (view.basis === "ALL_DELEGATES") return view.seated ?? 0;
  if (view.basis === "PRESENT") return view.present ?? 0;
  return result.valid;
}

/** Candidates not marked on a valid ballot are 未投 (never 弃权). */
export function notVoted(result: Pick<Result, "valid">, c: CandidateResult): number {
  return result.valid - c.for - c.against - c.abstain;
}
