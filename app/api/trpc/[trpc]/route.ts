import { handleTrpcRequest } from "~/server/api/http-handler";
import { changesPublicPages, proceduresOf, refreshPublicPages } from "~/server/api/public-pages";
import { createRequestContext } from "~/server/api/trpc";
import { sessionRefOf } from "~/server/auth/session";
import { db } from "~/server/db";

/**
 * The cookie is decoded here; the account is checked by the procedure's rung (or, for
 * delegate.cast, by the ballot's own statement): one database round trip at most.
 */
function handler(req: Request) {
  const ref = sessionRefOf(req.headers.get("cookie"));
  return handleTrpcRequest(req, (client) => createRequestContext(ref, client), ref?.kind === "staff");
}

/**
 * Mutations come by POST; one that may change what residents read refreshes the cached
 * public pages. Only when it went through (200): a refused request must not let anyone
 * empty the cache.
 */
async function post(req: Request) {
  const res = await handler(req);
  if (res.ok && changesPublicPages(proceduresOf(req.url))) await refreshPublicPages(db);
  return res;
}

export { handler as GET, post as POST };
