import "server-only";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientKeyFrom } from "../auth/options";
import { AppError } from "../errors";
import { BODY_LIMITS, trpcBodyLimit, withinLimit } from "../http/body-limit";
import { isSameOrigin } from "../http/same-origin";
import { loadActor, type Actor, type ActorRef } from "../auth/actor";
import { sessionRefOf } from "../auth/session-ref";
import { db } from "../db";
import { changesPublicPages, proceduresOf, refreshPublicPages } from "./public-pages";
import { appRouter } from "./root";
import { createRequestContext } from "./trpc";

/** The same call without its body, for the refusal: what tRPC checks before the context (method, content type) stays. */
function unreadBody(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(req.url, { method: req.method, headers });
}

export interface TrpcCall {
  /** What the session cookie claims (signed and unexpired), not yet checked against the database. */
  ref: ActorRef | null;
  /** The account, when it was looked up already (an upload's limit): the procedure's rung reads it, not again. */
  account?: Promise<Actor | null>;
  /** How many bytes its body may have. */
  bodyLimit: number;
  /** The procedures its path names (batching is off: one). */
  procedures: string[];
  /** A live stream (a subscription): open for as long as the page is. */
  stream: boolean;
}

// At run time a flat record by dotted path ("delegate.live"), whatever its declared type.
const procedureTypes = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>;

/** What a call's address and cookie say before its body is read. */
export async function trpcCallOf(url: string, cookieHeader: string | null | undefined): Promise<TrpcCall> {
  const ref = sessionRefOf(cookieHeader);
  // Batching is off, so the path names the one procedure, and with it the body's limit.
  const procedures = proceduresOf(url);
  const procedure = procedures[0] ?? "";
  // An upload's larger limit is for a staff account signed in now, not for the cookie of a
  // sign-in that has ended (signed out, disabled): for uploads only, the account is looked
  // up before the body is read.
  const account = ref?.kind === "staff" && trpcBodyLimit(procedure, true) > BODY_LIMITS.trpc ? loadActor(db, ref) : undefined;
  const staff = (await account)?.kind === "staff";
  return {
    ref,
    account,
    bodyLimit: trpcBodyLimit(procedure, staff),
    procedures,
    stream: procedures.some((p) => procedureTypes[p]?._def.type === "subscription"),
  };
}

/**
 * The HTTP face of the app router, for a request as a browser sent it: the context holds
 * the session cookie's reference (decoded here; the account is checked by the procedure's
 * rung or, for delegate.cast, by the ballot's own statement: one database round trip at
 * most) and the client's address, and a staff session may send files. Served in
 * production by the Node server (server/api/node-server.ts, before Next sees the request)
 * and by Next's route handler (app/api/trpc, for `next dev`): both call this.
 */
export async function handleBrowserTrpcRequest(req: Request, known?: TrpcCall): Promise<Response> {
  const call = known ?? (await trpcCallOf(req.url, req.headers.get("cookie")));
  const res = await answer(req, call);
  // A mutation that may change what residents read refreshes the cached public pages — only
  // when it went through (200): a refused request must not let anyone empty the cache.
  if (req.method === "POST" && res.ok && changesPublicPages(call.procedures)) await refreshPublicPages(db);
  return res;
}

async function answer(req: Request, call: TrpcCall): Promise<Response> {
  const { ref, bodyLimit } = call;
  // A body stream that refused to go past the limit itself (the Node server's) is too large, too.
  const limited = await withinLimit(req, bodyLimit).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "PAYLOAD_TOO_LARGE") return null;
    throw e;
  });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    // Too large: the body is left unread and the context refuses, so the client gets tRPC's own 413 with the localized code.
    req: limited ?? unreadBody(req),
    router: appRouter,
    allowBatching: false,
    createContext: () => {
      if (!limited)
        throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: "PAYLOAD_TOO_LARGE", cause: new AppError("PAYLOAD_TOO_LARGE") });
      // Mutations are POSTs; one from another site's page is refused before any procedure runs.
      if (!isSameOrigin(req)) throw new TRPCError({ code: "FORBIDDEN", message: "CROSS_SITE", cause: new AppError("CROSS_SITE") });
      return createRequestContext(ref, clientKeyFrom(req.headers), call.account);
    },
    // Logs name the procedure and the kind of failure only — never input, never a
    // database message (which could quote a ballot's values): secret polls must leave
    // no log line that joins a delegate to a choice.
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        const cause = error.cause as { name?: string; code?: string } | undefined;
        console.error(`tRPC ${path ?? "?"} failed: ${cause?.name ?? "Error"}${cause?.code ? ` ${cause.code}` : ""}`);
      }
    },
  });
}
