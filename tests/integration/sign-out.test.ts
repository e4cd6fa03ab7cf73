import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as postSignIn } from "~/app/api/sign-in/route";
import { GET as trpcGet, POST as trpcPost } from "~/app/api/trpc/[trpc]/route";
import { authOptions } from "~/server/auth/options";
import { sessionCookieName } from "~/server/auth/session-token";
import { callerFor, checkInMany, createSessionFixture, db, newKey, openPollFixture, PIN } from "./fixtures";
import { browserHeaders, ORIGIN, trpcHttp, trpcSseOverHttp } from "./http";

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

/**
 * A call as a browser with this cookie makes it: through the Node server production runs
 * (scripts/serve-next.cjs → server/api/node-server.ts) and through Next's route (`next
 * dev`); both must answer alike.
 */
async function asPhone(cookie: string, procedure: string, input?: unknown) {
  const node = await trpcHttp({ cookie }, procedure, input === undefined ? "query" : "mutation", input);
  const url = new URL(`/api/trpc/${procedure}`, ORIGIN);
  const next =
    input === undefined
      ? await trpcGet(new Request(url, { headers: { host: url.host, cookie } }))
      : await trpcPost(
          new Request(url, { method: "POST", headers: { ...browserHeaders(), cookie }, body: JSON.stringify({ json: input }) }),
        );
  expect(next.status, `${procedure} through Next's route`).toBe(node.status);
  return node.status;
}

const HEARD = 3_000; // a NOTIFY's trip, plus the stream's one-second spacing
/** What a stream says: the delegate's session state (the message), or that its sign-in has ended. */
const said = (event: { event: string; data: string } | null) =>
  event?.event === "message"
    ? `state of ${(JSON.parse(event.data) as { json: { sessionId: string } }).json.sessionId}`
    : event?.event === "serialized-error"
      ? (JSON.parse(event.data) as { json: { data: { appCode: string } } }).json.data.appCode
      : String(event?.event);

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

  it("a live stream (delegate.live) opened with the cookie ends when it signs out, before passing on another change; a copy cannot open one", async () => {
    const f = await createSessionFixture({ delegates: 2, candidates: 2 });
    const card = f.delegates[0]!.cardCode;
    const phone = await signIn(card);
    const otherPhone = await signIn(card);
    const copied = await trpcSseOverHttp({ cookie: phone }, "delegate.live");
    const other = await trpcSseOverHttp({ cookie: otherPhone }, "delegate.live");
    try {
      for (const stream of [copied, other]) {
        expect(stream.status).toBe(200);
        expect((await stream.next(HEARD))?.event).toBe("connected");
        expect(said(await stream.next(HEARD))).toBe(`state of ${f.session.id}`);
      }

      await signOut(phone);
      // Ended within a NOTIFY's trip, with nothing more said.
      expect(said(await copied.next(HEARD))).toBe("UNAUTHENTICATED");
      await expect.poll(() => copied.next(100).then(() => copied.ended()), { timeout: HEARD }).toBe(true);
      // A change now reaches the delegate's other phone, which is still signed in, and only that.
      await callerFor(f.actors.secretariat).secretariat.setCheckInOpen({ sessionId: f.session.id, open: true });
      expect(said(await other.next(HEARD))).toBe(`state of ${f.session.id}`);

      // The copy cannot open a new stream.
      const again = await trpcSseOverHttp({ cookie: phone }, "delegate.live");
      try {
        expect((await again.next(HEARD))?.event).toBe("connected");
        const refusal = await again.next(HEARD);
        expect(refusal?.event).toBe("serialized-error");
        expect(JSON.parse(refusal!.data).json.data.appCode).toBe("UNAUTHENTICATED");
      } finally {
        again.close();
      }
    } finally {
      copied.close();
      other.close();
    }
  });

  it("so does a stream whose account is disabled, or whose credentials are reissued (the other sessions end)", async () => {
    const f = await createSessionFixture({ delegates: 2, candidates: 2 });
    const streams = await Promise.all(f.delegates.map(async (d) => trpcSseOverHttp({ cookie: await signIn(d.cardCode) }, "delegate.live")));
    try {
      for (const stream of streams) {
        expect((await stream.next(HEARD))?.event).toBe("connected");
        expect(said(await stream.next(HEARD))).toBe(`state of ${f.session.id}`);
      }
      await callerFor(f.actors.secretariat).setup.setDelegateActive({ delegateId: f.delegates[0]!.id, active: false });
      await callerFor(f.actors.secretariat).setup.resetPin({ delegateId: f.delegates[1]!.id });
      for (const stream of streams) expect(said(await stream.next(HEARD))).toBe("UNAUTHENTICATED");
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
