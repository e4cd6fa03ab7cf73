import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleBrowserTrpcRequest } from "~/server/api/http-handler";
import { serveTrpc } from "~/server/api/node-server";
import type { Actor, ActorRef } from "~/server/auth/actor";
import { sessionCookieFor } from "~/server/auth/session-token";

export const ORIGIN = "http://congress.test";

/**
 * The Node server production runs for /api/trpc (scripts/serve-next.cjs hands it the
 * requests before Next), on a loopback port of this test file's own. Nothing stamps
 * x-minsheng-peer here, so a test names the client's address itself (browserHeaders).
 */
let server: Promise<string> | undefined;
function trpcServer(): Promise<string> {
  return (server ??= new Promise((resolve) => {
    const s: Server = createServer((req, res) => void serveTrpc(req, res));
    s.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`));
    // The test file ends; its server must not keep the worker alive.
    s.unref();
  }));
}

/** A request with exactly these headers (fetch would not send our Host). */
export function rawHttp(
  url: URL,
  { method, headers, body }: { method: string; headers: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Who a request comes from: an actor, a session that says `ref`, or a cookie as a browser kept it (from a real sign-in). */
export type Caller = Actor | null | { ref: ActorRef } | { cookie: string };

/** The session cookie a browser signed in as `actor` (or with a session that says `ref`) sends. */
export async function cookieOf(actor: Caller): Promise<string | undefined> {
  if (!actor) return undefined;
  if ("cookie" in actor) return actor.cookie;
  const ref = "ref" in actor ? actor.ref : { kind: actor.kind, id: actor.id, v: actor.v };
  const { name, value } = await sessionCookieFor(ref, process.env.NEXTAUTH_SECRET!, ORIGIN);
  return `${name}=${value}`;
}

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
 * One tRPC call over HTTP to the Node server, the way the browser's client sends it:
 * queries as GET with `?input=`, mutations as POST with a superjson body, and the caller's
 * session as a real cookie, decoded and checked by the server as for any request (the
 * Host header says the public address; the connection goes to the loopback port).
 * `raw` sends the body text as is (for malformed-body checks).
 */
export async function trpcHttp(
  actor: Caller,
  path: string,
  type: "query" | "mutation",
  input: unknown,
  { headers = browserHeaders(), raw }: { headers?: Record<string, string>; raw?: string } = {},
): Promise<TrpcHttpResult> {
  const body = raw ?? JSON.stringify(input === undefined ? {} : { json: input });
  const url = new URL(`/api/trpc/${path}`, await trpcServer());
  if (type === "query" && input !== undefined) url.searchParams.set("input", body);
  const cookie = await cookieOf(actor);
  const sent: Record<string, string> =
    type === "query" ? { host: headers.host ?? new URL(ORIGIN).host } : { ...headers, host: headers.host ?? new URL(ORIGIN).host };
  if (cookie) sent.cookie = cookie;
  const res = await rawHttp(url, { method: type === "query" ? "GET" : "POST", headers: sent, body: type === "query" ? undefined : body });
  const text = res.text;
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
 * A subscription over the real handler, as a browser's EventSource opens it (GET,
 * `text/event-stream`): `next(ms)` is the next event, or null if none came within `ms` or
 * the stream ended (`ended()` then says so).
 */
export async function trpcSse(actor: Caller, path: string) {
  const stop = new AbortController();
  const headers: Record<string, string> = { host: new URL(ORIGIN).host, accept: "text/event-stream" };
  const cookie = await cookieOf(actor);
  if (cookie) headers.cookie = cookie;
  const req = new Request(new URL(`/api/trpc/${path}`, ORIGIN), { method: "GET", headers, signal: stop.signal });
  const res = await handleBrowserTrpcRequest(req);
  return { status: res.status, contentType: res.headers.get("content-type"), ...sseEvents(res.body!), close: () => stop.abort() };
}

/** The same through the Node server production runs (scripts/serve-next.cjs → server/api/node-server.ts), over a real connection. */
export async function trpcSseOverHttp(actor: Caller, path: string) {
  const headers: Record<string, string> = { host: new URL(ORIGIN).host, accept: "text/event-stream" };
  const cookie = await cookieOf(actor);
  if (cookie) headers.cookie = cookie;
  const url = new URL(`/api/trpc/${path}`, await trpcServer());
  return new Promise<{ status: number; next: (ms: number) => Promise<SseEvent | null>; ended: () => boolean; close: () => void }>(
    (resolve, reject) => {
      const req = request(url, { headers }, (res) => {
        const body = Readable.toWeb(res) as ReadableStream<Uint8Array<ArrayBuffer>>;
        resolve({ status: res.statusCode ?? 0, ...sseEvents(body), close: () => req.destroy() });
      });
      req.on("error", reject);
      req.end();
    },
  );
}

function sseEvents(body: ReadableStream<Uint8Array<ArrayBuffer>>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let done = false;
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
      if (done) return null;
      // A read that outlives the wait is kept for the next call, so no chunk is lost.
      reading ??= reader.read().catch(() => ({ done: true, value: undefined }) as const);
      const left = deadline - Date.now();
      const chunk = left > 0 ? await Promise.race([reading, new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]) : null;
      if (!chunk) return null;
      reading = null;
      if (chunk.done) {
        done = true;
        continue;
      }
      buffered += chunk.value;
    }
  }
  return { next, ended: () => done };
}
