/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // A separate build folder lets a benchmark or a second checkout build without
  // clobbering the one `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
