import "server-only";
import type { Tx } from "../db-client";

/** One channel for every live view; payloads carry ids and a kind only, never a choice. */
export const EVENTS_CHANNEL = "minsheng_events";

export type LiveEventKind = "check-in" | "poll" | "ballot";

/**
 * NOTIFY is transactional: listeners (on every app server) hear it only if the change
 * commits, so a live view never shows something that was rolled back.
 */
export async function notifySession(tx: Tx, sessionId: string, kind: LiveEventKind): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ sessionId, kind })})`;
}
