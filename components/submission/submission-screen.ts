import type { Done, Sending, Submission } from "./submission-record";
import type { FailureCode } from "./transport";

export type SubmissionScreen<C extends string> =
  { id: "loading" } | { id: "receipt"; receipt: Done } | { id: "final"; code: FailureCode } | { id: "sending"; sending: Sending<C> };

/**
 * The screens every durable submission puts before its form's own, in this order: nothing
 * until the phone's storage is read; the receipt, which wins over everything (even a closed
 * poll); a refusal that ended the attempt; a submission being sent, which is resent until
 * answered whatever the poll looks like meanwhile. `null`: the form decides.
 */
export function submissionScreen<C extends string>(s: {
  loaded: boolean;
  record: Submission<C> | null;
  refusal: FailureCode | null;
}): SubmissionScreen<C> | null {
  if (!s.loaded) return { id: "loading" };
  if (s.record?.stage === "done") return { id: "receipt", receipt: s.record };
  if (s.refusal) return { id: "final", code: s.refusal };
  if (s.record?.stage === "sending") return { id: "sending", sending: s.record };
  return null;
}
