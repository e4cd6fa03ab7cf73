import type { Translate } from "~/lib/i18n/translate";
import { percentOf } from "./figures";
import { StatusChip } from "./status-chip";
import { PROJECT_STATUS_ORDER, type TProjectStatus } from "./types";

const BAR: Record<TProjectStatus, string> = {
  NOT_STARTED: "bg-stone-500",
  IN_PROGRESS: "bg-blue-800",
  COMPLETED: "bg-green-800",
  DELAYED: "bg-amber-600",
};

/** Counts per status as a plain CSS bar chart: each row says its number in words too. */
export function StatusSummary({
  statuses,
  averagePercent,
  t,
}: {
  statuses: readonly TProjectStatus[];
  averagePercent: number;
  t: Translate;
}) {
  const total = statuses.length;
  return (
    <section aria-labelledby="summary-heading" className="panel flex flex-col gap-3">
      <h2 id="summary-heading" className="text-xl font-bold">
        {t("projects.overview.summaryHeading")}
      </h2>
      <p className="text-lg">{t("projects.overview.summaryTotal", { count: total, percent: averagePercent })}</p>
      {/* One grid for all rows, so the bars start together whatever the length of the status word. */}
      <dl className="grid grid-cols-[max-content_1fr] items-center gap-x-3 gap-y-2">
        {PROJECT_STATUS_ORDER.map((s) => {
          const count = statuses.filter((x) => x === s).length;
          return (
            <div key={s} className="contents">
              <dt>
                <StatusChip status={s} t={t} />
              </dt>
              <dd className="flex items-center gap-2">
                <span className="h-5 flex-1 rounded bg-stone-100" aria-hidden="true">
                  <span className={`block h-full rounded ${BAR[s]}`} style={{ width: `${percentOf(count, total)}%` }} />
                </span>
                <span className="w-16 shrink-0 text-right text-lg font-bold tabular-nums">
                  {t("projects.overview.summaryCount", { count })}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
