"use client";

import type { Choices } from "~/components/submission/submission-record";
import type { TChoice, TPollCandidate } from "~/lib/schemas/vote";
import { useI18n } from "../../i18n/i18n-provider";

/** A marked choice looks the same everywhere: its word with ✓, in its colour — never colour alone. */
export const CHOICE_STYLE: Record<TChoice, string> = {
  FOR: "border-green-900 bg-green-800 text-white",
  AGAINST: "border-red-900 bg-red-800 text-white",
  ABSTAIN: "border-stone-800 bg-stone-700 text-white",
};

/** Each candidate with the choice marked: the review, and the ballot kept on screen while it is being sent. */
export function ChoiceList({ candidates, choices }: { candidates: TPollCandidate[]; choices: Choices<TChoice> }) {
  const { t } = useI18n();
  return (
    <ol className="flex flex-col divide-y divide-stone-200">
      {candidates.map((c, i) => {
        const choice = choices[c.id];
        return (
          <li key={c.id} className="flex items-center justify-between gap-3 py-3">
            <span className="text-lg leading-snug">
              <span className="text-base text-muted">{t("vote.ballot.candidateNumber", { n: i + 1 })} </span>
              {c.title}
            </span>
            {choice && (
              <span className={`shrink-0 rounded-lg border-2 px-3 py-1 text-lg font-bold ${CHOICE_STYLE[choice]}`}>
                <span aria-hidden="true">✓ </span>
                {t(`vote.choice.${choice}`)}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
