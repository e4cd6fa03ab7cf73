import { describe, expect, it } from "vitest";
import { POST } from "~/app/api/sign-in/route";
import { sessionRefOf } from "~/server/auth/session";
import { issueLoginToken } from "~/server/services/login-tokens";
import { createSessionFixture, db, PASSWORD, PIN } from "./fixtures";
import { ORIGIN } from "./http";

/**
 * /api/sign-in as both of its clients use it: the sign-in form's script (JSON) and the plain
 * form a browser posts before the page's scripts have run (303 back to a page that shows
 * the outcome). Every request gets its own client address, so the per-address throttle of
 * one test never meets another's.
 */
let address = 0;
function post(fields: Record<string, string>, { json = false, origin = ORIGIN } = {}) {
  return POST(
    new Request(`${ORIGIN}/api/sign-in`, {
      method: "POST",
      headers: { origin, "x-forwarded-for": `198.51.100.${++address % 250}`, ...(json ? { accept: "application/json" } : {}) },
      body: new URLSearchParams(fields),
    }),
  );
}
const sessionOf = (res: Response) =>
  sessionRefOf(
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  );

describe("/api/sign-in", () => {
  it("card code and PIN, or username and password: a session and the way on; only same-site paths are followed", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const card = f.delegates[0]!.cardCode;
    const plain = await post({ kind: "delegate", cardCode: card.toLowerCase(), pin: PIN, callbackUrl: "/delegate/rating" });
    expect([plain.status, plain.headers.get("location")]).toEqual([303, "/delegate/rating"]);
    expect(sessionOf(plain)).toEqual({ kind: "delegate", id: f.delegates[0]!.id, v: 0 });

    for (const callbackUrl of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const res = await post({ kind: "delegate", cardCode: card, pin: PIN, callbackUrl });
      expect(res.headers.get("location"), callbackUrl).toBe("/delegate");
    }
    // Without a callback, each account goes straight to its own home.
    for (const [who, home] of [
      [f.staff.clerk1, "/clerk"],
      [f.staff.secretariat, "/secretariat"],
    ] as const) {
      const res = await post({ kind: "staff", username: who.username, password: PASSWORD });
      expect([res.status, res.headers.get("location")], who.username).toEqual([303, home]);
    }
    const json = await post({ kind: "delegate", cardCode: card, pin: PIN }, { json: true });
    expect([json.status, await json.json()]).toEqual([200, { next: "/delegate" }]);
    expect(sessionOf(json)?.id).toBe(f.delegates[0]!.id);
  });

  it("a wrong PIN without script: back to the form with the failure and the card code, never the PIN; no session", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const card = f.delegates[0]!.cardCode;
    const res = await post({ kind: "delegate", cardCode: card, pin: "909090", callbackUrl: "/delegate/supervise" });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!, ORIGIN);
    expect(back.pathname).toBe("/sign-in");
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: "INVALID_CREDENTIALS",
      kind: "delegate",
      cardCode: card,
      callbackUrl: "/delegate/supervise",
    });
    expect(res.headers.get("location")).not.toContain("909090");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("each failure as the form's script reads it: a code it localizes, with a status to match", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    const [ok, disabled] = f.delegates as [(typeof f.delegates)[0], (typeof f.delegates)[0]];
    await db.delegate.update({ where: { id: disabled.id }, data: { active: false } });
    const cases: [Record<string, string>, number, string][] = [
      [{ kind: "delegate", cardCode: ok.cardCode, pin: "000000" }, 401, "INVALID_CREDENTIALS"],
      [{ kind: "delegate", cardCode: disabled.cardCode, pin: PIN }, 403, "ACCOUNT_DISABLED"],
      [{ kind: "delegate", cardCode: ok.cardCode }, 400, "BAD_INPUT"],
      [{ kind: "token", token: "never-issued-token" }, 401, "TOKEN_INVALID"],
      [{ kind: "staff", username: f.staff.secretariat.username, password: "not it" }, 401, "INVALID_CREDENTIALS"],
    ];
    for (const [fields, status, error] of cases) {
      const res = await post(fields, { json: true });
      expect([res.status, await res.json()], JSON.stringify(fields)).toEqual([status, { error }]);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    // Five wrong PINs on one card: then even the right one waits.
    for (let i = 0; i < 4; i++) await post({ kind: "delegate", cardCode: ok.cardCode, pin: "000000" }, { json: true });
    const locked = await post({ kind: "delegate", cardCode: ok.cardCode, pin: PIN }, { json: true });
    expect([locked.status, await locked.json()]).toEqual([429, { error: "RATE_LIMITED" }]);
  });

  it("the card's QR token: one sign-in; used again, back to its own page with the failure", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const token = await issueLoginToken(db, f.actors.secretariat, f.delegates[0]!.id);
    const first = await post({ kind: "token", token });
    expect([first.status, first.headers.get("location")]).toEqual([303, "/delegate"]);
    expect(sessionOf(first)?.id).toBe(f.delegates[0]!.id);
    const again = await post({ kind: "token", token });
    expect([again.status, again.headers.get("location")]).toEqual([303, `/t/${token}?error=TOKEN_INVALID`]);
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it("another site's form is refused, and so is a body no sign-in form sends", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const fields = { kind: "delegate", cardCode: f.delegates[0]!.cardCode, pin: PIN };
    const cross = await post(fields, { origin: "https://evil.example", json: true });
    expect([cross.status, await cross.json()]).toEqual([403, { error: "CROSS_SITE" }]);
    expect(cross.headers.getSetCookie()).toEqual([]);
    const big = await post({ ...fields, filler: "x".repeat(8 * 1024) }, { json: true });
    expect([big.status, await big.json()]).toEqual([400, { error: "BAD_INPUT" }]);
    const garbled = await POST(
      new Request(`${ORIGIN}/api/sign-in`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": "multipart/form-data; boundary=x", accept: "application/json" },
        body: "nonsense",
      }),
    );
    expect([garbled.status, await garbled.json()]).toEqual([400, { error: "BAD_INPUT" }]);
  });
});
