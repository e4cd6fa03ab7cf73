import { secretariatTableExport } from "~/server/api/table-export";
import { db } from "~/server/db";
import { resultTable } from "~/server/services/exports";

/** A published poll's result as CSV or XLSX, headed in the reader's language; secretariat only. */
export const GET = secretariatTableExport(async (id, t) => {
  const poll = await db.poll.findUnique({ where: { id }, select: { kind: true } });
  // 差额: a candidate past the threshold but outside the places is 未入选, not 未通过.
  const competitive = poll?.kind === "COMPETITIVE";
  const table = await resultTable(db, id, {
    rank: t("console.exports.headings.rank"),
    project: t("console.exports.headings.project"),
    unit: t("console.exports.headings.unit"),
    for: t("console.exports.headings.for"),
    against: t("console.exports.headings.against"),
    abstain: t("console.exports.headings.abstain"),
    notVoted: t("console.exports.headings.notVoted"),
    outcome: t("console.exports.headings.outcome"),
    passed: t(competitive ? "console.exports.headings.selected" : "console.exports.headings.passed"),
    notPassed: t(competitive ? "console.exports.headings.notSelected" : "console.exports.headings.notPassed"),
    runoff: t("console.exports.headings.runoff"),
  });
  return { table, title: t("console.exports.resultsFile", { title: table.title }), asciiName: `poll-${id}-results` };
});
