import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicPageCache, GLOBAL_KEY, keyOf } from "~/scripts/public-page-cache.cjs";
import { PUBLIC_PAGES_CHANNEL, refreshPublicPages } from "~/server/api/public-pages";
import { PUBLIC_PAGES_CHANNEL as CACHE_CHANNEL } from "~/scripts/public-page-cache.cjs";
import { db } from "./fixtures";

type Cache = ReturnType<typeof createPublicPageCache>;

/**
 * Two serving processes (workers or app servers) with their own cache in front of a page
 * renderer standing in for Next: it counts its renders and shows the current "version" of
 * the data, in the language the address or cookie picks.
 */
let version = 1;
const renders: string[] = [];
let gate: Promise<void> | null = null;

function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders.push(req.url ?? "");
  const lang = req.url?.startsWith("/en") || /(?:^|;\s*)locale=en(?:;|$)/.test(req.headers.cookie ?? "") ? "en" : "zh-CN";
  const shown = version;
  const finish = () => {
    if (req.url?.endsWith("/missing")) res.statusCode = 404;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.write(`<p lang="${lang}">`);
    res.end(`version ${shown}</p>`);
  };
  if (gate) void gate.then(finish);
  else finish();
}

async function serverWith(cache: Cache) {
  const server = http.createServer((req, res) => {
    if (!cache.serve(req, res)) render(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return {
    body: await res.text(),
    cache: res.headers.get("x-minsheng-cache"),
    cacheControl: res.headers.get("cache-control"),
    status: res.status,
  };
}

async function until(check: () => Promise<boolean>, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

const caches: Cache[] = [];
const servers: { server: http.Server; url: string }[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const cache = createPublicPageCache({ databaseUrl: process.env.DATABASE_URL, log: () => undefined });
    caches.push(cache);
    servers.push(await serverWith(cache));
  }
  expect(await until(async () => caches.every((c) => c.listening))).toBe(true);
});

afterAll(async () => {
  for (const { server } of servers) await new Promise((resolve) => server.close(resolve));
  for (const cache of caches) await cache.close();
});

describe("the cached public pages in front of Next", () => {
  it("the app and the cache name the same channel", () => {
    expect(CACHE_CHANNEL).toBe(PUBLIC_PAGES_CHANNEL);
  });

  it("keeps the home page, the overview and each project page, per language, and nothing else", () => {
    const key = (url: string, headers: Record<string, string> = {}, method = "GET") =>
      keyOf({ method, url, headers } as unknown as http.IncomingMessage);
    expect(key("/")).toBe("zh-CN / ");
    expect(key("/projects", { cookie: "a=1; locale=en", "accept-encoding": "gzip" })).toBe("en /projects gzip");
    expect(key("/projects", { cookie: "locale=english" })).toBe("zh-CN /projects ");
    expect(key("/en/projects/abc", { cookie: "locale=zh-CN" })).toBe("en /en/projects/abc ");
    expect(key("/zh-CN")).toBe("zh-CN /zh-CN ");
    for (const url of [
      "/projects?status=DONE",
      "/projects/",
      "/projects/abc/feedback",
      "/projects/filtered",
      "/delegate",
      "/en/",
      "/api/trpc/x",
    ]) {
      expect(key(url), url).toBeNull();
    }
    expect(key("/projects", {}, "POST")).toBeNull();
    expect(key("/projects", { rsc: "1" })).toBeNull();
    expect(key("/projects", { "next-router-prefetch": "1" })).toBeNull();
  });

  it("renders once per address and language, then answers from memory; a refused or personal request goes through", async () => {
    const { url } = servers[0]!;
    renders.length = 0;
    const first = await get(`${url}/projects/p1`);
    expect(first).toMatchObject({ cache: "miss", status: 200, cacheControl: "public, max-age=0, s-maxage=300" });
    const again = await get(`${url}/projects/p1`);
    expect(again).toMatchObject({ cache: "hit", body: first.body, cacheControl: "public, max-age=0, s-maxage=300" });
    expect(again.body).toContain('lang="zh-CN"');
    const english = await get(`${url}/projects/p1`, { cookie: "locale=en" });
    expect(english.body).toContain('lang="en"');
    expect((await get(`${url}/projects/p1`, { cookie: "locale=en" })).cache).toBe("hit");
    expect(renders).toEqual(["/projects/p1", "/projects/p1"]);

    await get(`${url}/projects/missing`);
    expect((await get(`${url}/projects/missing`)).status).toBe(404);
    await get(`${url}/projects?status=DONE`);
    await get(`${url}/projects?status=DONE`);
    expect(renders.filter((r) => r !== "/projects/p1")).toEqual([
      "/projects/missing",
      "/projects/missing",
      "/projects?status=DONE",
      "/projects?status=DONE",
    ]);
  });

  it("a change refreshes every serving process at once (NOTIFY), not after five minutes", async () => {
    for (const { url } of servers) {
      await get(`${url}/projects`);
      expect((await get(`${url}/projects`)).body).toContain(`version ${version}`);
    }
    version++;
    // Still the old copy until the change is announced: the cache is what answers.
    expect((await get(`${servers[1]!.url}/projects`)).body).toContain(`version ${version - 1}`);
    await refreshPublicPages(db);
    for (const { url } of servers) {
      expect(await until(async () => (await get(`${url}/projects`)).body.includes(`version ${version}`)), url).toBe(true);
    }
  });

  it("the process that made the change empties its cache before answering, and its own NOTIFY does not empty it again", async () => {
    const [mine, other] = caches as [Cache, Cache];
    const [here, there] = [servers[0]!, servers[1]!];
    const global = globalThis as Record<symbol, unknown>;
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    listener.on("notification", (msg) => heard.push(msg.payload ?? ""));
    await listener.query(`LISTEN ${PUBLIC_PAGES_CHANNEL}`);
    global[GLOBAL_KEY] = mine; // as installPublicPageCache does in scripts/serve-next.cjs
    try {
      for (const url of [here.url, there.url]) await get(`${url}/en`);
      const change = refreshPublicPages(db);
      expect(mine.size, "emptied at once, before the NOTIFY is even sent").toBe(0);
      await change;
      expect(await until(async () => heard.length > 0)).toBe(true);
      expect(heard).toEqual([mine.id]);

      // Filled again before its own NOTIFY comes back (a busy page): that NOTIFY leaves it, another process's empties it.
      for (const url of [here.url, there.url]) await get(`${url}/en`);
      await db.$executeRaw`SELECT pg_notify(${PUBLIC_PAGES_CHANNEL}, ${mine.id})`;
      expect(await until(async () => heard.length > 1 && other.size === 0)).toBe(true);
      expect((await get(`${here.url}/en`)).cache).toBe("hit");
    } finally {
      delete global[GLOBAL_KEY];
      await listener.end();
    }
  });

  it("a page whose rendering began before a change is not kept after it", async () => {
    const { url } = servers[0]!;
    const cache = caches[0]!;
    cache.clear();
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const slow = get(`${url}/en/projects`);
    await until(async () => renders.at(-1) === "/en/projects");
    cache.clear(); // the change lands while the old data is being rendered
    gate = null;
    open();
    expect((await slow).cache).toBe("miss");
    expect((await get(`${url}/en/projects`)).cache).toBe("miss");
    expect((await get(`${url}/en/projects`)).cache).toBe("hit");
  });

  it("without a LISTEN connection nothing is cached: a missed change must not leave a stale page", async () => {
    const cache = createPublicPageCache({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none", log: () => undefined });
    const { server, url } = await serverWith(cache);
    try {
      renders.length = 0;
      expect((await get(`${url}/projects`)).cache).toBeNull();
      expect((await get(`${url}/projects`)).cache).toBeNull();
      expect(renders).toEqual(["/projects", "/projects"]);
      expect(cache.size).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await cache.close();
    }
  });
});
