import "server-only";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientKeyFrom } from "../auth/options";
import { AppError } from "../errors";
import { isSameOrigin } from "../http/same-origin";
import { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * The HTTP face of the app router: the route handler passes a context built from the
 * session cookie; tests pass one for a fixed actor and check the very responses a browser
 * would get.
 */
export function handleTrpcRequest(req: Request, contextFor: (client: string) => Context): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => {
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
