import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { changesPublicPages, proceduresOf, revalidatePublicPages } from "~/server/api/public-pages";
import { appRouter } from "~/server/api/root";
import { createContextFor } from "~/server/api/trpc";
import { clientKeyFrom } from "~/server/auth/options";
import { getActor } from "~/server/auth/session";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createContextFor(await getActor(), clientKeyFrom(req.headers)),
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

/** Mutations come by POST; one that may change what residents read refreshes the cached public pages. */
async function post(req: Request) {
  const res = await handler(req);
  if (res.status < 500 && changesPublicPages(proceduresOf(req.url))) revalidatePublicPages();
  return res;
}

export { handler as GET, post as POST };
