// Plain JavaScript so next.config.js can import it as well as proxy.ts and the tests.

/** The directives every page shares: nothing from other origins, no framing (clickjacking a ballot), no plugins, forms post only here. */
const COMMON_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  // React and Tailwind set style attributes; styles cannot run code, so inline styles stay allowed.
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * For pages built once and served from the cache to everyone (the public home page and
 * project pages, kept by scripts/public-page-cache.cjs): the same HTML goes to every visitor, so it cannot carry a
 * per-request nonce, and Next inlines its hydration data as <script> tags. 'unsafe-inline'
 * is the only way those pages keep working; they show no user-controlled HTML, and the
 * rest of the policy (self only, no framing, no plugins) still holds.
 */
export const STATIC_PAGE_CSP = ["script-src 'self' 'unsafe-inline'", ...COMMON_DIRECTIVES].join("; ");

/**
 * For pages rendered per request (sign-in, delegate, secretariat, clerk, department…):
 * only scripts carrying this request's nonce run, and what they load ('strict-dynamic').
 * `next dev` needs eval for its React debugging; a production build never does.
 * @param {string} nonce
 * @param {{ dev?: boolean }} [options]
 */
export function noncePageCsp(nonce, { dev = false } = {}) {
  return [`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`, ...COMMON_DIRECTIVES].join("; ");
}

/** Headers on every response, pages and API alike (the CSP comes on top, per kind of page). */
export const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // No referrer leaks of QR-token URLs (/t/<token>) to other sites.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
