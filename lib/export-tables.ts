import { formatDay, formatStamp } from "~/lib/format";
import type { Locale } from "~/lib/i18n/config";
import type { Messages } from "~/lib/i18n/messages";
import type { Translate } from "~/lib/i18n/translate";
import type { TProgressReport } from "~/lib/schemas/projects";
import type { TAttendanceSheet, TPollView } from "~/lib/schemas/vote";

/**
 * The secretariat's tables, headed and worded in the reader's language. Each is built
 * from what a procedure returns (the rows a service read), and the same cells serve the
 * CSV/XLSX download (server/http/table-download.ts) and the page that prints them.
 */
export interface Table {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

/**
 * A text cell that begins with =, +, -, @, tab or carriage return is a formula to Excel and
 * its kin (OWASP's CSV injection rule): a roster name `=HYPERLINK(…)` would run on the clerk's
 * machine. Such a cell gets a leading apostrophe, which spreadsheets show as text. Numbers
 * the app computes (counts, budgets) stay numbers; every CSV the app writes goes through here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(v: string | number): string {
  const s = typeof v === "string" && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV with a BOM, so that Excel in China opens it as UTF-8: the download's and the session archive's. */
export function tableToCsv(t: Table): string {
  return "\uFEFF" + [t.header, ...t.rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** 签到表: every seated delegate by delegation and seat, with the check-in time and how (blank: not checked in). */
export function attendanceTable(sheet: TAttendanceSheet, t: Translate, locale: Locale): Table {
  const h = (k: keyof Messages["console"]["exports"]["attendance"]) => t(`console.exports.attendance.${k}`);
  return {
    title: sheet.sessionName,
    header: [h("delegation"), h("seat"), h("name"), h("cardCode"), t("common.beijingTime", { time: h("checkedInAt") }), h("method")],
    rows: sheet.rows.map((d) => [
      d.delegationName,
      d.seat,
      d.name,
      d.cardCode,
      d.checkedInAt ? formatStamp(d.checkedInAt, locale) : "",
      d.method ? h(d.method === "SELF" ? "self" : "desk") : "",
    ]),
  };
}

/** A published poll's result, one row per candidate in order of FOR votes (as announced): what the files and the 公告 share. */
export function resultTable(poll: TPollView & { result: NonNullable<TPollView["result"]> }, t: Translate): Table {
  const h = (k: keyof Messages["console"]["exports"]["headings"]) => t(`console.exports.headings.${k}`);
  // 差额: a candidate past the threshold but outside the places is 未入选, not 未通过.
  const competitive = poll.kind === "COMPETITIVE";
  const byId = new Map(poll.candidates.map((c) => [c.id, c]));
  const runoff = new Set(poll.result.runoff);
  const valid = poll.result.valid;
  const rows = [...poll.result.candidates]
    .sort((a, b) => b.for - a.for || byId.get(a.id)!.position - byId.get(b.id)!.position)
    .map((r) => [
      r.rank ?? "",
      byId.get(r.id)!.title,
      byId.get(r.id)!.unitName,
      r.for,
      r.against,
      r.abstain,
      valid - r.for - r.against - r.abstain,
      runoff.has(r.id) ? h("runoff") : r.selected ? h(competitive ? "selected" : "passed") : h(competitive ? "notSelected" : "notPassed"),
    ]);
  return {
    title: poll.title,
    header: [h("rank"), h("project"), h("unit"), h("for"), h("against"), h("abstain"), h("notVoted"), h("outcome")],
    rows,
  };
}

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
