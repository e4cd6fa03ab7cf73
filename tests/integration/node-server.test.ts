import { once } from "node:events";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECURITY_HEADERS, STATIC_PAGE_CSP } from "~/lib/security-headers";
import { callsInFlight, MAX_IN_FLIGHT, servesHere, serveTrpc } from "~/server/api/node-server";
import { createSessionFixture, db, type SessionFixture } from "./fixtures";
import { browserHeaders, cookieOf, ORIGIN, rawHttp } from "./http";

// The tRPC server that scripts/serve-next.cjs runs before Next (issue 14). The authorization
// matrix, fuzz, security and sealed-box suites call every procedure through it
// (tests/integration/http.ts); this file checks what it adds around the shared handler.

let base: string;
let f: SessionFixture;
const server = createServer((req, res) => void serveTrpc(req, res));
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  f = await createSessionFixture({ delegates: 2 });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const query = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  rawHttp(new URL(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, base), {
    method: "GET",
    headers: { host: new URL(ORIGIN).host, ...headers },
  });

describe("which requests the Node server answers before Next", () => {
  it("every tRPC query, subscription and mutation, also those that refresh the public pages (the handler does that itself)", () => {
    for (const url of [
      "/api/trpc/public.currentSession",
      "/api/trpc/public.liveTurnout?input=%7B%7D",
      "/api/trpc/delegate.cast",
      "/api/trpc/secretariat.publishPoll",
      "/api/trpc/projects.postUpdate",
    ])
      expect(servesHere(url), url).toBe(true);
  });

  it("nothing else: pages, next-auth, downloads, look-alike paths; a path that does not decode is still its to refuse", () => {
    for (const url of ["/", "/delegate", "/api/auth/session", "/api/exports/polls/x/results", "/api/trpcx", "/zh-CN/api/trpc/a", undefined])
      expect(servesHere(url), String(url)).toBe(false);
    expect(servesHere("/api/trpc/%E0%A4%A")).toBe(true);
  });
});

