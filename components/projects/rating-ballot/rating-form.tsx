"use client";

import Link from "next/link";
import type { RefObject } from "react";
import type { Choices } from "~/components/submission/submission-record";
import { GRADES, type TGrade } from "~/lib/schemas/projects";
import { ChoiceRadio } from "~/components/submission/choice-radio";
import { useI18n } from "../../i18n/i18n-provider";
import { GRADE_STYLE } from "./rating-screens";

export interface RatingProject {
  id: string;
  title: string;
  unitName: string;
}

/** Every approved project with its three grades, and a sticky footer with the progress and the review. */
export function RatingForm({
  headingRef,
  roundTitle,
  projects,
  grades,
  notice,
  onMark,
  onReview,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  roundTitle: string;
  projects: RatingProject[];
  grades: Choices<TGrade>;
  notice: string | null;
  onMark: (projectId: string, grade: TGrade) => void;
  onReview: () => void;
}) {
  const { t } = useI18n();
  const rated = projects.filter((p) => grades[p.id]).length;
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold outline-none!">
          {roundTitle}
        </h1>
        <p className="text-lg">{t("projects.rating.intro")}</p>
      </header>
      {notice && (
        <p role="alert" className="panel border-2 border-amber-600 text-lg font-semibold">
          {notice}
        </p>
      )}
      <ol className="flex flex-col gap-4">
        {projects.map((p, i) => {
          const titleId = `rate-${p.id}`;
          const grade = grades[p.id];
          return (
            <li key={p.id} className={`panel flex flex-col gap-3 ${grade ? "" : "border-2 border-amber-400"}`}>
              <p className="flex items-center justify-between gap-2 text-base text-muted">
                <span>{t("projects.rating.projectNumber", { n: i + 1 })}</span>
                {!grade && (
                  <span className="rounded-md bg-amber-100 px-2 font-semibold text-amber-900">{t("projects.rating.unrated")}</span>
                )}
              </p>
              <h2 id={titleId} className="text-xl font-bold leading-snug">
                {p.title}
              </h2>
              <p className="text-base">
                <span className="text-muted">{t("common.unit")}：</span>
                {p.unitName}
              </p>
              <Link
                href={`/projects/${p.id}`}
                className="inline-flex min-h-11 items-center self-start text-base font-semibold text-blue-800 underline underline-offset-4"
              >
                {t("projects.rating.viewProgress")}
              </Link>
              <fieldset aria-labelledby={titleId}>
                {/* Stacked on a phone: "基本满意" in large type does not fit a third of 360 px. */}
                <div className="grid grid-cols-1 gap-2 min-[420px]:grid-cols-3">
                  {GRADES.map((g) => (
                    <ChoiceRadio
                      key={g}
                      name={`grade-${p.id}`}
                      value={g}
                      checked={grade === g}
                      onSelect={() => onMark(p.id, g)}
                      look={`min-h-12 text-center leading-tight ${grade === g ? GRADE_STYLE[g] : "border-stone-400 bg-white text-ink active:bg-stone-100"}`}
                    >
                      {t(`projects.grade.${g}`)}
                    </ChoiceRadio>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="sticky bottom-0 z-10 -mx-4 flex items-center justify-between gap-3 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        <p className="text-lg font-bold" aria-live="polite">
          {t("projects.rating.progress", { done: rated, total: projects.length })}
        </p>
        <button type="button" className="btn-primary min-h-14 text-lg" onClick={onReview}>
          {t("projects.rating.review")}
        </button>
      </div>
    </div>
  );
}
