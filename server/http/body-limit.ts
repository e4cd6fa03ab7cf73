import "server-only";
import { plainRefusal } from "./same-origin";

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * How many bytes a request body may have, by what it is for. Nothing in the app needs more
 * than these, and every body is read through `withinLimit` below, so an anonymous flood of
 * large posts costs the server at most this much memory per request in flight.
 */
export const BODY_LIMITS = {
  /** A tRPC call: a ballot, a form, a slate; batching is off, so one call per request. */
  trpc: 1 * MiB,
  /** next-auth's sign-in and sign-out posts, the language switch: a few short fields. */
  small: 16 * KiB,
} as const;

/**
 * The calls that carry a file, and what their schemas allow (lib/schemas): a progress
 * update with up to four photos of 11.2 M base64 characters, a roster of 7 M. Only a signed-in
 * staff account gets these (the cookie is checked before the body is read); everyone else
 * gets BODY_LIMITS.trpc, so a flood from outside cannot ask for them.
 */
const STAFF_UPLOADS: Record<string, number> = {
  "projects.postUpdate": 46 * MiB,
  "roster.preview": 8 * MiB,
  "roster.import": 8 * MiB,
};

export function trpcBodyLimit(procedure: string, staff: boolean): number {
  return (staff && STAFF_UPLOADS[procedure]) || BODY_LIMITS.trpc;
}

/**
 * The request with its body read, or null when the body is larger than `maxBytes`. A
 * Content-Length over the limit is refused before a byte is read; a body without one
 * (chunked) is read only until it passes the limit, then the stream is cancelled. Callers
 * read the returned request as usual (formData, json): its body is the bytes read here.
 */
export async function withinLimit(req: Request, maxBytes: number): Promise<Request | null> {
  const declared = req.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= maxBytes)) return null;
  if (!req.body) return req;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new Request(req, { body: Buffer.concat(chunks) });
}

/** 413 with one sentence in the visitor's language saying what to do instead. */
export function tooLargeRefusal(req: Request): Response {
  return plainRefusal(req, 413, "PAYLOAD_TOO_LARGE");
}
