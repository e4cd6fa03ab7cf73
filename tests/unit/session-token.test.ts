import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, sessionRefFromCookieHeader, sessionTokenFromCookieHeader } from "~/server/auth/session-token";

const secret = "unit-test-secret-at-least-32-characters!!";
const ref = { kind: "delegate", id: "d-1", v: 3 };

describe("reading next-auth's session cookie without next-auth", () => {
  it("reads what next-auth's encode wrote, and nothing forged, tampered or expired", async () => {
    const token = await encode({ token: { ref, sub: "d-1" }, secret, maxAge: 60 });
    // With the token's own id, which signing out ends (EndedSession).
    const jti = decodeSessionToken(token, secret)?.jti;
    expect(jti).toEqual(expect.any(String));
    expect(sessionRefFromCookieHeader(`other=1; next-auth.session-token=${token}`, secret)).toEqual({ ...ref, jti });
    expect(sessionRefFromCookieHeader(`next-auth.session-token=${token}`, `${secret}x`)).toBeNull();
    const parts = token.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const i of [0, 2, 3, 4]) {
      const tampered = parts.map((p, j) => (j === i ? flip(p) : p)).join(".");
      expect(decodeSessionToken(tampered, secret)).toBeNull();
    }
    expect(decodeSessionToken(token, secret, Date.now() / 1000 + 60 + 16)).toBeNull();
    expect(decodeSessionToken(token, secret, Date.now() / 1000 + 60 + 10)).not.toBeNull(); // next-auth's 15 s tolerance
    expect(decodeSessionToken("a.b.c", secret)).toBeNull();
    expect(sessionRefFromCookieHeader(undefined, secret)).toBeNull();
    const noRef = await encode({ token: { sub: "x" }, secret });
    expect(sessionRefFromCookieHeader(`next-auth.session-token=${noRef}`, secret)).toBeNull();
  });

  it("joins chunked cookies in order", () => {
    expect(sessionTokenFromCookieHeader("next-auth.session-token.1=cd; x=y; next-auth.session-token.0=ab", "next-auth.session-token")).toBe(
      "abcd",
    );
    expect(sessionTokenFromCookieHeader("x=y", "next-auth.session-token")).toBeNull();
  });
});
