import { z } from "zod";

/**
 * What the sign-in forms post to /api/sign-in (as a plain form, so it works before the
 * page's scripts have arrived): the card code and PIN, the card's one-time QR token, or a
 * staff account's username and password.
 */
export const ZSignInInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("delegate"), cardCode: z.string().trim().min(1).max(32), pin: z.string().min(1).max(32) }),
  z.object({ kind: z.literal("token"), token: z.string().trim().min(8).max(200) }),
  z.object({ kind: z.literal("staff"), username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }),
]);
export type TSignInInput = z.infer<typeof ZSignInInput>;
export type SignInKind = TSignInInput["kind"];

export const SIGN_IN_KINDS = ["delegate", "token", "staff"] as const satisfies readonly SignInKind[];

export function isSignInKind(value: unknown): value is SignInKind {
  return typeof value === "string" && (SIGN_IN_KINDS as readonly string[]).includes(value);
}

/** Only same-site paths are followed after sign-in (null: go to the account's own home instead). */
export function safeCallbackUrl(value: unknown): string | null {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : null;
}
