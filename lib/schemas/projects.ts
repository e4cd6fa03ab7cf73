import { z } from "zod";
import { ZId } from "./common";

/** After the vote: implementation, progress, supervision, residents' posts. Shared by forms and server. */

const money = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, "MONEY");

export const ZMilestoneInput = z.object({
  title: z.string().trim().min(1).max(200),
  plannedOn: z.iso.date(),
  achievedOn: z.iso.date().nullable().default(null),
});

export const ZPlanInput = z.object({
  candidateId: ZId,
  leadOfficial: z.string().trim().min(1).max(50),
  budgetWan: money,
  deadline: z.iso.date(),
  startedOn: z.iso.date().nullable().default(null),
  completedOn: z.iso.date().nullable().default(null),
  milestones: z.array(ZMilestoneInput).max(50).default([]),
});
export type TPlanInput = z.input<typeof ZPlanInput>;

/** A photo travels base64-encoded; its type is judged from its bytes, not from this name. */
export const ZPhotoInput = z.object({
  contentBase64: z.string().min(1).max(11_200_000),
  alt: z.string().trim().min(1).max(200),
});

export const ZProgressUpdateInput = z.object({
  candidateId: ZId,
  body: z.string().trim().min(2).max(5000),
  percent: z.number().int().min(0).max(100),
  spentWan: money,
  /** A correction is a new entry pointing at the one it corrects; nothing published is edited. */
  correctsId: ZId.nullable().default(null),
  photos: z.array(ZPhotoInput).max(4).default([]),
});
export type TProgressUpdateInput = z.input<typeof ZProgressUpdateInput>;

export const SUPERVISION_KINDS = ["INSPECTION", "SUGGESTION"] as const;
export const ZSupervisionNoteInput = z.object({
  candidateId: ZId,
  kind: z.enum(SUPERVISION_KINDS),
  groupName: z.string().trim().max(100).nullable().default(null),
  summary: z.string().trim().min(2).max(200),
  body: z.string().trim().min(2).max(5000),
});
export type TSupervisionNoteInput = z.input<typeof ZSupervisionNoteInput>;
export const ZSupervisionReplyInput = z.object({ noteId: ZId, body: z.string().trim().min(2).max(5000) });
export type TSupervisionReplyInput = z.input<typeof ZSupervisionReplyInput>;

export const ZSuggestionInput = z.object({
  title: z.string().trim().min(4).max(100),
  description: z.string().trim().min(10).max(2000),
  category: z.string().trim().min(1).max(50),
  location: z.string().trim().max(100).default(""),
  contact: z.string().trim().max(100).default(""),
});
export type TSuggestionInput = z.input<typeof ZSuggestionInput>;
export const ZFeedbackInput = z.object({
  candidateId: ZId,
  body: z.string().trim().min(4).max(1000),
  contact: z.string().trim().max(100).default(""),
});
export type TFeedbackInput = z.input<typeof ZFeedbackInput>;
export const ZModerateInput = z.object({ kind: z.enum(["suggestion", "feedback"]), id: ZId, approve: z.boolean() });

export const GRADES = ["SATISFIED", "BASIC", "UNSATISFIED"] as const;
export const ZGrade = z.enum(GRADES);
export type TGrade = z.infer<typeof ZGrade>;
export const ZRateInput = z.object({
  roundId: ZId,
  grades: z.record(ZId, ZGrade),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type TRateInput = z.infer<typeof ZRateInput>;
