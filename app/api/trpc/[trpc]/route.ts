import { handleTrpcRequest } from "~/server/api/http-handler";
import { getActor } from "~/server/auth/session";

function handler(req: Request) {
  return handleTrpcRequest(req, getActor);
}

export { handler as GET, handler as POST };
