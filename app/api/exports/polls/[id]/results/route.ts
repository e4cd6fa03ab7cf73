import { secretariatTableExport } from "~/server/api/table-export";
import { db } from "~/server/db";
import { localizedResultTable } from "~/server/services/exports";

/** A published poll's result as CSV or XLSX, headed in the reader's language; secretariat only. */
export const GET = secretariatTableExport(async (id, t) => {
  const table = await localizedResultTable(db, id, t);
  return { table, title: t("console.exports.resultsFile", { title: table.title }), asciiName: `poll-${id}-results` };
});
