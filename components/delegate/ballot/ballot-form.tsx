"use client";

import type { Choices, Receipt } from "~/components/submission/submission-record";
import type { FailureCode } from "~/components/submission/transport";
import type { TChoice, TDelegatePollView } from "~/lib/schemas/vote";
import { useI18n } from "../../i18n/i18n-provider";
import { CandidateCard } from "./candidate-card";
import type { HeadingRef } from "./message-screens";

/** The ballot: every candidate card, and a sticky footer with the progress and the next step. */
export function BallotForm({
  headingRef,
  view,
  choices,
  notice,
  onMark,
  onReview,
  replaces,
  onCancelChange,
}: {
  headingRef: HeadingRef;
  view: TDelegatePollView;
  choices: Choices<TChoice>;
  notice: FailureCode | null;
  onMark: (pollCandidateId: string, choice: TChoice) => void;
  onReview: () => void;
  /** A change under way: the receipt of the ballot this one will replace. */
  replaces: Receipt | undefined;
  onCancelChange: () => void;
}) {
  const { t } = useI18n();
  const total = view.candidates.length;
  const marked = view.candidates.filter((c) => choices[c.id]).length;
  const forCount = view.candidates.filter((c) => choices[c.id] === "FOR").length;
  const competitive = view.kind === "COMPETITIVE";
  const forFull = competitive && forCount >= view.seats;
  const complete = marked === total;
  const firstUnmarked = view.candidates.find((c) => !choices[c.id]);

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
          {view.title}
        </h1>
        <p className="text-base font-semibold text-muted">
          {competitive ? t("vote.pollKind.COMPETITIVE", { candidates: total, seats: view.seats }) : t("vote.pollKind.EQUAL")}
        </p>
        <p className="text-lg">
          {competitive
            ? t("vote.ballot.instructionsCompetitive", { candidates: total, seats: view.seats })
            : t("vote.ballot.instructionsEqual")}
        </p>
        <p className="text-base text-muted">{t("vote.ballot.savedOnPhone")}</p>
      </header>

      {replaces && (
        <div className="panel flex flex-col gap-3 border-2 border-amber-500">
          <p className="text-lg font-semibold">{t("vote.ballot.changing")}</p>
          <button type="button" className="btn-secondary" onClick={onCancelChange}>
            {t("vote.ballot.cancelChange")}
          </button>
        </div>
      )}

      <div aria-live="assertive">
        {notice && (
          <p role="alert" className="panel border-2 border-red-700 text-lg font-semibold text-red-800">
            {t(`errors.${notice}`)}
          </p>
        )}
      </div>

      <ol className="flex flex-col gap-4">
        {view.candidates.map((c, i) => (
          <CandidateCard
            key={c.id}
            c={c}
            n={i + 1}
            choice={choices[c.id]}
            forDisabled={forFull && choices[c.id] !== "FOR"}
            seats={view.seats}
            onMark={onMark}
          />
        ))}
      </ol>

      {/* Sticky: progress and the next step are always in reach of the thumb. */}
      <div className="sticky bottom-0 z-10 -mx-4 flex flex-col gap-2 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_rgba(0,0,0,0.08)]">
        <div aria-live="polite" className="flex flex-wrap items-baseline justify-between gap-x-4 text-lg">
          <span className="font-bold">{t("vote.ballot.progress", { done: marked, total })}</span>
          {competitive && <span className="font-bold">{t("vote.ballot.forLeft", { count: Math.max(0, view.seats - forCount) })}</span>}
        </div>
        {forFull && !complete && (
          <p id={`for-full-${view.id}`} className="text-base text-amber-900">
            {t("vote.ballot.forFull", { seats: view.seats })}
          </p>
        )}
        <p className="text-base text-muted">
          {complete ? t("vote.ballot.allMarked") : t("vote.ballot.remaining", { count: total - marked })}
          {!complete && firstUnmarked && (
            <>
              {" "}
              <a href={`#cand-${firstUnmarked.id}`} className="font-semibold text-blue-800 underline underline-offset-4">
                {t("vote.ballot.jumpTo", { n: view.candidates.indexOf(firstUnmarked) + 1 })}
              </a>
            </>
          )}
        </p>
        <button type="button" className="btn-primary min-h-14 w-full text-xl" disabled={!complete} onClick={onReview}>
          {t("vote.ballot.review")}
        </button>
      </div>
    </div>
  );
}
