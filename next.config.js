import { SECURITY_HEADERS, STATIC_PAGE_CSP } from "./lib/security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // A separate build folder lets a benchmark or a second checkout build without
  // clobbering the one `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    // Every response gets the static policy; pages rendered per request get a stricter,
    // nonce-based one from proxy.ts instead (see lib/security-headers.js for why two).
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS, { key: "Content-Security-Policy", value: STATIC_PAGE_CSP }] }];
  },
};

export default nextConfig;
