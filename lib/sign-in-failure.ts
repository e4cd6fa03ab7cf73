import type { Translate } from "./i18n/translate";
import type { SignInKind } from "./schemas/sign-in";

/**
 * How a sign-in can fail: the server's refusals (server/auth/sign-in.ts) and what the
 * phone itself saw (NETWORK: no answer at all). /api/sign-in answers with one of these.
 */
export const SIGN_IN_FAILURES = [
  "INVALID_CREDENTIALS",
  "TOKEN_INVALID",
  "RATE_LIMITED",
  "ACCOUNT_DISABLED",
  "BAD_INPUT",
  "CROSS_SITE",
  "INTERNAL",
  "NETWORK",
] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

/** Anything else (an unknown code, a proxy's error page) is the server's failure. */
export function asSignInFailure(value: unknown): SignInFailure {
  return typeof value === "string" && (SIGN_IN_FAILURES as readonly string[]).includes(value) ? (value as SignInFailure) : "INTERNAL";
}

/**
 * How long a throttled sign-in must wait (RATE_LIMITED's `retryAfter`, in seconds), as the
 * server's JSON or the form's return address carries it; unreadable means the first delay.
 */
export function asRetryAfter(value: unknown): number {
  const n = Math.ceil(Number(value));
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 3600) : 30;
}

/**
 * The one place a failed sign-in becomes words, for the page the server renders and the
 * form's own script alike. Each says what happened and what to do next, in the terms of the
 * form the person used: a delegate reads of the card code and PIN and of the check-in desk,
 * staff of their username and the administrator. A throttled sign-in says how many seconds
 * to wait (`retryAfter`).
 */
export function signInFailureText(t: Translate, kind: SignInKind, failure: SignInFailure, retryAfter?: number): string {
  if (failure === "CROSS_SITE") return t("errors.CROSS_SITE");
  const vars = { button: t(kind === "token" ? "signIn.tokenConfirm" : "signIn.submit"), seconds: asRetryAfter(retryAfter) };
  if (kind === "staff") return t(`signIn.failed.staff.${failure === "TOKEN_INVALID" ? "INVALID_CREDENTIALS" : failure}`, vars);
  // A QR link whose token is malformed is a used-up card as far as its holder can tell.
  return t(`signIn.failed.delegate.${kind === "token" && failure === "BAD_INPUT" ? "TOKEN_INVALID" : failure}`, vars);
}
