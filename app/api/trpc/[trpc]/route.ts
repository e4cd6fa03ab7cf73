import { handleTrpcRequest } from "~/server/api/http-handler";
import { changesPublicPages, proceduresOf, revalidatePublicPages } from "~/server/api/public-pages";
import { getActor } from "~/server/auth/session";

function handler(req: Request) {
  return handleTrpcRequest(req, getActor);
}

/** Mutations come by POST; one that may change what residents read refreshes the cached public pages. */
async function post(req: Request) {
  const res = await handler(req);
  if (res.status < 500 && changesPublicPages(proceduresOf(req.url))) revalidatePublicPages();
  return res;
}

export { handler as GET, post as POST };
