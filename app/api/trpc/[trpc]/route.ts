import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createRequestContext } from "~/server/api/trpc";
import { clientKeyFrom } from "~/server/auth/options";
import { sessionRefOf } from "~/server/auth/session";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // The cookie is decoded here; the account is checked by the procedure's rung (or, for
    // delegate.cast, by the ballot's own statement) — one database round trip at most.
    createContext: () => createRequestContext(sessionRefOf(req.headers.get("cookie")), clientKeyFrom(req.headers)),
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

export { handler as GET, handler as POST };
