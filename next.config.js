/** Headers every response carries: no framing (clickjacking a ballot), no MIME sniffing, no referrer leaks of QR tokens. */
const securityHeaders = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * Every page lives under app/[lang]/: a visible URL is rewritten to /zh-CN/… or /en/…
 * from the language cookie (zh-CN by default), so addresses stay language-free while a
 * public page can be cached once per language. The overview with filters goes to its
 * per-request variant. API routes, Next's own files and the language switch are not pages.
 */
const NOT_PAGES = "(?:api|_next|__next|set-locale|favicon\\.ico|zh-CN|en)(?:/|$)";
function languageRewrites() {
  const byCookie = [
    ["en", [{ type: "cookie", key: "locale", value: "en" }]],
    ["zh-CN", []],
  ];
  return byCookie.flatMap(([locale, cookie]) => {
    const when = cookie.length ? { has: cookie } : {};
    return [
      ...["category", "status", "town"].map((key) => ({ source: "/projects", has: [...cookie, { type: "query", key }], destination: `/${locale}/projects/filtered` })),
      { source: "/", ...when, destination: `/${locale}` },
      { source: `/:path((?!${NOT_PAGES}).+)`, ...when, destination: `/${locale}/:path` },
    ];
  });
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // A separate build folder lets a benchmark or a second checkout build without
  // clobbering the one `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async rewrites() {
    return { beforeFiles: languageRewrites() };
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
