import type { Metadata } from "next";
import { ConsoleHeader, pickSession } from "~/components/console/console-header";
import { PrintButton } from "~/components/console/print-button";
import { progressReportTable } from "~/lib/export-tables";
import { formatWan } from "~/lib/format";
import { PROJECT_STATUS_ORDER } from "~/components/projects/types";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.progressReport.title") };
}

/**
 * 进展情况汇总表 for the standing committee: the same cells as the XLSX download, laid out
 * for A4 landscape. The console's header and the print button are not printed.
 */
export default async function ProgressReportPage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/progress-report", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const sessions = await caller.setup.sessions();
  const session = pickSession(sessions, (await searchParams).session);
  const report = session ? await caller.projects.progressReport({ sessionId: session.id }) : null;
  const table = report && progressReportTable(report, t, locale);
  return (
    <div className="flex flex-col gap-4">
      <style>{"@page { size: A4 landscape; margin: 12mm; }"}</style>
      <ConsoleHeader
        t={t}
        title={t("console.progressReport.heading")}
        intro={t("console.progressReport.intro")}
        path="/secretariat/progress-report"
        sessions={sessions}
        sessionId={session?.id}
      />
      {report && table && (
        <>
          <div className="flex flex-wrap items-center justify-end gap-3 print:hidden">
            <p className="text-base text-muted">{t("console.progressReport.printHint")}</p>
            <PrintButton label={t("console.progressReport.print")} />
          </div>
          <article className="flex flex-col gap-3 bg-white print:text-[10pt]" aria-labelledby="report-title">
            <header className="text-center">
              <h2 id="report-title" className="text-2xl font-bold">
                {t("console.progressReport.title")}
              </h2>
              <p className="text-lg">{report.sessionName}</p>
              <p className="text-base text-muted">{t("console.progressReport.asOf", { date: report.today })}</p>
            </header>
            {report.rows.length === 0 ? (
              <p className="panel text-lg">{t("console.progressReport.none")}</p>
            ) : (
              <>
                <p className="text-lg" data-testid="report-summary">
                  {t("console.progressReport.summary", {
                    count: report.totals.count,
                    percent: report.totals.averagePercent,
                    budget: formatWan(report.totals.budgetWan, locale),
                    spent: formatWan(report.totals.spentWan, locale),
                  })}
                </p>
                <dl className="flex flex-wrap gap-x-6 gap-y-1 text-lg" aria-label={t("console.progressReport.statusCounts")}>
                  {PROJECT_STATUS_ORDER.map((s) => (
                    <div key={s} className="flex gap-2">
                      <dt>{t(`projects.status.${s}`)}</dt>
                      <dd className="font-bold tabular-nums">{report.totals.byStatus[s]}</dd>
                    </div>
                  ))}
                </dl>
                <div className="overflow-x-auto print:overflow-visible" role="region" aria-labelledby="report-caption" tabIndex={0}>
                  <table className="w-full border-collapse text-base print:text-[9pt]">
                    <caption id="report-caption" className="mb-2 text-left text-lg font-bold">
                      {t("console.progressReport.tableCaption")}
                    </caption>
                    <thead>
                      <tr>
                        {table.header.map((h) => (
                          <th key={h} scope="col" className="border border-stone-400 bg-stone-100 px-2 py-1 text-left align-bottom">
                            {h}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {table.rows.map((row, i) => (
                        <tr key={report.rows[i]!.id}>
                          {row.map((cell, j) =>
                            j === 1 ? (
                              <th key={j} scope="row" className="border border-stone-400 px-2 py-1 text-left font-semibold">
                                {cell}
                              </th>
                            ) : (
                              <td
                                key={j}
                                className={`border border-stone-400 px-2 py-1 ${typeof cell === "number" ? "text-right tabular-nums" : ""}`}
                              >
                                {cell}
                              </td>
                            ),
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </article>
        </>
      )}
    </div>
  );
}
