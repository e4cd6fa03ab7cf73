import "server-only";
import { asLocale, LOCALE_COOKIE } from "~/lib/i18n/config";
import { CATALOGS } from "~/lib/i18n/messages";

/** Methods that change nothing; everything else must come from our own pages. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The hosts a request may come from: the one it was sent to (as a proxy reports it) and NEXTAUTH_URL's. */
function allowedHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || req.headers.get("host") || new URL(req.url).host;
  if (host) hosts.add(host.toLowerCase());
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      hosts.add(new URL(configured).host.toLowerCase());
    } catch {
      // A malformed NEXTAUTH_URL is env.ts's to report; here it only allows nothing more.
    }
  }
  return hosts;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * CSRF defence for every state-changing request (tRPC mutations, form posts, sign-in):
 * a browser names the page that sent a request in `Origin`; when it does not (older
 * browsers on same-origin POSTs), `Sec-Fetch-Site`, then `Referer`, tell the same.
 * Hosts are compared, not schemes, as Next's own server-action check does: behind a TLS
 * proxy the app sees http while the browser says https. A request with none of the three
 * headers is not from a browser page (curl, scripts, tests) and cannot carry a victim's
 * cookies by accident, so it passes. SameSite=Lax session cookies are the second layer.
 */
export function isSameOrigin(req: Request): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return true;
  const hosts = allowedHosts(req);
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  // An opaque origin: a sandboxed frame or a data: URL — or our own page under
  // `Referrer-Policy: no-referrer` (the QR sign-in page, which keeps its token out of
  // Referer), whose form posts say `Origin: null`. Only the browser's own Sec-Fetch-Site
  // tells them apart.
  if (origin === "null") return site === "same-origin";
  if (origin !== null) {
    const host = hostOf(origin);
    return host !== null && hosts.has(host);
  }
  if (site !== null) return site === "same-origin" || site === "none";
  const referer = req.headers.get("referer");
  if (referer !== null) {
    const host = hostOf(referer);
    return host !== null && hosts.has(host);
  }
  return true;
}

function localeOf(req: Request) {
  const cookie = req.headers.get("cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`));
  return asLocale(match?.[1]);
}

/** The refusal for a cross-site request that is not a tRPC call: a short sentence in the visitor's language. */
export function crossSiteRefusal(req: Request): Response {
  return new Response(CATALOGS[localeOf(req)].errors.CROSS_SITE, {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
