// How the built app is served, by `npm start` (scripts/start.ts) and by the benchmark
// (tests/bench/app-server.ts) alike:
//
//   node scripts/serve-next.cjs start -p 3000 -H 0.0.0.0     (arguments as for `next start`)
//
// - LISTEN_BACKLOG (default 4096, the kernel caps it at net.core.somaxconn): `next start`
//   listens with Node's default backlog of 511 and has no flag for it. When a whole hall
//   submits at once, 1,300 simultaneous connects overflowed that queue, and each overflow
//   costs the phone a SYN retransmission (≥ 1 s).
// - WEB_CONCURRENCY (default 1): that many `next start` workers sharing the one port
//   (node:cluster). One is the default because on the 2-core machine that also runs
//   PostgreSQL a second worker bought no throughput and cost more CPU per request (issue 14,
//   measured side by side: a refused cast 0.76 vs 0.93 ms, a session read 3.4 vs 3.6 ms)
//   plus a second copy of the app in memory; on a host with spare cores, try more.
//   Sessions, rate limits, idempotency and live events all live in PostgreSQL, so
//   workers need not agree on any of it in memory; only the
//   cached public pages are per worker, each refreshed on change by a NOTIFY
//   (scripts/public-page-cache.cjs). Each has its own database pool of DATABASE_POOL_SIZE
//   and one LISTEN connection for those pages.
// - Memory: MEMORY_ENV below must be in the environment *when the process starts* (glibc
//   reads it then), so the callers put it there (start.ts, tests/bench/app-server.ts);
//   workers inherit it. Sign-in runs scrypt (16 MiB per hash) on libuv's threads: glibc
//   kept those buffers in per-thread arenas, and after its first free of a 16 MiB mmap it
//   raises its mmap threshold so later ones come from (and stay in) the heap. A fixed
//   threshold of 1 MiB returns them to the kernel at once; two arenas bound the rest.
//   Measured: 200 scrypt hashes, 16 at a time: RSS afterwards 107 MB → 43 MB.
"use strict";
const MEMORY_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "1048576" };
if (require.main !== module) {
  module.exports = { MEMORY_ENV };
  return;
}
const cluster = require("node:cluster");
const net = require("node:net");
const path = require("node:path");

const nextBin = path.join(path.dirname(require.resolve("next/package.json")), "dist/bin/next");
const workers = Math.max(1, Math.min(16, Number(process.env.WEB_CONCURRENCY) || 1));
const backlog = Number(process.env.LISTEN_BACKLOG ?? 4096);

if (Number.isInteger(backlog) && backlog > 0) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenWithBacklog(...args) {
    // next start calls listen(port, hostname[, callback]); the backlog is the third positional argument.
    if ((typeof args[0] === "number" || typeof args[0] === "string") && typeof args[1] === "string" && typeof args[2] !== "number") {
      const callback = typeof args[2] === "function" ? args[2] : undefined;
      return listen.call(this, args[0], args[1], backlog, callback);
    }
    return listen.apply(this, args);
  };
}

// The address the connection came from, for sign-in throttling (clientKeyFrom in
// server/auth/options.ts): stamped on every request before Next sees it, replacing any such
// header the client sent, since a route handler has no other way to learn it. Only what
// this header names may vouch for X-Forwarded-For (TRUSTED_PROXIES).
const PEER_HEADER = "x-minsheng-peer";
// A cached public page is answered before Next sees the request (scripts/public-page-cache.cjs).
const http = require("node:http");
const { installPublicPageCache } = require("./public-page-cache.cjs");
let publicPages = null;
const emit = http.Server.prototype.emit;
/** The tRPC server (server/api/node-server.ts, bundled by scripts/trpc-bundle.cjs), once loaded. */
let trpc = null;
http.Server.prototype.emit = function emitWithPeer(event, req, ...rest) {
  if (event === "request" && req?.headers) {
    req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    if (publicPages?.serve(req, rest[0])) return true;
    // tRPC calls are answered here, without Next's routing (issue 14); Next keeps pages,
    // next-auth and the downloads.
    if (trpc?.servesHere(req.url)) {
      void trpc.serveTrpc(req, rest[0]);
      return true;
    }
  }
  return emit.call(this, event, req, ...rest);
};

// Whoever started this (npm start's scripts/start.ts, the bench, the cluster's primary) is
// gone when the parent changes — e.g. killed outright: stop as on SIGTERM rather than
// serve on, orphaned.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.kill(process.pid, "SIGTERM"), 1000).unref();

const { ensureBundle } = require("./trpc-bundle.cjs");

// Loaded before Next starts listening, so no call ever reaches Next's copy of the router.
// This process then holds two copies of the server modules (Next's chunks, this bundle):
// they share one database pool and one LISTEN connection (server/db.ts and
// server/services/realtime.ts keep them on globalThis); each checks the environment once.
async function runNext() {
  trpc = await import(require("node:url").pathToFileURL(await ensureBundle()).href);
  publicPages = installPublicPageCache({ databaseUrl: process.env.DATABASE_URL });
  process.argv = [process.argv[0], nextBin, ...process.argv.slice(2)];
  require(nextBin);
}

function fail(error) {
  console.error(error);
  process.exit(1);
}

if (workers === 1 || !cluster.isPrimary) {
  runNext().catch(fail);
} else {
  // Bundled (if needed) once, before the workers load it.
  ensureBundle().then(startWorkers, fail);
}

function startWorkers() {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    // A worker that dies while serving is replaced; the others keep the port open meanwhile.
    console.error(`[serve] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = (signal) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    // `next start` exits 143 on SIGTERM: a normal stop, as for a single process.
    setTimeout(() => process.exit(signal === "SIGTERM" ? 143 : 0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(signal === "SIGTERM" ? 143 : 0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
