import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { staffMayAct } from "~/server/auth/actor";
import { getActor } from "~/server/auth/session";
import { db } from "~/server/db";
import { AppError } from "~/server/errors";
import { resultTable, tableToCsv, tableToXlsx } from "~/server/services/exports";

const CONTENT_TYPE = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

/** A published poll's result as CSV or XLSX, headed in the reader's language; secretariat only. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || actor.kind !== "staff" || !staffMayAct(actor.role, "SECRETARIAT")) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  const { id } = await params;
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return Response.json({ error: "BAD_INPUT" }, { status: 400 });
  if (!ZId.safeParse(id).success) return Response.json({ error: "NOT_FOUND" }, { status: 404 });

  const { t } = await getTranslator();
  const poll = await db.poll.findUnique({ where: { id }, select: { kind: true } });
  // 差额: a candidate past the threshold but outside the places is 未入选, not 未通过.
  const competitive = poll?.kind === "COMPETITIVE";
  try {
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
    const name = `${t("console.exports.resultsFile", { title: table.title }).replace(/[\\/:*?"<>|]/g, "_")}.${format}`;
    const body = format === "csv" ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table));
    return new Response(body, {
      headers: {
        "content-type": CONTENT_TYPE[format],
        "content-disposition": `attachment; filename="poll-${id}-results.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    throw e;
  }
}
