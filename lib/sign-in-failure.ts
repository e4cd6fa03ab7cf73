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
 * The one place a failed sign-in becomes words, for the page the server renders and the
 * form's own script alike. Each says what happened and what to do next, in the terms of the
 * form the person used: a delegate reads of the card code and PIN and of the check-in desk,
 * staff of their username and the administrator. (A throttle that tells how long to wait
 * would add its variable here.)
 */
export function signInFailureText(t: Translate, kind: SignInKind, failure: SignInFailure): string {
  if (failure === "CROSS_SITE") return t("errors.CROSS_SITE");
  const button = t(kind === "token" ? "signIn.tokenConfirm" : "signIn.submit");
  if (kind === "staff") return t(`signIn.failed.staff.${failure === "TOKEN_INVALID" ? "INVALID_CREDENTIALS" : failure}`, { button });
  // A QR link whose token is malformed is a used-up card as far as its holder can tell.
  return t(`signIn.failed.delegate.${kind === "token" && failure === "BAD_INPUT" ? "TOKEN_INVALID" : failure}`, { button });
}
