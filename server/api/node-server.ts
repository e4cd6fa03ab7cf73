import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gzipSync } from "node:zlib";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { SECURITY_HEADERS, STATIC_PAGE_CSP } from "~/lib/security-headers";
import { handleBrowserTrpcRequest, trpcCallOf, type TrpcCall } from "./http-handler";

/**
 * `/api/trpc/*` served in the process that `scripts/serve-next.cjs` starts, before Next
 * sees the request (issue 14): Next's routing, its route-handler wrapping and its header
 * rules cost ~6 ms of CPU per call, three times what a cast itself costs. The request goes
 * through tRPC's Node adapter (IncomingMessage → Request) into the very handler Next's route
 * uses (handleBrowserTrpcRequest: session, client address, same-origin check, body limits,
 * error mapping and logging), and the answer is written back with the headers Next would
 * have added (next.config.js).
 *
 * Bundled by scripts/trpc-bundle.cjs into the build folder; in tests, imported as it is.
 */

const RESPONSE_HEADERS: [string, string][] = [
  ...SECURITY_HEADERS.map(({ key, value }): [string, string] => [key, value]),
  ["Content-Security-Policy", STATIC_PAGE_CSP],
];

const GZIP_FROM_BYTES = 1024;

/**
 * At most this many calls are worked on at once; the others wait, in order of arrival, as
 * the bare requests they are. A storm of 1,300 ballots otherwise turns 1,300 requests into
 * Fetch objects, contexts and queued queries at once, while the database pool takes them
 * twenty at a time: more memory (the storm's peak) and more garbage, not more ballots.
 * Live streams, open for hours, neither wait nor count.
 */
export const MAX_IN_FLIGHT = 64;
let inFlight = 0;
const waiting: (() => void)[] = [];

/** How many calls are being worked on now (live streams not counted). */
export function callsInFlight(): number {
  return inFlight;
}

async function takeTurn(): Promise<void> {
  if (inFlight < MAX_IN_FLIGHT) {
    inFlight++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function endTurn(): void {
  const next = waiting.shift();
  if (next)
    next(); // the turn passes on: inFlight stays as it is
  else inFlight--;
}

/** /api/trpc and what is below it (not /api/trpcx). */
const ENDPOINT = /^\/api\/trpc(?:\/|\?|$)/;

/** Whether this server answers the request rather than Next: every tRPC call. */
export function servesHere(url: string | undefined): boolean {
  return url !== undefined && ENDPOINT.test(url);
}

export async function serveTrpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A body refused unread (its declared length is over the limit) is then discarded as it
  // arrives, not buffered: the adapter's stream would keep every byte until the request ends.
  res.once("finish", () => {
    if (req.complete) return;
    req.removeAllListeners("data");
    req.resume();
  });
  let call: TrpcCall;
  try {
    call = await trpcCallOf(new URL(req.url ?? "/", "http://localhost").href, req.headers.cookie);
  } catch (e) {
    return failed(req, res, e);
  }
  if (call.stream) return answerCall(req, res, call);
  await takeTurn();
  try {
    await answerCall(req, res, call);
  } finally {
    endTurn();
  }
}

async function answerCall(req: IncomingMessage, res: ServerResponse, call: TrpcCall): Promise<void> {
  try {
    // The adapter's body stream stops at the call's limit (and leaves the connection up for the 413).
    const request = incomingMessageToRequest(req, res, { maxBodySize: call.bodyLimit });
    const response = await handleBrowserTrpcRequest(request, call);
    res.statusCode = response.status;
    for (const [key, value] of RESPONSE_HEADERS) res.setHeader(key, value);
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (!response.body) return void res.end();
    if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
      // A subscription: each event is written as it comes; a phone that goes away ends the
      // stream (the request's signal aborts the generator, the pipeline cancels the body).
      res.flushHeaders();
      await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res).catch(() => undefined);
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    // As `next start` does (compression's 1 KiB threshold): a session's projects are kilobytes
    // on a phone's bad connection; a ballot's answer is too small to be worth it.
    if (body.length < GZIP_FROM_BYTES || !/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) return void res.end(body);
    res.setHeader("content-encoding", "gzip");
    res.appendHeader("vary", "accept-encoding");
    res.end(gzipSync(body));
  } catch (e) {
    failed(req, res, e);
  }
}

/** handleBrowserTrpcRequest answers every refusal itself; this is a failure of the plumbing. */
function failed(req: IncomingMessage, res: ServerResponse, e: unknown): void {
  const cause = e as { name?: string; code?: string };
  console.error(`tRPC ${req.url?.split("?")[0] ?? "?"} failed: ${cause?.name ?? "Error"}${cause?.code ? ` ${cause.code}` : ""}`);
  if (!res.headersSent) {
    res.statusCode = 500;
    res.setHeader("content-type", "application/json");
  }
  res.end();
}
