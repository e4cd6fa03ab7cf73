import type { Choices, Submission } from "~/components/submission/submission-record";
import { submissionScreen, type SubmissionScreen } from "~/components/submission/submission-screen";
import type { FailureCode } from "~/components/submission/transport";
import type { TGrade } from "~/lib/schemas/projects";

export type RatingStep = "rate" | "review";

export interface RatingState {
  loaded: boolean;
  record: Submission<TGrade> | null;
  refusal: FailureCode | null;
  /** The projects to rate, in order. */
  projectIds: readonly string[];
  step: RatingStep;
}

export type RatingScreen = SubmissionScreen<TGrade> | { id: "review"; grades: Choices<TGrade> } | { id: "rate"; grades: Choices<TGrade> };

/** The submission's own screens first (submission-screen.ts); then the review, only once every project is rated; else the form. */
export function screenFor(state: RatingState): RatingScreen {
  const first = submissionScreen(state);
  if (first) return first;
  const grades = state.record?.stage === "draft" ? state.record.choices : {};
  const complete = state.projectIds.every((id) => grades[id]);
  return state.step === "review" && complete ? { id: "review", grades } : { id: "rate", grades };
}
