import { formatDay } from "~/lib/format";
import type { Locale } from "~/lib/i18n/config";
import type { Messages } from "~/lib/i18n/messages";
import type { Translate } from "~/lib/i18n/translate";
import type { Table } from "~/server/services/exports";
import type { TProgressReport } from "~/server/services/projects";

/** 进展情况汇总表 as one table: the XLSX/CSV download and the printable page show the same cells. */
export function progressReportTable(report: TProgressReport, t: Translate, locale: Locale): Table {
  const c = (k: keyof Messages["console"]["progressReport"]["columns"]) => t(`console.progressReport.columns.${k}`);
  const empty = t("console.progressReport.empty");
  return {
    title: report.sessionName,
    header: [
      c("position"),
      c("project"),
      c("category"),
      c("unit"),
      c("lead"),
      c("budget"),
      c("spent"),
      c("percent"),
      c("status"),
      c("deadline"),
      c("milestones"),
      c("nextMilestone"),
      c("latestUpdate"),
      c("supervisionOpen"),
      c("supervisionTotal"),
      c("rating"),
    ],
    rows: report.rows.map((r) => [
      r.position,
      r.title,
      r.category,
      r.unitName,
      r.leadOfficial ?? empty,
      Number(r.budgetWan),
      Number(r.spentWan),
      r.percent,
      t(`projects.status.${r.status}`),
      r.deadline,
      t("console.progressReport.milestonesValue", { done: r.milestonesDone, total: r.milestonesTotal }),
      r.nextMilestone
        ? t("console.progressReport.nextMilestoneValue", { title: r.nextMilestone.title, date: r.nextMilestone.plannedOn })
        : empty,
      r.latestUpdateAt ? formatDay(r.latestUpdateAt, locale) : empty,
      r.supervisionOpen,
      r.supervisionTotal,
      r.rating
        ? t("console.progressReport.ratingValue", {
            grade: r.rating.grade ? t(`projects.grade.${r.rating.grade}`) : empty,
            satisfied: r.rating.satisfied,
            basic: r.rating.basic,
            unsatisfied: r.rating.unsatisfied,
          })
        : empty,
    ]),
  };
}
