"use client";

import { formatDateTime, formatWan } from "~/lib/format";
import type { Translate } from "~/lib/i18n/translate";
import type { TPollSummary, TPollView } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";

export function pollKindText(p: Pick<TPollSummary, "kind" | "seats">, t: Translate): string {
  return p.kind === "EQUAL" ? t("cockpit.kind.EQUAL") : `${t("cockpit.kind.COMPETITIVE")} · ${t("cockpit.seatsShort", { seats: p.seats })}`;
}

/** The settings and timestamps of a poll: what the detail page adds to the cockpit card. */
export function PollFacts({ view }: { view: TPollView }) {
  const { t, locale } = useI18n();
  const times: [string, Date | null][] = [
    [t("cockpit.openedAt"), view.openedAt],
    [t("cockpit.closedAt"), view.closedAt],
    [t("cockpit.certifiedAt"), view.certifiedAt],
    [t("cockpit.publishedAt"), view.publishedAt],
  ];
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section aria-labelledby="poll-settings" className="panel">
        <h2 id="poll-settings" className="text-xl font-bold">
          {t("cockpit.settingsHeading")}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-base">
          <dt className="text-muted">{t("cockpit.kindLabel")}</dt>
          <dd>{pollKindText(view, t)}</dd>
          <dt className="text-muted">{t("cockpit.basisLabel")}</dt>
          <dd>{t(`cockpit.basis.${view.basis}`)}</dd>
          <dt className="text-muted">{t("cockpit.secretLabel")}</dt>
          <dd>{view.secret ? t("cockpit.secret") : t("cockpit.named")}</dd>
          <dt className="text-muted">{t("cockpit.changeLabel")}</dt>
          <dd>{view.changeable ? t("cockpit.changeable") : t("cockpit.final")}</dd>
          <dt className="text-muted">{t("cockpit.quorumLabel")}</dt>
          <dd>{t("cockpit.quorumRule", { num: view.quorumNum, den: view.quorumDen })}</dd>
          <dt className="text-muted">{t("cockpit.seatedAtOpen")}</dt>
          <dd className="tabular-nums">
            {view.seated ?? "—"} / {view.present ?? "—"}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="poll-times" className="panel">
        <h2 id="poll-times" className="text-xl font-bold">
          {t("cockpit.timesHeading")}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-base">
          {times.map(([label, at]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd>{at ? formatDateTime(at, t, locale) : "—"}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="poll-candidates" className="panel md:col-span-2">
        <h2 id="poll-candidates" className="text-xl font-bold">
          {t("cockpit.candidatesHeading", { count: view.candidates.length })}
        </h2>
        <ol className="mt-2 flex flex-col gap-1 text-base">
          {view.candidates.map((c) => (
            <li key={c.id}>
              <span className="tabular-nums">{c.position}.</span> {c.title}{" "}
              <span className="text-muted">
                · {c.unitName} · {t("common.wan", { amount: formatWan(c.budgetWan, locale) })}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
