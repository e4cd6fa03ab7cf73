import "server-only";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientKeyFrom } from "../auth/options";
import { AppError } from "../errors";
import { trpcBodyLimit, withinLimit } from "../http/body-limit";
import { isSameOrigin } from "../http/same-origin";
import { proceduresOf } from "./public-pages";
import { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * The HTTP face of the app router: the route handler passes a context built from the
 * session cookie (and whether it names a staff account, which may send files); tests pass
 * one for a fixed actor and check the very responses a browser would get.
 */
/** The same call without its body, for the refusal: what tRPC checks before the context (method, content type) stays. */
function unreadBody(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(req.url, { method: req.method, headers });
}

export async function handleTrpcRequest(req: Request, contextFor: (client: string) => Context, staff = false): Promise<Response> {
  // Batching is off, so the path names the one procedure, and with it the body's limit.
  const limited = await withinLimit(req, trpcBodyLimit(proceduresOf(req.url)[0] ?? "", staff));
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
      return contextFor(clientKeyFrom(req.headers));
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
