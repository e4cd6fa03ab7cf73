import "server-only";
import { env } from "../env";
import type { ActorRef } from "./actor";
import { sessionRefFromCookieHeader } from "./session-token";

// Apart from ./session (which reads Next's request): the tRPC server outside Next uses this.

/** The reference the request's session cookie carries (signed and unexpired), not yet checked against the database. */
export function sessionRefOf(cookieHeader: string | null | undefined): ActorRef | null {
  return sessionRefFromCookieHeader(cookieHeader, env.NEXTAUTH_SECRET);
}
