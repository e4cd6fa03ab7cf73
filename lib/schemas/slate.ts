import { z } from "zod";
import { ZId, ZMoney } from "./common";

/** The candidate slate the secretariat edits before a poll. Shared by forms and server. */

export const ZCandidateFields = z.object({
  title: z.string().trim().min(2).max(200),
  category: z.string().trim().min(1).max(50),
  summary: z.string().trim().min(1).max(2000),
  departmentId: ZId,
  budgetWan: ZMoney,
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
