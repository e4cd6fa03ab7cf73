import { NextResponse } from "next/server";
import { isSignInKind, safeCallbackUrl, ZSignInInput, type SignInKind } from "~/lib/schemas/sign-in";
import { asSignInFailure, type SignInFailure } from "~/lib/sign-in-failure";
import { homePathOf, loadActor, type ActorRef } from "~/server/auth/actor";
import { clientKeyFrom } from "~/server/auth/options";
import { sessionCookieFor } from "~/server/auth/session-token";
import { signInWith } from "~/server/auth/sign-in";
import { db } from "~/server/db";
import { env } from "~/server/env";
import { AppError } from "~/server/errors";
import { isSameOrigin } from "~/server/http/same-origin";

/** Card code, PIN or token, username and password: far less than this. */
const MAX_BYTES = 4 * 1024;

const STATUS: Record<SignInFailure, number> = {
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 401,
  RATE_LIMITED: 429,
  ACCOUNT_DISABLED: 403,
  BAD_INPUT: 400,
  CROSS_SITE: 403,
  INTERNAL: 500,
  NETWORK: 500, // never the server's answer; here for completeness
};

/**
 * Sign-in, as one plain form post: the forms work the moment they are on the screen, before
 * the page's scripts have arrived (on congested hall Wi-Fi that can take half a minute, and a
 * tap before then used to reload the page as a GET, PIN in the address, form empty, no word
 * of what happened), and a sign-in is one request instead of next-auth's four.
 *
 * - The form's script asks for JSON: `{ next }` or `{ error }` (a SignInFailure), and shows
 *   the failure next to the fields it keeps.
 * - Without script: 303 to `callbackUrl` (or the account's home), or back to the form with
 *   the failure and the card code or username (never the PIN or password), which the page
 *   shows in place.
 *
 * The session cookie is next-auth's own (see sessionCookieFor), so its session and sign-out
 * routes, and the proxy's gate, work as before.
 */
export async function POST(req: Request): Promise<Response> {
  const wantsJson = (req.headers.get("accept") ?? "").includes("application/json");
  const form = await readForm(req);
  const kind: SignInKind = isSignInKind(form.kind) ? form.kind : "delegate";
  const callbackUrl = safeCallbackUrl(form.callbackUrl);

  let failure: SignInFailure;
  const parsed = form === TOO_BIG ? null : ZSignInInput.safeParse(form);
  if (!isSameOrigin(req)) failure = "CROSS_SITE";
  else if (!parsed?.success) failure = "BAD_INPUT";
  else {
    try {
      const ref = await signInWith(db, parsed.data, clientKeyFrom(req.headers));
      const cookie = await sessionCookieFor(ref, env.NEXTAUTH_SECRET);
      // Straight to the page: one redirect less on a congested network.
      const next = callbackUrl ?? (await homeOf(ref));
      const res = wantsJson ? NextResponse.json({ next }) : new NextResponse(null, { status: 303, headers: { location: next } });
      res.headers.set("cache-control", "no-store");
      res.cookies.set(cookie.name, cookie.value, cookie.options);
      return res;
    } catch (e) {
      failure = e instanceof AppError ? asSignInFailure(e.code) : "INTERNAL";
      // The kind of failure only: never a card code, username or secret.
      if (!(e instanceof AppError)) console.error(`sign-in (${kind}) failed: ${(e as Error | undefined)?.name ?? "Error"}`);
    }
  }

  if (wantsJson) return Response.json({ error: failure }, { status: STATUS[failure], headers: { "cache-control": "no-store" } });
  return new Response(null, {
    status: 303,
    headers: { location: backToForm(kind, failure, form, callbackUrl), "cache-control": "no-store" },
  });
}

const TOO_BIG: Record<string, string> = {};

/** A delegate's home needs no lookup; staff homes depend on the role, read as every request reads it. */
async function homeOf(ref: ActorRef): Promise<string> {
  if (ref.kind === "delegate") return "/delegate";
  const actor = await loadActor(db, ref);
  return actor ? homePathOf(actor) : "/sign-in";
}

/**
 * The form's fields, read no further than MAX_BYTES (whatever Content-Length claims): the
 * sign-in forms post url-encoded, by the browser or by their script; anything else is not
 * one of them.
 */
async function readForm(req: Request): Promise<Record<string, string>> {
  if (!(req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded") || !req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      return TOO_BIG;
    }
    chunks.push(value);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

/** Where a form without script shows its failure: the form it came from, with what the person typed except the secret. */
function backToForm(kind: SignInKind, failure: SignInFailure, form: Record<string, string>, callbackUrl: string | null): string {
  const query = new URLSearchParams({ error: failure });
  if (kind === "token") {
    const token = form.token?.trim();
    return token ? `/t/${encodeURIComponent(token)}?${query}` : `/sign-in?${query}`;
  }
  query.set("kind", kind);
  const name = kind === "delegate" ? form.cardCode : form.username;
  if (name) query.set(kind === "delegate" ? "cardCode" : "username", name.trim().slice(0, 64));
  if (callbackUrl) query.set("callbackUrl", callbackUrl);
  return `/sign-in?${query}`;
}
