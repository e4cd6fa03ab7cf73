import "server-only";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { StaffActor } from "../auth/actor";
import { PIN_NOT_SET } from "../auth/password";
import type { Db } from "../db-client";
import { findHeaderRow, foldWidth, HEADER_SCAN_ROWS, normalizeCell, previewRoster, type RosterRow } from "../domain/roster";
import { AppError } from "../errors";
import { ROSTER_COLUMNS, type TRosterFileInput, type TRosterPreview } from "~/lib/schemas/roster";
import { appendAudit } from "./audit";

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return String(value.result ?? "");
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** Reads a CSV or XLSX roster into rows of text (with their line numbers), or a file-level problem. */
async function readRosterFile(
  input: TRosterFileInput,
): Promise<{ rows: RosterRow[] } | { fileProblem: "UNREADABLE" | "NO_ROWS" | "MISSING_COLUMNS"; missing: string[] }> {
  const bytes = Buffer.from(input.contentBase64, "base64");
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (/\.csv$/i.test(input.fileName)) {
      // Excel in China saves CSV with a BOM; strip it so the first header matches.
      const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
      sheet = await workbook.csv.read(Readable.from([text]));
    } else {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    }
  } catch {
    return { fileProblem: "UNREADABLE", missing: [] };
  }
  if (!sheet || sheet.actualRowCount < 2) return { fileProblem: "NO_ROWS", missing: [] };
  const top = Array.from({ length: Math.min(HEADER_SCAN_ROWS, sheet.rowCount) }, (_, i) =>
    ((sheet.getRow(i + 1).values as ExcelJS.CellValue[]) ?? []).slice(1).map(cellText),
  );
  const { index, missing, row: headerRow } = findHeaderRow(top);
  if (headerRow === null) return { fileProblem: "MISSING_COLUMNS", missing };
  // Sheet lines are 1-based; everything above and on the header line is not a delegate.
  const headerLine = headerRow + 1;
  const rows: RosterRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line <= headerLine) return;
    const get = (key: (typeof ROSTER_COLUMNS)[number]["key"]) => {
      const i = index[key];
      return i === undefined ? "" : normalizeCell(cellText(row.getCell(i + 1).value));
    };
    const r: RosterRow = {
      line,
      name: get("name"),
      delegation: get("delegation"),
      seat: foldWidth(get("seat")),
      cardCode: foldWidth(get("cardCode")).toUpperCase(),
      phone: foldWidth(get("phone")).replace(/[\s-]/g, ""),
    };
    if (Object.values(r).some((v) => typeof v === "string" && v !== "")) rows.push(r);
  });
  return rows.length === 0 ? { fileProblem: "NO_ROWS", missing: [] } : { rows };
}

async function loadContext(db: Db, sessionId: string, cardCodes: string[]) {
  const session = await db.congressSession.findUnique({
    where: { id: sessionId },
    select: { delegations: { select: { id: true, name: true } } },
  });
  if (!session) throw new AppError("NOT_FOUND");
  const [known, sessionDelegates] = await Promise.all([
    db.delegate.findMany({
      where: { cardCode: { in: cardCodes } },
      select: { cardCode: true, sessionId: true, name: true, seat: true, phone: true, delegation: { select: { name: true } } },
    }),
    db.delegate.findMany({ where: { sessionId }, select: { cardCode: true, seat: true } }),
  ]);
  return {
    delegationIds: new Map(session.delegations.map((d) => [d.name, d.id])),
    ctx: {
      sessionId,
      delegations: new Set(session.delegations.map((d) => d.name)),
      byCardCode: new Map(
        known.map((d) => [
          d.cardCode,
          { sessionId: d.sessionId, name: d.name, delegation: d.delegation.name, seat: d.seat, phone: d.phone ?? "" },
        ]),
      ),
      seats: new Map(sessionDelegates.map((d) => [d.seat, d.cardCode])),
    },
  };
}

