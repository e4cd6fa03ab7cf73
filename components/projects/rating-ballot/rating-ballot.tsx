"use client";

import { useState } from "react";
import { useHeadingFocus, useSteps } from "~/components/submission/screen-steps";
import { SubmittingScreen } from "~/components/submission/submitting-screen";
import type { FailureCode } from "~/components/submission/transport";
import { useDurableSubmission } from "~/components/submission/use-durable-submission";
import { useI18n } from "../../i18n/i18n-provider";
import { RatingForm, type RatingProject } from "./rating-form";
import { GradeList, RatingFinal, RatingReceipt, RatingReview } from "./rating-screens";
import { readSavedRating } from "./saved-rating";
import { screenFor, type RatingStep } from "./screen-for";
import { useRateProjects } from "./trpc-transport";

/** Only a changed list of projects can be put right on the form; any other refusal ends the attempt. */
const endsTheAttempt = (code: FailureCode) => code !== "BALLOT_INVALID";

/** 满意度测评 on the phone: the same durable submission as a ballot, one screen at a time (screen-for.ts). */
export function RatingBallot({
  roundId,
  roundTitle,
  delegateId,
  projects,
}: {
  roundId: string;
  roundTitle: string;
  delegateId: string;
  projects: RatingProject[];
}) {
  const { t } = useI18n();
  const { step, goTo, reset } = useSteps<RatingStep>("rate");
  /** Projects still unrated when the delegate asked to review. */
  const [unrated, setUnrated] = useState<number | null>(null);

  const submission = useDurableSubmission({
    storageKey: `minsheng:rating:v1:${roundId}:${delegateId}`,
    read: readSavedRating,
    send: useRateProjects(roundId),
    isFinal: endsTheAttempt,
    onBackToDraft: reset,
  });
  const screen = screenFor({ ...submission, projectIds: projects.map((p) => p.id), step });
  const headingRef = useHeadingFocus(screen.id);
  const errorText = (code: FailureCode) =>
    code === "ALREADY_VOTED"
      ? t("projects.rating.alreadyRated")
      : code === "BALLOT_INVALID"
        ? t("projects.rating.listChanged")
        : t(`errors.${code}`);

  switch (screen.id) {
    case "loading":
      return (
        <p className="panel text-lg" role="status">
          {t("common.loading")}
        </p>
      );
    case "receipt":
      return <RatingReceipt headingRef={headingRef} code={screen.receipt.tracker} />;
    case "final":
      return <RatingFinal headingRef={headingRef} message={errorText(screen.code)} />;
    case "sending":
      return (
        <SubmittingScreen
          headingRef={headingRef}
          phase={submission.phase}
          onRetry={submission.retryNow}
          signInReturnTo="/delegate/rating"
          texts={{
            heading: t("projects.rating.sendingHeading"),
            sending: t("projects.rating.sending"),
            retrying: (n) => t("projects.rating.retrying", { n }),
            keptHint: t("projects.rating.keptHint"),
            retry: t("projects.rating.retryNow"),
            signInAgain: t("projects.rating.signInAgain"),
          }}
        >
          <section className="panel">
            <GradeList projects={projects} grades={screen.sending.choices} />
          </section>
        </SubmittingScreen>
      );
    case "review":
      return (
        <RatingReview
          headingRef={headingRef}
          roundTitle={roundTitle}
          projects={projects}
          grades={screen.grades}
          onBack={() => goTo("rate")}
          onConfirm={submission.confirm}
        />
      );
    case "rate": {
      const left = projects.filter((p) => !screen.grades[p.id]).length;
      return (
        <RatingForm
          headingRef={headingRef}
          roundTitle={roundTitle}
          projects={projects}
          grades={screen.grades}
          notice={
            unrated !== null ? t("projects.rating.incomplete", { count: unrated }) : submission.notice && errorText(submission.notice)
          }
          onMark={(id, grade) => {
            setUnrated(null);
            submission.mark(id, grade);
          }}
          onReview={() => {
            if (left === 0) goTo("review");
            else {
              setUnrated(left);
              window.scrollTo(0, 0);
            }
          }}
        />
      );
    }
  }
}
