import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import { localToday } from "~/lib/format";
import { formatDay, formatWan } from "~/lib/format";
import { photoUrl, type TProjectPage } from "./types";

type Plan = NonNullable<TProjectPage["plan"]>;

/** Milestones with planned and actual dates; one not achieved by its planned date reads 滞后, in words. */
export function MilestoneList({ milestones, t }: { milestones: Plan["milestones"]; t: Translate }) {
  const today = localToday();
  if (milestones.length === 0) return <p className="text-lg text-muted">{t("projects.page.noMilestones")}</p>;
  return (
    <ol className="flex flex-col gap-3 border-l-4 border-stone-300 pl-4">
      {milestones.map((m) => {
        const missed = !m.achievedOn && m.plannedOn < today;
        const late = m.achievedOn !== null && m.achievedOn > m.plannedOn;
        return (
          <li key={m.id} className="flex flex-col gap-1">
            <p className="flex flex-wrap items-center gap-2 text-lg font-semibold">
              <span aria-hidden="true">{m.achievedOn ? "✓" : missed ? "!" : "○"}</span>
              {m.title}
              {missed && (
                <span className="rounded-md border-2 border-amber-700 bg-amber-100 px-2 text-base font-bold text-amber-950">
                  {t("projects.status.DELAYED")}
                </span>
              )}
            </p>
            <p className="text-base">
              {t("projects.page.milestonePlanned", { date: m.plannedOn })}
              {" · "}
              {m.achievedOn
                ? t(late ? "projects.page.milestoneAchievedLate" : "projects.page.milestoneAchieved", { date: m.achievedOn })
                : missed
                  ? t("projects.page.milestoneMissed")
                  : t("projects.page.milestonePending")}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Progress updates, newest first. Nothing published is ever edited: a correction is its own
 * entry, labelled 更正 and linked both ways with the one it corrects.
 */
export function UpdateList({
  updates,
  t,
  locale,
  headingLevel = 3,
}: {
  updates: Plan["updates"];
  t: Translate;
  locale: Locale;
  headingLevel?: 3 | 4;
}) {
  if (updates.length === 0) return <p className="text-lg text-muted">{t("projects.page.noUpdates")}</p>;
  const byId = new Map(updates.map((u) => [u.id, u]));
  const H = headingLevel === 3 ? "h3" : "h4";
  return (
    <ol className="flex flex-col gap-4">
      {updates.map((u) => {
        const corrects = u.correctsId ? byId.get(u.correctsId) : undefined;
        const correctedBy = updates.filter((x) => x.correctsId === u.id);
        return (
          <li
            key={u.id}
            id={`update-${u.id}`}
            className={`flex scroll-mt-4 flex-col gap-2 rounded-lg border-2 p-3 ${u.correctsId ? "border-amber-600" : "border-stone-200"}`}
          >
            <H className="flex flex-wrap items-center gap-2 text-lg font-bold">
              {u.correctsId && (
                <span className="rounded-md bg-amber-100 px-2 text-base font-bold text-amber-950">{t("projects.page.correction")}</span>
              )}
              <time dateTime={u.createdAt.toISOString()}>{formatDay(u.createdAt, locale)}</time>
            </H>
            {corrects && (
              <p className="text-base">
                <a href={`#update-${corrects.id}`} className="font-semibold text-blue-800 underline underline-offset-4">
                  {t("projects.page.correctsLink", { date: formatDay(corrects.createdAt, locale) })}
                </a>
              </p>
            )}
            <p className="text-base font-semibold">
              {t("projects.page.updateFigures", { percent: u.percent, amount: formatWan(u.spentWan, locale) })}
            </p>
            <p className="whitespace-pre-line text-lg">{u.body}</p>
            {u.photos.length > 0 && (
              <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                {u.photos.map((ph) => (
                  <li key={ph.key}>
                    <a href={photoUrl(ph.key, "large")} className="block">
                      <img
                        src={photoUrl(ph.key, "thumb")}
                        srcSet={`${photoUrl(ph.key, "thumb")} 400w, ${photoUrl(ph.key, "large")} 1280w`}
                        sizes="(min-width: 640px) 240px, 45vw"
                        alt={ph.alt}
                        width={ph.width}
                        height={ph.height}
                        loading="lazy"
                        decoding="async"
                        className="h-auto w-full rounded-lg border border-stone-200"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {correctedBy.length > 0 && (
              <p className="text-base text-amber-950">
                {correctedBy.map((c) => (
                  <a key={c.id} href={`#update-${c.id}`} className="font-semibold underline underline-offset-4">
                    {t("projects.page.correctedBy", { date: formatDay(c.createdAt, locale) })}
                  </a>
                ))}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
