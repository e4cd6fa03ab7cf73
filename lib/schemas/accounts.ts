import { z } from "zod";
import { ZId } from "./common";

/** Staff accounts (the administrator's) and the audit log viewer. Shared by forms and server. */

export const STAFF_ROLES = ["ADMIN", "SECRETARIAT", "CLERK", "DEPARTMENT"] as const;
export const ZStaffRole = z.enum(STAFF_ROLES);
export const ZCreateStaffInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, "USERNAME"),
    displayName: z.string().trim().min(2).max(50),
    password: z.string().min(10).max(200),
    role: ZStaffRole,
    departmentId: ZId.nullable().default(null),
  })
  .refine((v) => v.role !== "DEPARTMENT" || v.departmentId !== null, { path: ["departmentId"], message: "DEPARTMENT_REQUIRED" });
export type TCreateStaffInput = z.input<typeof ZCreateStaffInput>;
export const ZUpdateStaffInput = z
  .object({ id: ZId, role: ZStaffRole, departmentId: ZId.nullable(), active: z.boolean() })
  .refine((v) => v.role !== "DEPARTMENT" || v.departmentId !== null, { path: ["departmentId"], message: "DEPARTMENT_REQUIRED" });
export type TUpdateStaffInput = z.input<typeof ZUpdateStaffInput>;
export const ZStaffRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ZStaffRole,
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
});
export type TStaffRow = z.infer<typeof ZStaffRow>;

// ─── audit log viewer ───

export const ZAuditQueryInput = z.object({
  sessionId: ZId.optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries before this seq (for paging back). */
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TAuditQueryInput = z.input<typeof ZAuditQueryInput>;
export const ZAuditRowView = z.object({
  seq: z.string(),
  at: z.date(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
  hash: z.string(),
});
export const ZAuditPage = z.object({
  rows: z.array(ZAuditRowView),
  chain: z.object({ ok: z.boolean(), count: z.number().int(), brokenSeq: z.string().nullable() }),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
