import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as postSignIn } from "~/app/api/sign-in/route";
import { GET as trpcGet, POST as trpcPost } from "~/app/api/trpc/[trpc]/route";
import { authOptions } from "~/server/auth/options";
import { sessionCookieName } from "~/server/auth/session-token";
import { checkInMany, createSessionFixture, db, newKey, openPollFixture, PIN } from "./fixtures";
import { browserHeaders, ORIGIN } from "./http";

// next-auth's framework-free core, which its route handler calls once it has read Next's cookies.
const require = createRequire(import.meta.url);
type AuthCookie = { name: string; value: string };
const { AuthHandler } = require(path.join(path.dirname(require.resolve("next-auth")), "core/index.js")) as {
  AuthHandler<B = unknown>(params: {
    req: Record<string, unknown>;
    options: typeof authOptions;
  }): Promise<{ body?: B; cookies?: AuthCookie[]; redirect?: string }>;
};

async function csrf() {
  const res = await AuthHandler<{ csrfToken: string }>({
    req: { action: "csrf", method: "GET", origin: ORIGIN, cookies: {}, headers: {} },
    options: authOptions,
  });
  const cookie = res.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
  return { token: res.body!.csrfToken, cookies: { [cookie.name]: cookie.value } };
}

/** A phone signing in with card code and PIN through the sign-in form's post; what it keeps is its session cookie. */
async function signIn(cardCode: string): Promise<string> {
  const res = await postSignIn(
    new Request(new URL("/api/sign-in", ORIGIN), {
      method: "POST",
      headers: { origin: ORIGIN, accept: "application/json", "x-minsheng-peer": "192.0.2.50" },
      body: new URLSearchParams({ kind: "delegate", cardCode, pin: PIN }),
    }),
  );
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`));
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

/** The phone's sign-out button: next-auth's sign-out post, with the session cookie and its CSRF token. */
async function signOut(cookie: string) {
  const c = await csrf();
  await AuthHandler({
    req: {
      action: "signout",
      method: "POST",
      origin: ORIGIN,
      body: { csrfToken: c.token },
      cookies: { ...c.cookies, [sessionCookieName()]: cookie.slice(cookie.indexOf("=") + 1) },
      headers: {},
    },
    options: authOptions,
  });
}

/** The tRPC route itself, as a browser with this cookie calls it. */
async function asPhone(cookie: string, procedure: string, input?: unknown) {
  const url = new URL(`/api/trpc/${procedure}`, ORIGIN);
  const res =
    input === undefined
      ? await trpcGet(new Request(url, { headers: { host: url.host, cookie } }))
      : await trpcPost(
          new Request(url, { method: "POST", headers: { ...browserHeaders(), cookie }, body: JSON.stringify({ json: input }) }),
        );
  return res.status;
}

describe("signing out ends the session on the server", () => {
  it("a copy of a signed-out cookie is refused at once, for reads and for a ballot; the delegate's other phone stays signed in", async () => {
    const f = await createSessionFixture({ delegates: 2, candidates: 2 });
    await checkInMany(f, 2);
    const poll = await openPollFixture(f);
    const card = f.delegates[0]!.cardCode;
    const phone = await signIn(card);
    const otherPhone = await signIn(card);
    const copy = phone; // what someone copied from the phone (a shared computer, a proxy's log)
    expect(await asPhone(copy, "delegate.me")).toBe(200);

    await signOut(phone);
    expect(await asPhone(copy, "delegate.me")).toBe(401);
    const ballot = { pollId: poll.id, choices: Object.fromEntries(poll.pollCandidates.map((id) => [id, "FOR"])), idempotencyKey: newKey() };
    expect(await asPhone(copy, "delegate.cast", ballot)).toBe(401);
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(0);

    expect(await asPhone(otherPhone, "delegate.me")).toBe(200);
    expect(await asPhone(otherPhone, "delegate.cast", ballot)).toBe(200);
  });
});
