import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "../db";
import { loadActor, type Actor, type ActorRef } from "./actor";
import { authOptions } from "./options";

/** The current request's actor (or null), checked against the database once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { ref?: ActorRef } | null;
  return loadActor(db, session?.ref);
});
