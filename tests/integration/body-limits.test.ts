import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as postFeedback } from "~/app/api/projects/[id]/feedback/route";
import { POST as postNextAuth } from "~/app/api/auth/[...nextauth]/route";
import { POST as postSignIn } from "~/app/api/sign-in/route";
import { POST as postSuggestion } from "~/app/api/suggestions/route";
import { GET, POST as postTrpc } from "~/app/api/trpc/[trpc]/route";
import { POST as setLocale } from "~/app/set-locale/route";
import { approvedSession, db } from "./fixtures";
import { browserHeaders, ORIGIN } from "./http";

const MB = 1024 * 1024;

/**
 * A body of `bytes` made as it is read, 64 KiB at a time, with no Content-Length (chunked):
 * the test itself never holds it, so the memory measured is what the server keeps.
 */
function streamedBody(bytes: number, start: string): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const next = sent === 0 ? new TextEncoder().encode(start) : chunk;
      controller.enqueue(next);
      sent += next.byteLength;
    },
  });
}

type Route = { url: string; call: (req: Request) => Promise<Response>; contentType: string; start: string };

/** Every route that takes a body (the test below fails for one missing here), and a body that starts as a real one would. */
function routes(projectId: string): Record<string, Route> {
  const form = "application/x-www-form-urlencoded";
  return {
    "app/api/trpc/[trpc]/route.ts": {
      url: "/api/trpc/projects.suggest",
      call: postTrpc,
      contentType: "application/json",
      start: '{"json":{"title":"',
    },
    "app/api/suggestions/route.ts": { url: "/api/suggestions", call: postSuggestion, contentType: form, start: "title=" },
    "app/api/projects/[id]/feedback/route.ts": {
      url: `/api/projects/${projectId}/feedback`,
      call: (req) => postFeedback(req, { params: Promise.resolve({ id: projectId }) }),
      contentType: form,
      start: "body=",
    },
    "app/api/auth/[...nextauth]/route.ts": {
      url: "/api/auth/callback/staff",
      call: (req) => postNextAuth(req, { params: Promise.resolve({ nextauth: ["callback", "staff"] }) }),
      contentType: form,
      start: "username=",
    },
    "app/api/sign-in/route.ts": { url: "/api/sign-in", call: postSignIn, contentType: form, start: "kind=staff&username=" },
    "app/set-locale/route.ts": { url: "/set-locale", call: setLocale, contentType: form, start: "locale=" },
  };
}

function hugeRequest(route: Route, bytes: number, { declared = false, locale = "zh-CN" } = {}) {
  const headers: Record<string, string> = {
    ...browserHeaders(),
    "content-type": route.contentType,
    cookie: `locale=${locale}`,
  };
  if (declared) headers["content-length"] = String(bytes);
  return new Request(new URL(route.url, ORIGIN), {
    method: "POST",
    headers,
    body: streamedBody(bytes, route.start),
    duplex: "half",
  } as RequestInit);
}

/** The highest resident set size seen while `run` runs, above what it was before. */
async function peakRssGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage.rss()) - before;
}

describe("request bodies are bounded on every route, before they are read whole", () => {
  it("every route that takes a body is covered here", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = (readdirSync(path.join(root, "app"), { recursive: true }) as string[])
      .filter((f) => f.endsWith("route.ts"))
      .map((f) => `app/${f}`)
      .filter((f) =>
        /export\s+(?:async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b|\bas (POST|PUT|PATCH|DELETE)\b/.test(
          readFileSync(path.join(root, f), "utf8"),
        ),
      );
    expect(files.sort()).toEqual(Object.keys(routes("x")).sort());
  });

  it("a 20 MB body, chunked or with its Content-Length, is answered 413 in the visitor's language on each route; nothing is stored", async () => {
    const f = await approvedSession();
    const before = [await db.suggestion.count(), await db.feedback.count()];
    for (const [file, route] of Object.entries(routes(f.candidates[0]!.id))) {
      for (const declared of [false, true]) {
        const res = await route.call(hugeRequest(route, 20 * MB, { declared }));
        expect(res.status, `${file} declared=${declared}`).toBe(413);
        const text = await res.text();
        if (file.includes("trpc")) expect(JSON.parse(text).error.json.data.appCode).toBe("PAYLOAD_TOO_LARGE");
        else expect(text, file).toContain("提交的内容太大");
      }
      const en = await route.call(hugeRequest(route, 2 * MB, { locale: "en" }));
      expect(en.status, file).toBe(413);
      if (!file.includes("trpc")) expect(await en.text(), file).toContain("too large");
    }
    expect([await db.suggestion.count(), await db.feedback.count()]).toEqual(before);
  });

  it("memory stays flat under a flood: 12 anonymous 20 MB posts at once grow the server's RSS by far less than one of them", async () => {
    const route = routes("x")["app/api/trpc/[trpc]/route.ts"]!;
    await route.call(hugeRequest(route, 2 * MB)); // warm: modules loaded, pools made
    const statuses: number[] = [];
    const growth = await peakRssGrowth(() =>
      Promise.all(Array.from({ length: 12 }, () => route.call(hugeRequest(route, 20 * MB)).then((r) => statuses.push(r.status)))),
    );
    expect(growth).toBeLessThan(20 * MB);
    expect(statuses).toEqual(Array(12).fill(413));
  });

  it("the file uploads' larger limit is for signed-in staff only: an anonymous 20 MB progress update is 413 before its body is read", async () => {
    const route = { ...routes("x")["app/api/trpc/[trpc]/route.ts"]!, url: "/api/trpc/projects.postUpdate" };
    expect((await route.call(hugeRequest(route, 20 * MB))).status).toBe(413);
  });

  it("batching is off: a batch of two calls is refused, the same call alone goes through", async () => {
    const get = (url: string) => GET(new Request(new URL(url, ORIGIN), { headers: { host: new URL(ORIGIN).host } }));
    const batch = await get("/api/trpc/public.currentSession,public.currentSession?batch=1&input=%7B%7D");
    expect(batch.status).toBe(400);
    expect((await get("/api/trpc/public.currentSession")).status).toBe(200);
  });
});
