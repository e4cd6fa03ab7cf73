import "server-only";
import { BlockList, isIP } from "node:net";
import type { NextAuthOptions } from "next-auth";
import { db } from "../db";
import { env } from "../env";
import type { ActorRef } from "./actor";
import { SESSION_MAX_AGE_S } from "./session-token";
import { endSession } from "./sign-out";

/** Set by scripts/serve-next.cjs on every request to the connection's address (whatever the client sent under that name). */
export const PEER_HEADER = "x-minsheng-peer";

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const plainAddress = (a: string) => a.trim().replace(/^::ffff:(?=\d+\.)/, "");
const inList = (list: BlockList, a: string) => isIP(a) !== 0 && list.check(a, isIP(a) === 6 ? "ipv6" : "ipv4");

let configured: BlockList | undefined;

/**
 * The client address for throttling. The connection's own address, unless it is one of our
 * TRUSTED_PROXIES: then X-Forwarded-For read from the right, past our own proxies (each
 * appends what it saw), and the first address that is not one of them is the client's.
 * Entries further left are whatever the client sent, and a client talking to us directly
 * sends nothing we believe: a made-up X-Forwarded-For no longer buys a fresh allowance.
 * Without the connection's address (not served by scripts/serve-next.cjs: `next dev`,
 * tests) every request is one bucket, "direct".
 */
export function clientKeyFrom(headers: Headers | Record<string, unknown> | undefined, trusted?: readonly string[]): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | undefined));
  const peer = plainAddress(get(PEER_HEADER) ?? "");
  if (!peer) return "direct";
  const proxies = trusted ? blockListOf(trusted) : (configured ??= blockListOf(env.TRUSTED_PROXIES));
  if (!inList(proxies, peer)) return peer;
  const chain = (get("x-forwarded-for") ?? "").split(",").map(plainAddress).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) if (!inList(proxies, chain[i]!)) return chain[i]!;
  return chain[0] ?? peer;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Signing in is /api/sign-in's (a plain form post, see there); next-auth reads and ends
  // the session it issues: the proxy's gate, /api/auth/session, sign-out.
  providers: [],
  // next-auth's sign-out route only clears the browser's cookie; this ends the session itself.
  events: { signOut: ({ token }) => endSession(db, token) },
  callbacks: {
    session({ session, token }) {
      // Only the reference goes to the browser; roles and names are re-read from the database on each request.
      return { ...session, ref: token.ref as ActorRef | undefined };
    },
  },
};
