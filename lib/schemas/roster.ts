import { z } from "zod";
import { ZId } from "./common";

/** The roster file's columns, in template order; headers are recognised in Chinese or English. */
export const ROSTER_COLUMNS = [
  { key: "name", headers: ["姓名", "name"] },
  { key: "delegation", headers: ["代表团", "delegation"] },
  { key: "seat", headers: ["座位号", "seat"] },
  { key: "cardCode", headers: ["代表证号", "card code", "cardcode"] },
  { key: "phone", headers: ["手机号", "phone"] },
] as const;

export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];

export const ROSTER_PROBLEMS = [
  "MISSING_NAME",
  "MISSING_SEAT",
  "MISSING_CARD_CODE",
  "BAD_CARD_CODE",
  "DUPLICATE_CARD_CODE",
  "CARD_CODE_OTHER_SESSION",
  "DUPLICATE_SEAT",
  "SEAT_TAKEN",
  "UNKNOWN_DELEGATION",
  "BAD_PHONE",
] as const;
export type RosterProblem = (typeof ROSTER_PROBLEMS)[number];

/** Files travel as base64 inside the tRPC call; 5 MB is far above a 5,000-row roster. */
export const ZRosterFileInput = z.object({
  sessionId: ZId,
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(csv|xlsx)$/i, "CSV_OR_XLSX"),
  contentBase64: z.string().min(1).max(7_000_000),
});
export type TRosterFileInput = z.infer<typeof ZRosterFileInput>;

export const ZRosterRowPreview = z.object({
  line: z.number().int(),
  name: z.string(),
  delegation: z.string(),
  seat: z.string(),
  cardCode: z.string(),
  phone: z.string(),
  action: z.enum(["create", "update", "unchanged", "error"]),
  problems: z.array(z.enum(ROSTER_PROBLEMS)),
  /** For updates: which fields change. */
  changes: z.array(z.enum(["name", "delegation", "seat", "phone"])),
});
export type TRosterRowPreview = z.infer<typeof ZRosterRowPreview>;

export const ZRosterPreview = z.object({
  rows: z.array(ZRosterRowPreview),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  /** A file-level problem (unreadable, no header, missing column): nothing else is checked. */
  fileProblem: z.enum(["UNREADABLE", "NO_ROWS", "MISSING_COLUMNS"]).nullable(),
  missingColumns: z.array(z.string()),
});
export type TRosterPreview = z.infer<typeof ZRosterPreview>;
