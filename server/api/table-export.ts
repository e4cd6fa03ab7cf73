import "server-only";
import { getTranslator } from "~/lib/i18n/server";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import { ZId } from "~/lib/schemas/common";
import { staffMayAct } from "../domain/permissions";
import { getActor } from "../auth/session";
import { AppError } from "../errors";
import { tableToCsv, tableToXlsx, type Table } from "../services/exports";

const CONTENT_TYPE = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

export interface TableFile {
  table: Table;
  /** The file's name in the reader's language (without extension). */
  title: string;
  /** An ASCII fallback for old browsers, e.g. `session-<id>-attendance`. */
  asciiName: string;
}

/**
 * A secretariat-only table download, `GET …/[id]?format=csv|xlsx`, headed in the reader's
 * language: the checks every export route makes, in one place. An unknown id is a 404.
 */
export function secretariatTableExport(build: (id: string, t: Translate, locale: Locale) => Promise<TableFile>) {
  return async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor || actor.kind !== "staff" || !staffMayAct(actor.role, "SECRETARIAT"))
      return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    const { id } = await params;
    const format = new URL(req.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx") return Response.json({ error: "BAD_INPUT" }, { status: 400 });
    if (!ZId.safeParse(id).success) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    const { t, locale } = await getTranslator();
    try {
      const { table, title, asciiName } = await build(id, t, locale);
      const name = `${title.replace(/[\\/:*?"<>|]/g, "_")}.${format}`;
      const body = format === "csv" ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table));
      return new Response(body, {
        headers: {
          "content-type": CONTENT_TYPE[format],
          "content-disposition": `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          "cache-control": "private, no-store",
        },
      });
    } catch (e) {
      if (e instanceof AppError && e.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND" }, { status: 404 });
      throw e;
    }
  };
}
