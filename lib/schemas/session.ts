import { z } from "zod";

/** A candidate project as residents and delegates see it on the slate. Money is a decimal string (万元). */
export const ZCandidateCard = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  summary: z.string(),
  unitName: z.string(),
  budgetWan: z.string(),
  location: z.string(),
  targets: z.string(),
  deadline: z.string(),
  sortOrder: z.number().int(),
});
export type TCandidateCard = z.infer<typeof ZCandidateCard>;

/** The demo data set a database holds: its stage, and the follow-up's "as of" day (YYYY-MM-DD) the pages judge 滞后 against. */
export const ZDemoDataSet = z.object({ stage: z.enum(["VOTE", "FOLLOWUP"]), asOf: z.iso.date().nullable() });
export type TDemoDataSet = z.infer<typeof ZDemoDataSet>;

export const ZPublicSession = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  congressName: z.string(),
  candidates: z.array(ZCandidateCard),
});
export type TPublicSession = z.infer<typeof ZPublicSession>;

export const ZCandidateDetail = ZCandidateCard.extend({
  sessionId: z.string(),
  sessionName: z.string(),
  suggestions: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type TCandidateDetail = z.infer<typeof ZCandidateDetail>;

export const ZDelegateHome = z.object({
  name: z.string(),
  seat: z.string(),
  cardCode: z.string(),
  delegationName: z.string(),
  sessionId: z.string(),
  sessionName: z.string(),
  congressName: z.string(),
  checkedInAt: z.date().nullable(),
  isScrutineer: z.boolean(),
});
export type TDelegateHome = z.infer<typeof ZDelegateHome>;

export const ZSessionOverview = z.object({
  id: z.string(),
  name: z.string(),
  congressName: z.string(),
  checkInOpen: z.boolean(),
  seated: z.number().int(),
  present: z.number().int(),
  quorumNeeded: z.number().int(),
  quorumMet: z.boolean(),
  candidates: z.number().int(),
  polls: z.number().int(),
  delegations: z.array(z.object({ id: z.string(), name: z.string(), members: z.number().int(), checkedIn: z.number().int() })),
});
export type TSessionOverview = z.infer<typeof ZSessionOverview>;
