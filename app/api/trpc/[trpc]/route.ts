import { handleBrowserTrpcRequest } from "~/server/api/http-handler";

/**
 * In production no call reaches this route: scripts/serve-next.cjs hands every one to the
 * Node server (server/api/node-server.ts) first. `next dev` sends them here. Both run the
 * same handler, public-page refresh included.
 */
// Next passes the route's params second; the handler reads the call from the request alone.
const handle = (req: Request) => handleBrowserTrpcRequest(req);

export { handle as GET, handle as POST };
