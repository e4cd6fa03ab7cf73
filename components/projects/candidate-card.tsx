import Link from "next/link";
import type { TCandidateCard } from "~/lib/schemas/session";
import { formatWan } from "~/lib/format";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";

export function CandidateCard({ c, t, locale, index }: { c: TCandidateCard; t: Translate; locale: Locale; index: number }) {
  return (
    <article className="panel flex flex-col gap-2" aria-labelledby={`cand-${c.id}`}>
      <p className="text-sm font-semibold text-muted">
        {index}. {c.category}
      </p>
      <h3 id={`cand-${c.id}`} className="text-xl font-bold leading-snug">
        {c.title}
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-muted">{t("common.unit")}</dt>
        <dd>{c.unitName}</dd>
        <dt className="text-muted">{t("common.budget")}</dt>
        <dd>{t("common.wan", { amount: formatWan(c.budgetWan, locale) })}</dd>
        <dt className="text-muted">{t("common.targets")}</dt>
        <dd className="line-clamp-2">{c.targets}</dd>
      </dl>
      <p className="text-base text-muted">{t("common.deadline", { date: c.deadline })}</p>
      <Link href={`/projects/${c.id}`} className="btn-secondary self-start" aria-label={`${t("home.viewDetails")}：${c.title}`}>
        {t("home.viewDetails")}
      </Link>
    </article>
  );
}
