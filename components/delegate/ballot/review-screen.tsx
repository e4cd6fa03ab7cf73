"use client";

import type { Choices } from "~/components/submission/submission-record";
import type { TChoice, TDelegatePollView } from "~/lib/schemas/vote";
import { useI18n } from "../../i18n/i18n-provider";
import { ChoiceList } from "./choice-list";
import type { HeadingRef } from "./message-screens";

/** Every choice at a glance before the explicit confirm. */
export function ReviewScreen({
  headingRef,
  view,
  choices,
  onBack,
  onConfirm,
  busy,
}: {
  headingRef: HeadingRef;
  view: TDelegatePollView;
  choices: Choices<TChoice>;
  onBack: () => void;
  onConfirm: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const count = (value: TChoice) => view.candidates.filter((c) => choices[c.id] === value).length;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
          {t("vote.review.heading")}
        </h1>
        <p className="text-base font-semibold text-muted">{view.title}</p>
        <p className="text-lg">{t("vote.review.hint")}</p>
      </header>
      <section className="panel">
        <p className="text-lg font-bold">
          {t("vote.review.summary", { for: count("FOR"), against: count("AGAINST"), abstain: count("ABSTAIN") })}
        </p>
        <ChoiceList candidates={view.candidates} choices={choices} />
      </section>
      <p className="text-lg font-semibold">{view.changeable ? t("vote.review.changeable") : t("vote.review.final")}</p>
      <div className="sticky bottom-0 z-10 -mx-4 grid grid-cols-2 gap-3 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_rgba(0,0,0,0.08)]">
        <button type="button" className="btn-secondary min-h-14 text-lg" onClick={onBack} disabled={busy}>
          {t("vote.review.back")}
        </button>
        <button type="button" className="btn-primary min-h-14 text-lg" onClick={onConfirm} disabled={busy}>
          {t("vote.review.confirm")}
        </button>
      </div>
    </div>
  );
}
