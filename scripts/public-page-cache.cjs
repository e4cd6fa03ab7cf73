// The cached public pages (issue 14 item 4), kept in front of Next in the process that
// serves them (scripts/serve-next.cjs): the home page, the project overview and each
// project page, one copy per address, language and Accept-Encoding. A hit is answered
// here from memory; inside `next start` even an ISR hit cost 2–4 ms of CPU (routing,
// rewrites, the proxy's matcher, the cache lookup, headers), which capped these pages at
// 282–507 req/s on the 2-core machine.
//
// Refreshed on change everywhere: a mutation residents can see sends a NOTIFY on
// PUBLIC_PAGES_CHANNEL (server/api/public-pages.ts) once it has committed, and every
// worker of every app server LISTENs and empties its cache, so the next visit renders
// afresh (the pages themselves render per request; the copy here is the only one). The
// process that made the change also empties its own at once, before it answers. An entry
// also lapses after TTL_MS, because 滞后 follows the calendar. Without a working LISTEN
// connection nothing is served from or stored in the cache: a missed NOTIFY must never
// leave a stale page in place.
"use strict";

const PUBLIC_PAGES_CHANNEL = "minsheng_public_pages";
const TTL_MS = 5 * 60_000;
const CACHE_CONTROL = "public, max-age=0, s-maxage=300";
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

// `/`, `/projects`, `/projects/<id>`, with or without a `/zh-CN` or `/en` prefix (the same
// addresses proxy.ts leaves out as cached), no query and no trailing slash: the filtered
// overview (a query) and the feedback answer render per reader.
const PAGE = /^(?:\/(zh-CN|en))?(\/projects(?:\/(?!filtered$)[^/]+)?)?$/;

/** The language next.config.js's rewrites pick: the address's prefix, else the `locale` cookie (exactly "en"), else zh-CN. */
function languageOf(prefix, cookieHeader) {
  if (prefix) return prefix;
  for (const part of String(cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === "locale") return part.slice(eq + 1).trim() === "en" ? "en" : "zh-CN";
  }
  return "zh-CN";
}

/** The cache key of a request for a cached public page, or null for anything else. */
function keyOf(req) {
  if (req.method !== "GET" || typeof req.url !== "string" || req.url.includes("?")) return null;
  const m = req.url === "/" ? [] : PAGE.exec(req.url);
  if (!m || (req.url !== "/" && !m[1] && !m[2])) return null;
  // Next's own navigations (RSC payloads, prefetches, server actions) are other responses for the same address.
  for (const name of Object.keys(req.headers)) if (name === "rsc" || name.startsWith("next-")) return null;
  return `${languageOf(m[1], req.headers.cookie)} ${req.url} ${req.headers["accept-encoding"] ?? ""}`;
}

/**
 * @param {{ databaseUrl?: string, ttlMs?: number, log?: (message: string) => void }} options
 */
function createPublicPageCache({ databaseUrl, ttlMs = TTL_MS, log = (m) => console.error(m) } = {}) {
  /** @type {Map<string, { headers: Record<string, unknown>, body: Buffer, expires: number }>} */
  const entries = new Map();
  let bytes = 0;
  // Bumped by every clear: a page whose rendering began before a change is not stored after it.
  let generation = 0;
  let listening = false;
  let closed = false;
  let client = null;
  // Sent with this process's own NOTIFY (server/api/public-pages.ts): it emptied its cache before answering, and
  // its own NOTIFY, arriving later, would empty it again while a busy page fills it.
  const id = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  function clear() {
    generation++;
    entries.clear();
    bytes = 0;
  }

  function store(key, entry) {
    const old = entries.get(key);
    if (old) bytes -= old.body.length;
    entries.delete(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    // Oldest first (Map keeps insertion order): a bound on memory, whatever addresses are asked for.
    for (const [k, e] of entries) {
      if (bytes <= MAX_BYTES) break;
      entries.delete(k);
      bytes -= e.body.length;
    }
  }

  async function connect() {
    if (closed || !databaseUrl) return;
    const pg = require("pg");
    const c = new pg.Client({ connectionString: databaseUrl });
    const lost = () => {
      if (client !== c) return;
      client = null;
      listening = false;
      clear();
      c.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect(), 1000).unref();
    };
    c.on("notification", (msg) => msg.payload !== id && clear());
    c.on("error", lost);
    c.on("end", lost);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${PUBLIC_PAGES_CHANNEL}`);
      if (client === c) {
        clear();
        listening = true;
      }
    } catch (error) {
      log(`[public pages] no LISTEN connection (${error instanceof Error ? error.message : error}); pages served uncached, retrying`);
      lost();
    }
  }

  /** Answers a hit and returns true; on a miss, records what Next sends (if it may be kept) and returns false. */
  function serve(req, res) {
    if (!listening) return false;
    const key = keyOf(req);
    if (key === null) return false;
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      res.writeHead(200, { ...hit.headers, "content-length": hit.body.length, "x-minsheng-cache": "hit" });
      res.end(hit.body);
      return true;
    }
    if (hit) {
      entries.delete(key);
      bytes -= hit.body.length;
    }
    record(key, res);
    return false;
  }

  function record(key, res) {
    const started = generation;
    const chunks = [];
    let size = 0;
    const collect = (chunk, encoding) => {
      if (chunk == null || typeof chunk === "function" || size > MAX_ENTRY_BYTES) return;
      const buf = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      chunks.push(buf);
      size += buf.length;
    };
    // Wrapped before Next's compression wraps them in turn: what arrives here is what goes on the wire.
    const { write, end, setHeader } = res;
    res.write = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, cb);
    };
    res.end = function (chunk, encoding, cb) {
      collect(chunk, encoding);
      return end.call(this, chunk, encoding, cb);
    };
    // The page renders per request (Next would say no-store); what a shared cache in front may do is decided here.
    res.setHeader = function (name, value) {
      return setHeader.call(this, name, String(name).toLowerCase() === "cache-control" ? CACHE_CONTROL : value);
    };
    res.setHeader("cache-control", CACHE_CONTROL);
    res.setHeader("x-minsheng-cache", "miss");
    res.once("finish", () => {
      if (generation !== started || !listening || res.statusCode !== 200 || size > MAX_ENTRY_BYTES) return;
      const headers = res.getHeaders();
      if (headers["set-cookie"] || !String(headers["content-type"] ?? "").startsWith("text/html")) return;
      for (const name of ["content-length", "transfer-encoding", "connection", "keep-alive", "date", "x-minsheng-cache"])
        delete headers[name];
      headers["cache-control"] = CACHE_CONTROL;
      store(key, { headers, body: Buffer.concat(chunks, size), expires: Date.now() + ttlMs });
    });
  }

  void connect();
  return {
    id,
    serve,
    clear,
    get listening() {
      return listening;
    },
    get size() {
      return entries.size;
    },
    async close() {
      closed = true;
      listening = false;
      clear();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

// The app's own code (server/api/public-pages.ts, bundled by Next) runs in the same
// process: it finds this process's cache here to empty it before answering a change.
const GLOBAL_KEY = Symbol.for("minsheng.publicPageCache");

/** The cache of this serving process, reachable from the app's code. */
function installPublicPageCache(options) {
  const cache = createPublicPageCache(options);
  globalThis[GLOBAL_KEY] = cache;
  return cache;
}

module.exports = { PUBLIC_PAGES_CHANNEL, GLOBAL_KEY, keyOf, createPublicPageCache, installPublicPageCache };