export async function previewRosterFile(db: Db, input: TRosterFileInput): Promise<TRosterPreview> {
  const file = await readRosterFile(input);
  if ("fileProblem" in file)
    return {
      rows: [],
      counts: { create: 0, update: 0, unchanged: 0, error: 0 },
      fileProblem: file.fileProblem,
      missingColumns: file.missing,
    };
  const { ctx } = await loadContext(
    db,
    input.sessionId,
    file.rows.map((r) => r.cardCode),
  );
  return { ...previewRoster(file.rows, ctx), fileProblem: null, missingColumns: [] };
}

/**
 * All or nothing: re-checks the file, refuses it if any row has a problem, otherwise
 * creates new delegates and updates changed ones in one transaction. Re-importing the
 * same file changes nothing (every row is "unchanged"). New delegates have no PIN yet
 * (a value no PIN can match): they sign in with their card's QR code or after the
 * secretariat sets a PIN.
 */
export async function importRosterFile(db: Db, actor: StaffActor, input: TRosterFileInput): Promise<TRosterPreview> {
  const preview = await previewRosterFile(db, input);
  if (preview.fileProblem || preview.counts.error > 0) throw new AppError("BAD_INPUT", { errors: preview.counts.error });
  const file = preview.rows;
  const { delegationIds } = await loadContext(db, input.sessionId, []);
  const creates = file.filter((r) => r.action === "create");
  const updates = file.filter((r) => r.action === "update");
  await db.$transaction(
    async (tx) => {
      // Seats may move between delegates in one file: park updated rows on a temporary
      // seat first so the (session, seat) unique key never trips mid-way.
      const codes = updates.map((r) => r.cardCode);
      await tx.$executeRaw`UPDATE "Delegate" SET "seat" = '~' || "cardCode" WHERE "cardCode" = ANY(${codes}::text[])`;
      await tx.$executeRaw`
        UPDATE "Delegate" d SET "name" = u.name, "seat" = u.seat, "phone" = NULLIF(u.phone, ''), "delegationId" = u.delegation, "updatedAt" = now()
        FROM unnest(${codes}::text[], ${updates.map((r) => r.name)}::text[], ${updates.map((r) => r.seat)}::text[],
                    ${updates.map((r) => r.phone)}::text[], ${updates.map((r) => delegationIds.get(r.delegation)!)}::text[])
             AS u(code, name, seat, phone, delegation)
        WHERE d."cardCode" = u.code`;
      // One INSERT over arrays: Prisma's createMany took seconds for 5,000 rows here.
      await tx.$executeRaw`
        INSERT INTO "Delegate" ("id", "sessionId", "delegationId", "name", "seat", "cardCode", "phone", "pinHash", "updatedAt")
        SELECT gen_random_uuid()::text, ${input.sessionId}, c.delegation, c.name, c.seat, c.code, NULLIF(c.phone, ''), ${PIN_NOT_SET}, now()
        FROM unnest(${creates.map((r) => delegationIds.get(r.delegation)!)}::text[], ${creates.map((r) => r.name)}::text[],
                    ${creates.map((r) => r.seat)}::text[], ${creates.map((r) => r.cardCode)}::text[], ${creates.map((r) => r.phone)}::text[])
             AS c(delegation, name, seat, code, phone)`;
      await appendAudit(tx, actor, {
        action: "roster.imported",
        entityType: "CongressSession",
        entityId: input.sessionId,
        sessionId: input.sessionId,
        data: {
          fileName: input.fileName,
          created: creates.length,
          updated: updates.map((r) => r.cardCode),
          unchanged: preview.counts.unchanged,
        },
      });
    },
    { timeout: 120_000 },
  );
  return preview;
}

/** The template the clerk downloads: the header row and one example. */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("代表名册");
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.headers[0]));
  sheet.addRow(["王建国", "辛店街道", "01-01", "LZ0001", "13800000000"]);
  sheet.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
