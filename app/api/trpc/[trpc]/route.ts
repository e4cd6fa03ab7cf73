import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
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
    onError({ error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error("tRPC internal error:", error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
