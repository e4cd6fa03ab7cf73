import "server-only";
import type { LiveEvent, LiveEventKind } from "../domain/live-events";
import type { Db, Tx } from "../db-client";

/** One channel for every live view; payloads carry ids and a kind only, never a choice. */
export const EVENTS_CHANNEL = "minsheng_events";

/**
 * NOTIFY is transactional: listeners (on every app server) hear it only if the change
 * commits, so a live view never shows something that was rolled back. `delegateId` names
 * the delegate a change is about when only they need to hear it (their own check-in).
 */
export async function notifySession(tx: Tx, sessionId: string, kind: Exclude<LiveEventKind, "ballot">, delegateId?: string): Promise<void> {
  const payload: LiveEvent & { sessionId: string } = { sessionId, kind, ...(delegateId ? { delegateId } : {}) };
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(payload)})`;
}

// PostgreSQL commits every transaction that sent a NOTIFY one at a time (a global lock
// held through the commit), so a NOTIFY inside each ballot's statement made the storm's
// commits queue (pgbench with the ballot statement: 359/s with it, 1,386/s without).
// Ballots therefore notify after their commit, at most once per session per interval
// and per app server; live views only show counts, which they re-read anyway.
const BALLOT_NOTIFY_INTERVAL_MS = 250;
const pendingBallotNotices = new Set<string>();

export function notifyBallotsSoon(db: Db, sessionId: string): void {
  if (pendingBallotNotices.has(sessionId)) return;
  pendingBallotNotices.add(sessionId);
  setTimeout(() => {
    pendingBallotNotices.delete(sessionId);
    db.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ sessionId, kind: "ballot" })})`.catch(() => undefined);
  }, BALLOT_NOTIFY_INTERVAL_MS);
}
