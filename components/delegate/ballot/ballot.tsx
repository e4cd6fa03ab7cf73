"use client";

import { readSubmission } from "~/components/submission/submission-record";
import { useHeadingFocus, useSteps } from "~/components/submission/screen-steps";
import { SubmittingScreen } from "~/components/submission/submitting-screen";
import type { FailureCode } from "~/components/submission/transport";
import { useDurableSubmission } from "~/components/submission/use-durable-submission";
import { receiptCheckPath } from "~/lib/receipt-address";
import type { TDelegatePollView } from "~/lib/schemas/vote";
import { isChoice } from "~/lib/vote-choices";
import { useI18n } from "../../i18n/i18n-provider";
import { BallotForm } from "./ballot-form";
import { ChoiceList } from "./choice-list";
import { Loading, Message } from "./message-screens";
import { ReceiptScreen } from "./receipt-screen";
import { ReviewScreen } from "./review-screen";
import { screenFor, type BallotStep } from "./screen-for";
import { useCastBallot, usePollFeed } from "./fetch-transport";

const readSavedBallot = (raw: unknown) => readSubmission(raw, isChoice);

/**
 * Refusals that end this attempt to vote: the poll is over or gone, or this delegate's
 * ballot is already in. Any other (not checked in, an invalid ballot …) sends the delegate
 * back to the ballot with the choices kept.
 */
const ENDS_THE_ATTEMPT = new Set<FailureCode>(["ALREADY_VOTED", "POLL_CLOSED", "POLL_NOT_OPEN", "NOT_FOUND"]);
const endsTheAttempt = (code: FailureCode) => ENDS_THE_ATTEMPT.has(code);

/** A delegate's ballot on the phone: the durable submission, the poll, and one screen at a time (screen-for.ts). */
export function Ballot({
  pollId,
  delegateId,
  initialPoll,
  publicOrigin,
}: {
  pollId: string;
  delegateId: string;
  initialPoll?: TDelegatePollView;
  /** Scheme and host people reach the app by, for the receipt code's check address. */
  publicOrigin: string;
}) {
  const { t } = useI18n();
  const { step, goTo, reset } = useSteps<BallotStep>("ballot");
  const submission = useDurableSubmission({
    storageKey: `minsheng:ballot:v1:${pollId}:${delegateId}`,
    read: readSavedBallot,
    send: useCastBallot(pollId),
    isFinal: endsTheAttempt,
    onBackToDraft: reset,
  });
  const feed = usePollFeed(pollId, initialPoll, submission.record?.stage !== "done" && !submission.refusal);
  const screen = screenFor({ ...submission, view: feed.view, feedFailure: feed.failure, step });
  const headingRef = useHeadingFocus(screen.id);

  switch (screen.id) {
    case "loading":
      return <Loading retrying={screen.retrying} onRetry={feed.reload} />;
    case "receipt":
      return (
        <ReceiptScreen
          headingRef={headingRef}
          code={screen.receipt.tracker}
          checkAddress={publicOrigin + receiptCheckPath(screen.receipt.tracker)}
          notice={screen.notice}
          canChange={screen.canChange}
          onChange={() => {
            submission.startChange();
            goTo("ballot");
          }}
        />
      );
    case "final":
      return (
        <Message headingRef={headingRef} heading={t("vote.submit.failedHeading")} alert>
          {t(`errors.${screen.code}`)}
        </Message>
      );
    case "sending":
      return (
        <SubmittingScreen
          headingRef={headingRef}
          phase={submission.phase}
          onRetry={submission.retryNow}
          signInReturnTo={`/delegate/polls/${pollId}`}
          texts={{
            heading: t("vote.submit.heading"),
            sending: t("vote.submit.sending"),
            retrying: (n) => t("vote.submit.retrying", { n }),
            keptHint: t("vote.submit.retryingHint"),
            retry: t("vote.submit.retry"),
            signInAgain: t("vote.submit.signInAgain"),
          }}
        >
          {screen.candidates && (
            <section className="panel" aria-labelledby="kept-heading">
              <h2 id="kept-heading" className="text-lg font-bold">
                {t("vote.submit.keptHeading")}
              </h2>
              <ChoiceList candidates={screen.candidates} choices={screen.sending.choices} />
            </section>
          )}
        </SubmittingScreen>
      );
    case "load-error":
      return (
        <Message headingRef={headingRef} heading={t("common.errorTitle")} alert>
          {t(`errors.${screen.code}`)}
        </Message>
      );
    case "not-checked-in":
      return (
        <Message headingRef={headingRef} heading={t("vote.state.notCheckedInHeading")}>
          {t("vote.state.notCheckedInBody")}
        </Message>
      );
    case "voted":
      return (
        <Message headingRef={headingRef} heading={t(feed.view?.paper ? "vote.state.paperHeading" : "vote.state.votedHeading")} tick>
          {t(feed.view?.paper ? "vote.state.paperBody" : "vote.state.votedBody")}
        </Message>
      );
    case "closed":
      return (
        <Message headingRef={headingRef} heading={t("vote.state.closedHeading")}>
          {t("vote.state.closedBody")}
        </Message>
      );
    case "void":
      return (
        <Message headingRef={headingRef} heading={t("vote.state.voidHeading")}>
          {t("vote.state.voidBody")}
        </Message>
      );
    case "review":
      return (
        <ReviewScreen
          headingRef={headingRef}
          view={screen.view}
          choices={screen.choices}
          onBack={() => goTo("ballot")}
          onConfirm={submission.confirm}
          busy={submission.phase.phase !== "idle"}
        />
      );
    case "ballot":
      return (
        <BallotForm
          headingRef={headingRef}
          view={screen.view}
          choices={screen.choices}
          notice={submission.notice}
          onMark={submission.mark}
          onReview={() => goTo("review")}
          replaces={screen.replaces}
          onCancelChange={submission.cancelChange}
        />
      );
  }
}
