import "server-only";
import type { NextAuthOptions } from "next-auth";
import { env } from "../env";
import type { ActorRef } from "./actor";
import { SESSION_MAX_AGE_S } from "./session-token";

/**
 * The client address for throttling, as our reverse proxy reports it, else a fixed bucket.
 * The proxy appends the address it saw to X-Forwarded-For, so only the last entry is
 * trustworthy: the ones before it are whatever the client sent, and taking the first let
 * anyone escape the per-client sign-in cap by sending a new made-up address each time.
 */
export function clientKeyFrom(headers: Headers | Record<string, unknown> | undefined): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | undefined));
  return get("x-forwarded-for")?.split(",").at(-1)?.trim() || get("x-real-ip") || "direct";
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Signing in is /api/sign-in's (a plain form post, see there); next-auth reads and ends
  // the session it issues: the proxy's gate, /api/auth/session, sign-out.
  providers: [],
  callbacks: {
    session({ session, token }) {
      // Only the reference goes to the browser; roles and names are re-read from the database on each request.
      return { ...session, ref: token.ref as ActorRef | undefined };
    },
  },
};
