import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { LiveEvent } from "../domain/live-events";
import { env } from "../env";
import { EVENTS_CHANNEL } from "./notify";

/**
 * One LISTEN connection per app server. Every server hears every NOTIFY, so live views
 * stay right behind a load balancer without any clustering of our own. If the
 * connection drops (database restart), it reconnects and tells listeners to refresh.
 */
const RECONNECTED = Symbol("reconnected");

class SessionEvents extends EventEmitter {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;

  ensure(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect() {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    client.on("notification", (msg) => {
      try {
        const { sessionId, kind, delegateId } = JSON.parse(msg.payload ?? "{}") as Partial<LiveEvent> & { sessionId?: string };
        if (sessionId && kind) this.emit(sessionId, { kind, delegateId } satisfies LiveEvent);
      } catch {
        // a payload we did not write: ignore
      }
    });
    const reconnect = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      setTimeout(
        () =>
          void this.ensure()
            .then(() => this.emit(RECONNECTED))
            .catch(() => undefined),
        1000,
      );
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
  }
}

const globalForEvents = globalThis as unknown as { sessionEvents?: SessionEvents };
const events = (globalForEvents.sessionEvents ??= new SessionEvents());
events.setMaxListeners(0);

export interface ChangeOptions {
  /** At most one refresh per `intervalMs`: the first change after a quiet spell comes at once, a burst's rest together after it. */
  intervalMs?: number;
  /** Which of the session's events this view shows (default: all of them). */
  accept?: (event: LiveEvent) => boolean;
  /**
   * After the listener reconnected (a database restart), changes may have been missed, so
   * every view refreshes: each waits a random time up to this first, so a hall of phones
   * does not refetch in the same second.
   */
  resyncSpreadMs?: number;
}

/**
 * Yields once now and then after each change to the session the view shows, coalescing
 * bursts (a storm of ballots) into at most one refresh per `intervalMs`.
 */
export async function* sessionChanges(
  sessionId: string,
  signal: AbortSignal | undefined,
  { intervalMs = 500, accept = () => true, resyncSpreadMs = 0 }: ChangeOptions = {},
): AsyncGenerator<void> {
  await events.ensure().catch(() => undefined);
  // A due time, not a queue: a storm of 1,300 ballots becomes a handful of refreshes.
  let dueAt: number | null = null;
  let wake: (() => void) | null = null;
  const due = (at: number) => {
    dueAt = dueAt === null ? at : Math.min(dueAt, at);
    wake?.();
  };
  const onChange = (event: LiveEvent) => accept(event) && due(Date.now());
  const onReconnect = () => due(Date.now() + Math.random() * resyncSpreadMs);
  const onAbort = () => wake?.();
  // Listen before the first read: a change landing while the caller reads and sends the
  // current state must bring another refresh, not be lost until the next change.
  events.on(sessionId, onChange);
  events.on(RECONNECTED, onReconnect);
  signal?.addEventListener("abort", onAbort);
  let timer: NodeJS.Timeout | undefined;
  try {
    yield;
    let last = Date.now();
    while (!signal?.aborted) {
      const at = dueAt === null ? null : Math.max(dueAt, last + intervalMs);
      if (at === null || at > Date.now()) {
        // Until the refresh is due, or something changes (an earlier one due, the end).
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (at !== null) timer = setTimeout(resolve, at - Date.now());
        });
        clearTimeout(timer);
        wake = null;
        continue;
      }
      dueAt = null;
      last = Date.now();
      yield;
    }
  } finally {
    clearTimeout(timer);
    events.off(sessionId, onChange);
    events.off(RECONNECTED, onReconnect);
    signal?.removeEventListener("abort", onAbort);
  }
}
