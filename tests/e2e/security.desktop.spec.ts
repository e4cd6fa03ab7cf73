import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { hydrated } from "./helpers";
import { signInDelegate, signInStaff } from "./sign-in";

/** Pages cached for everyone (scripts/public-page-cache.cjs): a static CSP, which has to allow Next's inline scripts. */
const STATIC_PAGES = ["/", "/projects"];
/** Pages rendered per request: a nonce CSP, no inline script without it. */
// A language prefix (the form the language rewrites produce) must not slip past the nonce policy.
const DYNAMIC_PAGES = ["/sign-in", "/suggest", "/t/not-a-real-token", "/zh-CN/sign-in", "/en/suggest"];

function directives(csp: string | undefined): Map<string, string> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(" ") + 1)]),
  );
}

function expectCommonHeaders(headers: Record<string, string>, url: string) {
  const csp = directives(headers["content-security-policy"]);
  expect(csp.get("frame-ancestors"), url).toBe("'none'");
  expect(csp.get("object-src"), url).toBe("'none'");
  expect(csp.get("base-uri"), url).toBe("'self'");
  expect(csp.get("form-action"), url).toBe("'self'");
  expect(csp.get("default-src"), url).toBe("'self'");
  expect(headers["x-frame-options"], url).toBe("DENY");
  expect(headers["x-content-type-options"], url).toBe("nosniff");
  expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], url).toContain("camera=()");
  expect(headers["x-powered-by"], url).toBeUndefined();
}

function expectNonceCsp(headers: Record<string, string>, url: string): string {
  expectCommonHeaders(headers, url);
  const script = directives(headers["content-security-policy"]).get("script-src") ?? "";
  expect(script, url).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
  return /'nonce-([^']+)'/.exec(script)![1]!;
}

/** Collects CSP violations the page reports, and console errors that name the policy. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...consoleErrors, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test.describe("security headers", () => {
  test("every page: framing refused, no sniffing, referrer trimmed; cached pages a static CSP, the rest a fresh nonce per request on every script", async ({
    request,
  }) => {
    const projectId = await withDb(
      async (c) => (await c.query<{ id: string }>(`SELECT "id" FROM "Candidate" ORDER BY "sortOrder" LIMIT 1`)).rows[0]!.id,
    );
    for (const url of [...STATIC_PAGES, `/projects/${projectId}`]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expectCommonHeaders(res.headers(), url);
      expect(directives(res.headers()["content-security-policy"]).get("script-src"), url).toBe("'self' 'unsafe-inline'");
    }
    const sessionId = await withDb(async (c) => (await c.query<{ id: string }>(`SELECT "id" FROM "CongressSession" LIMIT 1`)).rows[0]!.id);
    for (const url of [...DYNAMIC_PAGES, `/screen/${sessionId}`]) {
      const first = await request.get(url);
      const nonce = expectNonceCsp(first.headers(), url);
      const html = await first.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, url).toContain(`nonce="${nonce}"`);
      expect(expectNonceCsp((await request.get(url)).headers(), url), url).not.toBe(nonce);
    }
    // API answers and the signed-out redirect carry the headers too.
    expectCommonHeaders((await request.get("/api/health")).headers(), "/api/health");
    expectCommonHeaders((await request.get("/delegate", { maxRedirects: 0 })).headers(), "/delegate (redirect)");
    // …and the sign-in gate holds with a language prefix too.
    for (const url of ["/delegate", "/zh-CN/secretariat", "/en/delegate"]) {
      const res = await request.get(url, { maxRedirects: 0 });
      expect([res.status(), res.headers()["location"]], url).toEqual([307, expect.stringMatching(/^\/sign-in\?callbackUrl=/)]);
    }
  });

  test("a POST from another site is refused over HTTP with the localized sentence", async ({ request }) => {
    const res = await request.post("/set-locale", { headers: { origin: "https://evil.example" }, form: { locale: "en" } });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("不是从本网站的页面发出的");
    const trpc = await request.post("/api/trpc/projects.suggest", {
      headers: { origin: "https://evil.example" },
      data: { json: { title: "跨站建议事项", description: "建议增加社区食堂的数量。", category: "养老服务" } },
    });
    expect(trpc.status()).toBe(403);
    expect((await trpc.json()).error.json.data.appCode).toBe("CROSS_SITE");
    // tRPC is answered before Next (scripts/serve-next.cjs): with the same headers as every other response.
    expectCommonHeaders(trpc.headers(), "POST /api/trpc");
    const query = await request.get("/api/trpc/public.currentSession");
    expect(query.status()).toBe(200);
    expectCommonHeaders(query.headers(), "GET /api/trpc");
  });
});

test.describe("pages still work under the nonce CSP", () => {
  test("a delegate signs in and the delegate pages hydrate and work, with no CSP violation; the session cookie is HttpOnly and SameSite=Lax", async ({
    page,
    context,
  }) => {
    const violations = await watchCsp(page);
    await signInDelegate(page, "LZ0061");
    await expect(page).toHaveURL(/\/delegate$/);
    await hydrated(page);
    const res = await page.reload();
    expectNonceCsp(res!.headers(), "/delegate");
    await hydrated(page);
    // A client-side navigation and back: the router runs, so the nonce'd scripts loaded the app.
    await page.goto("/delegate/rating");
    await hydrated(page);
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("代表，您好");
    expect(await violations()).toEqual([]);
    // The policy and the watcher at work: markup injected into the page (the usual XSS) does not run, and is reported.
    await page.evaluate(() => {
      const d = document.createElement("div");
      d.innerHTML = '<img src="/nope.png" onerror="window.__injected = 1">';
      document.body.append(d);
    });
    await expect.poll(async () => (await violations()).some((v) => v.includes("script-src-attr"))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();

    const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // Plain http here (the e2e server); over https next-auth adds Secure and the __Secure- prefix (integration test).
    expect(session!.secure).toBe(false);
  });

  test("the secretariat's pages hydrate and their forms work, with no CSP violation", async ({ page }) => {
    const violations = await watchCsp(page);
    await signInStaff(page, "mishu");
    await expect(page).toHaveURL(/\/secretariat$/);
    await hydrated(page);
    await expect(page.getByText("应到代表")).toBeVisible();
    for (const url of ["/secretariat/session", "/secretariat/slate", "/secretariat/console"]) {
      const res = await page.goto(url);
      expectNonceCsp(res!.headers(), url);
      await hydrated(page);
    }
    // The live turnout stream (SSE) and tRPC queries go to 'self': connect-src allows them.
    await page.goto("/secretariat");
    await hydrated(page);
    await page.waitForLoadState("networkidle").catch(() => undefined);
    expect(await violations()).toEqual([]);
  });
});
