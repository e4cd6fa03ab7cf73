import { revalidatePath } from "next/cache";
import { handleBrowserTrpcRequest } from "~/server/api/http-handler";
import { changesPublicPages, proceduresOf } from "~/server/api/public-pages";

/**
 * In production most calls never reach this route: scripts/serve-next.cjs hands them to the
 * Node server (server/api/node-server.ts) first, leaving Next only the mutations that
 * refresh its page cache. `next dev` sends everything here. Both run the same handler.
 *
 * Mutations come by POST; one that may change what residents read refreshes the cached
 * public pages: every one (all languages) is re-rendered on its next visit; pages that
 * render per request are unaffected. Only when it went through (200): a refused request
 * must not let anyone empty the cache.
 */
async function post(req: Request) {
  const res = await handleBrowserTrpcRequest(req);
  if (res.ok && changesPublicPages(proceduresOf(req.url))) revalidatePath("/[lang]", "layout");
  return res;
}

// Next passes the route's params second; the handler reads the call from the request alone.
const get = (req: Request) => handleBrowserTrpcRequest(req);

export { get as GET, post as POST };
