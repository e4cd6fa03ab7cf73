"use client";

import Link from "next/link";
import type { RefObject } from "react";
import { ReceiptPanel } from "~/components/submission/receipt-panel";
import type { Choices } from "~/components/submission/submission-record";
import type { TGrade } from "~/lib/schemas/projects";
import { useI18n } from "../../i18n/i18n-provider";
import type { RatingProject } from "./rating-form";

type HeadingRef = RefObject<HTMLHeadingElement | null>;

/** A grade looks the same on the form and the review: its word, in its colour — never colour alone. */
export const GRADE_STYLE: Record<TGrade, string> = {
  SATISFIED: "border-green-900 bg-green-800 text-white",
  BASIC: "border-blue-900 bg-blue-800 text-white",
  UNSATISFIED: "border-stone-800 bg-stone-700 text-white",
};

/** Each project with its grade: the review, and the ratings kept on screen while they are being sent. */
export function GradeList({ projects, grades }: { projects: RatingProject[]; grades: Choices<TGrade> }) {
  const { t } = useI18n();
  return (
    <ol className="flex flex-col divide-y divide-stone-200">
      {projects.map((p, i) => {
        const grade = grades[p.id];
        return (
          <li key={p.id} className="flex items-center justify-between gap-3 py-3">
            <span className="text-lg leading-snug">
              <span className="text-base text-muted">{i + 1}. </span>
              {p.title}
            </span>
            {grade && (
              <span className={`shrink-0 rounded-lg border-2 px-3 py-1 text-lg font-bold ${GRADE_STYLE[grade]}`}>
                {t(`projects.grade.${grade}`)}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function RatingReceipt({ headingRef, code }: { headingRef: HeadingRef; code: string }) {
  const { t } = useI18n();
  return (
    <ReceiptPanel
      headingRef={headingRef}
      heading={t("projects.rating.receiptHeading")}
      label={t("projects.rating.receiptLabel")}
      code={code}
    >
      <p className="text-lg">{t("projects.rating.receiptHint")}</p>
      <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
        {t("projects.rating.home")}
      </Link>
    </ReceiptPanel>
  );
}

/** A refusal that ended the attempt (already rated, round closed …): the server stored nothing for it. */
export function RatingFinal({ headingRef, message }: { headingRef: HeadingRef; message: string }) {
  const { t } = useI18n();
  return (
    <section className="panel flex flex-col gap-4 border-l-8 border-red-700" role="alert">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold outline-none!">
        {message}
      </h1>
      <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
        {t("projects.rating.home")}
      </Link>
    </section>
  );
}

export function RatingReview({
  headingRef,
  roundTitle,
  projects,
  grades,
  onBack,
  onConfirm,
}: {
  headingRef: HeadingRef;
  roundTitle: string;
  projects: RatingProject[];
  grades: Choices<TGrade>;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold outline-none!">
          {t("projects.rating.reviewHeading")}
        </h1>
        <p className="text-base font-semibold text-muted">{roundTitle}</p>
        <p className="text-lg">{t("projects.rating.reviewHint")}</p>
      </header>
      <section className="panel">
        <GradeList projects={projects} grades={grades} />
      </section>
      <div className="sticky bottom-0 z-10 -mx-4 grid grid-cols-2 gap-3 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        <button type="button" className="btn-secondary min-h-14 text-lg" onClick={onBack}>
          {t("projects.rating.back")}
        </button>
        <button type="button" className="btn-primary min-h-14 text-lg" onClick={onConfirm}>
          {t("projects.rating.confirm")}
        </button>
      </div>
    </div>
  );
}
