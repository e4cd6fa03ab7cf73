import { createDecipheriv, hkdfSync } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { ActorRef } from "./actor";

/** How long a sign-in lasts: a congress day, not longer (authOptions.session.maxAge too). */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/**
 * Reads next-auth's session cookie (a JWE, `dir` + `A256GCM`, key = HKDF-SHA256 of the
 * secret as next-auth derives it) without next-auth's request machinery.
 *
 * Why not getServerSession: on every tRPC call it ran next-auth's whole session action —
 * derive the key, decrypt, then derive again and encrypt a fresh token for a Set-Cookie
 * that, called from the App Router with one argument, it throws away (its `res` is a
 * no-op there). Decoding once, with the key derived once per process, is what is left.
 * Nothing about the session changes: same cookie, same expiry (next-auth's `exp`, with
 * its 15 s clock tolerance), and the reference is still re-checked against the database
 * (loadActor, or the cast statement itself) before anything is allowed.
 */
const CLOCK_TOLERANCE_S = 15;
const INFO = "NextAuth.js Generated Encryption Key";

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", INFO, 32));
    keys.set(secret, key);
  }
  return key;
}

/** The session cookie's name, as next-auth chooses it (secure prefix behind https). */
export function sessionCookieName(url = process.env.NEXTAUTH_URL): string {
  const secure = url?.startsWith("https://") ?? !!process.env.VERCEL;
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/**
 * The session cookie for an actor who just signed in: the token next-auth's credentials
 * sign-in wrote (its own encoder, the claims our jwt callback kept: `sub` and `ref`), under
 * its name and with its flags — HttpOnly, SameSite=Lax, Secure behind https — so next-auth's
 * session and sign-out routes and the proxy's gate take it as theirs.
 */
export async function sessionCookieFor(ref: ActorRef, secret: string, url = process.env.NEXTAUTH_URL) {
  const name = sessionCookieName(url);
  const value = await encode({ token: { sub: ref.id, ref }, secret, maxAge: SESSION_MAX_AGE_S });
  return {
    name,
    value,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: name.startsWith("__Secure-"), maxAge: SESSION_MAX_AGE_S },
  };
}

/** The token from a Cookie header, joining next-auth's chunks (`name.0`, `name.1` …) in order. */
export function sessionTokenFromCookieHeader(header: string | null | undefined, name = sessionCookieName()): string | null {
  if (!header) return null;
  const chunks: [string, string][] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (!key.startsWith(name)) continue;
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    chunks.push([key, value]);
  }
  if (chunks.length === 0) return null;
  const suffix = (k: string) => parseInt(k.split(".").pop() ?? "0") || 0;
  return chunks
    .sort((a, b) => suffix(a[0]) - suffix(b[0]))
    .map(([, v]) => v)
    .join("");
}

/** The JWT's claims, or null when the token is malformed, forged, or expired. */
export function decodeSessionToken(token: string, secret: string, nowS = Date.now() / 1000): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  try {
    const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8")) as Record<string, unknown>;
    // Exactly what next-auth writes; anything else (another alg, compression, crit) is refused.
    if (header.alg !== "dir" || header.enc !== "A256GCM" || Object.keys(header).length !== 2 || encryptedKey !== "") return null;
    const ivBytes = Buffer.from(iv, "base64url");
    const tagBytes = Buffer.from(tag, "base64url");
    if (ivBytes.length !== 12 || tagBytes.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), ivBytes, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(protectedHeader, "ascii"));
    decipher.setAuthTag(tagBytes);
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    const claims = JSON.parse(plain.toString("utf8")) as unknown;
    if (!claims || typeof claims !== "object" || Array.isArray(claims)) return null;
    const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown };
    if (typeof exp !== "number" || exp <= nowS - CLOCK_TOLERANCE_S) return null;
    if (nbf !== undefined && (typeof nbf !== "number" || nbf > nowS + CLOCK_TOLERANCE_S)) return null;
    return claims as Record<string, unknown>;
  } catch {
    return null; // bad base64/JSON, or the authentication tag did not verify
  }
}

/** The actor reference a session cookie carries (see authOptions.callbacks.jwt), or null. */
export function sessionRefFromCookieHeader(header: string | null | undefined, secret: string): ActorRef | null {
  const token = sessionTokenFromCookieHeader(header);
  if (!token) return null;
  const ref = decodeSessionToken(token, secret)?.ref as Partial<ActorRef> | undefined;
  if (!ref || (ref.kind !== "delegate" && ref.kind !== "staff") || typeof ref.id !== "string" || typeof ref.v !== "number") return null;
  return { kind: ref.kind, id: ref.id, v: ref.v };
}
