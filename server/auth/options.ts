import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { ActorRef } from "./actor";
import { endSession } from "./sign-out";
import { signInDelegateWithPin, signInDelegateWithToken, signInStaff } from "./sign-in";

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

// next-auth turns a thrown Error's message into `?error=` for the sign-in page, which
// localizes it; only our own codes get through, anything else reads as INTERNAL.
function asRef(run: () => Promise<ActorRef>) {
  return run()
    .then((ref) => ({ id: ref.id, ref }))
    .catch((e: unknown) => {
      throw new Error(e instanceof AppError ? e.code : "INTERNAL");
    });
}

const ZPinCredentials = z.object({ cardCode: z.string().trim().min(1).max(32), pin: z.string().min(1).max(32) });
const ZTokenCredentials = z.object({ token: z.string().trim().min(8).max(200) });
const ZStaffCredentials = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error("INVALID_CREDENTIALS");
  return parsed.data;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "delegate-pin",
      name: "delegate-pin",
      credentials: { cardCode: { type: "text" }, pin: { type: "password" } },
      authorize: async (credentials, req) => {
        const c = parse(ZPinCredentials, credentials);
        return asRef(() => signInDelegateWithPin(db, c.cardCode, c.pin, clientKeyFrom(req?.headers)));
      },
    }),
    CredentialsProvider({
      id: "delegate-token",
      name: "delegate-token",
      credentials: { token: { type: "text" } },
      authorize: async (credentials, req) => {
        const c = parse(ZTokenCredentials, credentials);
        return asRef(() => signInDelegateWithToken(db, c.token, clientKeyFrom(req?.headers)));
      },
    }),
    CredentialsProvider({
      id: "staff",
      name: "staff",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      authorize: async (credentials, req) => {
        const c = parse(ZStaffCredentials, credentials);
        return asRef(() => signInStaff(db, c.username, c.password, clientKeyFrom(req?.headers)));
      },
    }),
  ],
  // next-auth's sign-out route only clears the browser's cookie; this ends the session itself.
  events: { signOut: ({ token }) => endSession(db, token) },
  callbacks: {
    jwt({ token, user }) {
      if (user && "ref" in user) token.ref = (user as { ref: ActorRef }).ref;
      return token;
    },
    session({ session, token }) {
      // Only the reference goes to the browser; roles and names are re-read from the database on each request.
      return { ...session, ref: token.ref as ActorRef | undefined };
    },
  },
};
