import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
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
        const { sessionId } = JSON.parse(msg.payload ?? "{}") as { sessionId?: string };
        if (sessionId) this.emit(sessionId);
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

/**
 * Yields once now and then after each change to the session, coalescing bursts (a storm
 * of ballots) into at most one refresh per `intervalMs`.
 */
export async function* sessionChanges(sessionId: string, signal: AbortSignal | undefined, intervalMs = 500): AsyncGenerator<void> {
  await events.ensure().catch(() => undefined);
  // A flag, not a queue: a storm of 1,300 ballots becomes a handful of refreshes.
  // After a reconnect, changes may have been missed: refresh then too.
  let pending = false;
  let wake: (() => void) | null = null;
  const onChange = () => {
    pending = true;
    wake?.();
  };
  const onAbort = () => wake?.();
  // Listen before the first read: a change landing while the caller reads and sends the
  // current state must bring another refresh, not be lost until the next change.
  events.on(sessionId, onChange);
  events.on(RECONNECTED, onChange);
  signal?.addEventListener("abort", onAbort);
  try {
    yield;
    while (!signal?.aborted) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (signal?.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      pending = false;
      yield;
    }
  } finally {
    events.off(sessionId, onChange);
    events.off(RECONNECTED, onChange);
    signal?.removeEventListener("abort", onAbort);
  }
}
