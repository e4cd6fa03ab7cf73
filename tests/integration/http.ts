import type { Actor, ActorRef } from "~/server/auth/actor";
import { handleTrpcRequest } from "~/server/api/http-handler";
import { createContextFor, createRequestContext } from "~/server/api/trpc";

export const ORIGIN = "http://congress.test";

/** What a browser on our own page would send with a POST; `from` swaps in another site. */
export function browserHeaders(from: string = ORIGIN): Record<string, string> {
  // x-minsheng-peer: the connection's address, as scripts/serve-next.cjs stamps it on every request.
  return { host: new URL(ORIGIN).host, origin: from, "content-type": "application/json", "x-minsheng-peer": "192.0.2.10" };
}

export interface TrpcHttpResult {
  status: number;
  text: string;
  json: {
    result?: { data?: { json?: unknown } };
    error?: { json?: { message?: string; data?: { appCode?: string; httpStatus?: number } } };
  } | null;
}

/**
 * One tRPC call over the real fetch handler (in process), the way the browser's client
 * sends it: queries as GET with `?input=`, mutations as POST with a superjson body.
 * `raw` sends the body text as is (for malformed-body checks).
 */
export async function trpcHttp(
  actor: Actor | null | { ref: ActorRef },
  path: string,
  type: "query" | "mutation",
  input: unknown,
  { headers = browserHeaders(), raw }: { headers?: Record<string, string>; raw?: string } = {},
): Promise<TrpcHttpResult> {
  const body = raw ?? JSON.stringify(input === undefined ? {} : { json: input });
  const url = new URL(`/api/trpc/${path}`, ORIGIN);
  if (type === "query" && input !== undefined) url.searchParams.set("input", body);
  const req = new Request(
    url,
    type === "query" ? { method: "GET", headers: { host: headers.host ?? url.host } } : { method: "POST", headers, body },
  );
  // `{ ref }`: what a session cookie says, checked by the server as for a real request.
  const kind = actor && ("ref" in actor ? actor.ref.kind : actor.kind);
  const res = await handleTrpcRequest(
    req,
    (client) => (actor && "ref" in actor ? createRequestContext(actor.ref, client) : createContextFor(actor, client)),
    kind === "staff",
  );
  const text = await res.text();
  let json: TrpcHttpResult["json"] = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

export const appCodeIn = (r: TrpcHttpResult) => r.json?.error?.json?.data?.appCode ?? (r.json?.error ? "?" : "OK");

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * A subscription over the real fetch handler, as a browser's EventSource opens it (GET,
 * `text/event-stream`): `next(ms)` is the next event, or null if none came within `ms`.
 */
export async function trpcSse(actor: Actor | null | { ref: ActorRef }, path: string) {
  const stop = new AbortController();
  const req = new Request(new URL(`/api/trpc/${path}`, ORIGIN), {
    method: "GET",
    headers: { host: new URL(ORIGIN).host, accept: "text/event-stream" },
    signal: stop.signal,
  });
  const kind = actor && ("ref" in actor ? actor.ref.kind : actor.kind);
  const res = await handleTrpcRequest(
    req,
    (client) => (actor && "ref" in actor ? createRequestContext(actor.ref, client) : createContextFor(actor, client)),
    kind === "staff",
  );
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let reading: Promise<ReadableStreamReadResult<string>> | null = null;
  async function next(ms: number): Promise<SseEvent | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = buffered.indexOf("\n\n");
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2).replace(/^\n+/, "");
        const field = (name: string) => block.match(new RegExp(`^${name}: ?(.*)$`, "m"))?.[1];
        return { event: field("event") ?? "message", data: field("data") ?? "" };
      }
      // A read that outlives the wait is kept for the next call, so no chunk is lost.
      reading ??= reader.read();
      const left = deadline - Date.now();
      const chunk = left > 0 ? await Promise.race([reading, new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]) : null;
      if (!chunk) return null;
      reading = null;
      if (chunk.done) return null;
      buffered += chunk.value;
    }
  }
  return { status: res.status, contentType: res.headers.get("content-type"), next, close: () => stop.abort() };
}
