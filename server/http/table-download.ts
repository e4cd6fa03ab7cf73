import "server-only";
import { TRPCError } from "@trpc/server";
import ExcelJS from "exceljs";
import { attendanceTable, progressReportTable, resultTable, type Table } from "~/lib/export-tables";
import type { Locale } from "~/lib/i18n/config";
import { getTranslator } from "~/lib/i18n/server";
import type { Translate } from "~/lib/i18n/translate";
import type { createCaller } from "../api/root";
import { getServerCaller } from "../api/server-caller";
import { appCodeOf } from "../api/trpc";
import { announcementPdfOf } from "../services/announcement";

type Caller = ReturnType<typeof createCaller>;

const CONTENT_TYPE = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

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

/** CSV with a BOM, so that Excel in China opens it as UTF-8. */
export function tableToCsv(t: Table): string {
  return "\uFEFF" + [t.header, ...t.rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export async function tableToXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  sheet.addRow(t.header).font = { bold: true };
  for (const r of t.rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * One download, `GET …/[id]?format=…`. What it holds is read through a procedure, so who
 * may download is exactly who may call that procedure (the authorization matrix checks
 * both), then laid out in the reader's language: a table as CSV (the default) or XLSX, or a
 * document as PDF.
 */
export interface Download {
  procedure: string;
  /** The formats offered; the first is the default. */
  formats: readonly Format[];
  /** Reads as `caller` and lays out; `title` names the file in the reader's language. */
  file: (
    caller: Caller,
    id: string,
    t: Translate,
    locale: Locale,
    format: Format,
  ) => Promise<{ body: string | Uint8Array<ArrayBuffer>; title: string }>;
  /** An ASCII file name for old browsers, e.g. `session-<id>-attendance`. */
  asciiName: (id: string) => string;
}
type Format = keyof typeof CONTENT_TYPE;

/** A table download, as CSV or XLSX. */
function tableDownload(
  procedure: string,
  build: (caller: Caller, id: string, t: Translate, locale: Locale) => Promise<{ table: Table; title: string }>,
  asciiName: (id: string) => string,
): Download {
  return {
    procedure,
    formats: ["csv", "xlsx"],
    file: async (caller, id, t, locale, format) => {
      const { table, title } = await build(caller, id, t, locale);
      return { body: format === "csv" ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table)), title };
    },
    asciiName,
  };
}

/** Every file the secretariat downloads; each route under app/api/exports serves one of these. */
export const DOWNLOADS = {
  attendance: tableDownload(
    "exports.attendance",
    async (caller, id, t, locale) => {
      const table = attendanceTable(await caller.exports.attendance({ sessionId: id }), t, locale);
      return { table, title: t("console.exports.attendanceFile", { session: table.title }) };
    },
    (id) => `session-${id}-attendance`,
  ),
  results: tableDownload(
    "exports.results",
    async (caller, id, t) => {
      const poll = await caller.exports.results({ pollId: id });
      const table = resultTable({ ...poll, result: poll.result! }, t);
      return { table, title: t("console.exports.resultsFile", { title: table.title }) };
    },
    (id) => `poll-${id}-results`,
  ),
  progress: tableDownload(
    "projects.progressReport",
    async (caller, id, t, locale) => {
      const table = progressReportTable(await caller.projects.progressReport({ sessionId: id }), t, locale);
      return { table, title: t("console.progressReport.file", { session: table.title }) };
    },
    (id) => `session-${id}-progress`,
  ),
  /** The 公告 as a PDF for filing. */
  announcement: {
    procedure: "exports.announcement",
    formats: ["pdf"],
    file: async (caller, id, _t, locale) => {
      const { pdf, title } = await announcementPdfOf(await caller.exports.announcement({ pollId: id }), locale);
      return { body: new Uint8Array(pdf), title };
    },
    asciiName: (id) => `poll-${id}-announcement`,
  },
} satisfies Record<string, Download>;

const refusal = (status: number, error: string) => Response.json({ error }, { status });

/**
 * Answers one download as `caller`. In this order: a caller the procedure refuses gets
 * 403 (signed in or not); a format the download does not offer 400; an id that names
 * nothing (or is malformed) 404; otherwise the file, named in the reader's language.
 */
export async function download(spec: Download, caller: Caller, id: string, requested: string | null, t: Translate, locale: Locale) {
  const format = (requested ?? spec.formats[0]) as Format;
  const offered = spec.formats.includes(format);
  const built = await spec.file(caller, id, t, locale, offered ? format : spec.formats[0]!).then(
    (file) => ({ file }),
    (e: unknown) => {
      const code = e instanceof TRPCError ? appCodeOf(e) : null;
      if (code === "UNAUTHENTICATED" || code === "FORBIDDEN" || code === "NOT_FOUND" || code === "BAD_INPUT") return { code };
      throw e;
    },
  );
  if ("code" in built && (built.code === "UNAUTHENTICATED" || built.code === "FORBIDDEN")) return refusal(403, "FORBIDDEN");
  if (!offered) return refusal(400, "BAD_INPUT");
  if (!("file" in built)) return refusal(404, "NOT_FOUND");
  const { body, title } = built.file;
  const name = `${title.replace(/[\\/:*?"<>|]/g, "_")}.${format}`;
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPE[format],
      "content-disposition": `attachment; filename="${spec.asciiName(id)}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "private, no-store",
    },
  });
}

/** The route handler of a download: the signed-in reader's procedures, in their language. */
export function downloadRoute(spec: Download) {
  return async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
    const [{ id }, caller, { t, locale }] = await Promise.all([params, getServerCaller(), getTranslator()]);
    return download(spec, caller, id, new URL(req.url).searchParams.get("format"), t, locale);
  };
}
