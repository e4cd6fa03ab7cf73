import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { noncePageCsp } from "~/lib/security-headers";

/** Pages a signed-out visitor is sent to sign-in from (roles are decided again on the server for every page and procedure). */
const GATED = /^\/(?:(?:zh-CN|en)\/)?(delegate|secretariat|clerk|department)(\/|$)/;
/** next-auth's gate: a redirect to sign-in without a session, nothing with one. */
const signInGate = withAuth({ pages: { signIn: "/sign-in" } });

/**
 * Runs before every page rendered per request:
 * - a first gate: signed-out visitors to delegate, secretariat, clerk and department pages go to sign-in;
 * - a fresh nonce and a CSP that lets only scripts carrying it run. Next reads the policy
 *   from the request header and puts the nonce on its own scripts.
 * (withAuth's own wrapper is not used for the second part: it skips the sign-in page.)
 */
export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  if (GATED.test(req.nextUrl.pathname)) {
    const redirect = await signInGate(req as NextRequestWithAuth, event);
    if (redirect) return redirect;
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = noncePageCsp(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

// Not here (they keep next.config.js's static policy): API routes, static files, uploaded
// files, and the cached public pages only — `/`, `/projects`, `/projects/<id>`, with or
// without a `/zh-CN` or `/en` prefix. A cached page is the same for every visitor, so it
// cannot carry a per-request nonce. The proxy sees the address as sent, before the language
// rewrites; every other page, prefixed or not, gets the nonce policy and the sign-in gate.
export const config = {
  matcher: ["/((?!api/|_next/|files/|favicon\\.ico$|(?:(?:zh-CN|en)/?)?$|(?:(?:zh-CN|en)/)?projects(?:/[^/]+)?/?$).*)"],
};
