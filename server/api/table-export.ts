import "server-only";
import { getTranslator } from "~/lib/i18n/server";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import { ZId } from "~/lib/schemas/common";
import { staffMayAct } from "../auth/actor";
import { getActor } from "../auth/session";
import { AppError } from "../errors";
import { tableToCsv, tableToXlsx, type Table } from "../services/exports";

const CONTENT_TYPE = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

export interface DownloadFile {
  body: string | Uint8Array<ArrayBuffer>;
  format: keyof typeof CONTENT_TYPE;
  /** The file's name in the reader's language (without extension). */
  title: string;
  /** An ASCII fallback for old browsers, e.g. `session-<id>-attendance`. */
  asciiName: string;
}

/**
 * A secretariat-only download, `GET …/[id]`, in the reader's language: the checks every
 * export route makes, in one place. An unknown id is a 404.
 */
export function secretariatDownload(build: (id: string, t: Translate, locale: Locale, req: Request) => Promise<DownloadFile | Response>) {
  return async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor || actor.kind !== "staff" || !staffMayAct(actor.role, "SECRETARIAT"))
      return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    const { id } = await params;
    if (!ZId.safeParse(id).success) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    const { t, locale } = await getTranslator();
    try {
      const file = await build(id, t, locale, req);
      if (file instanceof Response) return file;
      const name = `${file.title.replace(/[\\/:*?"<>|]/g, "_")}.${file.format}`;
      return new Response(file.body, {
        headers: {
          "content-type": CONTENT_TYPE[file.format],
          "content-disposition": `attachment; filename="${file.asciiName}.${file.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          "cache-control": "private, no-store",
        },
      });
    } catch (e) {
      if (e instanceof AppError && e.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND" }, { status: 404 });
      throw e;
    }
  };
}

export interface TableFile {
  table: Table;
  title: string;
  asciiName: string;
}

/** A table as `?format=csv` (the default) or `?format=xlsx`. */
export function secretariatTableExport(build: (id: string, t: Translate, locale: Locale) => Promise<TableFile>) {
  return secretariatDownload(async (id, t, locale, req) => {
    const format = new URL(req.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx") return Response.json({ error: "BAD_INPUT" }, { status: 400 });
    const { table, title, asciiName } = await build(id, t, locale);
    const body = format === "csv" ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table));
    return { body, format, title, asciiName };
  });
}