describe("the Node server's answers", () => {
  it("carry the headers next.config.js gives every response: no framing, nosniff, the static CSP", async () => {
    const res = await query("public.currentSession", undefined);
    expect(res.status).toBe(200);
    for (const { key, value } of SECURITY_HEADERS) expect(res.headers[key.toLowerCase()], key).toBe(value);
    expect(res.headers["content-security-policy"]).toBe(STATIC_PAGE_CSP);
    // A refusal too.
    const refused = await rawHttp(new URL("/api/trpc/delegate.cast", base), {
      method: "POST",
      headers: browserHeaders("http://evil.example"),
      body: JSON.stringify({ json: {} }),
    });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.json.data.appCode).toBe("CROSS_SITE");
    expect(refused.headers["x-frame-options"]).toBe("DENY");
  });

  it("are gzipped from 1 KiB for a client that accepts it, as next start does; small ones are not", async () => {
    const plain = await query("public.currentSession", undefined);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      const req = request(
        new URL("/api/trpc/public.currentSession", base),
        { headers: { host: new URL(ORIGIN).host, "accept-encoding": "gzip, br" } },
        (res) => {
          expect(res.headers["content-encoding"]).toBe("gzip");
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(Buffer.concat(chunks)));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(plain.text.length).toBeGreaterThan(1024);
    expect(gunzipSync(zipped).toString("utf8")).toBe(plain.text);
    const small = await query("public.currentSession", undefined, { "accept-encoding": "gzip" }).then(() =>
      rawHttp(new URL("/api/trpc/delegate.cast", base), {
        method: "POST",
        headers: { ...browserHeaders(), "accept-encoding": "gzip" },
        body: JSON.stringify({ json: {} }),
      }),
    );
    expect(small.status).toBe(401);
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("refuse a body over the limit with tRPC's 413, declared or chunked, and stay up for the next call", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, "a");
    const declared = await rawHttp(new URL("/api/trpc/projects.suggest", base), { method: "POST", headers: browserHeaders(), body: big });
    expect([declared.status, JSON.parse(declared.text).error.json.data.appCode]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(new URL("/api/trpc/projects.suggest", base), { method: "POST", headers: browserHeaders() }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      // The connection ends when the server stops reading; the answer has come by then.
      req.on("error", () => undefined);
      for (let i = 0; i < 32; i++) req.write(Buffer.alloc(64 * 1024, "b"));
      req.end();
      setTimeout(() => reject(new Error("no answer to a chunked body over the limit")), 10_000).unref();
    });
    expect([chunked.status, JSON.parse(chunked.text).error.json.data.appCode]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    expect((await query("public.currentSession", undefined)).status).toBe(200);
    // The photo upload's larger limit is a signed-in staff account's only: anonymous, 413 unread; staff, read and refused as bad input.
    const upload = (cookie?: string) =>
      rawHttp(new URL("/api/trpc/projects.postUpdate", base), {
        method: "POST",
        headers: { ...browserHeaders(), ...(cookie ? { cookie } : {}) },
        body: big,
      });
    expect((await upload()).status).toBe(413);
    const staff = await upload(await cookieOf(f.actors.dept));
    expect([staff.status, JSON.parse(staff.text).error.json.data.appCode]).toEqual([400, "BAD_INPUT"]);
    // A staff cookie whose sign-in has ended (here: the account's authVersion moved on) is not a signed-in account: 413 unread.
    const ended = { ref: { kind: "staff" as const, id: f.actors.dept.id, v: f.actors.dept.v + 1 } };
    expect((await upload(await cookieOf(ended))).status).toBe(413);
  });

  it("memory stays flat under a flood: 12 anonymous 20 MB posts at once (declared or chunked), each 413, grow RSS by less than one of them", async () => {
    const MB = 1024 * 1024;
    /**
     * A post of `megabytes` sent as an attacker would: all of it, whatever the server answers
     * meanwhile, only as fast as the server takes it (the test holds no more than a chunk).
     * Settles once the answer has come and the body is sent (or the server closed the connection).
     */
    const post = (declared: boolean, megabytes = 20) =>
      new Promise<number>((resolve, reject) => {
        const start = Buffer.from('{"json":{"title":"');
        const chunk = Buffer.alloc(64 * 1024, "a");
        const chunks = (megabytes * MB) / chunk.length;
        const headers: Record<string, string> = browserHeaders();
        if (declared) headers["content-length"] = String(start.length + chunks * chunk.length);
        let status: number | null = null;
        let sending = true;
        const settle = () => status !== null && !sending && resolve(status);
        const req = request(new URL("/api/trpc/projects.suggest", base), { method: "POST", headers }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => {
            expect(JSON.parse(text).error.json.data.appCode).toBe("PAYLOAD_TOO_LARGE");
            status = res.statusCode ?? 0;
            settle();
          });
        });
        // The server may close the connection once it has answered.
        req.on("error", (e) => {
          sending = false;
          if (status === null && !/ECONNRESET|EPIPE/.test(String(e))) reject(e);
          settle();
        });
        req.on("close", () => ((sending = false), settle()));
        let sent = 0;
        const pump = () => {
          while (sending && sent < chunks) {
            sent++;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (sending) req.end(() => ((sending = false), settle()));
        };
        req.write(start);
        pump();
      });
    // Warm, with the same flood of bodies just over the limit: modules loaded, pools made, and
    // whatever each refusal costs whatever the body's size (up to the 1 MiB limit read, buffers).
    await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 === 0, 2)));
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
    try {
      const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => post(i % 2 === 0)));
      expect(statuses).toEqual(Array(12).fill(413));
    } finally {
      clearInterval(sampler);
    }
    expect(Math.max(peak, process.memoryUsage.rss()) - before).toBeLessThan(20 * MB);
    expect((await query("public.currentSession", undefined)).status).toBe(200);
  });

  it("stream a subscription (SSE) as events come, and end it when the client goes away", async () => {
    const url = new URL(
      `/api/trpc/public.liveTurnout?input=${encodeURIComponent(JSON.stringify({ json: { sessionId: f.session.id } }))}`,
      base,
    );
    const first = await new Promise<string>((resolve, reject) => {
      const req = request(url, { headers: { host: new URL(ORIGIN).host, accept: "text/event-stream" } }, (res) => {
        expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
        expect(res.headers["x-frame-options"]).toBe("DENY");
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
          // The first value: the session's turnout as it is now.
          if (/"seated":2\b/.test(text)) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on("error", () => undefined);
      req.end();
      setTimeout(() => reject(new Error("no event")), 10_000).unref();
    });
    expect(first).toContain("event: connected");
    expect(first).toContain(`"sessionId":"${f.session.id}"`);
    // The server noticed: nothing left in flight on it.
    await expect.poll(() => new Promise((r) => server.getConnections((_e, n) => r(n))), { timeout: 5_000 }).toBe(0);
  });

  it("work on at most 64 calls at once, the rest answered in turn; live streams, open for hours, never wait for a turn", async () => {
    const stream = `/api/trpc/public.liveTurnout?input=${encodeURIComponent(JSON.stringify({ json: { sessionId: f.session.id } }))}`;
    // More streams than turns: each must still get its first value.
    const streams = await Promise.all(
      Array.from(
        { length: MAX_IN_FLIGHT + 6 },
        () =>
          new Promise<() => void>((resolve, reject) => {
            const req = request(new URL(stream, base), { headers: { host: new URL(ORIGIN).host, accept: "text/event-stream" } }, (res) => {
              res.on("data", (c: Buffer) => c.toString().includes('"seated"') && resolve(() => req.destroy()));
            });
            req.on("error", () => undefined);
            req.end();
            setTimeout(() => reject(new Error("a stream got no first value")), 20_000).unref();
          }),
      ),
    );
    try {
      // The table the calls read is locked, so they pile up as a storm's do behind the database.
      let answers: Awaited<ReturnType<typeof query>>[] = [];
      let most = 0;
      await db.$transaction(
        async (tx) => {
          await tx.$executeRaw`LOCK TABLE "CongressSession" IN ACCESS EXCLUSIVE MODE`;
          const calls = Promise.all(Array.from({ length: 3 * MAX_IN_FLIGHT }, () => query("public.currentSession", undefined)));
          void calls.then((a) => (answers = a));
          await expect.poll(callsInFlight, { timeout: 10_000 }).toBe(MAX_IN_FLIGHT);
          await new Promise((resolve) => setTimeout(resolve, 500));
          most = callsInFlight();
        },
        { timeout: 30_000 },
      );
      await expect.poll(() => answers.length, { timeout: 20_000 }).toBe(3 * MAX_IN_FLIGHT);
      expect(most, "the others waited for a turn").toBe(MAX_IN_FLIGHT);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(callsInFlight()).toBe(0);
    } finally {
      for (const close of streams) close();
    }
  }, 60_000);
});
