/**
 * The delegate's live stream (server: `delegate.live`), read with a bare EventSource so a
 * page need not bring react-query or tRPC's client for it. tRPC's SSE protocol: a
 * `connected` event, then one unnamed message per value (here the delegate's session state,
 * serialized by the server's transformer), `ping` while quiet, `serialized-error` or
 * `return` at the end.
 */
export const LIVE_URL = "/api/trpc/delegate.live";
/** The server pings every 15 s (server/api/trpc.ts): this long without a word, the connection is dead though not closed. */
export const SILENCE_MS = 40_000;
/** While the stream is down, the page polls: slowly, and each phone at its own moment. */
export const FALLBACK_POLL_MS = { min: 20_000, max: 40_000 };
/**
 * Reconnecting: a random wait in a window that doubles with each failure, so when a server
 * restarts, a hall of phones comes back spread over seconds rather than in one.
 */
export const RECONNECT_MS = { min: 1_000, window: 5_000, max: 60_000 };

/** What is used of the browser's EventSource. */
interface EventSourceLike {
  addEventListener(type: string, listener: () => void): void;
  close(): void;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
}

export interface LiveSession {
  /** Reconnect now if the stream is down (the phone was taken out of a pocket): the present, not after the backoff. */
  wake(): void;
  stop(): void;
}

/**
 * Calls `refresh` with the message whenever the server says the delegate's session changed
 * (also once each time the stream (re)connects: the server sends the present state first),
 * and without one every 20–40 s while the stream is down.
 */
export function startLiveSession(
  refresh: (message?: string) => void,
  { open = (url: string): EventSourceLike => new EventSource(url), random = Math.random } = {},
): LiveSession {
  const between = (min: number, max: number) => min + random() * (max - min);
  let source: EventSourceLike | null = null;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;

  const poll = () => {
    pollTimer = setTimeout(
      () => {
        refresh();
        poll();
      },
      between(FALLBACK_POLL_MS.min, FALLBACK_POLL_MS.max),
    );
  };
  const heard = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(down, SILENCE_MS);
  };
  function connect() {
    clearTimeout(reconnectTimer);
    source?.close();
    const es = (source = open(LIVE_URL));
    es.addEventListener("connected", heard);
    es.addEventListener("ping", heard);
    es.onmessage = (ev) => {
      heard();
      failures = 0;
      clearTimeout(pollTimer);
      pollTimer = undefined;
      refresh(typeof ev.data === "string" ? ev.data : undefined);
    };
    // Closed here rather than left to the browser, whose own retry comes at a fixed delay for every phone at once.
    es.addEventListener("serialized-error", down);
    es.addEventListener("return", down);
    es.onerror = down;
    heard();
  }
  function down() {
    clearTimeout(silenceTimer);
    source?.close();
    source = null;
    if (pollTimer === undefined) poll();
    clearTimeout(reconnectTimer);
    const spread = Math.min(RECONNECT_MS.max, RECONNECT_MS.window * 2 ** failures++);
    reconnectTimer = setTimeout(connect, between(RECONNECT_MS.min, RECONNECT_MS.min + spread));
  }

  connect();
  return {
    wake: () => {
      if (!source) connect();
    },
    stop: () => {
      source?.close();
      source = null;
      clearTimeout(reconnectTimer);
      clearTimeout(silenceTimer);
      clearTimeout(pollTimer);
    },
  };
}
