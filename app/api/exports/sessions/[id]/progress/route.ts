import { progressReportTable } from "~/components/console/progress-report-table";
import { secretariatTableExport } from "~/server/api/table-export";
import { db } from "~/server/db";
import { progressReport } from "~/server/services/progress-report";

/** 进展情况汇总表 for the standing committee, as CSV or XLSX; secretariat only. */
export const GET = secretariatTableExport(async (id, t, locale) => {
  const table = progressReportTable(await progressReport(db, id), t, locale);
  return { table, title: t("console.progressReport.file", { session: table.title }), asciiName: `session-${id}-progress` };
});
