import "server-only";
import ExcelJS from "exceljs";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import type { Translate } from "~/lib/i18n/translate";
import { getPollView } from "./poll-view";

/** One table, three forms: CSV (with a BOM so Excel in China opens it as UTF-8), XLSX, and rows for pages. */
export interface Table {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

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

export interface ResultHeadings {
  rank: string;
  project: string;
  unit: string;
  for: string;
  against: string;
  abstain: string;
  notVoted: string;
  outcome: string;
  passed: string;
  notPassed: string;
  runoff: string;
}

/** A published poll's result, one row per candidate in order of FOR votes (as announced). */
export async function resultTable(
  db: Db,
  pollId: string,
  h: ResultHeadings,
): Promise<Table & { poll: Awaited<ReturnType<typeof getPollView>> }> {
  const poll = await getPollView(db, pollId);
  if (poll.status !== "PUBLISHED" || !poll.result) throw new AppError("NOT_FOUND");
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
      runoff.has(r.id) ? h.runoff : r.selected ? h.passed : h.notPassed,
    ]);
  return { poll, title: poll.title, header: [h.rank, h.project, h.unit, h.for, h.against, h.abstain, h.notVoted, h.outcome], rows };
}

/** The result table headed in the reader's language: what the XLSX/CSV and the printed announcement share. */
export async function localizedResultTable(db: Db, pollId: string, t: Translate) {
  const poll = await db.poll.findUnique({ where: { id: pollId }, select: { kind: true } });
  // 差额: a candidate past the threshold but outside the places is 未入选, not 未通过.
  const competitive = poll?.kind === "COMPETITIVE";
  return resultTable(db, pollId, {
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
}

/** 签到表: every seated delegate with their check-in time (or blank), by delegation and seat. */
export async function attendanceTable(
  db: Db,
  sessionId: string,
  h: { delegation: string; seat: string; name: string; cardCode: string; checkedInAt: string; method: string; self: string; desk: string },
  formatTime: (d: Date) => string,
): Promise<Table> {
  const session = await db.congressSession.findUnique({ where: { id: sessionId }, select: { name: true } });
  if (!session) throw new AppError("NOT_FOUND");
  const delegates = await db.delegate.findMany({
    where: { sessionId, active: true },
    orderBy: [{ delegation: { sortOrder: "asc" } }, { seat: "asc" }],
    select: {
      name: true,
      seat: true,
      cardCode: true,
      delegation: { select: { name: true } },
      checkIn: { select: { checkedInAt: true, method: true } },
    },
  });
  return {
    title: session.name,
    header: [h.delegation, h.seat, h.name, h.cardCode, h.checkedInAt, h.method],
    rows: delegates.map((d) => [
      d.delegation.name,
      d.seat,
      d.name,
      d.cardCode,
      d.checkIn ? formatTime(d.checkIn.checkedInAt) : "",
      d.checkIn ? (d.checkIn.method === "SELF" ? h.self : h.desk) : "",
    ]),
  };
}
