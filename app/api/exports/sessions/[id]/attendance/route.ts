import { formatDateTime } from "~/lib/format";
import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { staffMayAct } from "~/server/auth/actor";
import { getActor } from "~/server/auth/session";
import { db } from "~/server/db";
import { AppError } from "~/server/errors";
import { attendanceTable, tableToCsv, tableToXlsx } from "~/server/services/exports";

const CONTENT_TYPE = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

/** 签到表: every active delegate of the session with their check-in time; secretariat only. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || actor.kind !== "staff" || !staffMayAct(actor.role, "SECRETARIAT")) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  const { id } = await params;
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return Response.json({ error: "BAD_INPUT" }, { status: 400 });
  if (!ZId.safeParse(id).success) return Response.json({ error: "NOT_FOUND" }, { status: 404 });

  const { t, locale } = await getTranslator();
  try {
    const table = await attendanceTable(
      db,
      id,
      {
        delegation: t("console.exports.attendance.delegation"),
        seat: t("console.exports.attendance.seat"),
        name: t("console.exports.attendance.name"),
        cardCode: t("console.exports.attendance.cardCode"),
        checkedInAt: t("console.exports.attendance.checkedInAt"),
        method: t("console.exports.attendance.method"),
        self: t("console.exports.attendance.self"),
        desk: t("console.exports.attendance.desk"),
      },
      (d) => formatDateTime(d, locale),
    );
    const name = `${t("console.exports.attendanceFile", { session: table.title }).replace(/[\\/:*?"<>|]/g, "_")}.${format}`;
    const body = format === "csv" ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table));
    return new Response(body, {
      headers: {
        "content-type": CONTENT_TYPE[format],
        "content-disposition": `attachment; filename="session-${id}-attendance.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    throw e;
  }
}
