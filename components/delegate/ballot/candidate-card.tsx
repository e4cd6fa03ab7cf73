"use client";

import { formatWan } from "~/lib/format";
import type { TPollCandidate } from "~/lib/schemas/vote";
import { CHOICE_VALUES, type TChoice } from "~/lib/vote-choices";
import { ChoiceRadio } from "~/components/submission/choice-radio";
import { useI18n } from "../../i18n/i18n-provider";
import { CHOICE_STYLE } from "./choice-list";

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== "")
      ?.trim() ?? ""
  );
}

/** One candidate on the ballot: what it is, in a line or two, and its three large choices. */
export function CandidateCard({
  c,
  n,
  choice,
  forDisabled,
  seats,
  onMark,
}: {
  c: TPollCandidate;
  n: number;
  choice: TChoice | undefined;
  forDisabled: boolean;
  seats: number;
  onMark: (pollCandidateId: string, choice: TChoice) => void;
}) {
  const { t, locale } = useI18n();
  const titleId = `cand-title-${c.id}`;
  return (
    <li id={`cand-${c.id}`} className={`panel flex scroll-mt-4 flex-col gap-3 ${choice ? "" : "border-2 border-amber-400"}`}>
      <div className="flex flex-col gap-1">
        <p className="flex items-center justify-between gap-2 text-base text-muted">
          <span>{t("vote.ballot.candidateNumber", { n })}</span>
          {!choice && <span className="rounded-md bg-amber-100 px-2 font-semibold text-amber-900">{t("vote.ballot.unmarked")}</span>}
        </p>
        <h2 id={titleId} className="text-xl font-bold leading-snug">
          {c.title}
        </h2>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-muted">{t("common.unit")}</dt>
        <dd>{c.unitName}</dd>
        <dt className="text-muted">{t("common.budget")}</dt>
        <dd>{t("common.wan", { amount: formatWan(c.budgetWan, locale) })}</dd>
      </dl>
      {c.targets && (
        <p className="line-clamp-2 text-base">
          <span className="text-muted">{t("vote.ballot.targetsLabel")}</span>
          {firstLine(c.targets)}
        </p>
      )}
      <details className="group rounded-lg border border-stone-300">
        <summary className="flex min-h-11 cursor-pointer items-center px-3 text-base font-semibold text-blue-800">
          {t("vote.ballot.details")}
        </summary>
        <div className="flex flex-col gap-2 border-t border-stone-200 px-3 py-2 text-base">
          <p className="font-semibold">{t("common.targets")}</p>
          <p className="whitespace-pre-line">{c.targets}</p>
        </div>
      </details>

      <fieldset aria-labelledby={titleId} aria-describedby={forDisabled ? `for-full-hint-${c.id}` : undefined}>
        <div className="grid grid-cols-3 gap-2">
          {CHOICE_VALUES.map((value) => {
            const checked = choice === value;
            const disabled = value === "FOR" && forDisabled;
            return (
              <ChoiceRadio
                key={value}
                name={`choice-${c.id}`}
                value={value}
                checked={checked}
                disabled={disabled}
                onSelect={() => onMark(c.id, value)}
                look={`min-h-14 ${
                  checked
                    ? CHOICE_STYLE[value]
                    : disabled
                      ? "cursor-not-allowed border-dashed border-stone-400 bg-stone-100 text-stone-600"
                      : "border-stone-400 bg-white text-ink active:bg-stone-100"
                }`}
              >
                <span className="flex flex-col items-center leading-tight">
                  {t(`vote.choice.${value}`)}
                  {disabled && <span className="text-sm font-semibold">{t("vote.ballot.forFullShort")}</span>}
                </span>
              </ChoiceRadio>
            );
          })}
        </div>
        {forDisabled && (
          <p id={`for-full-hint-${c.id}`} className="sr-only">
            {t("vote.ballot.forFull", { seats })}
          </p>
        )}
      </fieldset>
    </li>
  );
}
