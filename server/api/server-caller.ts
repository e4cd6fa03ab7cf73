import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { clientKeyFrom } from "../auth/options";
import { getActor } from "../auth/session";
import { createCaller } from "./root";
import { createContextFor } from "./trpc";

/** The tRPC caller for server components: same procedures, same permission checks, no HTTP hop. */
export const getServerCaller = cache(async () => createCaller(createContextFor(await getActor(), clientKeyFrom(await headers()))));

/**
 * For pages cached for everyone (the public project pages): the procedures as an anonymous
 * reader calls them. Reads no cookie or header, so the page can be rendered once and reused.
 */
export const getPublicCaller = cache(() => createCaller(createContextFor(null)));
