import type { RosterKey, RosterProblem, TRosterPreview, TRosterRowPreview } from "~/lib/schemas/roster";
import { ROSTER_COLUMNS } from "~/lib/schemas/roster";

export type RosterRow = Record<RosterKey, string> & { line: number };

export interface ExistingDelegate {
  sessionId: string;
  name: string;
  delegation: string;
  seat: string;
  phone: string;
}

export interface RosterContext {
  sessionId: string;
  delegations: ReadonlySet<string>;
  /** Every delegate in the database by card code (card codes are unique across sessions). */
  byCardCode: ReadonlyMap<string, ExistingDelegate>;
  /** This session's seats → card code holding them. */
  seats: ReadonlyMap<string, string>;
}

const CARD_CODE = /^[A-Z0-9-]{2,32}$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Cell text as people type it: trimmed, ideographic spaces included. */
export function normalizeCell(value: string): string {
  return value.replace(/\u3000/g, " ").trim();
}

/** Codes typed in a Chinese input method: full-width digits and letters folded to ASCII. */
export function foldWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Header text compared without any spaces: printed forms space out short headers to line them up (姓  名). */
const headerKey = (text: string) => normalizeCell(text).replace(/\s+/g, "").toLowerCase();
const HEADER_KEYS = ROSTER_COLUMNS.map((c) => ({ key: c.key, headers: c.headers.map(headerKey) }));

export interface HeaderMap {
  index: Partial<Record<RosterKey, number>>;
  missing: RosterKey[];
}

/** Maps a header row to column keys; returns the keys that are missing. */
export function mapHeader(header: readonly string[]): HeaderMap {
  const index: Partial<Record<RosterKey, number>> = {};
  header.forEach((cell, i) => {
    const text = headerKey(cell);
    const column = HEADER_KEYS.find((c) => c.headers.includes(text));
    if (column && index[column.key] === undefined) index[column.key] = i;
  });
  // The phone column is optional.
  const missing = ROSTER_COLUMNS.filter((c) => c.key !== "phone" && index[c.key] === undefined).map((c) => c.key);
  return { index, missing };
}

/** How far down the header may sit: below a title, a date line, a blank row or two — not inside the data. */
export const HEADER_SCAN_ROWS = 10;

/**
 * Finds the header among a file's first rows (0-based `row`): offices put a merged title
 * (临淄区第十八届人民代表大会第五次会议代表名册) and a date line above it. The first row that
 * names every required column is the header. Without one, `row` is null and `missing` names
 * what the closest row lacks, so the clerk is told "座位号 is missing", not every column.
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): HeaderMap & { row: number | null } {
  let best: HeaderMap = mapHeader([]);
  for (const [row, cells] of rows.slice(0, HEADER_SCAN_ROWS).entries()) {
    const map = mapHeader(cells);
    if (map.missing.length === 0) return { ...map, row };
    if (map.missing.length < best.missing.length) best = map;
  }
  return { ...best, row: null };
}

/**
 * Checks every row against the file itself and the database, before anything is
 * written: the clerk sees every problem at once, and an import happens only when there
 * are none (all-or-nothing).
 */
export function previewRoster(rows: readonly RosterRow[], ctx: RosterContext): Omit<TRosterPreview, "fileProblem" | "missingColumns"> {
  const fileSeatOf = new Map(rows.map((r) => [r.cardCode, r.seat]));
  const cardCount = new Map<string, number>();
  const seatCount = new Map<string, number>();
  for (const r of rows) {
    if (r.cardCode) cardCount.set(r.cardCode, (cardCount.get(r.cardCode) ?? 0) + 1);
    if (r.seat) seatCount.set(r.seat, (seatCount.get(r.seat) ?? 0) + 1);
  }
  const out: TRosterRowPreview[] = rows.map((r) => {
    const problems: RosterProblem[] = [];
    if (!r.name) problems.push("MISSING_NAME");
    if (!r.seat) problems.push("MISSING_SEAT");
    if (!r.cardCode) problems.push("MISSING_CARD_CODE");
    else if (!CARD_CODE.test(r.cardCode)) problems.push("BAD_CARD_CODE");
    if (r.cardCode && (cardCount.get(r.cardCode) ?? 0) > 1) problems.push("DUPLICATE_CARD_CODE");
    const existing = r.cardCode ? ctx.byCardCode.get(r.cardCode) : undefined;
    if (existing && existing.sessionId !== ctx.sessionId) problems.push("CARD_CODE_OTHER_SESSION");
    if (r.seat && (seatCount.get(r.seat) ?? 0) > 1) problems.push("DUPLICATE_SEAT");
    const holder = r.seat ? ctx.seats.get(r.seat) : undefined;
    // A seat held in the database by a delegate this file does not move elsewhere.
    if (holder && holder !== r.cardCode && (fileSeatOf.get(holder) ?? r.seat) === r.seat) problems.push("SEAT_TAKEN");
    if (!ctx.delegations.has(r.delegation)) problems.push("UNKNOWN_DELEGATION");
    if (r.phone && !MAINLAND_MOBILE.test(r.phone.replace(/[\s-]/g, ""))) problems.push("BAD_PHONE");

    const changes: TRosterRowPreview["changes"] = [];
    if (existing && problems.length === 0) {
      if (existing.name !== r.name) changes.push("name");
      if (existing.delegation !== r.delegation) changes.push("delegation");
      if (existing.seat !== r.seat) changes.push("seat");
      if (existing.phone !== r.phone) changes.push("phone");
    }
    const action = problems.length > 0 ? "error" : !existing ? "create" : changes.length > 0 ? "update" : "unchanged";
    return {
      line: r.line,
      name: r.name,
      delegation: r.delegation,
      seat: r.seat,
      cardCode: r.cardCode,
      phone: r.phone,
      action,
      problems,
      changes,
    };
  });
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of out) counts[r.action]++;
  return { rows: out, counts };
}
