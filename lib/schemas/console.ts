import { z } from "zod";
import { ZId } from "./common";

/** The secretariat's console: session setup, slate, accounts, audit. Shared by forms and server. */

// ─── session setup ───

export const ZCreateSessionInput = z.object({
  congressId: ZId,
  name: z.string().trim().min(2).max(100),
  year: z.number().int().min(2000).max(2100),
  startsOn: z.iso.date(),
  delegations: z.array(z.string().trim().min(1).max(50)).max(100).default([]),
});
export type TCreateSessionInput = z.input<typeof ZCreateSessionInput>;

export const ZAddDelegationInput = z.object({ sessionId: ZId, name: z.string().trim().min(1).max(50) });
export const ZSetScrutineersInput = z.object({ sessionId: ZId, delegateIds: z.array(ZId).max(20) });
export const ZSetClerksInput = z.object({ sessionId: ZId, staffIds: z.array(ZId).max(20) });

export const ZSessionSetup = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  congressName: z.string(),
  seated: z.number().int(),
  delegations: z.array(z.object({ id: z.string(), name: z.string(), members: z.number().int() })),
  scrutineers: z.array(z.object({ id: z.string(), name: z.string(), seat: z.string(), delegationName: z.string() })),
  clerks: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string() })),
  availableClerks: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string() })),
});
export type TSessionSetup = z.infer<typeof ZSessionSetup>;

// ─── delegates: cards and PINs ───

export const ZDelegateIdsInput = z.object({ sessionId: ZId, delegateIds: z.array(ZId).max(2000).optional() });
export const ZDelegateCard = z.object({
  id: z.string(),
  name: z.string(),
  delegationName: z.string(),
  seat: z.string(),
  cardCode: z.string(),
  /** The one-time sign-in path for the QR code (relative; the page adds its origin). */
  loginPath: z.string(),
  qrSvg: z.string(),
});
export type TDelegateCard = z.infer<typeof ZDelegateCard>;
export const ZResetPinResult = z.object({ pin: z.string() });

// ─── slate ───

const money = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, "MONEY");

export const ZCandidateFields = z.object({
  title: z.string().trim().min(2).max(200),
  category: z.string().trim().min(1).max(50),
  summary: z.string().trim().min(1).max(2000),
  departmentId: ZId,
  budgetWan: money,
  location: z.string().trim().min(1).max(200),
  targets: z.string().trim().min(1).max(1000),
  deadline: z.iso.date(),
  suggestionIds: z.array(ZId).max(100).default([]),
});
export type TCandidateFields = z.input<typeof ZCandidateFields>;
export const ZCreateCandidateInput = ZCandidateFields.extend({ sessionId: ZId });
export type TCreateCandidateInput = z.input<typeof ZCreateCandidateInput>;
export const ZUpdateCandidateInput = ZCandidateFields.extend({ id: ZId });
export type TUpdateCandidateInput = z.input<typeof ZUpdateCandidateInput>;
export const ZReorderCandidatesInput = z.object({ sessionId: ZId, candidateIds: z.array(ZId).min(1).max(200) });

export const ZSlateCandidate = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  summary: z.string(),
  departmentId: z.string(),
  unitName: z.string(),
  budgetWan: z.string(),
  location: z.string(),
  targets: z.string(),
  deadline: z.string(),
  sortOrder: z.number().int(),
  suggestionIds: z.array(z.string()),
  /** In at least one poll: its slate there is frozen; edits here change only later polls. */
  inPolls: z.number().int(),
});
export type TSlateCandidate = z.infer<typeof ZSlateCandidate>;

// ─── accounts ───

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
