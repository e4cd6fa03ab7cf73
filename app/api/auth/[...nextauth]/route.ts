import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/options";
import { crossSiteRefusal, isSameOrigin } from "~/server/http/same-origin";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** Sign-in and sign-out posts from another site's page are refused before next-auth sees them (it checks its CSRF token too). */
function post(req: Request, ctx: RouteContext) {
  if (!isSameOrigin(req)) return crossSiteRefusal(req);
  return handler(req, ctx);
}

export { handler as GET, post as POST };
