import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { POST as setLocale } from "~/app/set-locale/route";
import { POST as postSuggestion } from "~/app/api/suggestions/route";
import { POST as postFeedback } from "~/app/api/projects/[id]/feedback/route";
import { POST as postSignIn } from "~/app/api/sign-in/route";
import { clientKeyFrom } from "~/server/auth/options";
import { sessionRefOf } from "~/server/auth/session";
import { signInDelegateWithPin, signInDelegateWithToken, signInStaff } from "~/server/auth/sign-in";
import { postProgressUpdate } from "~/server/services/project-implementation";
import { LocalDiskStorage } from "~/server/storage/file-storage";
import { approvedSession, callerFor, codeOf, createSessionFixture, db, PASSWORD, PIN } from "./fixtures";
import { appCodeIn, browserHeaders, ORIGIN, trpcHttp } from "./http";

const EVIL = "https://evil.example";
const suggestion = (title: string) => ({ title, description: "建议增加社区食堂的数量。", category: "养老服务" });

function form(url: string, fields: Record<string, string>, headers: Record<string, string>) {
  const { "content-type": _json, ...rest } = headers;
  return new Request(new URL(url, ORIGIN), { method: "POST", headers: rest, body: new URLSearchParams(fields) });
}

describe("cross-site requests are refused, same-site ones pass", () => {
  const savedUrl = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = savedUrl;
  });

  it("a tRPC mutation from another site's page: 403 CROSS_SITE and nothing stored, whichever header gives it away", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const before = await db.suggestion.count();
    const { origin: _o, ...noOrigin } = browserHeaders();
    const crossSite: [string, Record<string, string>][] = [
      ["Origin of another site", browserHeaders(EVIL)],
      ["Origin of a sibling subdomain", browserHeaders("http://evil.congress.test")],
      ["opaque Origin (sandboxed frame, data: URL)", browserHeaders("null")],
      ["no Origin, Sec-Fetch-Site cross-site", { ...noOrigin, "sec-fetch-site": "cross-site" }],
      ["no Origin, Sec-Fetch-Site same-site", { ...noOrigin, "sec-fetch-site": "same-site" }],
      ["opaque Origin from another site's sandboxed frame", { ...browserHeaders("null"), "sec-fetch-site": "cross-site" }],
      ["no Origin, Referer of another site", { ...noOrigin, referer: `${EVIL}/page` }],
    ];
    for (const [name, headers] of crossSite) {
      const r = await trpcHttp(null, "projects.suggest", "mutation", suggestion(`跨站建议事项 ${name}`), { headers });
      expect([r.status, appCodeIn(r)], name).toEqual([403, "CROSS_SITE"]);
      // Staff mutations too: the secretariat's session cookie would ride along on a cross-site form.
      const s = await trpcHttp(
        f.actors.secretariat,
        "secretariat.setCheckInOpen",
        "mutation",
        { sessionId: f.session.id, open: false },
        { headers },
      );
      expect([s.status, appCodeIn(s)], name).toEqual([403, "CROSS_SITE"]);
    }
    expect(await db.suggestion.count()).toBe(before);
    expect((await db.congressSession.findUniqueOrThrow({ where: { id: f.session.id } })).checkInOpen).toBe(true);

    const sameSite: [string, Record<string, string>][] = [
      ["our Origin", browserHeaders()],
      ["no Origin, Sec-Fetch-Site same-origin", { ...noOrigin, "sec-fetch-site": "same-origin" }],
      ["no Origin, our Referer", { ...noOrigin, referer: `${ORIGIN}/suggest` }],
      // Our own page under Referrer-Policy: no-referrer (the QR sign-in page) posts with an opaque Origin.
      ["opaque Origin, Sec-Fetch-Site same-origin", { ...browserHeaders("null"), "sec-fetch-site": "same-origin" }],
      ["the host our proxy reports", { ...browserHeaders("https://www.congress.example"), "x-forwarded-host": "www.congress.example" }],
      ["no browser headers at all (a script, not a page)", noOrigin],
    ];
    for (const [i, [name, headers]] of sameSite.entries()) {
      const r = await trpcHttp(null, "projects.suggest", "mutation", suggestion(`同站建议事项 ${i}`), {
        headers: { ...headers, "x-forwarded-for": `192.0.2.${50 + i}` },
      });
      expect([r.status, appCodeIn(r)], name).toEqual([200, "OK"]);
    }
    expect(await db.suggestion.count()).toBe(before + sameSite.length);
    // A mutation cannot be sent as a GET (a link or an <img> on another site).
    const viaGet = await trpcHttp(null, "projects.suggest", "query", suggestion("用GET提交的建议"));
    expect(viaGet.status).toBe(405);
    expect(await db.suggestion.count()).toBe(before + sameSite.length);
    // Queries change nothing and stay readable from anywhere (public pages, the hall screen).
    const q = await trpcHttp(null, "public.currentSession", "query", undefined, { headers: browserHeaders(EVIL) });
    expect(q.status).toBe(200);
  });

  it("the configured site URL is allowed too (a proxy that rewrites Host)", async () => {
    process.env.NEXTAUTH_URL = "https://renda.example.gov.cn";
    const r = await trpcHttp(null, "projects.suggest", "mutation", suggestion("配置地址的建议"), {
      headers: { ...browserHeaders("https://renda.example.gov.cn"), host: "10.0.0.5:3000" },
    });
    expect([r.status, appCodeIn(r)]).toEqual([200, "OK"]);
  });

  it("resident forms (suggestion, feedback) posted from another site go back with CROSS_SITE and store nothing", async () => {
    const f = await approvedSession();
    const [suggestions, feedback] = [await db.suggestion.count(), await db.feedback.count()];
    const s = await postSuggestion(form("/api/suggestions", suggestion("跨站表单建议"), browserHeaders(EVIL)));
    expect(s.status).toBe(303);
    expect(s.headers.get("location")).toContain("error=CROSS_SITE");
    const id = f.candidates[1]!.id;
    const fb = await postFeedback(form(`/api/projects/${id}/feedback`, { body: "跨站反馈内容" }, browserHeaders(EVIL)), {
      params: Promise.resolve({ id }),
    });
    expect(fb.headers.get("location")).toContain("error=CROSS_SITE");
    expect([await db.suggestion.count(), await db.feedback.count()]).toEqual([suggestions, feedback]);
    // The same forms from our own page are stored.
    expect(
      (await postSuggestion(form("/api/suggestions", suggestion("本站表单建议"), browserHeaders()))).headers.get("location"),
    ).toContain("sent=1");
    expect(
      (
        await postFeedback(form(`/api/projects/${id}/feedback`, { body: "本站反馈内容" }, browserHeaders()), {
          params: Promise.resolve({ id }),
        })
      ).headers.get("location"),
    ).toContain("sent=1");
    // Text the database cannot store (a NUL character) is bad input, not an internal error.
    const nul = await postSuggestion(
      form("/api/suggestions", suggestion("含有\u0000字符的建议"), { ...browserHeaders(), "x-forwarded-for": "192.0.2.77" }),
    );
    expect(nul.headers.get("location")).toContain("error=BAD_INPUT");
  });

  it("set-locale from another site: 403 with a sentence in the visitor's language; sign-in: back to the form, no session", async () => {
    const zh = await setLocale(form("/set-locale", { locale: "en" }, browserHeaders(EVIL)));
    expect(zh.status).toBe(403);
    expect(zh.headers.get("set-cookie")).toBeNull();
    expect(await zh.text()).toContain("不是从本网站的页面发出的");
    const en = await setLocale(form("/set-locale", { locale: "zh-CN" }, { ...browserHeaders(EVIL), cookie: "locale=en" }));
    expect(await en.text()).toContain("did not come from this website");

    const ok = await setLocale(form("/set-locale", { locale: "en" }, { ...browserHeaders(), referer: `${ORIGIN}/projects?x=1` }));
    expect([ok.status, ok.headers.get("location"), ok.headers.get("set-cookie")]).toEqual([
      303,
      "/projects?x=1",
      expect.stringContaining("locale=en"),
    ]);
    // A garbled body or Referer is not a 500.
    const garbled = await setLocale(
      new Request(`${ORIGIN}/set-locale`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": "multipart/form-data; boundary=x", referer: "::" },
        body: "nonsense",
      }),
    );
    expect([garbled.status, garbled.headers.get("location")]).toEqual([303, "/"]);

    const f = await createSessionFixture({ delegates: 1 });
    // Sign-in too (a forced sign-in into the attacker's account is an attack of its own): the
    // form goes back to the sign-in page, which explains; no session is issued.
    const signIn = await postSignIn(
      form("/api/sign-in", { kind: "staff", username: f.staff.admin.username, password: PASSWORD }, browserHeaders(EVIL)),
    );
    expect([signIn.status, signIn.headers.get("location")]).toEqual([303, expect.stringMatching(/^\/sign-in\?error=CROSS_SITE&/)]);
    expect(signIn.headers.get("set-cookie")).toBeNull();
  });
});

