import Link from "next/link";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import { formatWan } from "~/lib/format";
import { ProgressBar } from "./progress-bar";
import { StatusChip } from "./status-chip";
import { photoUrl, type TProjectListItem } from "./types";

/** One approved project on the public overview: what a resident scans for on a phone. */
export function ProjectCard({ p, t, locale }: { p: TProjectListItem; t: Translate; locale: Locale }) {
  const spent = t("projects.spentOfBudget", { spent: formatWan(p.spentWan, locale), budget: formatWan(p.budgetWan ?? "0", locale) });
  return (
    <article className="panel flex flex-col gap-3" aria-labelledby={`project-${p.id}`}>
      <div className="flex gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="text-base text-muted">{p.category}</p>
          <h3 id={`project-${p.id}`} className="text-xl font-bold leading-snug">
            <Link href={`/projects/${p.id}`} className="text-brand-dark underline decoration-2 underline-offset-4">
              {p.title}
            </Link>
          </h3>
        </div>
        {p.latestPhoto && (
          // Decorative here (the photo's description is on the project page); fixed size, no layout shift.
          <img
            src={photoUrl(p.latestPhoto, "thumb")}
            alt=""
            width={96}
            height={72}
            loading="lazy"
            decoding="async"
            className="h-18 w-24 shrink-0 rounded-lg border border-stone-200 object-cover"
          />
        )}
      </div>
      <div>
        <StatusChip status={p.status} t={t} />
      </div>
      <ProgressBar percent={p.percent} label={t("projects.progress")} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-muted">{t("common.unit")}</dt>
        <dd>{p.unitName}</dd>
        <dt className="text-muted">{t("projects.funds")}</dt>
        <dd className="break-keep">{spent}</dd>
        <dt className="text-muted">{t("common.location")}</dt>
        <dd>{p.location}</dd>
      </dl>
    </article>
  );
}
