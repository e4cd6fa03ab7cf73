import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/options";
import { BODY_LIMITS, tooLargeRefusal, withinLimit } from "~/server/http/body-limit";
import { crossSiteRefusal, isSameOrigin } from "~/server/http/same-origin";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * Sign-in and sign-out posts from another site's page are refused before next-auth sees
 * them (it checks its CSRF token too); a body larger than a few fields is refused unread.
 */
async function post(req: Request, ctx: RouteContext) {
  if (!isSameOrigin(req)) return crossSiteRefusal(req);
  const limited = await withinLimit(req, BODY_LIMITS.small);
  if (!limited) return tooLargeRefusal(req);
  return handler(new NextRequest(limited), ctx);
}

export { handler as GET, post as POST };
