import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "../db";
import { loadActor, type Actor } from "./actor";
import { sessionRefOf } from "./session-ref";

export { sessionRefOf };

/** The current request's actor (or null), checked against the database once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const store = await cookies();
  const header = store
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  return loadActor(db, sessionRefOf(header));
});
