import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "../db";
import { env } from "../env";
import { loadActor, type Actor, type ActorRef } from "./actor";
import { sessionRefFromCookieHeader } from "./session-token";

/** The reference the request's session cookie carries (signed and unexpired), not yet checked against the database. */
export function sessionRefOf(cookieHeader: string | null | undefined): ActorRef | null {
  return sessionRefFromCookieHeader(cookieHeader, env.NEXTAUTH_SECRET);
}

/** The current request's actor (or null), checked against the database once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const store = await cookies();
  const header = store
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  return loadActor(db, sessionRefOf(header));
});
