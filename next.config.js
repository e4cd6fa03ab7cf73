import { SECURITY_HEADERS, STATIC_PAGE_CSP } from "./lib/security-headers.js";

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
      ...["category", "status", "town"].map((key) => ({
        source: "/projects",
        has: [...cookie, { type: "query", key }],
        destination: `/${locale}/projects/filtered`,
      })),
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
  // Loaded by Node from node_modules, not bundled: PDFKit reads its own data files next to its code.
  serverExternalPackages: ["pdfkit", "fontkit"],
  async rewrites() {
    return { beforeFiles: languageRewrites() };
  },
  async headers() {
    // Every response gets the static policy; pages rendered per request get a stricter,
    // nonce-based one from proxy.ts instead (see lib/security-headers.js for why two).
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS, { key: "Content-Security-Policy", value: STATIC_PAGE_CSP }] }];
  },
};

export default nextConfig;
