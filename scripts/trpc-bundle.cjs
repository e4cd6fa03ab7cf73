// The tRPC server that scripts/serve-next.cjs runs beside Next (server/api/node-server.ts),
// bundled into the build folder next to Next's own output:
//
//   node scripts/trpc-bundle.cjs            (after `next build`; `npm run build` runs both)
//
// The app's server code is TypeScript with `~/` paths and `import "server-only"`; the bundle
// is one ES module (the generated Prisma client reads import.meta.url) holding our code, with
// every package left to node_modules, so it shares @prisma/client, pg and @trpc/server with
// the Next build. It records the BUILD_ID of the `next build` it belongs to: serve-next.cjs
// rebuilds a bundle that is missing or belongs to another build (a plain `npx next build`),
// so the two halves of one server always come from the same source.
"use strict";
const { readFileSync, renameSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const FILE = "trpc-node.mjs";

function distDirOf(env = process.env) {
  return path.resolve(root, env.NEXT_DIST_DIR || ".next");
}

function buildIdOf(distDir) {
  return readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
}

/** The bundle's path when it belongs to the build in `distDir`, else null. */
function currentBundle(distDir) {
  const file = path.join(distDir, FILE);
  try {
    const head = readFileSync(file, "utf8").slice(0, 200);
    return head.startsWith(`// BUILD_ID ${buildIdOf(distDir)}\n`) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Next's modules (next/cache, next/headers…) must stay out: loaded before Next starts, they
 * take the place of the copies Next sets up for its own requests, and `next start` fails
 * ("AsyncLocalStorage accessed in runtime where it is not available"). Nothing the Node
 * server runs needs them; a module that imports one is named here, at build time.
 */
const withoutNext = {
  name: "without-next",
  setup(build) {
    build.onResolve({ filter: /^next(?:\/|$)/ }, (args) => ({
      errors: [{ text: `the tRPC server must not import ${args.path} (imported by ${path.relative(root, args.importer)})` }],
    }));
  },
};

async function bundle(distDir) {
  const esbuild = require("esbuild");
  const file = path.join(distDir, FILE);
  const partial = `${file}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [path.join(root, "server/api/node-server.ts")],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    // Next's `react-server` condition makes server-only empty; plain Node would throw.
    alias: { "server-only": path.join(root, "node_modules/server-only/empty.js") },
    plugins: [withoutNext],
    banner: { js: `// BUILD_ID ${buildIdOf(distDir)}` },
    sourcemap: "linked",
    logLevel: "warning",
  });
  renameSync(`${partial}.map`, `${file}.map`);
  // Written whole, then renamed: a server starting meanwhile never reads half a bundle.
  renameSync(partial, file);
  return file;
}

/** The bundle for the build in `distDir`, made now if it is missing or stale. */
async function ensureBundle(distDir = distDirOf()) {
  return currentBundle(distDir) ?? (await bundle(distDir));
}

module.exports = { ensureBundle, bundle, distDirOf };

if (require.main === module) {
  bundle(distDirOf()).then((file) => console.log(`tRPC server bundled: ${path.relative(root, file)}`));
}
