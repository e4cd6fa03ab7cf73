import Link from "next/link";
import { ProjectCard } from "~/components/projects/project-card";
import { StatusSummary } from "~/components/projects/status-summary";
import { PROJECT_STATUS_ORDER, type TProjectStatus } from "~/components/projects/types";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import { getPublicCaller } from "~/server/api/server-caller";

export type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || "";

/** A project's location names one or more towns/streets ("辛店街道、稷下街道"): each is a filter option. */
const townsOf = (location: string) => location.split(/[、，,;；\s]+/).filter(Boolean);

/**
 * The session's approved projects. Filters are a plain GET form, so the page works (and
 * can be bookmarked or shared) without JavaScript. `/projects` without filters is cached
 * for everyone; with them, next.config.js sends it to the uncached /projects/filtered.
 */
export async function ProjectsOverview({ t, locale, search }: { t: Translate; locale: Locale; search: Search }) {
  const caller = getPublicCaller();
  const session = await caller.public.currentSession();
  if (!session) return <p className="panel text-lg">{t("home.noSession")}</p>;
  const all = await caller.projects.list({ sessionId: session.id });

  const categories = [...new Set(all.map((p) => p.category))];
  const towns = [...new Set(all.flatMap((p) => townsOf(p.location)))];
  const category = categories.includes(one(search.category)) ? one(search.category) : "";
  const status = (PROJECT_STATUS_ORDER as readonly string[]).includes(one(search.status)) ? (one(search.status) as TProjectStatus) : "";
  const town = towns.includes(one(search.town)) ? one(search.town) : "";
  const shown = all.filter(
    (p) => (!category || p.category === category) && (!status || p.status === status) && (!town || townsOf(p.location).includes(town)),
  );
  const average = all.length ? Math.round(all.reduce((sum, p) => sum + p.percent, 0) / all.length) : 0;
  const filtered = Boolean(category || status || town);

  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-lg text-muted">{session.name}</p>
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{t("projects.overview.title")}</h1>
        <p className="mt-2 text-lg">{t("projects.overview.intro")}</p>
        <p className="mt-1">
          <Link href="/suggest" className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline underline-offset-4">
            {t("projects.overview.suggestLink")}
          </Link>
        </p>
      </header>
      {all.length === 0 ? (
        <p className="panel text-lg">{t("projects.overview.none")}</p>
      ) : (
        <>
          <StatusSummary statuses={all.map((p) => p.status)} averagePercent={average} t={t} />
          <section aria-labelledby="filters-heading" className="panel">
            <h2 id="filters-heading" className="mb-3 text-xl font-bold">
              {t("projects.overview.filtersHeading")}
            </h2>
            <form method="get" action="/projects" className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
              <FilterSelect
                name="category"
                label={t("common.category")}
                value={category}
                all={t("projects.overview.all")}
                options={categories.map((c) => [c, c])}
              />
              <FilterSelect
                name="status"
                label={t("projects.overview.status")}
                value={status}
                all={t("projects.overview.all")}
                options={PROJECT_STATUS_ORDER.map((x) => [x, t(`projects.status.${x}`)])}
              />
              <FilterSelect
                name="town"
                label={t("projects.overview.town")}
                value={town}
                all={t("projects.overview.all")}
                options={towns.map((x) => [x, x])}
              />
              <div className="flex gap-2">
                <button type="submit" className="btn-primary">
                  {t("projects.overview.apply")}
                </button>
                {filtered && (
                  <Link href="/projects" className="btn-secondary">
                    {t("projects.overview.reset")}
                  </Link>
                )}
              </div>
            </form>
          </section>
          <section aria-labelledby="list-heading">
            <h2 id="list-heading" className="mb-3 text-xl font-bold" aria-live="polite">
              {filtered
                ? t("projects.overview.shown", { shown: shown.length, count: all.length })
                : t("projects.overview.count", { count: all.length })}
            </h2>
            {shown.length === 0 ? (
              <p className="panel text-lg">{t("projects.overview.noMatch")}</p>
            ) : (
              <ul className="grid gap-4 sm:grid-cols-2">
                {shown.map((p) => (
                  <li key={p.id} className="contents">
                    <ProjectCard p={p} t={t} locale={locale} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** One filter of the overview's GET form: "all" first, then [value, label] pairs. */
function FilterSelect({
  name,
  label,
  value,
  all,
  options,
}: {
  name: string;
  label: string;
  value: string;
  all: string;
  options: [string, string][];
}) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="field-label">
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value} className="field-input">
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