describe("sign-in brute force is throttled", () => {
  const backdate = (key: string) =>
    db.$executeRaw`UPDATE "RateLimit" SET "windowStart" = now() - interval '16 minutes' WHERE "key" = ${key}`;

  it("per account: 5 wrong PINs or passwords lock it for 15 minutes even with the right one; a success before that starts the count again", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const card = f.delegates[0]!.cardCode;
    for (let i = 0; i < 4; i++) expect(await codeOf(signInDelegateWithPin(db, card, "999999", `ip-${i}`))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "ip-x"))).toBe("OK"); // clears the account's count
    for (let i = 0; i < 4; i++) expect(await codeOf(signInDelegateWithPin(db, card, "999999", `ip-${i}`))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "ip-x"))).toBe("OK");
    for (let i = 0; i < 5; i++) await signInDelegateWithPin(db, card, "999999", `ip-${i}`).catch(() => undefined);
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "ip-fresh"))).toBe("RATE_LIMITED");
    // The lock does not count the refused attempts, and lifts when the window has passed.
    await backdate(`signin:delegate:${card}`);
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "ip-fresh"))).toBe("OK");

    const user = f.staff.secretariat.username;
    for (let i = 0; i < 5; i++)
      expect(await codeOf(signInStaff(db, user.toUpperCase(), "wrong password", `ip-${i}`))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInStaff(db, user, PASSWORD, "ip-fresh"))).toBe("RATE_LIMITED");
    await backdate(`signin:staff:${user}`);
    expect(await codeOf(signInStaff(db, user, PASSWORD, "ip-fresh"))).toBe("OK");
  });

  it("per client address: 60 failures on any accounts or QR tokens stop that address, not others; the window resets it", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    for (let i = 0; i < 30; i++) await codeOf(signInDelegateWithPin(db, `NOPE${i}`, "1", "198.51.100.7"));
    for (let i = 0; i < 30; i++) await codeOf(signInDelegateWithToken(db, `not-a-real-token-${i}`, "198.51.100.7"));
    expect(await codeOf(signInDelegateWithPin(db, f.delegates[0]!.cardCode, PIN, "198.51.100.7"))).toBe("RATE_LIMITED");
    expect(await codeOf(signInDelegateWithToken(db, "another-token-guess", "198.51.100.7"))).toBe("RATE_LIMITED");
    expect(await codeOf(signInStaff(db, f.staff.clerk1.username, PASSWORD, "198.51.100.7"))).toBe("RATE_LIMITED");
    expect(await codeOf(signInStaff(db, f.staff.clerk1.username, PASSWORD, "198.51.100.8"))).toBe("OK");
    await backdate("signin:client:198.51.100.7");
    expect(await codeOf(signInStaff(db, f.staff.clerk1.username, PASSWORD, "198.51.100.7"))).toBe("OK");
  });

  it("the client address is the one our proxy appended: a made-up leading X-Forwarded-For does not give a fresh allowance", () => {
    expect(clientKeyFrom(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientKeyFrom(new Headers({ "x-forwarded-for": "5.6.7.8, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientKeyFrom({ "x-real-ip": "203.0.113.10" })).toBe("203.0.113.10");
    expect(clientKeyFrom(undefined)).toBe("direct");
  });
});

describe("session cookies", () => {
  /** The sign-in form's post, as a browser on the site at `origin` sends it. */
  async function signIn(origin: string, username: string, password: string) {
    const saved = process.env.NEXTAUTH_URL;
    // NEXTAUTH_URL (required in production) says whether the site is served over https,
    // and so whether cookies are Secure.
    process.env.NEXTAUTH_URL = origin;
    try {
      return await postSignIn(
        new Request(`${origin}/api/sign-in`, {
          method: "POST",
          headers: { origin, accept: "application/json", "x-forwarded-for": "192.0.2.99" },
          body: new URLSearchParams({ kind: "staff", username, password }),
        }),
      );
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  }
  const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

  it("the session cookie is HttpOnly and SameSite=Lax; Secure, with the __Secure- prefix, when the site is served over https", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const http = await signIn("http://congress.test", f.staff.admin.username, PASSWORD);
    expect(await http.json()).toEqual({ next: "/secretariat" }); // an admin's home
    const plain = cookieOf(http, "next-auth.session-token");
    expect(plain).toMatch(/^next-auth\.session-token=[^;]+;/);
    expect(plain).toMatch(/; HttpOnly/i);
    expect(plain).toMatch(/; SameSite=Lax/i);
    expect(plain).toMatch(/; Path=\//);
    expect(plain).not.toMatch(/; Secure/i);
    // It is the session: the server reads it back as this account's.
    const value = plain!.split(";")[0]!.split("=").slice(1).join("=");
    expect(sessionRefOf(`next-auth.session-token=${value}`)).toEqual({ kind: "staff", id: f.staff.admin.id, v: expect.any(Number) });

    const https = await signIn("https://congress.example", f.staff.admin.username, PASSWORD);
    const secure = cookieOf(https, "__Secure-next-auth.session-token");
    expect(secure).toMatch(/; HttpOnly/i);
    expect(secure).toMatch(/; SameSite=Lax/i);
    expect(secure).toMatch(/; Secure/i);
    expect(cookieOf(https, "next-auth.session-token")).toBeUndefined();

    const wrong = await signIn("https://congress.example", f.staff.clerk1.username, "wrong password");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "INVALID_CREDENTIALS" });
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });
});

describe("uploads are judged by their bytes, whatever they claim to be", () => {
  it("HTML, SVG with script, plain text, a PDF and a fake JPEG header are refused as BAD_INPUT and store nothing; a JPEG with a payload appended is re-encoded without it", async () => {
    const f = await approvedSession();
    const id = f.candidates[1]!.id;
    await callerFor(f.actors.dept).projects.savePlan({
      candidateId: id,
      leadOfficial: "张主任",
      budgetWan: "100",
      deadline: "2099-12-31",
      milestones: [],
    });
    const root = mkdtempSync(path.join(tmpdir(), "uploads-"));
    const storage = new LocalDiskStorage(root);
    const post = (bytes: Buffer) =>
      codeOf(
        postProgressUpdate(db, storage, f.actors.dept, {
          candidateId: id,
          body: "进度更新",
          percent: 10,
          spentWan: "1",
          photos: [{ contentBase64: bytes.toString("base64"), alt: "照片" }],
        }),
      );
    const lies: [string, Buffer][] = [
      ["html", Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>")],
      [
        "svg",
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
        ),
      ],
      ["text", Buffer.from("just some text pretending to be photo.jpg")],
      ["pdf", Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")],
      ["jpeg magic + html", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("<html><script>alert(1)</script></html>")])],
    ];
    for (const [name, bytes] of lies) expect(await post(bytes), name).toBe("BAD_INPUT");
    expect(readdirSync(root)).toEqual([]);
    expect(await db.progressUpdate.count({ where: { plan: { candidateId: id } } })).toBe(0);

    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#39c" } })
      .jpeg()
      .toBuffer();
    expect(await post(Buffer.concat([jpeg, Buffer.from("<script>alert(1)</script>")]))).toBe("OK");
    const [photo] = await db.attachment.findMany({ where: { update: { plan: { candidateId: id } } } });
    const stored = (await storage.get(`${photo!.storageKey}-large.webp`))!;
    expect(stored.subarray(8, 12).toString()).toBe("WEBP");
    expect(stored.includes(Buffer.from("<script"))).toBe(false);
  });

  it("over HTTP an SVG photo gets a 400 naming the field, and a roster 'xlsx' that is really HTML is reported unreadable, changing nothing", async () => {
    const f = await approvedSession();
    const id = f.candidates[1]!.id;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString("base64");
    const r = await trpcHttp(f.actors.dept, "projects.postUpdate", "mutation", {
      candidateId: id,
      body: "进度更新",
      percent: 10,
      spentWan: "1",
      photos: [{ contentBase64: svg, alt: "照片" }],
    });
    // No plan yet is refused first (PLAN_MISSING); with a plan, the photo itself is refused.
    expect(r.status).toBeLessThan(500);
    await callerFor(f.actors.dept).projects.savePlan({
      candidateId: id,
      leadOfficial: "张主任",
      budgetWan: "100",
      deadline: "2099-12-31",
      milestones: [],
    });
    const r2 = await trpcHttp(f.actors.dept, "projects.postUpdate", "mutation", {
      candidateId: id,
      body: "进度更新",
      percent: 10,
      spentWan: "1",
      photos: [{ contentBase64: svg, alt: "照片" }],
    });
    expect([r2.status, appCodeIn(r2)]).toEqual([400, "BAD_INPUT"]);
    expect(r2.text).toContain('"field":"photo"');
    expect(await db.progressUpdate.count({ where: { plan: { candidateId: id } } })).toBe(0);

    const delegates = await db.delegate.count();
    const html = Buffer.from("<html><body><table><tr><td>姓名</td></tr></table></body></html>").toString("base64");
    const roster = await trpcHttp(f.actors.secretariat, "roster.import", "mutation", {
      sessionId: f.session.id,
      fileName: "名单.xlsx",
      contentBase64: html,
    });
    expect([roster.status, appCodeIn(roster)]).toEqual([400, "BAD_INPUT"]);
    const preview = await callerFor(f.actors.secretariat).roster.preview({
      sessionId: f.session.id,
      fileName: "名单.xlsx",
      contentBase64: html,
    });
    expect(preview.fileProblem).toBe("UNREADABLE");
    expect(await db.delegate.count()).toBe(delegates);
  });
});
