import type { Choices, Done, Receipt, Sending, Submission } from "~/components/submission/submission-record";
import { submissionScreen } from "~/components/submission/submission-screen";
import type { Failure, FailureCode } from "~/components/submission/transport";
import type { TChoice, TDelegatePollView, TPollCandidate } from "~/lib/schemas/vote";

export type BallotStep = "ballot" | "review";

export interface BallotState {
  /** The phone's storage has been read. */
  loaded: boolean;
  record: Submission<TChoice> | null;
  /** A refusal that ended the attempt. */
  refusal: FailureCode | null;
  view: TDelegatePollView | undefined;
  feedFailure: Failure | null;
  /** Where the delegate asked to be: marking, or checking before confirming. */
  step: BallotStep;
}

/** One screen at a time, each with exactly what it shows. */
export type BallotScreen =
  | { id: "loading"; retrying: boolean }
  | { id: "receipt"; receipt: Done; notice: FailureCode | null; canChange: boolean }
  | { id: "final"; code: FailureCode }
  | { id: "sending"; sending: Sending<TChoice>; candidates: TPollCandidate[] | undefined }
  | { id: "load-error"; code: FailureCode }
  | { id: "not-checked-in" }
  | { id: "voted" }
  | { id: "closed" }
  | { id: "void" }
  | { id: "review"; view: TDelegatePollView; choices: Choices<TChoice> }
  | { id: "ballot"; view: TDelegatePollView; choices: Choices<TChoice>; replaces: Receipt | undefined };

/**
 * What the delegate sees, decided in this order: the submission's own screens first
 * (submission-screen.ts: loading, receipt, a final refusal, sending); then the poll — not
 * loaded yet, not checked in, already voted (elsewhere), no longer open — unless a change
 * of a ballot is under way; then the review, only once every candidate is marked; else the ballot.
 */
export function screenFor(state: BallotState): BallotScreen {
  const { view, feedFailure } = state;
  const first = submissionScreen(state);
  switch (first?.id) {
    case "loading":
      return { id: "loading", retrying: feedFailure !== null };
    case "receipt":
      // Changing is offered only while the poll is known to be open and allows it.
      return { ...first, notice: state.refusal, canChange: !!view?.changeable && view.status === "OPEN" };
    case "final":
      return first;
    case "sending":
      return { ...first, candidates: view?.candidates };
    case undefined:
      break;
  }
  if (!view)
    return feedFailure?.retry === false ? { id: "load-error", code: feedFailure.code } : { id: "loading", retrying: feedFailure !== null };
  const draft = state.record?.stage === "draft" ? state.record : undefined;
  // A change under way: the poll says this delegate voted (the ballot being replaced), which must not stop the new one.
  const changing = !!draft?.replaces;
  if (!view.checkedIn && !changing) return { id: "not-checked-in" };
  if (view.voted && !changing) return { id: "voted" };
  if (view.status !== "OPEN") return { id: view.status === "VOID" ? "void" : "closed" };
  const choices = draft?.choices ?? {};
  if (state.step === "review" && view.candidates.every((c) => choices[c.id])) return { id: "review", view, choices };
  return { id: "ballot", view, choices, replaces: draft?.replaces };
}
