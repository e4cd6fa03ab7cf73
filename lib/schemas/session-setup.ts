import { z } from "zod";
import { ZId } from "./common";

/** Setting up a session before it opens: the session, its delegations, scrutineers and clerks, and delegates' cards and PINs. Shared by forms and server. */

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
